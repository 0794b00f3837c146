/**
 * A cheap, non-cryptographic fingerprint of a byte string, for use as a map key. It only narrows a look-up: a cache that
 * uses it must still compare the exact bytes on a hit, since two inputs may share a fingerprint (an attacker can make
 * them collide at will).
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
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
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
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
