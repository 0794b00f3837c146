import { bytesEqual } from "../asn1/encode.js";

/** Octets hashed from each end: a DER object's tail holds its signature or its most specific fields. */
const HEAD = 64;
const TAIL = 256;

/**
 * A cheap, non-cryptographic fingerprint of a byte string, for use as a map key. It only narrows a look-up: a cache that
 * uses it must still compare the exact bytes on a hit, since two inputs may share a fingerprint (an attacker can make
 * them collide at will). It hashes the length and at most the first 64 and last 256 octets, so its cost does not grow
 * with the input (a CRL can run to megabytes).
 *
 * @param bytes - the bytes
 * @returns the length and a 32-bit FNV-1a hash, as a short string
 * @example
 * ```ts
 * const key = fingerprint(crlDer); // e.g. "1234:9f1c03aa"
 * ```
 */
export function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  const n = bytes.length;
  const head = Math.min(n, HEAD);
  for (let i = 0; i < head; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  for (let i = Math.max(head, n - TAIL); i < n; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${n}:${(h >>> 0).toString(16)}`;
}

/**
 * Whether two byte strings are identical.
 *
 * @param a - first
 * @param b - second
 * @returns `true` when they have the same length and octets
 * @example
 * ```ts
 * sameBytes(cached.der, der); // confirm a fingerprint hit
 * ```
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return bytesEqual(a, b);
}
