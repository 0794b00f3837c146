import type { RevisionView } from "./document.js";
import { overLimit } from "./limits.js";
import { dictOf, get, isRef, nameOf, textOf, type PdfDict, type PdfValue } from "./objects.js";
import type { FieldKind, Role, RoleEntry } from "./roles.js";

/** A form field as one revision defines it. */
export interface FieldInfo {
  /** Fully qualified name (`parent.child`). */
  readonly name: string;
  /** Object number of the field dictionary (`null` when it is written inline). */
  readonly num: number | null;
  readonly dict: PdfDict;
  readonly kind: FieldKind;
  /** Position in the depth-first walk of `/AcroForm /Fields` (orphan field-widgets come after). */
  readonly index: number;
  /** Widget annotations of the field (the field itself when merged with its widget). */
  readonly widgets: readonly number[];
  /** Reached from `/AcroForm /Fields`; `false` for a field-widget found only in a page's `/Annots`. */
  readonly inFields: boolean;
}

/** A signature or document-timestamp dictionary found in a revision. */
export interface FoundSignature {
  /** Identity across revisions: `o<num>` for an indirect dictionary, `f<num>` for one written inline in its field. */
  readonly key: string;
  readonly num: number | null;
  readonly dict: PdfDict;
  readonly field: FieldInfo | null;
}

/** The roles, fields, pages and signatures of one revision. */
export interface GraphMap {
  readonly roles: ReadonlyMap<number, readonly RoleEntry[]>;
  readonly fields: readonly FieldInfo[];
  readonly signatures: readonly FoundSignature[];
  /** Page objects in page order. */
  readonly pages: readonly number[];
}

/** Roles whose objects are walked by structure; a generic walk stops at them. */
const STRUCTURAL: ReadonlySet<Role> = new Set<Role>([
  "catalog", "page-tree", "page", "annots-array", "annotation", "widget", "field", "form-array", "acroform", "signature", "doc-timestamp",
]);

/** Catalog entries and the role of everything under them (`Pages` and `AcroForm` are walked by structure). */
const CATALOG_ROLES: Readonly<Record<string, Role>> = {
  DSS: "dss",
  Metadata: "metadata",
  Extensions: "extensions",
  Perms: "perms",
};

/** Field-dictionary entries (not appearance): under a form field they are its value; skipped on a widget walk. */
const FIELD_KEYS: ReadonlySet<string> = new Set(["FT", "T", "TU", "TM", "Ff", "V", "DV", "Kids", "Parent", "Opt", "TI", "I", "Lock", "SV", "MaxLen", "RV", "DS"]);

const MAX_TREE_DEPTH = 64;

/**
 * Maps a revision's object graph from its trailer: page tree, annotations, form fields, signature dictionaries and the
 * roles of every reachable object. Signature dictionaries are found here, through the graph, never by searching bytes.
 *
 * @param view - the revision
 * @param budget - object visits left, shared by every revision mapped (so many revisions of a large graph cannot
 *   multiply the work); reduced by the visits made
 * @returns the map
 * @throws {@link Decree130Error} `PDF_LIMIT_EXCEEDED` past the budget
 * @example
 * ```ts
 * const budget = { visits: limits.maxObjects * 4 };
 * const map = mapGraph(doc.final, budget);
 * map.signatures.length;
 * ```
 */
export function mapGraph(view: RevisionView, budget: { visits: number }): GraphMap {
  return new Mapper(view, budget).run();
}

class Mapper {
  private readonly roles = new Map<number, RoleEntry[]>();
  private readonly fields: (FieldInfo & { widgets: number[] })[] = [];
  private readonly signatures: FoundSignature[] = [];
  private readonly pages: number[] = [];
  private readonly structural = new Set<number>();
  private readonly widgetField = new Map<number, FieldInfo>();
  private readonly seenFields = new Set<number>();
  private readonly seenSignatures = new Set<string>();
  private readonly visited = new Set<string>();
  private readonly generic: { value: PdfValue; entry: RoleEntry }[] = [];

  constructor(
    private readonly view: RevisionView,
    private readonly budget: { visits: number },
  ) {}

  run(): GraphMap {
    const rootRef = this.view.trailerEntry("Root");
    const catalog = this.view.catalog();
    if (isRef(rootRef)) this.mark(rootRef.num, { role: "catalog" });
    const info = this.view.trailerEntry("Info");
    if (info !== undefined) this.generic.push({ value: info, entry: { role: "info" } });
    if (catalog) {
      const af = get(catalog, "AcroForm");
      if (af !== undefined) this.acroForm(af);
      const pages = get(catalog, "Pages");
      if (pages !== undefined) this.pageTree(pages, 0);
      for (const [key, value] of catalog.entries) {
        if (key === "AcroForm" || key === "Pages" || key === "Type" || key === "Version") continue;
        this.generic.push({ value, entry: { role: (Object.hasOwn(CATALOG_ROLES, key) ? CATALOG_ROLES[key] : undefined) ?? "other" } });
      }
    }
    for (let i = 0; i < this.generic.length; i++) this.walk(this.generic[i]!.value, this.generic[i]!.entry);
    return { roles: this.roles, fields: this.fields, signatures: this.signatures, pages: this.pages };
  }

