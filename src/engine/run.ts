import { rememberJson } from "../cache/json-memo.js";
import { CacheTables, tablesOf, type ValidationCache } from "../cache/validation-cache.js";
import type { DigestFunction, Env, WebCrypto } from "../crypto/types.js";
import { Decree130Error } from "../errors.js";
import { decodePem } from "../lib/pem.js";
import type { Certificate } from "../model/certificate.js";
import { createFetchSession, type FetchSession } from "../fetch/session.js";
import type { Fetcher, FetchLimits } from "../fetch/types.js";
import { resolveLimits, type Limits } from "../model/limits.js";
import type { TrustList, TrustListJson } from "../model/trust-list.js";
import { resolvePolicy, type Policy } from "../policy/policy.js";
import type { RevocationSources } from "../revocation/types.js";
import { parseTimeInput } from "../time/parse-time.js";
import { asTrustList } from "../trust/load.js";
import { createPathSession, type PathSession } from "../path/session.js";

/** What every format's validation takes besides the file: trust, evidence, times, policy, crypto, cache and limits. */
export interface JudgeOptions {
  /**
   * The providers to trust: a list loaded with `loadTrustList` or `vietnamTrustList()` from `decree130/trust/vn`, or a
   * `decree130/trust-list@1` JSON object (a testing kit's `pki.trustList`), loaded on each call, or once per shared
   * `cache` while the same object is passed unchanged.
   */
  readonly trustList: TrustList | TrustListJson;
  /** Extra certificates for path building: DER, PEM or PKCS#7 bundles. */
  readonly certificates?: readonly (Uint8Array | string)[] | undefined;
  /** CRLs (DER or PEM). */
  readonly crls?: readonly (Uint8Array | string)[] | undefined;
  /** OCSP responses (DER). */
  readonly ocspResponses?: readonly Uint8Array[] | undefined;
  /**
   * Validation time; default: the clock, read once. Text is read by `parseTimeInput` (ISO-8601 or
   * `dd/mm/yyyy [HH:mm[:ss]]`; without a zone, Vietnam time).
   */
  readonly now?: Date | string | undefined;
  /** A signing time the caller vouches for (a receipt log, a submission time): a proof of existence. Text as for `now`. */
  readonly signingTime?: Date | string | undefined;
  /** Strictness choices; see {@link Policy}. */
  readonly policy?: Partial<Policy> | undefined;
  /** WebCrypto; default `globalThis.crypto`. */
  readonly crypto?: WebCrypto | undefined;
  /** A streaming digest for content (hashes parts without joining or copying them); default WebCrypto's digest. */
  readonly digest?: DigestFunction | undefined;
  /** Shared cache; default: a fresh one per call. */
  readonly cache?: ValidationCache | undefined;
  /** Bounds on input size and counts; see {@link Limits}. */
  readonly limits?: Partial<Limits> | undefined;
  /**
   * Fetches what the file and the caller do not supply: CRLs from distribution points, OCSP answers, and issuer
   * certificates from caIssuers when no path can be built otherwise. The library fetches through this function and
   * nothing else; without it nothing is fetched. `createHttpFetcher()` from `decree130/fetch` is one that is safe to
   * point at a document's URLs. See docs/online.md.
   */
  readonly fetch?: Fetcher | undefined;
  /** Bounds of one validation's fetching; each missing one takes its `DEFAULT_FETCH_LIMITS` value. */
  readonly fetchLimits?: Partial<FetchLimits> | undefined;
  /** Aborts the validation's fetches (each then fails with `ABORTED`; the validation still returns its report). */
  readonly signal?: AbortSignal | undefined;
}

/** What one validation shares between its signatures: the options resolved and checked once. */
export interface Run {
  readonly trustList: TrustList;
  readonly policy: Policy;
  readonly now: number;
  readonly callerSigningTime: number | undefined;
  readonly limits: Limits;
  /** WebCrypto and the cache's keys. */
  readonly env: Env;
  readonly tables: CacheTables;
  /** Evidence and certificates the caller supplied, decoded (certificates through the cache). */
  readonly supplied: { readonly certificates: readonly Certificate[]; readonly revocation: RevocationSources };
  /** The validation's fetch session, when the caller gave a fetcher. */
  readonly online: FetchSession | undefined;
  /** How certificates are read (DER, PEM, PKCS#7 bundles): supplied ones, and fetched caIssuers. */
  readonly readCertificates: CertificateReader;
  /** The file's path session: one budget for all its path searches, each candidate list indexed once. */
  readonly paths: PathSession;
}

