const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** RFC 4648 §5: `-` and `_` for `+` and `/`. */
const URL_CODES = Uint8Array.from(ALPHABET.replace("+", "-").replace("/", "_"), (c) => c.charCodeAt(0));
const PAD = 0x3d;
const ascii = new TextDecoder();

/**
 * Standard base64 with padding, without `btoa`'s string round-trip.
 *
 * The text is written as ASCII bytes and decoded once: appending four characters at a time would leave a chain of
 * several hundred string pieces for every certificate in a report.
 *
 * @param bytes - the bytes
 * @returns their base64 text
 * @example
 * ```ts
 * encodeBase64(new Uint8Array([1, 2, 3])); // "AQID"
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  return encode(bytes, CODES, true);
}

/**
 * base64url without padding (RFC 4648 §5), as JSON Web Keys write their numbers (RFC 7518 §6.3.1).
 *
 * @param bytes - the bytes
 * @returns their base64url text
 * @example
 * ```ts
 * encodeBase64Url(new Uint8Array([0xfb, 0xff])); // "-_8"
 * ```
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_CODES, false);
}

function encode(bytes: Uint8Array, codes: Uint8Array, pad: boolean): string {
  const out = new Uint8Array(pad ? Math.ceil(bytes.length / 3) * 4 : Math.ceil((bytes.length * 4) / 3));
  let i = 0;
  let o = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = codes[n >> 18]!;
    out[o++] = codes[(n >> 12) & 63]!;
    out[o++] = codes[(n >> 6) & 63]!;
    out[o++] = codes[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = codes[n >> 18]!;
    out[o++] = codes[(n >> 12) & 63]!;
    if (rest === 2) out[o++] = codes[(n >> 6) & 63]!;
    else if (pad) out[o++] = PAD;
    if (pad) out[o++] = PAD;
  }
  return ascii.decode(out);
}
