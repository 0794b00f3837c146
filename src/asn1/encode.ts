import { compareBytes, concat, copyBytes } from "../lib/bytes.js";
import { Decree130Error } from "../errors.js";
import { children, MAX_DEPTH, octets, rawOf, Tag, valueOf, type Tlv } from "./der.js";

/**
 * DER length octets.
 *
 * @param n - a content length
 * @returns the encoded length
 */
export function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/**
 * One DER element from its identifier octet and content parts.
 *
 * @param tag - the identifier octet
 * @param parts - the content, concatenated
 * @returns the element's encoding
 */
export function encodeTlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  const content = parts.length === 1 ? parts[0]! : concat(parts);
  return concat([Uint8Array.of(tag), encodeLength(content.length), content]);
}


/**
 * Re-encodes a BER element as DER: definite minimal lengths, primitive strings, SET OF elements sorted
 * (X.690 §11.6). Used where RFC 5652 says a signature covers the DER form of a structure that may arrive as BER.
 *
 * @param tlv - an element read in `ber` mode
 * @returns its DER encoding (a new array)
 */
export function toDer(tlv: Tlv): Uint8Array {
  return derEncoding(tlv).der;
}

/**
 * {@link toDer}, also telling whether the element arrived as DER (every octet after the identifier as received).
 *
 * @param tlv - an element read in `ber` mode
 * @returns its DER encoding (a new array) and whether it was DER already
 * @example
 * ```ts
 * const { der, wasDer } = derEncoding({ ...signedAttrs, tag: Tag.SET });
 * ```
 */
export function derEncoding(tlv: Tlv): { readonly der: Uint8Array; readonly wasDer: boolean } {
  // Almost every input is DER already: checking costs no allocation, re-encoding costs one per element.
  if (!isDer(tlv, 0)) return { der: encodeDer(tlv, 0), wasDer: false };
  const der = copyBytes(tlv.buf, tlv.start, tlv.end);
  der[0] = tlv.tag; // the element may be read under another tag, as signed attributes are ([0] IMPLICIT → SET)
  return { der, wasDer: true };
}

function encodeDer(tlv: Tlv, depth: number): Uint8Array {
  if (depth > MAX_DEPTH) throw new Decree130Error("NESTING_TOO_DEEP", `ASN.1 nesting deeper than ${MAX_DEPTH}`);
  if (tlv.tag === 0x24) return encodeTlv(Tag.OCTET_STRING, octets(tlv));
  if ((tlv.tag & 0x20) === 0) return encodeTlv(tlv.tag, valueOf(tlv));
  const parts = children(tlv, "ber").map((c) => encodeDer(c, depth + 1));
  if (tlv.tag === Tag.SET) parts.sort(compareBytes);
  return encodeTlv(tlv.tag, ...parts);
}

/** Whether `encodeDer` would give back the element's own octets: DER headers throughout and every SET OF in order. */
function isDer(tlv: Tlv, depth: number): boolean {
  if (depth > MAX_DEPTH) throw new Decree130Error("NESTING_TOO_DEEP", `ASN.1 nesting deeper than ${MAX_DEPTH}`);
  if (tlv.indefinite || tlv.tag === 0x24) return false;
  const header = tlv.valueStart - tlv.start;
  const length = tlv.valueEnd - tlv.valueStart;
  if (header !== 2 + (length < 0x80 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4)) return false;
  if ((tlv.tag & 0x20) === 0) return true;
  let previous: Tlv | undefined;
  for (const c of children(tlv, "ber")) {
    if (!isDer(c, depth + 1)) return false;
    if (tlv.tag === Tag.SET && previous && compareBytes(rawOf(previous), rawOf(c)) > 0) return false;
    previous = c;
  }
  return true;
}