/** Reads supplied certificates (DER, PEM or PKCS#7): given by the format layer, which knows how to read a bundle. */
export type CertificateReader = (input: Uint8Array | string, tables: CacheTables) => Certificate[];

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

/**
 * The trust list to judge with: a list given as `decree130/trust-list@1` JSON is loaded once per shared cache while the
 * caller passes the same object unchanged (a service holding its list as JSON), instead of on every call.
 */
function trustListOf(options: JudgeOptions): TrustList {
  const given: unknown = typeof options === "object" && options !== null ? options.trustList : undefined;
  const cache = options?.cache;
  if (!(cache instanceof CacheTables) || !cache.shared || typeof given !== "object" || given === null) return asTrustList(given);
  if (typeof (given as Partial<TrustList>).anchorsFor === "function" || !Object.hasOwn(given, "schema")) return asTrustList(given);
  return rememberJson(cache.trustLists, given, () => asTrustList(given));
}

/**
 * Resolves and checks a validation's options once: misuse throws here, before any file is read.
 *
 * @param options - the caller's options
 * @param readCertificates - how supplied certificates are read
 * @returns the run
 * @throws TypeError for misuse (no trust list, an invalid `Date`, a time neither a `Date` nor text, no WebCrypto, a
 *   foreign cache)
 * @throws {@link Decree130Error} for supplied evidence that does not decode, or more of it than the limits allow,
 *   `TIME_INVALID` for a `now` or `signingTime` text that is not a time, and `TRUST_LIST_INVALID` for a trust list
 *   object that breaks the format
 * @example
 * ```ts
 * const run = startRun(options, readCertificates);
 * ```
 */
export function startRun(options: JudgeOptions, readCertificates: CertificateReader): Run {
  const trustList = trustListOf(options);
  const limits: Limits = resolveLimits(options.limits);
  const policy = resolvePolicy(options.policy);
  const now = requireDate(options.now, "now") ?? Date.now();
  const callerSigningTime = requireDate(options.signingTime, "signingTime");
  const crypto = options.crypto ?? globalThis.crypto;
  if (!crypto?.subtle) throw new TypeError("WebCrypto is not available: pass options.crypto");
  const tables = tablesOf(options.cache);
  const crls = options.crls ?? [];
  const ocsp = options.ocspResponses ?? [];
  if (crls.length + ocsp.length > limits.maxRevocationObjects) {
    throw new Decree130Error("LIMIT_EXCEEDED", `more than ${limits.maxRevocationObjects} CRLs and OCSP responses`);
  }
  const revocation: RevocationSources = {
    crls: crls.map((c) => {
      const der = crlDer(c);
      return { crl: tables.crls.decode(der, 0, der.length), origin: "caller" as const };
    }),
    ocsp: ocsp.map((o) => ({ response: tables.ocsp.decode(o, 0, o.length), origin: "caller" as const })),
  };
  const certificates = (options.certificates ?? []).flatMap((c) => readCertificates(c, tables));
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new TypeError("options.fetch must be a function (url, request) => Promise<Uint8Array>");
  const online = options.fetch
    ? createFetchSession({ fetch: options.fetch, now, cache: tables.fetched, limits: options.fetchLimits, signal: options.signal })
    : undefined;
  return {
    trustList,
    policy,
    now,
    callerSigningTime,
    limits,
    env: { crypto, keys: tables.keys, ...(options.digest ? { digest: options.digest } : {}) },
    tables,
    supplied: { certificates, revocation },
    online,
    readCertificates,
    paths: createPathSession({ maxCandidates: limits.maxPathCandidates, maxSignatureChecks: limits.maxPathSignatureChecks }),
  };
}
