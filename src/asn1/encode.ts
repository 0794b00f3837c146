import { compareBytes, concat, copyBytes } from "../lib/bytes.js";
import { Decree130Error } from "../errors.js";
import { MAX_DEPTH, Tag, type Tlv } from "./der.js";

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
 * The element is walked twice whatever its nesting: once to measure (each constructed element's DER length, and
 * whether anything differs from DER), once to write into one buffer of the final size. No element is re-read per
 * level of nesting, and nothing is allocated per element, so the cost is linear in the input (a SET OF out of order
 * costs one more copy of its content).
 *
 * @param tlv - an element read in `ber` mode
 * @returns its DER encoding (a new array) and whether it was DER already
 * @example
 * ```ts
 * const { der, wasDer } = derEncoding({ ...signedAttrs, tag: Tag.SET });
 * ```
 */
export function derEncoding(tlv: Tlv): { readonly der: Uint8Array; readonly wasDer: boolean } {
  const walk = new BerWalk(tlv.buf);
  const measured = walk.measure(tlv.start, tlv.end, 0, tlv.tag);
  if (measured.der) {
    const der = copyBytes(tlv.buf, tlv.start, tlv.end);
    der[0] = tlv.tag; // the element may be read under another tag, as signed attributes are ([0] IMPLICIT → SET)
    return { der, wasDer: true };
  }
  return { der: walk.write(tlv.start, tlv.end, measured.size, tlv.tag), wasDer: false };
}

/** Most elements in one structure, as the reader's `children` allows by default. */
const MAX_CHILDREN = 100_000;
/** Most levels of segments in a constructed OCTET STRING, as `octets` allows. */
const MAX_SEGMENT_DEPTH = 8;

function malformed(message: string): never {
  throw new Decree130Error("MALFORMED_DER", message);
}

/** Octets of a DER header for a content of `n` octets. */
const headerSize = (n: number): number => 2 + (n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4);

/** An element's identifier and length, read without looking inside it. */
interface Header {
  readonly tag: number;
  readonly valueStart: number;
  /** The content length; -1 for the indefinite form. */
  readonly length: number;
}

/** One BER element's measure: where it ends, its DER size, and whether its octets are DER already. */
interface Measure {
  readonly end: number;
  readonly size: number;
  readonly der: boolean;
}

/**
 * The two passes of a BER-to-DER re-encoding over one buffer. The reader's rules (BER mode) apply: high tag numbers,
 * truncation, a missing end-of-contents, lengths over four octets, indefinite primitives and nesting beyond
 * {@link MAX_DEPTH} are refused with the reader's codes.
 */
class BerWalk {
  /** DER content length of each constructed element, in the order both passes meet them. */
  readonly #lengths: number[] = [];
  #next = 0;
  #out = new Uint8Array(0);
  #o = 0;
  constructor(readonly buf: Uint8Array) {}

