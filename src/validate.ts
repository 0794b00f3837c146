import { decodeCrlCached, type CrlCache } from "./cache/crl-cache.js";
import { createValidationCache, type ValidationCache } from "./cache/validation-cache.js";
import { certificateDecoder } from "./cache/certificate-cache.js";
import { memoizeVerify } from "./cache/verify-memo.js";
import type { Env } from "./crypto/types.js";
import { gatherEvidence } from "./engine/revocation-sources.js";
import { judgeSignature, type FileContext } from "./engine/judge-signature.js";
import { Decree130Error } from "./errors.js";
import { readCertificates } from "./input/certificates.js";
import { decodeSignedData } from "./input/cms.js";
import { DEFAULT_LIMITS, type Limits } from "./input/limits.js";
import { readSignatureBytes } from "./input/read.js";
import type { TrustList } from "./model/trust-list.js";
import { resolvePolicy, type Policy } from "./policy/policy.js";
import { warning } from "./report/finding.js";
import type { Report } from "./report/types.js";
import { decodeOcspResponse } from "./revocation/ocsp.js";
import { parseTimeInput } from "./time/parse-time.js";
import type { RevocationSources } from "./revocation/types.js";
import { decodePem } from "./trust/pem.js";

export { createValidationCache };
export type { ValidationCache };
export type { ValidationCacheOptions } from "./cache/validation-cache.js";

/** Options of {@link validate}. Only `trustList` is required. */
export interface ValidateOptions {
  /** The providers to trust (interfaces.md §3), loaded with `loadTrustList` or `vietnamTrustList()` from `decree130/trust/vn`. */
  readonly trustList: TrustList;
  /** The signed content, for a detached signature. */
  readonly content?: Uint8Array;
  /** Extra certificates for path building: DER, PEM or PKCS#7 bundles. */
  readonly certificates?: readonly (Uint8Array | string)[];
  /** CRLs (DER or PEM). */
  readonly crls?: readonly (Uint8Array | string)[];
  /** OCSP responses (DER). */
  readonly ocspResponses?: readonly Uint8Array[];
  /**
   * Validation time; default: the clock, read once here. Text is read by {@link parseTimeInput} (ISO-8601 or
   * `dd/mm/yyyy [HH:mm[:ss]]`; without a zone, Vietnam time).
   */
  readonly now?: Date | string;
  /** A signing time the caller vouches for (a receipt log, a submission time): a proof of existence. Text as for `now`. */
  readonly signingTime?: Date | string;
  /** Strictness choices; see {@link Policy}. */
  readonly policy?: Partial<Policy>;
  /** WebCrypto; default `globalThis.crypto`. */
  readonly crypto?: Crypto;
  /** Shared cache; default: a fresh one per call. */
  readonly cache?: ValidationCache;
  /** Bounds on input size and counts; see {@link Limits}. */
  readonly limits?: Partial<Limits>;
}

function requireDate(value: Date | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return parseTimeInput(value).time.getTime();
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError(`options.${name} must be a valid Date or a time as text`);
  return value.getTime();
}

/**
 * The DER of a caller's CRL: DER as given, or the first `X509 CRL` block of PEM text.
 *
 * @param input - a CRL file's bytes or text
 * @returns the CRL's DER
 * @throws {@link Decree130Error} `MALFORMED_CRL` when no CRL is found
 * @example
 * ```ts
 * decodeCrl(crlDer(pemText));
 * ```
 */
export function crlDer(input: Uint8Array | string): Uint8Array {
  if (typeof input !== "string" && input[0] === 0x30) return input;
  const text = typeof input === "string" ? input : new TextDecoder("latin1").decode(input);
  try {
    const block = decodePem(text).find((b) => b.label === "X509 CRL");
    if (block) return block.der;
  } catch (err) {
    throw new Decree130Error("MALFORMED_CRL", `unreadable CRL: ${(err as Error).message}`, { cause: err });
  }
  throw new Decree130Error("MALFORMED_CRL", "no CRL found in the input (expected DER or PEM X509 CRL)");
}

