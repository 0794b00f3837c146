import { indexOf, isWhite, lastIndexOf, Lexer } from "./lexer.js";
import { malformedPdf, overLimit } from "./limits.js";
import { get, intOf } from "./objects.js";
import { readSection, type SectionContext, type XrefEntry, type XrefSection } from "./xref.js";

/** One revision: the bytes `[0, end)`, and the cross-reference sections that end there (oldest first). */
export interface Revision {
  /** 1-based. */
  readonly number: number;
  /** Offset just past the `%%EOF` and its optional end-of-line. */
  readonly end: number;
  /** Offset just past the `%%EOF` marker itself (equal to `end` when no end-of-line follows). */
  readonly eofEnd: number;
  /** The sections of this revision, oldest first; a later one overrides an earlier one. */
  readonly sections: readonly XrefSection[];
}

/** The revision structure of a file. */
export interface PdfStructure {
  /** Where `%PDF-` starts (bytes before it are tolerated garbage). */
  readonly headerOffset: number;
  /** Added to every offset the file states (non-zero only when offsets count from a late header). */
  readonly shift: number;
  readonly revisions: readonly Revision[];
  /** Bytes after the last complete revision that are not white-space or NUL. */
  readonly trailing: { readonly start: number; readonly end: number } | null;
}

/** How many `startxref` keywords from the end are tried before the file is judged unreadable. */
const STARTXREF_TRIES = 8;

/**
 * Reads the revision structure: the last `startxref`, the chain of cross-reference sections through `/Prev` and
 * `/XRefStm`, each section's `%%EOF`, and the bytes after the last complete revision.
 *
 * @param ctx - the file, parse context and budgets
 * @param maxRevisions - the revision budget
 * @returns the structure
 * @throws {@link Decree130Error} `MALFORMED_PDF` without a header or a readable cross-reference section
 * @example
 * ```ts
 * const { revisions } = await readStructure(ctx, limits.maxRevisions);
 * ```
 */
export async function readStructure(ctx: SectionContext, maxRevisions: number): Promise<PdfStructure> {
  const bytes = ctx.bytes;
  const headerOffset = indexOf(bytes, "%PDF-", 0, Math.min(bytes.length, 1024 + 5));
  if (headerOffset < 0) throw malformedPdf("no %PDF- header in the first 1024 bytes");
  if (headerOffset > 0) ctx.parse.warn(`${headerOffset} bytes before the %PDF- header`);
  let at = bytes.length;
  let lastError: unknown;
  for (let i = 0; i < STARTXREF_TRIES; i++) {
    at = lastIndexOf(bytes, "startxref", at);
    if (at < headerOffset) break;
    const lx = new Lexer(bytes, at + 9);
    const t = lx.next();
    if (t.type !== "int") continue;
    for (const shift of headerOffset > 0 ? [0, headerOffset] : [0]) {
      try {
        const chain = await readChain(ctx, t.value + shift, shift, maxRevisions);
        if (shift > 0) ctx.parse.warn(`offsets count from the %PDF- header at ${headerOffset}`);
        if (lastError instanceof Error) ctx.parse.warn(`a later startxref was unreadable (${lastError.message}); the one at offset ${at} was used`);
        return { headerOffset, shift, ...group(bytes, chain, maxRevisions, ctx) };
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === "PDF_LIMIT_EXCEEDED" || code === "UNSUPPORTED_PDF") throw err;
        lastError = err;
      }
    }
  }
  const why = lastError instanceof Error ? `: ${lastError.message}` : "";
  throw malformedPdf(`no readable cross-reference section${why}`);
}

/** The chain from the newest section back, each hybrid table merged with its `/XRefStm`. */
async function readChain(ctx: SectionContext, offset: number, shift: number, maxRevisions: number): Promise<XrefSection[]> {
  const chain: XrefSection[] = [];
  const seen = new Set<number>();
  let next: number | undefined = offset;
  while (next !== undefined) {
    if (seen.has(next)) {
      ctx.parse.warn(`cross-reference chain loops back to offset ${next}; read once`);
      break;
    }
    if (chain.length >= maxRevisions) throw overLimit(`more than ${maxRevisions} cross-reference sections`);
    seen.add(next);
    let section = await readSection(ctx, next);
    const stm = intOf(get(section.trailer, "XRefStm"));
    if (section.kind === "table" && stm !== undefined && !seen.has(stm + shift)) {
      seen.add(stm + shift);
      section = mergeHybrid(section, await readSection(ctx, stm + shift));
    }
    chain.push(section);
    const prev = intOf(get(section.trailer, "Prev"));
    next = prev === undefined ? undefined : prev + shift;
  }
  return chain;
}

/** §7.5.8.4: a hybrid file's table wins; its `/XRefStm` stream supplies the objects the table does not list in use. */
function mergeHybrid(table: XrefSection, stream: XrefSection): XrefSection {
  const entries = new Map<number, XrefEntry>(stream.entries);
  for (const [num, e] of table.entries) if (e.type === "inuse" || !entries.has(num)) entries.set(num, e);
  return { ...table, entries };
}

function eofAfter(bytes: Uint8Array, from: number): { eofEnd: number; end: number } | undefined {
  const at = indexOf(bytes, "%%EOF", from);
  if (at < 0) return undefined;
  const eofEnd = at + 5;
  let end = eofEnd;
  if (bytes[end] === 0x0d && bytes[end + 1] === 0x0a) end += 2;
  else if (bytes[end] === 0x0a || bytes[end] === 0x0d) end += 1;
  return { eofEnd, end };
}

function group(bytes: Uint8Array, chain: readonly XrefSection[], maxRevisions: number, ctx: SectionContext): Omit<PdfStructure, "headerOffset" | "shift"> {
  const revisions: { number: number; end: number; eofEnd: number; sections: XrefSection[] }[] = [];
  let incomplete = 0;
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i]!;
    const eof = eofAfter(bytes, s.end);
    const last = revisions[revisions.length - 1];
    if (!eof) {
      incomplete++;
      continue;
    }
    // A section whose %%EOF is not past the previous revision's end adds to that revision: a linearised file's
    // first-page section (its /Prev points forward), or a section planted inside earlier bytes.
    if (last && eof.end <= last.end) last.sections.push(s);
    else {
      if (revisions.length >= maxRevisions) throw overLimit(`more than ${maxRevisions} revisions`);
      revisions.push({ number: revisions.length + 1, ...eof, sections: [s] });
    }
  }
  if (revisions.length === 0) {
    // No %%EOF at all: one revision, the whole file (viewers read it the same way).
    ctx.parse.warn("no %%EOF marker: the file is read as one revision");
    return { revisions: [{ number: 1, end: bytes.length, eofEnd: bytes.length, sections: [...chain].reverse() }], trailing: null };
  }
  if (incomplete > 0) ctx.parse.warn(`${incomplete} cross-reference section(s) after the last %%EOF are not a complete revision`);
  const end = revisions[revisions.length - 1]!.end;
  let p = end;
  while (p < bytes.length && isWhite(bytes[p])) p++;
  return { revisions, trailing: p < bytes.length ? { start: p, end: bytes.length } : null };
}
