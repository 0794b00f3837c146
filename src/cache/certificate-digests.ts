import { toHex } from "../lib/hex.js";
import { sha256 } from "./sha256.js";
import type { Certificate } from "../model/certificate.js";
import { ObjectMemo } from "./object-memos.js";

/** Keys that identify a certificate's octets and its public key, for hash-keyed look-ups. */
export interface CertificateDigests {
  /** SHA-256 of the whole DER, hex: equal for equal octets, and no one can make two certificates share it. */
  readonly der: string;
  /** SHA-256 of the SubjectPublicKeyInfo, hex. */
  readonly spki: string;
}

const memo = new ObjectMemo<Certificate, CertificateDigests>("certificate digests");

/**
 * SHA-256 keys of a certificate's DER and SPKI, made once per certificate object: path building de-duplicates
 * candidates, finds listed copies and cuts loops by these keys instead of comparing octets pairwise, so many
 * certificates sharing a name and a long prefix cost a hash each, not a comparison per pair. Not the DER itself as a
 * string key: a JS engine hashes only a string's first characters (V8: 16 383), so crafted certificates sharing a long
 * prefix would share one bucket and be compared in full again; and synchronous, because WebCrypto's digest is not.
 *
 * @param cert - a decoded certificate
 * @returns the keys
 * @example
 * ```ts
 * if (seen.has(certificateDigests(cert).der)) return; // the same certificate again
 * ```
 */
export function certificateDigests(cert: Certificate): CertificateDigests {
  return memo.get(cert) ?? memo.set(cert, { der: toHex(sha256(cert.der)), spki: toHex(sha256(cert.spki)) });
}
