import { Decree130Error } from "../errors.js";

/** One PEM block: its label (`CERTIFICATE`, `PKCS7`, `CMS`, ...) and the DER (or BER) bytes it armours. */
export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUES: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/** ASCII whitespace, the only characters a base64 body may carry besides the alphabet and `=` padding. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function fail(message: string): never {
  throw new Decree130Error("INPUT_NOT_RECOGNIZED", message);
}

/**
 * Decodes standard base64 (RFC 4648 §4) strictly: ASCII whitespace is skipped, any other character outside the
 * alphabet is rejected, padding must be complete and final, and the unused bits of the last group must be zero (so one
 * byte string has exactly one accepted encoding).
 *
 * @param text - the base64 text
 * @returns the decoded bytes
 * @throws {@link Decree130Error} `INPUT_NOT_RECOGNIZED` naming the offending character or the padding fault
 * @example
 * ```ts
 * decodeBase64("TWFu"); // Uint8Array [77, 97, 110]
 * ```
 */
export function decodeBase64(text: string): Uint8Array {
  const digits = new Uint8Array(text.length);
  let n = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === 0x3d /* = */) {
      padding++;
      continue;
    }
    const v = c < 128 ? VALUES[c]! : -1;
    if (v < 0) fail(`invalid base64 character ${JSON.stringify(text[i])} at offset ${i}`);
    if (padding > 0) fail(`base64 data after "=" padding at offset ${i}`);
    digits[n++] = v;
  }
  if (padding > 2) fail("base64 has more than two \"=\" padding characters");
  if ((n + padding) % 4 !== 0) fail("base64 length is not a multiple of 4 (truncated or unpadded)");
  const rem = n % 4;
  if (padding !== 0 && padding !== 4 - rem) fail("base64 padding does not match the data length");
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x = (digits[i]! << 18) | (digits[i + 1]! << 12) | (digits[i + 2]! << 6) | digits[i + 3]!;
    out[o++] = x >> 16;
    out[o++] = (x >> 8) & 0xff;
    out[o++] = x & 0xff;
  }
  if (rem === 2) {
    if ((digits[i + 1]! & 0x0f) !== 0) fail("base64 final group has non-zero unused bits");
    out[o++] = (digits[i]! << 2) | (digits[i + 1]! >> 4);
  } else if (rem === 3) {
    if ((digits[i + 2]! & 0x03) !== 0) fail("base64 final group has non-zero unused bits");
    const x = (digits[i]! << 10) | (digits[i + 1]! << 4) | (digits[i + 2]! >> 2);
    out[o++] = x >> 8;
    out[o++] = x & 0xff;
  }
  return out;
}

/**
 * Finds and decodes every PEM block (RFC 7468) in a text. Text between blocks is ignored, as RFC 7468 allows; a block
 * must end with the `END` line of the same label, and its body must be strict base64 (no RFC 1421 headers).
 *
 * @param text - text holding zero or more PEM blocks
 * @returns the blocks in order (empty when the text holds none)
 * @throws {@link Decree130Error} `INPUT_NOT_RECOGNIZED` for an unterminated block, a label mismatch or a bad body
 * @example
 * ```ts
 * const [block] = decodePem(pemText);
 * if (block?.label === "CERTIFICATE") decodeCertificate(block.der);
 * ```
 */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const BEGIN = /-----BEGIN ([A-Z0-9 ]{1,64})-----/g;
  // Each iteration consumes at least one BEGIN line, so the loop is bounded by the text length.
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    const label = m[1]!;
    const bodyStart = m.index + m[0].length;
    const endLine = `-----END ${label}-----`;
    const end = text.indexOf(endLine, bodyStart);
    const nextBegin = text.indexOf("-----BEGIN ", bodyStart);
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) fail(`PEM block "${label}" has no matching END line`);
    let der: Uint8Array;
    try {
      der = decodeBase64(text.slice(bodyStart, end));
    } catch (err) {
      fail(`PEM block "${label}": ${(err as Error).message}`);
    }
    if (der.length === 0) fail(`PEM block "${label}" is empty`);
    blocks.push({ label, der });
    BEGIN.lastIndex = end + endLine.length;
  }
  return blocks;
}
