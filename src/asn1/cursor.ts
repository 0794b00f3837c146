import { Decree130Error } from "../errors.js";
import { readTlv, Tag, type Encoding, type Tlv } from "./der.js";

function fail(message: string): never {
  throw new Decree130Error("MALFORMED_DER", message);
}

/**
 * A cursor over the content of one constructed element that consumes its fields in order, in the manner of Go's
 * cryptobyte and webpki's reader: a decoder reads each field it expects with {@link DerCursor.read}, each optional
 * one with {@link DerCursor.optional}, and closes with {@link DerCursor.end}. Field order and cardinality are then
 * enforced by the shape of the decoder: a field out of order, a second `[3]`, or anything left over is refused with a
 * `MALFORMED_DER` error naming the structure, never skipped.
 *
 * Nothing is copied: every element read is a {@link Tlv} view into the same buffer.
 *
 * @example
 * ```ts
 * const tbs = DerCursor.over(certificateTlv).enter(Tag.SEQUENCE, "tbsCertificate");
 * const version = tbs.optional(ctx(0));
 * const serial = tbs.read(Tag.INTEGER, "serialNumber");
 * // ... the other fields, in order ...
 * tbs.end("tbsCertificate");
 * ```
 */
export class DerCursor {
  #pos: number;
  #next: Tlv | undefined;

  private constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly limit: number,
    readonly encoding: Encoding,
  ) {
    this.#pos = start;
  }

  /**
   * A cursor over the content of a constructed element.
   *
   * @param tlv - the element (its content is what the cursor reads)
   * @param encoding - `der` (default) or `ber` for the elements read through this cursor
   * @returns the cursor, at the first field
   * @example
   * ```ts
   * const fields = DerCursor.over(seq);
   * ```
   */
  static over(tlv: Tlv, encoding: Encoding = "der"): DerCursor {
    if ((tlv.tag & 0x20) === 0) fail(`primitive element at offset ${tlv.start} where a constructed one belongs`);
    return new DerCursor(tlv.buf, tlv.valueStart, tlv.valueEnd, encoding);
  }

  /** Whether every field has been read. */
  get done(): boolean {
    return this.#next === undefined && this.#pos >= this.limit;
  }

  /**
   * The identifier octet of the next field, without consuming it.
   *
   * @returns the tag, or `undefined` at the end
   */
  peekTag(): number | undefined {
    return this.#peek()?.tag;
  }

  #peek(): Tlv | undefined {
    if (this.#next === undefined && this.#pos < this.limit) {
      this.#next = readTlv(this.buf, this.#pos, this.limit, this.encoding);
      this.#pos = this.#next.end;
    }
    return this.#next;
  }

  #take(): Tlv {
    const t = this.#next!;
    this.#next = undefined;
    return t;
  }

  /**
   * Reads the next field, which must carry `tag`.
   *
   * @param tag - the expected identifier octet
   * @param what - the field's name, for the error
   * @returns the field
   * @throws {@link Decree130Error} `MALFORMED_DER` when it is missing or carries another tag
   */
  read(tag: number, what: string): Tlv {
    const t = this.#peek();
    if (t === undefined) fail(`${what} is missing`);
    if (t.tag !== tag) fail(`${what}: expected tag 0x${tag.toString(16)}, found 0x${t.tag.toString(16)} at offset ${t.start}`);
    return this.#take();
  }

  /**
   * Reads the next field whatever its tag (a CHOICE, an ANY).
   *
   * @param what - the field's name, for the error
   * @returns the field
   * @throws {@link Decree130Error} `MALFORMED_DER` when there is none
   */
  any(what: string): Tlv {
    if (this.#peek() === undefined) fail(`${what} is missing`);
    return this.#take();
  }

  /**
   * Reads the next field if it carries `tag`; otherwise reads nothing.
   *
   * @param tag - the identifier octet of the optional field
   * @returns the field, or `undefined` when the next field is another (or there is none)
   */
  optional(tag: number): Tlv | undefined {
    return this.#peek()?.tag === tag ? this.#take() : undefined;
  }

  /**
   * Reads the next field if it carries one of `tags` (a CHOICE that may be absent).
   *
   * @param tags - the identifier octets accepted
   * @returns the field, or `undefined`
   */
  optionalOf(tags: readonly number[]): Tlv | undefined {
    const t = this.#peek();
    return t !== undefined && tags.includes(t.tag) ? this.#take() : undefined;
  }

  /**
   * Reads the next field, which must carry `tag`, and returns a cursor over its content.
   *
   * @param tag - a constructed tag (SEQUENCE, SET, `[n]` EXPLICIT)
   * @param what - the field's name, for the error
   * @returns a cursor over the field's content, in this cursor's encoding
   */
  enter(tag: number, what: string): DerCursor {
    return DerCursor.over(this.read(tag, what), this.encoding);
  }

  /**
   * Reads an `[n] EXPLICIT` wrapper and the one element it must hold.
   *
   * @param tag - the wrapper's tag (e.g. `ctx(0)`)
   * @param what - the field's name, for the error
   * @returns the wrapped element, or `undefined` when the optional wrapper is absent
   */
  optionalExplicit(tag: number, what: string): Tlv | undefined {
    const wrapper = this.optional(tag);
    if (wrapper === undefined) return undefined;
    const inner = DerCursor.over(wrapper, this.encoding);
    const element = inner.any(what);
    inner.end(what);
    return element;
  }

  /**
   * Reads every remaining field, each of which must carry `tag` (a SEQUENCE OF / SET OF body).
   *
   * @param tag - the elements' identifier octet
   * @param what - the elements' name, for the error
   * @param max - how many elements are allowed before the input is judged hostile
   * @returns the elements, in order
   * @throws {@link Decree130Error} `LIMIT_EXCEEDED` beyond `max`
   */
  rest(tag: number | undefined, what: string, max: number): Tlv[] {
    const out: Tlv[] = [];
    while (this.#peek() !== undefined) {
      if (out.length >= max) throw new Decree130Error("LIMIT_EXCEEDED", `more than ${max} elements in ${what}`);
      out.push(tag === undefined ? this.#take() : this.read(tag, what));
    }
    return out;
  }

  /**
   * Checks that every field was read.
   *
   * @param what - the structure's name, for the error
   * @throws {@link Decree130Error} `MALFORMED_DER` naming the first unexpected field
   */
  end(what: string): void {
    const t = this.#peek();
    if (t !== undefined) fail(`${what}: unexpected field 0x${t.tag.toString(16)} at offset ${t.start}`);
  }
}

/**
 * A cursor over a SEQUENCE.
 *
 * @param tlv - the element, which must be a SEQUENCE
 * @param what - its name, for the error
 * @param encoding - `der` (default) or `ber`
 * @returns the cursor
 * @example
 * ```ts
 * const alg = sequence(tlv, "algorithm identifier");
 * const id = alg.read(Tag.OID, "algorithm");
 * ```
 */
export function sequence(tlv: Tlv | undefined, what: string, encoding: Encoding = "der"): DerCursor {
  if (tlv === undefined) fail(`${what} is missing`);
  if (tlv.tag !== Tag.SEQUENCE) fail(`${what}: expected a SEQUENCE, found tag 0x${tlv.tag.toString(16)} at offset ${tlv.start}`);
  return DerCursor.over(tlv, encoding);
}
