import { copyBytes, concat } from "../lib/bytes.js";
import { Tag } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";

// DER builders for the testing kit: small, strict, and only what the kit writes.

/**
 * A SEQUENCE of already-encoded elements.
 *
 * @param parts - the encoded elements, in order
 * @returns the SEQUENCE
 */
export const seq = (...parts: readonly Uint8Array[]): Uint8Array => encodeTlv(Tag.SEQUENCE, concat(parts));

/**
 * A SET OF, sorted as DER demands (X.690 §11.6).
 *
 * @param parts - the encoded elements
 * @returns the SET, elements in byte order
 */
export function setOf(...parts: readonly Uint8Array[]): Uint8Array {
  return encodeTlv(Tag.SET, concat([...parts].sort(compareBytes)));
}

/**
 * A SET OF kept in the given order: deliberately non-DER when the order is not sorted.
 *
 * @param parts - the encoded elements
 * @returns the SET, elements as given
 */
export const setAsGiven = (...parts: readonly Uint8Array[]): Uint8Array => encodeTlv(Tag.SET, concat(parts));

/**
 * An explicit context tag `[n]` around encoded elements.
 *
 * @param n - the tag number
 * @param parts - the encoded elements inside
 * @returns the tagged element
 */
export const explicit = (n: number, ...parts: readonly Uint8Array[]): Uint8Array => encodeTlv(0xa0 | n, concat(parts));

/**
 * An implicit primitive context tag `[n]` over raw content.
 *
 * @param n - the tag number
 * @param content - the content octets
 * @returns the tagged element
 */
export const implicitPrim = (n: number, content: Uint8Array): Uint8Array => encodeTlv(0x80 | n, content);

/**
 * Retags an encoded element (implicit tagging of a constructed type).
 *
 * @param der - an encoded element
 * @param tag - the new identifier octet
 * @returns a copy with the new tag
 */
export function retag(der: Uint8Array, tag: number): Uint8Array {
  const out = copyBytes(der);
  out[0] = tag;
  return out;
}

/**
 * Byte order of DER SET OF elements.
 *
 * @param a - one encoding
 * @param b - another
 * @returns negative, zero or positive, as for `Array.prototype.sort`
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * An OBJECT IDENTIFIER from its dotted form.
 *
 * @param dotted - e.g. `1.2.840.113549.1.7.2`
 * @returns the encoded OID
 */
export function oidDer(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new TypeError(`bad OID "${dotted}"`);
  const out: number[] = [];
  const push = (v: number): void => {
    const bytes = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) bytes.unshift(0x80 | (x & 0x7f));
    out.push(...bytes);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return encodeTlv(Tag.OID, Uint8Array.from(out));
}

/**
 * The minimal two's-complement content octets of a non-negative integer.
 *
 * @param value - the integer
 * @returns its content octets
 */
export function unsignedBytes(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError("negative integer");
  const bytes: number[] = [];
  for (let v = value; v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return Uint8Array.from(bytes);
}

/**
 * Strips surplus leading zeros from big-endian magnitude octets and adds one when the top bit is set.
 *
 * @param magnitude - unsigned big-endian octets
 * @returns minimal INTEGER content octets
 */
export function minimalUnsigned(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const v = magnitude.subarray(i);
  return v[0]! & 0x80 ? concat([Uint8Array.of(0), v]) : copyBytes(v);
}

/**
 * An INTEGER from a number or bigint (non-negative).
 *
 * @param value - the integer
 * @returns the encoded INTEGER
 */
export const int = (value: number | bigint): Uint8Array => encodeTlv(Tag.INTEGER, unsignedBytes(BigInt(value)));

/**
 * An INTEGER from content octets that are already minimal.
 *
 * @param content - the content octets
 * @returns the encoded INTEGER
 */
export const intBytes = (content: Uint8Array): Uint8Array => encodeTlv(Tag.INTEGER, content);

/**
 * An ENUMERATED.
 *
 * @param value - the value
 * @returns the encoded ENUMERATED
 */
export const enumerated = (value: number): Uint8Array => encodeTlv(Tag.ENUMERATED, unsignedBytes(BigInt(value)));

/** A BOOLEAN TRUE (FALSE is the DEFAULT everywhere the kit writes one, so it is omitted). */
export const TRUE = Uint8Array.of(Tag.BOOLEAN, 1, 0xff);

/** A NULL. */
export const NULL = Uint8Array.of(Tag.NULL, 0);

/**
 * An OCTET STRING.
 *
 * @param content - the octets
 * @returns the encoded OCTET STRING
 */
export const octetString = (content: Uint8Array): Uint8Array => encodeTlv(Tag.OCTET_STRING, content);

/**
 * A BIT STRING with no unused bits.
 *
 * @param content - the octets
 * @returns the encoded BIT STRING
 */
export const bitString = (content: Uint8Array): Uint8Array => encodeTlv(Tag.BIT_STRING, concat([Uint8Array.of(0), content]));

const utf8 = new TextEncoder();

/**
 * A UTF8String.
 *
 * @param s - the text
 * @returns the encoded string
 */
export const utf8String = (s: string): Uint8Array => encodeTlv(Tag.UTF8_STRING, utf8.encode(s));

/**
 * A PrintableString.
 *
 * @param s - text within the PrintableString character set
 * @returns the encoded string
 * @throws TypeError for characters outside the set
 */
export function printableString(s: string): Uint8Array {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s)) throw new TypeError(`"${s}" is not a PrintableString`);
  return encodeTlv(Tag.PRINTABLE_STRING, utf8.encode(s));
}

/**
 * An IA5String.
 *
 * @param s - ASCII text
 * @returns the encoded string
 */
export const ia5String = (s: string): Uint8Array => encodeTlv(Tag.IA5_STRING, utf8.encode(s));

/**
 * A BIT STRING of named bits in DER form: no trailing zero octets, unused bits counted (X.690 §11.2.2).
 *
 * @param bits - bit positions that are set
 * @returns the encoded BIT STRING
 */
export function namedBits(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return encodeTlv(Tag.BIT_STRING, Uint8Array.of(0));
  const top = Math.max(...bits);
  const bytes = new Uint8Array((top >> 3) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  const last = bytes[bytes.length - 1]!;
  let unused = 0;
  while (unused < 7 && (last & (1 << unused)) === 0) unused++;
  return encodeTlv(Tag.BIT_STRING, concat([Uint8Array.of(unused), bytes]));
}
