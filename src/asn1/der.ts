import { Decree130Error } from "../errors.js";
import { concat, copyBytes, latin1 } from "../lib/bytes.js";

/**
 * One ASN.1 element located inside a buffer. Nothing is copied: values are views of the original bytes, so a
 * signature is always checked against exactly the bytes that were signed.
 */
export interface Tlv {
  /** The buffer the element lives in. */
  readonly buf: Uint8Array;
  /** The identifier octet (class, constructed bit and tag number below 31). */
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly valueStart: number;
  /** Offset just past the last content octet (before the end-of-contents octets of an indefinite length). */
  readonly valueEnd: number;
  /** Offset just past the whole element. */
  readonly end: number;
  /** Whether the length was encoded in BER's indefinite form. */
  readonly indefinite: boolean;
}

/** `der`: strict DER (X.509, signatures). `ber`: also BER lengths and constructed strings (CMS wrappers). */
export type Encoding = "der" | "ber";

export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag `[n]`, constructed. */
export const ctx = (n: number): number => 0xa0 | n;
/** Context-specific tag `[n]`, primitive. */
export const ctxPrim = (n: number): number => 0x80 | n;

/** Deepest nesting accepted: real PKIX structures stay well below 20 levels. */
export const MAX_DEPTH = 48;

function fail(message: string): never {
  throw new Decree130Error("MALFORMED_DER", message);
}

/**
 * Reads the element starting at `offset`, which must end at or before `limit`.
 *
 * @param buf - the bytes
 * @param offset - where the identifier octet is
 * @param limit - the end of the enclosing content
 * @param encoding - `der` rejects anything DER forbids
 * @param depth - current nesting, bounded by {@link MAX_DEPTH}
 * @returns the element's location
 */
export function readTlv(buf: Uint8Array, offset: number, limit: number, encoding: Encoding = "der", depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw new Decree130Error("NESTING_TOO_DEEP", `ASN.1 nesting deeper than ${MAX_DEPTH}`);
  if (offset + 2 > limit) fail(`truncated element at offset ${offset}`);
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) fail(`high tag number form at offset ${offset}`);
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = buf[pos++]!;
  if (first === 0x80) {
    if (encoding === "der") fail(`indefinite length at offset ${offset}`);
    if (!constructed) fail(`indefinite length on a primitive element at offset ${offset}`);
    let p = pos;
    for (;;) {
      if (p + 2 > limit) fail(`missing end-of-contents for element at offset ${offset}`);
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      p = readTlv(buf, p, limit, encoding, depth + 1).end;
    }
    return { buf, tag, start: offset, valueStart: pos, valueEnd: p, end: p + 2, indefinite: true };
  }
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const n = first & 0x7f;
    if (n > 4) fail(`length of ${n} octets at offset ${offset}`);
    if (pos + n > limit) fail(`truncated length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++]!;
    if (encoding === "der" && (buf[offset + 2] === 0 || length < 0x80)) fail(`non-minimal length at offset ${offset}`);
  }
  const end = pos + length;
  if (end > limit) fail(`element at offset ${offset} runs past its container`);
  if (encoding === "der" && constructed && (tag === 0x23 || tag === 0x24)) fail(`constructed string at offset ${offset}`);
  return { buf, tag, start: offset, valueStart: pos, valueEnd: end, end, indefinite: false };
}

/**
 * Reads a buffer that must hold exactly one element, with nothing after it.
 *
 * @param buf - the bytes
 * @param encoding - `der` or `ber`
 * @returns the element
 */
export function readRoot(buf: Uint8Array, encoding: Encoding = "der"): Tlv {
  const tlv = readTlv(buf, 0, buf.length, encoding);
  if (tlv.end !== buf.length) fail(`${buf.length - tlv.end} bytes after the end of the structure`);
  return tlv;
}

/**
 * The elements inside a constructed element, in order.
 *
 * @param tlv - a constructed element
 * @param encoding - `der` or `ber`
 * @param max - how many children are allowed before the input is judged hostile
 * @returns the children
 */
export function children(tlv: Tlv, encoding: Encoding = "der", max = 100_000): Tlv[] {
  if ((tlv.tag & 0x20) === 0) fail(`primitive element at offset ${tlv.start} where a constructed one belongs`);
  const out: Tlv[] = [];
  let p = tlv.valueStart;
  while (p < tlv.valueEnd) {
    if (out.length >= max) throw new Decree130Error("LIMIT_EXCEEDED", `more than ${max} elements in one structure`);
    const child = readTlv(tlv.buf, p, tlv.valueEnd, encoding);
    out.push(child);
    p = child.end;
  }
  return out;
}

/**
 * The children of a SEQUENCE, checked for count.
 *
 * @param tlv - the SEQUENCE
 * @param min - fewest children allowed
 * @param max - most children allowed
 * @param what - what the structure is, for the error message
 * @param encoding - `der` or `ber`
 * @returns the children
 */
export function fields(tlv: Tlv, min: number, max: number, what: string, encoding: Encoding = "der"): Tlv[] {
  expect(tlv, Tag.SEQUENCE, what);
  const out = children(tlv, encoding, max + 1);
  if (out.length < min || out.length > max) fail(`${what}: ${out.length} fields where ${min}..${max} belong`);
  return out;
}

/** The content octets, as a view. */
export const valueOf = (tlv: Tlv): Uint8Array => tlv.buf.subarray(tlv.valueStart, tlv.valueEnd);

/** The whole element (identifier, length and content), as a view. */
export const rawOf = (tlv: Tlv): Uint8Array => tlv.buf.subarray(tlv.start, tlv.end);

/**
 * Checks the identifier octet.
 *
 * @param tlv - the element, or `undefined` when the structure ended early
 * @param tag - the expected identifier octet
 * @param what - what the element is, for the error message
 * @returns the same element
 */
export function expect(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined) fail(`${what} is missing`);
  if (tlv.tag !== tag) fail(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)} at offset ${tlv.start}`);
  return tlv;
}

