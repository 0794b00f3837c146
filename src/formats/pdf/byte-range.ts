import { readTlv } from "../../asn1/der.js";
import type { ObjectLocation } from "./document.js";
import { onlyHexDigits } from "./lexer.js";
import { get, type PdfDict } from "./objects.js";
import type { Revision } from "./structure.js";

/** The ByteRange rules of pdf.md; each broken one makes keyCorrespondence `FAILED` (`BYTE_RANGE_INVALID`). */
export type ByteRangeRule =
  | "byte-range-missing"
  | "byte-range-shape"
  | "byte-range-start"
  | "byte-range-order"
  | "byte-range-length"
  | "not-revision-end"
  | "contents-gap"
  | "contents-trailing-data"
  | "gap-overlap"
  | "duplicate-entry"
  | "dictionary-not-in-own-revision";

/** A broken rule: its stable id and what was found. */
export interface BrokenRule {
  readonly rule: ByteRangeRule;
  readonly detail: string;
}

/** What a signature dictionary's ByteRange says, and which rules it breaks (CMS structure and overlap aside). */
export interface ByteRangeFacts {
  /** The four numbers, when they are four non-negative integers. */
  readonly byteRange: readonly [number, number, number, number] | null;
  /** The revision the range ends at (1-based), or `null` when it ends at no revision's end. */
  readonly revision: number | null;
  readonly coversWholeDocument: boolean;
  /** The gap `[b, c)`, when the range is well formed. */
  readonly gap: { readonly start: number; readonly end: number } | null;
  /** The decoded `/Contents` (every byte, zero padding included), when it is a string. */
  readonly contents: Uint8Array | null;
  readonly broken: readonly BrokenRule[];
}

function readByteRange(dict: PdfDict, broken: BrokenRule[]): [number, number, number, number] | null {
  const v = get(dict, "ByteRange");
  if (v === undefined || v === null) {
    broken.push({ rule: "byte-range-missing", detail: "the signature dictionary has no /ByteRange" });
    return null;
  }
  const items = typeof v === "object" && v.kind === "array" ? v.items : undefined;
  if (!items || items.length !== 4 || !items.every((x) => typeof x === "number" && Number.isSafeInteger(x) && x >= 0)) {
    broken.push({ rule: "byte-range-shape", detail: "/ByteRange is not four non-negative integers" });
    return null;
  }
  return items as unknown as [number, number, number, number];
}

/**
 * Applies the ByteRange rules that concern one signature dictionary alone: shape, `a = 0`, `c ≥ b`, `c + d ≤ length`,
 * scope (`c + d` ends the file or a revision), the gap being exactly this dictionary's `/Contents` hex string, and the
 * dictionary lying in the bytes its own revision added.
 *
 * @param dict - the dictionary that counts: as written in the signature's own revision
 * @param location - where that dictionary's object lies
 * @param file - the whole file
 * @param revisions - the revisions
 * @returns the facts and broken rules
 * @example
 * ```ts
 * const facts = checkByteRange(sig.dict, sig.location, doc.bytes, doc.revisions);
 * ```
 */
