/** A name object (`/Type`), its `#xx` escapes decoded, as Latin-1 text. */
export interface PdfName {
  readonly kind: "name";
  readonly value: string;
}

/**
 * A string object. `source`, `start` and `end` locate the token (delimiters included) in the buffer it was read from:
 * the file itself, or the decoded data of an object stream.
 */
export interface PdfString {
  readonly kind: "string";
  readonly bytes: Uint8Array;
  readonly hex: boolean;
  readonly source: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/** A number written with a decimal point. Integers are plain `number`s. */
export interface PdfReal {
  readonly kind: "real";
  readonly value: number;
}

/** An array object. */
export interface PdfArray {
  readonly kind: "array";
  readonly items: readonly PdfValue[];
}

/** A dictionary. `duplicates` names keys written more than once (the first value is kept). */
export interface PdfDict {
  readonly kind: "dict";
  readonly entries: ReadonlyMap<string, PdfValue>;
  readonly duplicates: readonly string[];
}

/** An indirect reference `num gen R`. */
export interface PdfRef {
  readonly kind: "ref";
  readonly num: number;
  readonly gen: number;
}

/** A stream: its dictionary and its raw (undecoded) data, a view of the buffer it was read from. */
export interface PdfStream {
  readonly kind: "stream";
  readonly dict: PdfDict;
  readonly data: Uint8Array;
}

/** Any PDF value. `null`, booleans and integers are plain JavaScript values. */
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfReal | PdfArray | PdfDict | PdfRef | PdfStream;

/**
 * The entry of a dictionary (or of a stream's dictionary).
 *
 * @param d - a dictionary, a stream, or anything else (which has no entries)
 * @param key - the key without the slash
 * @returns the value, or `undefined`
 * @example
 * ```ts
 * get(catalog, "AcroForm");
 * ```
 */
export function get(d: PdfValue | undefined, key: string): PdfValue | undefined {
  if (d === null || d === undefined || typeof d !== "object") return undefined;
  if (d.kind === "dict") return d.entries.get(key);
  if (d.kind === "stream") return d.dict.entries.get(key);
  return undefined;
}

/**
 * The text of a name value.
 *
 * @param v - a value
 * @returns the name without its slash, or `undefined` when `v` is not a name
 * @example
 * ```ts
 * nameOf(get(dict, "Type")) === "Sig";
 * ```
 */
export function nameOf(v: PdfValue | undefined): string | undefined {
  return v !== null && typeof v === "object" && v.kind === "name" ? v.value : undefined;
}

/**
 * An integer value.
 *
 * @param v - a value
 * @returns the integer, or `undefined` when `v` is not an integer token
 * @example
 * ```ts
 * intOf(get(trailer, "Size"));
 * ```
 */
export function intOf(v: PdfValue | undefined): number | undefined {
  return typeof v === "number" ? v : undefined;
}

/**
 * The dictionary of a dictionary or stream value.
 *
 * @param v - a value
 * @returns the dictionary, or `undefined`
 * @example
 * ```ts
 * const d = dictOf(value);
 * ```
 */
export function dictOf(v: PdfValue | undefined): PdfDict | undefined {
  if (v === null || v === undefined || typeof v !== "object") return undefined;
  if (v.kind === "dict") return v;
  if (v.kind === "stream") return v.dict;
  return undefined;
}

/**
 * Whether a value is a reference.
 *
 * @param v - a value
 * @returns `true` for `num gen R`
 * @example
 * ```ts
 * if (isRef(v)) view.object(v.num);
 * ```
 */
export function isRef(v: PdfValue | undefined): v is PdfRef {
  return v !== null && typeof v === "object" && v.kind === "ref";
}

/**
 * Text of a string value: UTF-16BE with a byte-order mark, UTF-8 with one, else PDFDocEncoding (read as Latin-1,
 * which agrees with it on the printable characters names and field titles use).
 *
 * @param v - a value
 * @returns the text, or `undefined` when `v` is not a string
 * @example
 * ```ts
 * textOf(get(field, "T")); // "Signature1"
 * ```
 */
export function textOf(v: PdfValue | undefined): string | undefined {
  if (v === null || v === undefined || typeof v !== "object" || v.kind !== "string") return undefined;
  const b = v.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder("utf-8").decode(b.subarray(3));
  let s = "";
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

/**
 * The object id as the report writes it.
 *
 * @param num - the object number
 * @param gen - the generation
 * @returns e.g. `"12 0"`
 * @example
 * ```ts
 * objectId(12, 0); // "12 0"
 * ```
 */
export function objectId(num: number, gen = 0): string {
  return `${num} ${gen}`;
}