/**
 * The content of an OCTET STRING, joining the segments of a BER constructed one.
 *
 * @param tlv - an OCTET STRING (primitive, or constructed in BER)
 * @returns the octets: a view when primitive, a new buffer when segmented
 */
export function octets(tlv: Tlv): Uint8Array {
  if (tlv.tag === Tag.OCTET_STRING) return valueOf(tlv);
  if (tlv.tag !== 0x24) fail(`expected OCTET STRING at offset ${tlv.start}`);
  const parts: Uint8Array[] = [];
  const collect = (t: Tlv, depth: number): void => {
    for (const c of children(t, "ber")) {
      if (c.tag === Tag.OCTET_STRING) parts.push(valueOf(c));
      else if (c.tag === 0x24 && depth < 8) collect(c, depth + 1);
      else fail(`bad segment in constructed OCTET STRING at offset ${c.start}`);
    }
  };
  collect(tlv, 0);
  return concat(parts);
}



/**
 * An OBJECT IDENTIFIER in dotted form, rejecting non-minimal sub-identifiers.
 *
 * @param tlv - an OID element
 * @returns e.g. `"1.2.840.113549.1.7.2"`
 */
export function oid(tlv: Tlv): string {
  expect(tlv, Tag.OID, "object identifier");
  const { buf, valueStart: start, valueEnd: end } = tlv;
  const n = end - start;
  if (n === 0 || n > 128) fail(`object identifier of ${n} octets at offset ${tlv.start}`);
  // The same few dozen OIDs recur in every certificate: remember their dotted forms (confirmed octet for octet).
  let h = n;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  const known = OID_MEMO.get(h);
  if (known !== undefined && known.octets.length === n && bytesAt(known.octets, buf, start)) return known.dotted;
  const dotted = decodeOid(tlv);
  if (OID_MEMO.size >= OID_MEMO_MAX) OID_MEMO.clear();
  OID_MEMO.set(h, { octets: copyBytes(buf, start, end), dotted });
  return dotted;
}

const OID_MEMO = new Map<number, { readonly octets: Uint8Array; readonly dotted: string }>();

const OID_MEMO_MAX = 512;

/** Whether `buf` holds `octets` at `start`. */
function bytesAt(octets: Uint8Array, buf: Uint8Array, start: number): boolean {
  for (let k = 0; k < octets.length; k++) if (octets[k] !== buf[start + k]) return false;
  return true;
}