  #header(pos: number, limit: number): Header {
    const buf = this.buf;
    if (pos + 2 > limit) malformed(`truncated element at offset ${pos}`);
    const tag = buf[pos]!;
    if ((tag & 0x1f) === 0x1f) malformed(`high tag number form at offset ${pos}`);
    const first = buf[pos + 1]!;
    if (first === 0x80) {
      if ((tag & 0x20) === 0) malformed(`indefinite length on a primitive element at offset ${pos}`);
      return { tag, valueStart: pos + 2, length: -1 };
    }
    if (first < 0x80) return { tag, valueStart: pos + 2, length: first };
    const n = first & 0x7f;
    if (n > 4) malformed(`length of ${n} octets at offset ${pos}`);
    if (pos + 2 + n > limit) malformed(`truncated length at offset ${pos}`);
    let length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos + 2 + i]!;
    return { tag, valueStart: pos + 2 + n, length };
  }

  /** The end of a definite element, checked against its container. */
  #endOf(pos: number, h: Header, limit: number): number {
    const end = h.valueStart + h.length;
    if (end > limit) malformed(`element at offset ${pos} runs past its container`);
    return end;
  }

  /**
   * Visits the children of a constructed element (definite or indefinite) in order.
   *
   * @returns the element's end
   */
  #children(pos: number, h: Header, limit: number, visit: (p: number, childLimit: number) => number): number {
    const buf = this.buf;
    const indefinite = h.length < 0;
    const valueEnd = indefinite ? limit : this.#endOf(pos, h, limit);
    let p = h.valueStart;
    let count = 0;
    for (;;) {
      if (indefinite) {
        if (p + 2 > limit) malformed(`missing end-of-contents for element at offset ${pos}`);
        if (buf[p] === 0 && buf[p + 1] === 0) return p + 2;
      } else if (p >= valueEnd) return valueEnd;
      if (++count > MAX_CHILDREN) throw new Decree130Error("LIMIT_EXCEEDED", `more than ${MAX_CHILDREN} elements in one structure`);
      p = visit(p, valueEnd);
    }
  }

  /** Visits the primitive segments of a constructed OCTET STRING; returns its end. */
  #segments(pos: number, h: Header, limit: number, depth: number, visit: (start: number, end: number) => void): number {
    return this.#children(pos, h, limit, (p, childLimit) => {
      const c = this.#header(p, childLimit);
      if (c.tag === Tag.OCTET_STRING) {
        const end = this.#endOf(p, c, childLimit);
        visit(c.valueStart, end);
        return end;
      }
      if (c.tag === 0x24 && depth < MAX_SEGMENT_DEPTH) return this.#segments(p, c, childLimit, depth + 1, visit);
      return malformed(`bad segment in constructed OCTET STRING at offset ${p}`);
    });
  }

  /**
   * First pass: the DER size of the element at `pos`, recording each constructed element's content length.
   *
   * @param tag - the identifier to encode under (the element may be read under another tag)
   */
  measure(pos: number, limit: number, depth: number, tag?: number): Measure {
    if (depth > MAX_DEPTH) throw new Decree130Error("NESTING_TOO_DEEP", `ASN.1 nesting deeper than ${MAX_DEPTH}`);
    const h = this.#header(pos, limit);
    const t = tag ?? h.tag;
    const minimal = h.length >= 0 && h.valueStart - pos === headerSize(h.length);
    if ((h.tag & 0x20) === 0) {
      const end = this.#endOf(pos, h, limit);
      return { end, size: headerSize(h.length) + h.length, der: minimal };
    }
    const slot = this.#lengths.push(0) - 1;
    let content = 0;
    if (h.tag === 0x24) {
      const end = this.#segments(pos, h, limit, 0, (s, e) => (content += e - s));
      this.#lengths[slot] = content;
      return { end, size: headerSize(content) + content, der: false };
    }
    let der = minimal;
    let previous = -1;
    const buf = this.buf;
    const end = this.#children(pos, h, limit, (p, childLimit) => {
      let childEnd: number;
      const short = buf[p + 1]!;
      if ((buf[p]! & 0x20) === 0 && (buf[p]! & 0x1f) !== 0x1f && short < 0x80 && p + 2 + short <= childLimit) {
        // A short primitive (the bulk of any large structure): already DER, measured without a call.
        childEnd = p + 2 + short;
        content += 2 + short;
      } else {
        const child = this.measure(p, childLimit, depth + 1);
        childEnd = child.end;
        content += child.size;
        der &&= child.der;
      }
      // A SET OF in DER holds its elements in order (X.690 §11.6): compared as received, while all else is DER.
      if (der && t === Tag.SET && previous >= 0) der = compareBytes(buf.subarray(previous, p), buf.subarray(p, childEnd)) <= 0;
      previous = p;
      return childEnd;
    });
    this.#lengths[slot] = content;
    return { end, size: headerSize(content) + content, der };
  }

  /** Second pass: writes the DER of the element measured by {@link measure}, into one buffer of `size` octets. */
  write(pos: number, limit: number, size: number, tag: number): Uint8Array {
    this.#out = new Uint8Array(size);
    this.#o = 0;
    this.#next = 0;
    this.#write(pos, limit, tag);
    return this.#out;
  }

  #put(tag: number, length: number): void {
    const out = this.#out;
    out[this.#o++] = tag;
    if (length < 0x80) {
      out[this.#o++] = length;
      return;
    }
    const n = headerSize(length) - 2;
    out[this.#o++] = 0x80 | n;
    for (let i = n - 1; i >= 0; i--) out[this.#o++] = Math.floor(length / 256 ** i) & 0xff;
  }

  #write(pos: number, limit: number, tag?: number): number {
    const buf = this.buf;
    const h = this.#header(pos, limit);
    const t = tag ?? h.tag;
    if ((h.tag & 0x20) === 0) {
      const end = h.valueStart + h.length;
      this.#put(t, h.length);
      this.#out.set(buf.subarray(h.valueStart, end), this.#o);
      this.#o += h.length;
      return end;
    }
    const length = this.#lengths[this.#next++]!;
    if (h.tag === 0x24) {
      this.#put(Tag.OCTET_STRING, length);
      return this.#segments(pos, h, limit, 0, (s, e) => {
        this.#out.set(buf.subarray(s, e), this.#o);
        this.#o += e - s;
      });
    }
    this.#put(t, length);
    const start = this.#o;
    const end = this.#children(pos, h, limit, (p, childLimit) => {
      const short = buf[p + 1]!;
      if ((buf[p]! & 0x20) === 0 && short < 0x80) {
        // A short primitive is its own DER (the first pass checked it): copied octet by octet, without a call.
        const out = this.#out;
        const childEnd = p + 2 + short;
        for (let i = p; i < childEnd; i++) out[this.#o++] = buf[i]!;
        return childEnd;
      }
      return this.#write(p, childLimit);
    });
    if (t === Tag.SET) this.#sortSet(start, this.#o);
    return end;
  }

  /** Puts the DER elements in `out[start..end)` in order, when they are not already. */
  #sortSet(start: number, end: number): void {
    const out = this.#out;
    const bounds: number[] = [];
    for (let p = start; p < end; ) {
      bounds.push(p);
      const n = out[p + 1]!;
      const long = n & 0x7f;
      let length = n;
      if (n >= 0x80) {
        length = 0;
        for (let i = 0; i < long; i++) length = length * 256 + out[p + 2 + i]!;
      }
      p += 2 + (n >= 0x80 ? long : 0) + length;
    }
    bounds.push(end);
    const items = bounds.slice(0, -1).map((s, i) => out.subarray(s, bounds[i + 1]));
    let sorted = true;
    for (let i = 1; i < items.length && sorted; i++) sorted = compareBytes(items[i - 1]!, items[i]!) <= 0;
    if (sorted) return;
    const copies = items.map((item) => item.slice());
    copies.sort(compareBytes);
    let o = start;
    for (const c of copies) {
      out.set(c, o);
      o += c.length;
    }
  }
}
