import { malformedPdf } from "./limits.js";
import type { PdfString } from "./objects.js";

/** A token and where it lies: `[start, end)` in the lexer's buffer. */
export type Token = { readonly start: number; readonly end: number } & (
  | { readonly type: "int"; readonly value: number }
  | { readonly type: "real"; readonly value: number }
  | { readonly type: "name"; readonly value: string }
  | { readonly type: "string"; readonly value: PdfString }
  | { readonly type: "keyword"; readonly value: string }
  | { readonly type: "punct"; readonly value: "[" | "]" | "<<" | ">>" | "{" | "}" }
  | { readonly type: "eof" }
);

// PDF 32000-1 §7.2.2: white-space (NUL, HT, LF, FF, CR, SP) and delimiters.
const WHITE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of "()<>[]{}/%") DELIM[c.charCodeAt(0)] = 1;

/**
 * Whether a byte is PDF white-space.
 *
 * @param c - a byte
 * @returns `true` for NUL, HT, LF, FF, CR and SP
 * @example
 * ```ts
 * isWhite(0x0a); // true
 * ```
 */
export const isWhite = (c: number | undefined): boolean => c !== undefined && WHITE[c] === 1;
const isRegular = (c: number | undefined): boolean => c !== undefined && WHITE[c] === 0 && DELIM[c] === 0;

/** Hex digit values, -1 for any other byte. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX[0x41 + i] = HEX[0x61 + i] = 10 + i;

const hexValue = (c: number): number => HEX[c]!;

/**
 * Whether `[from, to)` holds hex digits only.
 *
 * @param buf - the bytes
 * @param from - first byte
 * @param to - byte after the last
 * @returns `true` when every byte is 0-9, A-F or a-f
 * @example
 * ```ts
 * onlyHexDigits(file, gapStart + 1, gapEnd - 1);
 * ```
 */
export function onlyHexDigits(buf: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (HEX[buf[i]!]! < 0) return false;
  return true;
}

const ESCAPES: Readonly<Record<number, number>> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };

/** Reads PDF tokens from a buffer: comments and white-space are skipped, offsets are kept. */
export class Lexer {
  /** The next byte to read. */
  pos: number;

  /**
   * @param buf - the bytes (a whole file or the decoded data of an object stream)
   * @param pos - where to start
   * @param end - where the bytes the lexer may read end
   */
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  /** Skips white-space and comments. */
  skipSpace(): void {
    const { buf, end } = this;
    let p = this.pos;
    for (;;) {
      while (p < end && WHITE[buf[p]!] === 1) p++;
      if (p < end && buf[p] === 0x25) {
        while (p < end && buf[p] !== 0x0a && buf[p] !== 0x0d) p++;
        continue;
      }
      break;
    }
    this.pos = p;
  }

  /**
   * Reads the next token.
   *
   * @returns the token (`eof` at the end)
   * @throws {@link Decree130Error} `MALFORMED_PDF` for an unterminated string or a bad hex digit
   */
  next(): Token {
    this.skipSpace();
    const { buf, end } = this;
    const start = this.pos;
    if (start >= end) return { type: "eof", start, end: start };
    const c = buf[start]!;
    if (c === 0x2f) return this.name(start);
    if (c === 0x28) return this.literal(start);
    if (c === 0x3c) {
      if (buf[start + 1] === 0x3c) return this.punct("<<", start, 2);
      return this.hex(start);
    }
    if (c === 0x3e) {
      if (buf[start + 1] === 0x3e) return this.punct(">>", start, 2);
      throw malformedPdf(`stray '>' at offset ${start}`);
    }
    if (c === 0x5b) return this.punct("[", start, 1);
    if (c === 0x5d) return this.punct("]", start, 1);
    if (c === 0x7b) return this.punct("{", start, 1);
    if (c === 0x7d) return this.punct("}", start, 1);
    if (c === 0x29) throw malformedPdf(`stray ')' at offset ${start}`);
    let p = start;
    while (p < end && isRegular(buf[p])) p++;
    this.pos = p;
    const text = latin1(buf, start, p);
    if (/^[+-]?\d+$/.test(text)) return { type: "int", value: Number(text), start, end: p };
    if (/^[+-]?(\d+\.\d*|\.\d+)$/.test(text)) return { type: "real", value: Number(text), start, end: p };
    return { type: "keyword", value: text, start, end: p };
  }

  private punct(value: "[" | "]" | "<<" | ">>" | "{" | "}", start: number, n: number): Token {
    this.pos = start + n;
    return { type: "punct", value, start, end: start + n };
  }

