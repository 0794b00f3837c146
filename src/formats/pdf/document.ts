import { Decree130Error } from "../../errors.js";
import type { DecodeBudget } from "./flate.js";
import { overLimit, type PdfLimits } from "./limits.js";
import { objectAt, readObjectStream, type ObjectStream } from "./object-stream.js";
import { get, isRef, type PdfDict, type PdfRef, type PdfValue } from "./objects.js";
import { parseIndirectObject, type ParseContext, type ParsedObject } from "./parser.js";
import { readStructure, type PdfStructure, type Revision } from "./structure.js";
import type { XrefEntry } from "./xref.js";

/** Where an object's bytes are. */
export type ObjectLocation =
  | { readonly kind: "file"; readonly start: number; readonly end: number }
  | { readonly kind: "compressed"; readonly stream: number; readonly streamStart: number; readonly index: number };

/** An object as one revision resolves it. `broken` says why its bytes could not be read (its value is then `null`). */
export interface ResolvedObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  readonly location: ObjectLocation;
  readonly broken?: string;
}

/** Most warnings kept: a file with thousands of odd streams says so in a few lines. */
const MAX_WARNINGS = 50;
/** Longest chain of references to references followed. */
const MAX_REF_HOPS = 16;

/**
 * A PDF read for signature checking: its revisions, and a view of the objects as each revision defines them. Nothing
 * is copied: objects are parsed from the input on demand, once, and stream data are views of it.
 */
export class PdfDocument {
  /** What the reader tolerated (stream lengths, missing `endobj`, garbage before the header ...). */
  readonly warnings: string[] = [];
  private readonly parsed = new Map<number | string, ResolvedObject>();
  private readonly objectStreams = new Map<number, ObjectStream>();
  private readonly views = new Map<number, RevisionView>();
  private readonly seenWarnings = new Set<string>();
  /** Parse settings shared by every object of the file. */
  readonly parseContext: ParseContext;

  /**
   * @param bytes - the file
   * @param limits - the budgets
   * @param budget - the decoding budget, shared with the structure reader
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly limits: PdfLimits,
    readonly budget: DecodeBudget,
  ) {
    this.parseContext = { maxDepth: limits.maxNestingDepth, lengthOf: () => undefined, warn: (w) => this.warn(w) };
  }

  /** The revision structure; set once by {@link readPdf}. */
  structure!: PdfStructure;

  /** Records something tolerated, once. */
  warn(what: string): void {
    if (this.seenWarnings.has(what) || this.warnings.length >= MAX_WARNINGS) return;
    this.seenWarnings.add(what);
    this.warnings.push(what);
  }

  /** The revisions, oldest first. */
  get revisions(): readonly Revision[] {
    return this.structure.revisions;
  }

  /** The view of the last complete revision. */
  get final(): RevisionView {
    return this.view(this.revisions.length);
  }

  /**
   * The objects as a revision defines them.
   *
   * @param n - the revision, 1-based
   * @returns the view (made once per revision)
   */
  view(n: number): RevisionView {
    let v = this.views.get(n);
    if (!v) {
      const revision = this.structure.revisions[n - 1];
      if (!revision) throw new RangeError(`no revision ${n}`);
      this.views.set(n, (v = new RevisionView(this, revision)));
    }
    return v;
  }

  /**
   * Every entry an object number has had, oldest first, with the revision that wrote it: one index for all revisions,
   * so a file with many revisions costs no copy of its cross-reference per revision.
   */
  get history(): ReadonlyMap<number, readonly { readonly revision: number; readonly entry: XrefEntry }[]> {
    if (!this.entryHistory) {
      const h = new Map<number, { revision: number; entry: XrefEntry }[]>();
      for (const r of this.structure.revisions) {
        for (const s of r.sections) {
          for (const [num, entry] of s.entries) {
            let list = h.get(num);
            if (!list) h.set(num, (list = []));
            list.push({ revision: r.number, entry });
          }
        }
      }
      this.entryHistory = h;
    }
    return this.entryHistory;
  }

  private entryHistory: Map<number, { revision: number; entry: XrefEntry }[]> | undefined;