export function checkByteRange(
  dict: PdfDict,
  location: ObjectLocation | null,
  file: Uint8Array,
  revisions: readonly Revision[],
): ByteRangeFacts {
  const broken: BrokenRule[] = [];
  for (const key of ["ByteRange", "Contents"]) {
    if (dict.duplicates.includes(key)) broken.push({ rule: "duplicate-entry", detail: `/${key} is written more than once` });
  }
  const c = get(dict, "Contents");
  const contents = c !== null && typeof c === "object" && c.kind === "string" ? c : undefined;
  const br = readByteRange(dict, broken);
  let revision: number | null = null;
  let coversWholeDocument = false;
  let gap: ByteRangeFacts["gap"] = null;
  if (br) {
    const [a, b, cc, d] = br;
    if (a !== 0) broken.push({ rule: "byte-range-start", detail: `the first range starts at ${a}, not 0` });
    if (cc < b) broken.push({ rule: "byte-range-order", detail: `the second range starts at ${cc}, before the first ends (${b})` });
    if (cc + d > file.length) broken.push({ rule: "byte-range-length", detail: `the ranges end at ${cc + d}, past the file's ${file.length} bytes` });
    const end = cc + d;
    const last = revisions[revisions.length - 1]!;
    if (end === file.length) {
      coversWholeDocument = true;
      revision = last.number;
    } else {
      revision = revisions.find((r) => r.end === end || r.eofEnd === end)?.number ?? null;
      if (revision === null) broken.push({ rule: "not-revision-end", detail: `the ranges end at ${end}, which is neither the file's end nor a revision's` });
    }
    if (a === 0 && cc >= b) gap = { start: b, end: cc };
    if (!contents || !contents.hex || contents.source !== file || contents.start !== b || contents.end !== cc) {
      const where = contents && contents.source === file ? `[${contents.start}, ${contents.end})` : "not in the file's bytes";
      broken.push({ rule: "contents-gap", detail: `the gap [${b}, ${cc}) is not this dictionary's /Contents hex string (${contents ? (contents.hex ? where : "a literal string") : "absent"})` });
    } else if (!onlyHexDigits(file, b + 1, cc - 1)) {
      // White-space is legal in a hex string, but no signer writes it there, and readers disagree on some (NUL).
      broken.push({ rule: "contents-gap", detail: `the gap [${b}, ${cc}) holds bytes that are not hex digits` });
    }
  } else if (!contents) broken.push({ rule: "contents-gap", detail: "the signature dictionary has no /Contents string" });
  if (revision !== null && location) {
    const from = revision > 1 ? revisions[revision - 2]!.end : 0;
    const to = revisions[revision - 1]!.end;
    const at = location.kind === "file" ? location.start : location.streamStart;
    if (location.kind === "compressed" || at < from || at >= to) {
      broken.push({
        rule: "dictionary-not-in-own-revision",
        detail: location.kind === "compressed" ? "the dictionary is inside an object stream" : `the dictionary lies at ${at}, outside revision ${revision} [${from}, ${to})`,
      });
    }
  }
  return { byteRange: br, revision, coversWholeDocument, gap, contents: contents?.bytes ?? null, broken };
}

/**
 * Checks that decoded `/Contents` holds one BER element followed only by zero bytes, and returns that element.
 *
 * @param contents - the decoded hex string
 * @returns the ContentInfo bytes (a view), or why the bytes are not one: `malformed` when no element can be read,
 *   `trailing` when non-zero bytes follow it
 * @example
 * ```ts
 * const r = contentInfoOf(facts.contents);
 * if (r.ok) validate(r.cms, ...);
 * ```
 */
export function contentInfoOf(
  contents: Uint8Array,
): { readonly ok: true; readonly cms: Uint8Array } | { readonly ok: false; readonly problem: "malformed" | "trailing"; readonly detail: string; readonly cms?: Uint8Array } {
  let end: number;
  try {
    const tlv = readTlv(contents, 0, contents.length, "ber");
    if (tlv.tag !== 0x30) return { ok: false, problem: "malformed", detail: `/Contents starts with tag 0x${tlv.tag.toString(16)}, not a SEQUENCE` };
    end = tlv.end;
  } catch (err) {
    return { ok: false, problem: "malformed", detail: `/Contents is not a BER element: ${(err as Error).message}` };
  }
  const cms = contents.subarray(0, end);
  for (let i = end; i < contents.length; i++) {
    if (contents[i] !== 0) return { ok: false, problem: "trailing", detail: `non-zero byte at offset ${i} after the CMS (which ends at ${end})`, cms };
  }
  return { ok: true, cms };
}

/**
 * The overlap rule: another signature's gap may meet this one's signed bytes only when that signature lies wholly in
 * the bytes before this one's gap (an earlier signature this one signs over).
 *
 * @param self - this signature's ranges
 * @param others - the other signatures' gaps and where their ranges end
 * @returns the broken rule, if any
 * @example
 * ```ts
 * const overlap = checkOverlap(facts.byteRange, others);
 * ```
 */
export function checkOverlap(
  self: readonly [number, number, number, number],
  others: readonly { readonly gap: { readonly start: number; readonly end: number }; readonly rangeEnd: number; readonly label: string }[],
): BrokenRule | undefined {
  const [, b, c, d] = self;
  for (const o of others) {
    const meetsFirst = o.gap.start < b && o.gap.end > 0;
    const meetsSecond = o.gap.start < c + d && o.gap.end > c;
    if (!meetsFirst && !meetsSecond) continue;
    if (!meetsSecond && o.gap.end <= b && o.rangeEnd <= b) continue;
    return { rule: "gap-overlap", detail: `the gap [${o.gap.start}, ${o.gap.end}) of ${o.label} overlaps the bytes this signature signs` };
  }
  return undefined;
}
