
/**
 * Octets hashed from each end. A DER object's tail holds its signature (or, for signed data, its most specific fields)
 * and its head the serial number: enough to tell apart the objects a cache meets, and a collision only costs a byte
 * comparison. Every look-up pays for these octets, one at a time.
 */
const HEAD = 32;
const TAIL = 64;

/**
 * A cheap, non-cryptographic fingerprint of a byte string, for use as a map key. It only narrows a look-up: a cache that
 * uses it must still compare the exact bytes on a hit, since two inputs may share a fingerprint (an attacker can make
 * them collide at will). It hashes the length and at most the first 32 and last 64 octets, so its cost does not grow
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
  return fingerprintAt(bytes, 0, bytes.length);
}

/**
 * {@link fingerprint} of `buf[start..end)`, without making a view of it.
 *
 * @param buf - the bytes
 * @param start - first octet
 * @param end - octet after the last
 * @returns the same string `fingerprint(buf.subarray(start, end))` gives
 * @example
 * ```ts
 * const key = fingerprintAt(tlv.buf, tlv.start, tlv.end);
 * ```
 */
export function fingerprintAt(buf: Uint8Array, start: number, end: number): string {
  let h = 0x811c9dc5;
  const n = end - start;
  const head = start + Math.min(n, HEAD);
  for (let i = start; i < head; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  for (let i = Math.max(head, end - TAIL); i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return `${n}:${(h >>> 0).toString(16)}`;
}