  /** Decodes every object stream any revision's compressed entries use, once, so that resolving stays synchronous. */
  async prepareObjectStreams(): Promise<void> {
    const seen = new Set<string>();
    for (const list of this.history.values()) {
      for (const { revision, entry } of list) {
        if (entry.type !== "compressed" || seen.has(`${revision}:${entry.stream}`)) continue;
        seen.add(`${revision}:${entry.stream}`);
        const view = this.view(revision);
        const c = view.entry(entry.stream);
        if (c?.type !== "inuse") continue;
        try {
          await this.loadObjectStream(c.offset + this.structure.shift, view, entry.stream);
        } catch (err) {
          if (err instanceof Decree130Error && err.code !== "MALFORMED_PDF") throw err;
          this.warn(`object stream ${entry.stream} could not be read: ${(err as Error).message}`);
        }
      }
    }
  }

  /** @internal The object at a file offset (shift applied), its indirect `/Length` resolved in `view`. */
  parsedAt(offset: number, view: RevisionView): ParsedObject {
    const ctx: ParseContext = { ...this.parseContext, lengthOf: (ref) => view.lengthOf(ref) };
    return parseIndirectObject(this.bytes, offset, ctx);
  }

  /** @internal Objects parsed once for every revision that points at them: by file offset, or `stream:index`. */
  cached(key: number | string): ResolvedObject | undefined {
    return this.parsed.get(key);
  }

  /** @internal */
  remember(key: number | string, obj: ResolvedObject): void {
    if (!obj.broken) this.parsed.set(key, obj);
  }

  /** @internal A decoded object stream, by the file offset of the stream object. */
  objectStream(offset: number): ObjectStream | undefined {
    return this.objectStreams.get(offset);
  }

  /** @internal */
  async loadObjectStream(offset: number, view: RevisionView, num: number): Promise<void> {
    if (this.objectStreams.has(offset)) return;
    const obj = view.object(num);
    if (!obj || obj.value === null || typeof obj.value !== "object" || obj.value.kind !== "stream") return;
    this.objectStreams.set(offset, await readObjectStream(obj.value, this.budget, this.limits.maxObjects));
  }
}

/** The objects of one revision: the cross-reference entries of its sections and every earlier one, newest winning. */
export class RevisionView {
  private readonly resolving = new Set<number>();
  private all: Map<number, XrefEntry> | undefined;

  /**
   * @param doc - the document
   * @param revision - the revision
   */
  constructor(
    readonly doc: PdfDocument,
    readonly revision: Revision,
  ) {}