function decodeOid(tlv: Tlv): string {
  const { buf, valueStart: start, valueEnd: end } = tlv;
  let out = "";
  let acc = 0;
  let fresh = true;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (fresh && b === 0x80) fail(`non-minimal object identifier at offset ${tlv.start}`);
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 256) fail(`object identifier arc too large at offset ${tlv.start}`);
    fresh = (b & 0x80) === 0;
    if (fresh) {
      if (out === "") {
        const first = acc < 40 ? 0 : acc < 80 ? 1 : 2;
        out = `${first}.${acc - first * 40}`;
      } else out += `.${acc}`;
      acc = 0;
    }
  }
  if (!fresh) fail(`truncated object identifier at offset ${tlv.start}`);
  return out;
}

/**
 * The content octets of an INTEGER, checked for minimal encoding.
 *
 * @param tlv - an INTEGER (or ENUMERATED, with `tag`)
 * @param tag - the expected identifier, INTEGER by default
 * @returns the two's-complement big-endian octets, as a view
 */
export function integerBytes(tlv: Tlv, tag: number = Tag.INTEGER): Uint8Array {
  checkInteger(tlv, tag);
  return valueOf(tlv);
}

/** Checks an INTEGER's tag and minimal encoding, reading the buffer in place. */
function checkInteger(tlv: Tlv, tag: number): void {
  expect(tlv, tag, "integer");
  const { buf, valueStart: i, valueEnd } = tlv;
  if (valueEnd === i) fail(`empty integer at offset ${tlv.start}`);
  if (valueEnd - i > 1 && ((buf[i] === 0 && (buf[i + 1]! & 0x80) === 0) || (buf[i] === 0xff && (buf[i + 1]! & 0x80) !== 0))) {
    fail(`non-minimal integer at offset ${tlv.start}`);
  }
}

/**
 * A small non-negative INTEGER as a number.
 *
 * @param tlv - an INTEGER
 * @param max - the largest value accepted
 * @returns the value
 */
export function smallInt(tlv: Tlv, max = 0x7fffffff, tag: number = Tag.INTEGER): number {
  checkInteger(tlv, tag);
  const { buf, valueStart, valueEnd } = tlv;
  if ((buf[valueStart]! & 0x80) !== 0) fail(`negative integer at offset ${tlv.start}`);
  let n = 0;
  for (let i = valueStart; i < valueEnd; i++) {
    n = n * 256 + buf[i]!;
    if (n > max) fail(`integer larger than ${max} at offset ${tlv.start}`);
  }
  return n;
}

/**
 * A BOOLEAN; DER demands 0x00 or 0xFF.
 *
 * @param tlv - a BOOLEAN
 * @returns its value
 */
export function boolean(tlv: Tlv): boolean {
  expect(tlv, Tag.BOOLEAN, "boolean");
  const v = tlv.buf[tlv.valueStart];
  if (tlv.valueEnd - tlv.valueStart !== 1 || (v !== 0 && v !== 0xff)) fail(`bad boolean at offset ${tlv.start}`);
  return v === 0xff;
}

/**
 * A BIT STRING's bits.
 *
 * @param tlv - a BIT STRING
 * @returns the unused-bit count and the octets (a view)
 */
export function bitString(tlv: Tlv): { unused: number; bytes: Uint8Array } {
  expect(tlv, Tag.BIT_STRING, "bit string");
  const { buf, valueStart, valueEnd } = tlv;
  if (valueEnd === valueStart) fail(`empty bit string at offset ${tlv.start}`);
  const unused = buf[valueStart]!;
  if (unused > 7 || (valueEnd - valueStart === 1 && unused !== 0)) fail(`bad bit string at offset ${tlv.start}`);
  // X.690 §11.2.1: in DER the unused bits of the last octet are zero.
  if ((buf[valueEnd - 1]! & ((1 << unused) - 1)) !== 0) fail(`bit string with unused bits set at offset ${tlv.start}`);
  // One view, of the octets after the unused-bit count (a view of a view would cost a second allocation).
  return { unused, bytes: buf.subarray(valueStart + 1, valueEnd) };
}