  private count(): void {
    if (--this.budget.visits < 0) throw overLimit(`the object-visit budget ran out while mapping revision ${this.view.revision.number}`);
  }

  private mark(num: number, entry: RoleEntry): void {
    let list = this.roles.get(num);
    if (!list) this.roles.set(num, (list = []));
    if (!list.some((e) => e.role === entry.role && e.field === entry.field)) list.push(entry);
    if (STRUCTURAL.has(entry.role)) this.structural.add(num);
  }

  private deref(v: PdfValue | undefined): PdfValue | undefined {
    return this.view.resolve(v);
  }

  private pageTree(v: PdfValue, depth: number): void {
    if (depth > MAX_TREE_DEPTH) return;
    const num = isRef(v) ? v.num : null;
    if (num !== null && this.structural.has(num)) return;
    const d = dictOf(this.deref(v));
    if (!d) return;
    this.count();
    const kids = this.deref(get(d, "Kids"));
    const type = nameOf(get(d, "Type"));
    if (type === "Pages" || (type !== "Page" && kids !== null && typeof kids === "object" && kids.kind === "array")) {
      if (num !== null) this.mark(num, { role: "page-tree" });
      const k = get(d, "Kids");
      if (isRef(k)) this.mark(k.num, { role: "page-tree" });
      for (const [key, value] of d.entries) {
        if (key !== "Kids" && key !== "Parent") this.generic.push({ value, entry: { role: "page-content" } });
      }
      if (kids !== null && typeof kids === "object" && kids.kind === "array") for (const kid of kids.items) this.pageTree(kid, depth + 1);
      return;
    }
    const page = this.pages.length + 1;
    if (num !== null) {
      this.pages.push(num);
      this.mark(num, { role: "page", page });
    }
    for (const [key, value] of d.entries) {
      if (key === "Annots") this.annots(value, page);
      else if (key !== "Parent") this.generic.push({ value, entry: { role: "page-content", page } });
    }
  }

  private annots(v: PdfValue, page: number): void {
    if (isRef(v)) this.mark(v.num, { role: "annots-array", page });
    const arr = this.deref(v);
    if (arr === null || typeof arr !== "object" || arr.kind !== "array") return;
    for (const item of arr.items) this.annotation(item, page);
  }

  private annotation(item: PdfValue, page: number): void {
    const num = isRef(item) ? item.num : null;
    if (num !== null && this.structural.has(num)) return;
    const d = dictOf(this.deref(item));
    if (!d) return;
    this.count();
    if (nameOf(get(d, "Subtype")) === "Widget") {
      let field = num === null ? undefined : this.widgetField.get(num);
      // A field-widget that /AcroForm /Fields does not list: still a field (its /V may be a signature).
      if (!field && (get(d, "FT") !== undefined || get(d, "T") !== undefined)) field = this.field(item, "", undefined, 0, false);
      if (field && num !== null && this.structural.has(num)) return;
      this.widget(num, d, field, page);
      return;
    }
    if (num !== null) this.mark(num, { role: "annotation", page });
    for (const [key, value] of d.entries) {
      if (key !== "P" && key !== "Parent" && key !== "Popup" && key !== "IRT") this.generic.push({ value, entry: { role: "annotation-part", page } });
    }
  }

  private widget(num: number | null, d: PdfDict, field: FieldInfo | undefined, page?: number): void {
    const base = field ? { field: field.name, fieldKind: field.kind } : { fieldKind: "form" as const };
    if (num !== null) this.mark(num, { role: "widget", ...base, ...(page ? { page } : {}) });
    for (const [key, value] of d.entries) {
      if (key !== "P" && !FIELD_KEYS.has(key)) this.generic.push({ value, entry: { role: "field-part", ...base } });
    }
  }

  private acroForm(v: PdfValue): void {
    if (isRef(v)) this.mark(v.num, { role: "acroform" });
    const d = dictOf(this.deref(v));
    if (!d) return;
    for (const [key, value] of d.entries) {
      if (key === "Fields") {
        if (isRef(value)) this.mark(value.num, { role: "form-array" });
        const arr = this.deref(value);
        if (arr !== null && typeof arr === "object" && arr.kind === "array") for (const f of arr.items) this.field(f, "", undefined, 0, true);
      } else if (key !== "CO") this.generic.push({ value, entry: { role: "form-resource" } });
    }
  }