  /**
   * The entry an object number has in this revision's cross-reference.
   *
   * @param num - the object number
   * @returns the newest entry written in this revision or before, or `undefined`
   */
  entry(num: number): XrefEntry | undefined {
    const list = this.doc.history.get(num);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.revision <= this.revision.number) return list[i]!.entry;
    return undefined;
  }

  /** Object number → entry for every object of this revision (made on first use: iterate it for one revision only). */
  get entries(): ReadonlyMap<number, XrefEntry> {
    if (!this.all) {
      this.all = new Map();
      for (const num of this.doc.history.keys()) {
        const e = this.entry(num);
        if (e) this.all.set(num, e);
      }
    }
    return this.all;
  }

  /** The trailer of the newest section; `/Root`, `/Info` and `/Encrypt` fall back to older ones when it lacks them. */
  trailerEntry(key: "Root" | "Info" | "Encrypt" | "ID"): PdfValue | undefined {
    for (let n = this.revision.number; n >= 1; n--) {
      const sections = this.doc.revisions[n - 1]!.sections;
      for (let i = sections.length - 1; i >= 0; i--) {
        const v = get(sections[i]!.trailer, key);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }

  /** The catalog (`/Root`), or `undefined` when it cannot be resolved to a dictionary. */
  catalog(): PdfDict | undefined {
    const v = this.resolve(this.trailerEntry("Root"));
    return v !== null && typeof v === "object" && v.kind === "dict" ? v : undefined;
  }

  /** The catalog's object number, when `/Root` is a reference. */
  catalogNum(): number | undefined {
    const r = this.trailerEntry("Root");
    return isRef(r) ? r.num : undefined;
  }

  /**
   * The object an object number names in this revision.
   *
   * @param num - the object number
   * @returns the object, or `undefined` when the number is free or unknown
   */
  object(num: number): ResolvedObject | undefined {
    const e = this.entry(num);
    if (!e || e.type === "free") return undefined;
    if (e.type === "inuse") return this.fromFile(num, e);
    const container = this.entry(e.stream);
    if (!container || container.type !== "inuse") return broken(num, { kind: "compressed", stream: e.stream, streamStart: -1, index: e.index }, `its object stream ${e.stream} is not in use`);
    const streamStart = container.offset + this.doc.structure.shift;
    const key = `${streamStart}:${e.index}`;
    const known = this.doc.cached(key);
    if (known) return known.num === num ? known : broken(num, known.location, `its object stream holds object ${known.num}`);
    const location: ObjectLocation = { kind: "compressed", stream: e.stream, streamStart, index: e.index };
    const os = this.doc.objectStream(streamStart);
    if (!os) return broken(num, location, `object stream ${e.stream} was not decoded`);
    const obj = attempt(num, 0, location, () => objectAt(os, e.index, num, this.doc.parseContext));
    this.doc.remember(key, obj);
    return obj;
  }

  private fromFile(num: number, e: { readonly offset: number; readonly gen: number }): ResolvedObject {
    const offset = e.offset + this.doc.structure.shift;
    const known = this.doc.cached(offset);
    const location: ObjectLocation = { kind: "file", start: offset, end: offset };
    if (known) return known.num === num && known.gen === e.gen ? known : broken(num, location, `offset ${offset} holds object ${known.num} ${known.gen}`);
    if (this.resolving.has(num)) return broken(num, location, "its /Length refers to itself");
    this.resolving.add(num);
    try {
      let end = offset;
      const obj = attempt(num, e.gen, location, () => {
        const p = this.doc.parsedAt(offset, this);
        if (p.num !== num || p.gen !== e.gen) throw new Decree130Error("MALFORMED_PDF", `offset ${offset} holds object ${p.num} ${p.gen}`);
        end = p.end;
        return p.value;
      });
      const out = obj.broken ? obj : { ...obj, location: { kind: "file" as const, start: offset, end } };
      this.doc.remember(offset, out);
      return out;
    } finally {
      this.resolving.delete(num);
    }
  }

  /** @internal An indirect `/Length`, read without streams (a length is a number). */
  lengthOf(ref: PdfRef): number | undefined {
    const v = this.resolve(ref);
    return typeof v === "number" ? v : undefined;
  }

  /**
   * A value with references followed (to a bounded depth); a reference to a free or unknown object is `null`.
   *
   * @param v - a value
   * @returns the direct value
   */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    for (let hops = 0; isRef(v); hops++) {
      if (hops >= MAX_REF_HOPS) return null;
      const e = this.entry(v.num);
      // §7.3.10: a reference whose generation is not the entry's names a free object.
      if (e?.type === "inuse" && e.gen !== v.gen) return null;
      v = this.object(v.num)?.value ?? null;
    }
    return v;
  }
}

function broken(num: number, location: ObjectLocation, why: string): ResolvedObject {
  return { num, gen: 0, value: null, location, broken: why };
}

function attempt(num: number, gen: number, location: ObjectLocation, read: () => PdfValue): ResolvedObject {
  try {
    return { num, gen, value: read(), location };
  } catch (err) {
    if (err instanceof Decree130Error && err.code === "MALFORMED_PDF") return broken(num, location, err.message);
    throw err;
  }
}

/**
 * Reads a PDF's revision structure and decodes the object streams its revisions use.
 *
 * @param bytes - the file
 * @param limits - the budgets
 * @returns the document
 * @throws {@link Decree130Error} `MALFORMED_PDF`, `PDF_LIMIT_EXCEEDED`, `UNSUPPORTED_PDF`
 * @example
 * ```ts
 * const doc = await readPdf(bytes, DEFAULT_PDF_LIMITS);
 * doc.revisions.length; // 2
 * ```
 */
export async function readPdf(bytes: Uint8Array, limits: PdfLimits): Promise<PdfDocument> {
  if (bytes.length > limits.maxPdfBytes) throw overLimit(`the PDF is ${bytes.length} bytes, above the limit of ${limits.maxPdfBytes}`);
  const budget: DecodeBudget = { perStream: limits.maxStreamBytes, remaining: limits.maxDecodedBytes };
  const doc = new PdfDocument(bytes, limits, budget);
  doc.structure = await readStructure({ bytes, parse: doc.parseContext, budget, limits, entryCount: 0 }, limits.maxRevisions);
  await doc.prepareObjectStreams();
  return doc;
}