const TIME = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d{1,9})?Z$/;

/**
 * A UTCTime or GeneralizedTime as milliseconds since the epoch. Only the `Z` forms RFC 5280 and RFC 5652 allow are read
 * (fractions of a second are accepted for GeneralizedTime, as OCSP and RFC 3161 use them).
 *
 * @param tlv - a time element
 * @returns milliseconds since 1970-01-01T00:00:00Z
 */
export function time(tlv: Tlv): number {
  const utc = tlv.tag === Tag.UTC_TIME;
  if (!utc && tlv.tag !== Tag.GENERALIZED_TIME) fail(`expected a time at offset ${tlv.start}`);
  const { buf, valueStart: p, valueEnd: end } = tlv;
  const yearDigits = utc ? 2 : 4;
  // The common forms (YYMMDDHHMMSSZ, YYYYMMDDHHMMSSZ) are read digit by digit; fractions go through the pattern.
  let t: number;
  if (end - p === yearDigits + 11 && buf[end - 1] === 0x5a) {
    let pos = p;
    const num = (digits: number): number => {
      let v = 0;
      for (let k = 0; k < digits; k++) {
        const c = buf[pos++]! - 0x30;
        if (c < 0 || c > 9) fail(`bad time "${latin1(valueOf(tlv))}" at offset ${tlv.start}`);
        v = v * 10 + c;
      }
      return v;
    };
    let year = num(yearDigits);
    if (utc) year += year < 50 ? 2000 : 1900;
    t = checkedUtc(tlv, year, num(2), num(2), num(2), num(2), num(2), 0);
  } else {
    const s = latin1(valueOf(tlv));
    const m = TIME.exec(s);
    if (!m || (utc ? m[1]!.length !== 2 || m[7] !== undefined : m[1]!.length !== 4)) fail(`bad time "${s}" at offset ${tlv.start}`);
    let year = Number(m[1]);
    if (utc) year += year < 50 ? 2000 : 1900;
    const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
    t = checkedUtc(tlv, year, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  }
  return t;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function checkedUtc(tlv: Tlv, y: number, mo: number, d: number, h: number, mi: number, se: number, ms: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1];
  if (days === undefined || d < 1 || d > days || h > 23 || mi > 59 || se > 59) {
    fail(`impossible time "${latin1(valueOf(tlv))}" at offset ${tlv.start}`);
  }
  const t = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  if (y >= 100) return t;
  // Date.UTC reads years 0–99 as 1900–1999; a GeneralizedTime "0050…" means the year 50.
  const date = new Date(t);
  date.setUTCFullYear(y);
  return date.getTime();
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function isAscii(v: Uint8Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i]! > 0x7f) return false;
  return true;
}


/**
 * Any ASN.1 character string as a JavaScript string.
 *
 * @param tlv - a string element
 * @returns the text
 */
export function text(tlv: Tlv): string {
  const v = valueOf(tlv);
  switch (tlv.tag) {
    case Tag.UTF8_STRING:
      if (isAscii(v)) return latin1(v); // most names are ASCII; the decoder's per-call cost dominates short values
      try {
        return utf8.decode(v);
      } catch {
        return fail(`invalid UTF-8 at offset ${tlv.start}`);
      }
    case Tag.PRINTABLE_STRING:
    case Tag.IA5_STRING:
    case Tag.VISIBLE_STRING:
    case Tag.T61_STRING:
    case Tag.NUMERIC_STRING:
      return latin1(v);
    case Tag.BMP_STRING: {
      if (v.length % 2) fail(`odd-length BMPString at offset ${tlv.start}`);
      let s = "";
      for (let i = 0; i < v.length; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
      return s;
    }
    case Tag.UNIVERSAL_STRING: {
      if (v.length % 4) fail(`bad UniversalString at offset ${tlv.start}`);
      let s = "";
      for (let i = 0; i < v.length; i += 4) {
        const cp = ((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0;
        if (cp > 0x10ffff) fail(`bad UniversalString at offset ${tlv.start}`);
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return fail(`expected a character string at offset ${tlv.start}, found tag 0x${tlv.tag.toString(16)}`);
  }
}