  private field(item: PdfValue, parent: string, inheritedFt: string | undefined, depth: number, inFields: boolean): FieldInfo | undefined {
    if (depth > MAX_TREE_DEPTH) return undefined;
    const num = isRef(item) ? item.num : null;
    if (num !== null && this.seenFields.has(num)) return undefined;
    if (num !== null) this.seenFields.add(num);
    const d = dictOf(this.deref(item));
    if (!d) return undefined;
    this.count();
    const t = textOf(get(d, "T"));
    const name = t === undefined ? parent : parent ? `${parent}.${t}` : t;
    const ft = nameOf(get(d, "FT")) ?? inheritedFt;
    const vRaw = get(d, "V");
    const value = ft === "Sig" ? dictOf(this.deref(vRaw)) : undefined;
    const isTimestamp = value !== undefined && (nameOf(get(value, "Type")) === "DocTimeStamp" || nameOf(get(value, "SubFilter")) === "ETSI.RFC3161");
    const kind: FieldKind = ft !== "Sig" ? "form" : isTimestamp ? "doc-timestamp" : "signature";
    const info = { name, num, dict: d, kind, index: this.fields.length, widgets: [] as number[], inFields };
    this.fields.push(info);
    if (num !== null) this.mark(num, { role: "field", field: name, fieldKind: kind });
    if (nameOf(get(d, "Subtype")) === "Widget" && num !== null) {
      info.widgets.push(num);
      this.widgetField.set(num, info);
    }
    const entry = { field: name, fieldKind: kind };
    if (value) {
      const vNum = isRef(vRaw) ? vRaw.num : null;
      this.signature(vNum, value, vNum !== null ? `o${vNum}` : `f${num ?? `${name}`}`, info);
    }
    for (const [key, v] of d.entries) {
      if (key === "Kids") {
        if (isRef(v)) this.mark(v.num, { role: "form-array", ...entry });
        const kids = this.deref(v);
        if (kids === null || typeof kids !== "object" || kids.kind !== "array") continue;
        for (const kid of kids.items) this.kid(kid, info, ft, depth);
      } else if (key === "V" && value) continue;
      else if (key === "Parent" || key === "P") continue;
      else if (FIELD_KEYS.has(key)) this.generic.push({ value: v, entry: { role: "form-value", ...entry } });
      else this.generic.push({ value: v, entry: { role: "field-part", ...entry } });
    }
    return info;
  }

  private kid(kid: PdfValue, info: FieldInfo & { widgets: number[] }, ft: string | undefined, depth: number): void {
    const kd = dictOf(this.deref(kid));
    if (!kd) return;
    const pureWidget = nameOf(get(kd, "Subtype")) === "Widget" && get(kd, "T") === undefined && get(kd, "Kids") === undefined;
    if (!pureWidget) {
      this.field(kid, info.name, ft, depth + 1, info.inFields);
      return;
    }
    const kNum = isRef(kid) ? kid.num : null;
    if (kNum !== null) {
      if (this.widgetField.has(kNum)) return;
      info.widgets.push(kNum);
      this.widgetField.set(kNum, info);
    }
    this.widget(kNum, kd, info);
  }

  private signature(num: number | null, dict: PdfDict, key: string, field: FieldInfo | null): void {
    if (this.seenSignatures.has(key)) return;
    this.seenSignatures.add(key);
    const ts = nameOf(get(dict, "Type")) === "DocTimeStamp" || nameOf(get(dict, "SubFilter")) === "ETSI.RFC3161";
    const entry: RoleEntry = { role: ts ? "doc-timestamp" : "signature", ...(field ? { field: field.name } : {}) };
    if (num !== null) this.mark(num, entry);
    this.signatures.push({ key, num, dict, field });
    for (const value of dict.entries.values()) this.generic.push({ value, entry });
  }

  /** Walks everything reachable from a value, giving each object the entry's role; stops at structural objects. */
  private walk(start: PdfValue, entry: RoleEntry): void {
    const entryKey = `${entry.role}|${entry.field ?? ""}`;
    const stack: PdfValue[] = [start];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v === null || typeof v !== "object") continue;
      switch (v.kind) {
        case "ref": {
          if (this.structural.has(v.num)) break;
          const key = `${v.num}|${entryKey}`;
          if (this.visited.has(key)) break;
          this.visited.add(key);
          this.count();
          const obj = this.deref(v);
          const d = dictOf(obj);
          const type = nameOf(get(d, "Type"));
          if (d && (type === "Sig" || type === "DocTimeStamp") && get(d, "ByteRange") !== undefined) {
            this.signature(v.num, d, `o${v.num}`, null);
            break;
          }
          this.mark(v.num, entry);
          if (obj !== undefined) stack.push(obj);
          break;
        }
        case "array":
          for (let i = v.items.length - 1; i >= 0; i--) stack.push(v.items[i]!);
          break;
        case "dict":
          for (const x of v.entries.values()) stack.push(x);
          break;
        case "stream":
          for (const x of v.dict.entries.values()) stack.push(x);
          break;
        default:
          break;
      }
    }
  }
}
