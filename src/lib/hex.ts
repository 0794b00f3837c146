const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0").toUpperCase());

/**
 * Upper-case hex of some bytes, as people write serial numbers.
 *
 * @param bytes - the bytes
 * @returns two upper-case hex digits per octet
 * @example
 * ```ts
 * toHex(Uint8Array.of(0x0a, 0xff)); // "0AFF"
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += HEX[b]!;
  return s;
}
