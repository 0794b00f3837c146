import { OID } from "../asn1/oids.js";
import { bitString, enumerated, explicit, implicitPrim, int, intBytes, seq } from "./asn1.js";
import { KEY_ALGORITHMS, type Digest } from "./algorithms.js";
import { encodeExtension, type RawExtension } from "./extensions.js";
import type { TestIdentity } from "./identity.js";
import { signBytes } from "./keys.js";
import { REASON_CODES, revocationsAt, type RevocationEntry } from "./revocation.js";
import { generalizedTime, toMillis, x509Time, type DateInput } from "./time.js";

/** Options of {@link createCrl}. */
export interface CrlOptions {
  readonly thisUpdate: DateInput;
  /** Omit to leave nextUpdate out (RFC 5280 requires it; useful to test that rule). */
  readonly nextUpdate?: DateInput;
  /** The entries to list. Default: the issuer's revocations recorded with `revoke()` at or before thisUpdate. */
  readonly entries?: readonly RevocationEntry[];
  /** The cRLNumber. Default: thisUpdate in seconds, so later CRLs have larger numbers. */
  readonly crlNumber?: bigint | number;
  /** Make it a delta CRL against this base CRL number. */
  readonly deltaOf?: bigint | number;
  /** Sign with another identity (an indirect or wrong signer); the issuer name and AKI stay the issuer's. */
  readonly signer?: TestIdentity;
  /** More CRL extensions. */
  readonly extensions?: readonly RawExtension[];
  readonly digest?: Digest;
  readonly crypto?: Crypto;
}

function entryDer(e: RevocationEntry): Uint8Array {
  const exts: RawExtension[] = [];
  if (e.reason !== "unspecified") exts.push({ oid: OID.cRLReason, value: enumerated(REASON_CODES[e.reason]) });
  if (e.invalidityDate !== undefined) exts.push({ oid: OID.invalidityDate, value: generalizedTime(e.invalidityDate) });
  return seq(intBytes(e.serial), x509Time(e.at), ...(exts.length ? [seq(...exts.map(encodeExtension))] : []));
}

/**
 * Creates a signed X.509 v2 CRL (RFC 5280 §5) for `issuer`.
 *
 * @param issuer - the CA whose CRL it is
 * @param options - dates, entries, number
 * @returns the CRL (DER)
 * @example
 * ```ts
 * revoke(pki.publicCa, signer, { at: "2025-06-01T00:00:00Z", reason: "keyCompromise" });
 * const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-06-02T00:00:00Z", nextUpdate: "2025-06-09T00:00:00Z" });
 * ```
 */
export async function createCrl(issuer: TestIdentity, options: CrlOptions): Promise<Uint8Array> {
  const crypto = options.crypto ?? issuer.crypto;
  const thisUpdate = toMillis(options.thisUpdate, "thisUpdate");
  const signer = options.signer ?? issuer;
  const digest = options.digest ?? "SHA-256";
  const entries = options.entries ?? revocationsAt(issuer, thisUpdate);
  const number = options.crlNumber ?? Math.floor(thisUpdate / 1000);
  const exts: RawExtension[] = [
    { oid: OID.authorityKeyIdentifier, value: seq(implicitPrim(0, issuer.subjectKeyId)) },
    { oid: OID.cRLNumber, value: int(number) },
  ];
  if (options.deltaOf !== undefined) exts.push({ oid: OID.deltaCRLIndicator, critical: true, value: int(options.deltaOf) });
  exts.push(...(options.extensions ?? []));
  const sigAlg = KEY_ALGORITHMS[signer.keyAlgorithm].signatureAlgorithm(digest);
  const tbs = seq(
    int(1),
    sigAlg,
    issuer.subject,
    x509Time(thisUpdate),
    ...(options.nextUpdate === undefined ? [] : [x509Time(toMillis(options.nextUpdate, "nextUpdate"))]),
    ...(entries.length ? [seq(...entries.map(entryDer))] : []),
    explicit(0, seq(...exts.map(encodeExtension))),
  );
  const signature = await signBytes(signer.keyPair, tbs, digest, crypto);
  return seq(tbs, sigAlg, bitString(signature));
}