  private name(start: number): Token {
    const { buf, end } = this;
    let p = start + 1;
    let value = "";
    while (p < end && isRegular(buf[p])) {
      const c = buf[p]!;
      if (c === 0x23 && p + 2 < end && hexValue(buf[p + 1]!) >= 0 && hexValue(buf[p + 2]!) >= 0) {
        value += String.fromCharCode(hexValue(buf[p + 1]!) * 16 + hexValue(buf[p + 2]!));
        p += 3;
      } else {
        value += String.fromCharCode(c);
        p++;
      }
    }
    this.pos = p;
    return { type: "name", value, start, end: p };
  }

  private literal(start: number): Token {
    const { buf, end } = this;
    const out: number[] = [];
    let depth = 1;
    let p = start + 1;
    while (p < end) {
      const c = buf[p++]!;
      if (c === 0x5c) {
        if (p >= end) break;
        const e = buf[p++]!;
        const mapped = ESCAPES[e];
        if (mapped !== undefined) out.push(mapped);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let i = 0; i < 2 && p < end && buf[p]! >= 0x30 && buf[p]! <= 0x37; i++) v = v * 8 + (buf[p++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (buf[p] === 0x0a) p++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) {
        this.pos = p;
        return { type: "string", value: pdfString(new Uint8Array(out), false, buf, start, p), start, end: p };
      }
      // §7.3.4.2: an end-of-line in a literal string reads as a single LF.
      if (c === 0x0d) {
        if (buf[p] === 0x0a) p++;
        out.push(0x0a);
      } else out.push(c);
    }
    throw malformedPdf(`unterminated string starting at offset ${start}`);
  }

  private hex(start: number): Token {
    const { buf, end } = this;
    // A signature's /Contents is a hex string of many kilobytes, read once in a cold process: its end is found by the
    // native search and its digits decoded in one pass.
    const close = buf.indexOf(0x3e, start + 1);
    const p = close < 0 || close >= end ? end : close;
    if (p >= end) {
      for (let q = start + 1; q < p; q++) if (HEX[buf[q]!]! < 0 && WHITE[buf[q]!] !== 1) throw malformedPdf(`bad hex digit at offset ${q}`);
      throw malformedPdf(`unterminated hex string starting at offset ${start}`);
    }
    // At most one byte per two digits; white-space between them leaves the tail unused, cut below.
    const out = new Uint8Array((p - start) >> 1);
    let n = 0;
    for (let q = start + 1; q < p; q++) {
      const c = buf[q]!;
      const v = HEX[c]!;
      if (v < 0) {
        if (WHITE[c] !== 1) throw malformedPdf(`bad hex digit at offset ${q}`);
        continue;
      }
      if ((n & 1) === 0) out[n >> 1] = v << 4;
      else out[n >> 1]! |= v;
      n++;
    }
    const bytes = (n + 1) >> 1 === out.length ? out : out.slice(0, (n + 1) >> 1);
    this.pos = p + 1;
    return { type: "string", value: pdfString(bytes, true, buf, start, p + 1), start, end: p + 1 };
  }
}

function pdfString(bytes: Uint8Array, hex: boolean, source: Uint8Array, start: number, end: number): PdfString {
  return { kind: "string", bytes, hex, source, start, end };
}

/**
 * Bytes as Latin-1 text.
 *
 * @param buf - the bytes
 * @param start - first byte
 * @param end - byte after the last
 * @returns the text
 * @example
 * ```ts
 * latin1(file, 0, 8); // "%PDF-1.7"
 * ```
 */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
  return s;
}

/**
 * Where a byte sequence first occurs at or after `from` (and before `to`).
 *
 * @param buf - the bytes searched
 * @param needle - what to find, as Latin-1 text
 * @param from - first position
 * @param to - end of the search
 * @returns the offset, or -1
 * @example
 * ```ts
 * indexOf(file, "%%EOF", sectionEnd);
 * ```
 */
export function indexOf(buf: Uint8Array, needle: string, from = 0, to = buf.length): number {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  for (let i = buf.indexOf(first, from); i >= 0 && i + n <= to; i = buf.indexOf(first, i + 1)) {
    let j = 1;
    while (j < n && buf[i + j] === needle.charCodeAt(j)) j++;
    if (j === n) return i;
  }
  return -1;
}

/**
 * Where a byte sequence last occurs before `before`.
 *
 * @param buf - the bytes searched
 * @param needle - what to find, as Latin-1 text
 * @param before - the occurrence must start before this offset
 * @returns the offset, or -1
 * @example
 * ```ts
 * lastIndexOf(file, "startxref", file.length);
 * ```
 */
export function lastIndexOf(buf: Uint8Array, needle: string, before = buf.length): number {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  for (let i = buf.lastIndexOf(first, before - 1); i >= 0; i = i > 0 ? buf.lastIndexOf(first, i - 1) : -1) {
    if (i + n > buf.length) continue;
    let j = 1;
    while (j < n && buf[i + j] === needle.charCodeAt(j)) j++;
    if (j === n) return i;
  }
  return -1;
}