function callerEvidence(options: ValidateOptions, limits: Limits, crlCache: CrlCache | undefined): RevocationSources {
  const crls = options.crls ?? [];
  const ocsp = options.ocspResponses ?? [];
  if (crls.length + ocsp.length > limits.maxRevocationObjects) {
    throw new Decree130Error("LIMIT_EXCEEDED", `more than ${limits.maxRevocationObjects} CRLs and OCSP responses`);
  }
  return {
    crls: crls.map((c) => ({ crl: decodeCrlCached(crlDer(c), crlCache), origin: "caller" as const })),
    ocsp: ocsp.map((o) => ({ response: decodeOcspResponse(o), origin: "caller" as const })),
  };
}

/**
 * Judges every signature of a CMS/PKCS#7 file under Decree 130/2018 Art. 9: validity period, key correspondence,
 * issuer type and sole control, each `PASSED`, `FAILED` or `INDETERMINATE` with a stable code, and a verdict.
 *
 * A bad signature is not an error: it yields a report. Only input that is not a readable signature throws.
 *
 * @param input - the signature file: DER, PEM (`PKCS7`/`CMS`) or base64
 * @param options - trust list, content, evidence, times and policy
 * @returns one report per SignerInfo, in order
 * @throws {@link Decree130Error} for input that is not a signature (see its `code`), and `TIME_INVALID` for a `now` or
 *   `signingTime` text that is not a time
 * @throws TypeError for misuse (a missing trust list, an invalid `Date`, a time that is neither a `Date` nor text)
 * @example
 * ```ts
 * import { validate } from "decree130";
 * import { vietnamTrustList } from "decree130/trust/vn";
 *
 * const report = await validate(p7sBytes, { trustList: vietnamTrustList(), content: pdfBytes });
 * console.log(report.signatures[0].verdict); // "SECURE" | "NOT_SECURE" | "INDETERMINATE"
 * ```
 */
export async function validate(input: Uint8Array | string, options: ValidateOptions): Promise<Report> {
  if (typeof options !== "object" || options === null || typeof options.trustList?.anchorsFor !== "function") {
    throw new TypeError("options.trustList is required: load one with loadTrustList() or vietnamTrustList()");
  }
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const policy = resolvePolicy(options.policy);
  const now = requireDate(options.now, "now") ?? Date.now();
  const callerSigningTime = requireDate(options.signingTime, "signingTime");
  const crypto = options.crypto ?? globalThis.crypto;
  if (!crypto?.subtle) throw new TypeError("WebCrypto is not available: pass options.crypto");
  // Without a caller's cache, a fresh one still shares keys and checks between the file's signatures; CRLs are then
  // decoded in place rather than copied into a cache nobody will read again.
  const cache = options.cache ?? createValidationCache();
  const env: Env = { crypto, keys: cache.keys };
  // Certificate and CRL signature checks go through the memo; the SignerInfo's own signature never does, so every
  // validation verifies the signature it was asked about.
  const pathEnv: Env = { crypto: memoizeVerify(crypto, cache.signatures), keys: cache.keys };

  // Only a caller's cache outlives the call: decoding into a fresh one would copy every certificate for nothing.
  const decodeAt = options.cache ? certificateDecoder(options.cache.certificates) : undefined;
  const signedData = decodeSignedData(readSignatureBytes(input, limits), limits, decodeAt ? { decodeCertificate: decodeAt } : {});
  // Supplied certificates go through the same cache, so their decoded objects (and what is remembered about them) recur.
  const supplied = (options.certificates ?? []).flatMap((c) => readCertificates(c, decodeAt));
  const certificates = [...signedData.certificates, ...supplied];
  if (certificates.length > limits.maxCertificates) {
    throw new Decree130Error("LIMIT_EXCEEDED", `more than ${limits.maxCertificates} certificates`);
  }
  const gathered = gatherEvidence(signedData, callerEvidence(options, limits, options.cache?.crls), options.cache?.crls);
  const file: FileContext = {
    signedData,
    content: options.content,
    certificates,
    revocation: gathered.sources,
    trustList: options.trustList,
    policy,
    now,
    callerSigningTime,
    env,
    pathEnv,
    fileWarnings: gathered.unreadable.map((detail) => warning("EVIDENCE_REJECTED", { detail })),
  };
  const signatures = [];
  for (const signer of signedData.signers) signatures.push(await judgeSignature(signer, file));
  return { signatures };
}
