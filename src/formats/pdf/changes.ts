import { CATALOG_ENTRY_CLASS, fieldEntryClass, fillClass, type FieldAspect } from "./change-rules.js";
import { sameObject, sameValue } from "./compare.js";
import type { PdfDocument, ResolvedObject, RevisionView } from "./document.js";
import type { GraphMap } from "./graph-map.js";
import { dictOf, get, isRef, nameOf, objectId, type PdfDict, type PdfValue } from "./objects.js";
import { classOfRole, worst, type ChangeClass, type RoleEntry } from "./roles.js";
import type { XrefEntry } from "./xref.js";

/** One object added, changed or removed after a signature, and its class. */
export interface ChangeDetail {
  /** The change class; `unreferenced` for an added object nothing in the final revision uses (ignored). */
  readonly class: ChangeClass | "unreferenced";
  /** The object, `"12 0"`; `null` for bytes that are no object (trailing bytes). */
  readonly object: string | null;
  readonly what: string;
  /** The fully qualified name of the form field the change touches, if any (field locks read it). */
  readonly field?: string;
}

/** A change as classified, with what of a field it concerns and the class filling that field takes. */
type Found = ChangeDetail & { readonly aspect?: FieldAspect; readonly fill?: ChangeClass };

/** What the comparison needs. */
export interface ChangeInput {
  readonly doc: PdfDocument;
  /** The signed revision (1-based). */
  readonly signed: number;
  /** The graph map of a revision. */
  readonly map: (revision: number) => GraphMap;
  /** Where the signature's ranges end: trailing bytes before it were signed, not added. */
  readonly signedEnd: number;
}

const SIGNATURE_ROLES = new Set(["signature", "doc-timestamp"]);
/** Objects that hold the file's structure, not its content: adding them is no change. */
const STRUCTURE_TYPES = new Set(["XRef", "ObjStm"]);

const sameEntry = (a: XrefEntry | undefined, b: XrefEntry | undefined): boolean =>
  a === b ||
  (a !== undefined && b !== undefined && a.type === b.type &&
    (a.type === "inuse" ? a.offset === (b as typeof a).offset && a.gen === (b as typeof a).gen
      : a.type === "compressed" ? a.stream === (b as typeof a).stream && a.index === (b as typeof a).index
        : true));

const inUse = (e: XrefEntry | undefined): boolean => e !== undefined && e.type !== "free";

/**
 * Compares the signed revision with the final one object by object (by object number, following the final
 * cross-reference) and classifies every added, changed or removed object as pdf.md says.
 *
 * @param input - the document, the signed revision and the revisions' graph maps
 * @returns the changes, in object-number order (trailing bytes last)
 * @throws {@link Decree130Error} `PDF_LIMIT_EXCEEDED` past the decoding budget
 * @example
 * ```ts
 * const details = await compareRevisions({ doc, signed: 2, map: (n) => maps[n - 1], signedEnd: 5910 });
 * ```
 */
export async function compareRevisions(input: ChangeInput): Promise<ChangeDetail[]> {
  const { doc, signed } = input;
  const S = doc.view(signed);
  const F = doc.final;
  const mapS = input.map(signed);
  const mapF = input.map(doc.revisions.length);
  const details: Found[] = [];
  const rewritten = new Set<number>();
  for (const r of doc.revisions.slice(signed)) for (const s of r.sections) for (const num of s.entries.keys()) rewritten.add(num);
  const candidates = new Set(rewritten);
  for (const [num, e] of F.entries) if (e.type === "compressed" && rewritten.has(e.stream)) candidates.add(num);
  const rootS = S.catalogNum();
  const rootF = F.catalogNum();
  if (rootS !== rootF) {
    details.push(...catalogDiff(dictOf(S.catalog()), dictOf(F.catalog()), objectId(rootF ?? rootS ?? 0), { S, F, mapS, mapF }));
    if (rootS !== undefined) candidates.delete(rootS);
    if (rootF !== undefined) candidates.delete(rootF);
  }
  const limit = doc.limits.maxComparedObjects;
  let compared = 0;
  for (const num of [...candidates].sort((a, b) => a - b)) {
    const eS = S.entry(num);
    const eF = F.entry(num);
    if (!inUse(eS) && !inUse(eF)) continue;
    const streamRewritten = eF?.type === "compressed" && rewritten.has(eF.stream);
    if (sameEntry(eS, eF) && !streamRewritten) continue;
    if (++compared > limit) {
      details.push({ class: "undefined", object: null, what: `more than ${limit} objects differ; the rest were not compared` });
      break;
    }
    const oS = inUse(eS) ? S.object(num) : undefined;
    const oF = inUse(eF) ? F.object(num) : undefined;
    if (oS && oF && !oS.broken && !oF.broken && (await sameObject(oS.value, oF.value, doc.budget))) continue;
    details.push(...classify(num, oS, oF, { S, F, mapS, mapF }));
  }
  const t = doc.structure.trailing;
  if (t && t.start >= input.signedEnd) {
    details.push({ class: "undefined", object: null, what: `${t.end - t.start} bytes after the last %%EOF (an unfinished or hidden update)` });
  }
  return listedOnce(appearanceWithoutValue(details));
}

/** Unreferenced objects listed one by one up to this many; the rest are counted in one line. */
const MAX_UNREFERENCED_LISTED = 50;

function listedOnce(details: readonly ChangeDetail[]): ChangeDetail[] {
  const unreferenced = details.filter((d) => d.class === "unreferenced");
  if (unreferenced.length <= MAX_UNREFERENCED_LISTED) return [...details];
  const rest = unreferenced.length - MAX_UNREFERENCED_LISTED;
  const kept = new Set(unreferenced.slice(0, MAX_UNREFERENCED_LISTED));
  return [
    ...details.filter((d) => d.class !== "unreferenced" || kept.has(d)),
    { class: "unreferenced", object: null, what: `${rest} more objects that nothing references (ignored)` },
  ];
}

/**
 * Settles changes by whether their field was filled: a field whose appearance changed while its value did not was not
 * filled (those changes are `undefined`); its widget's placement changing with its value is part of filling it.
 */
function appearanceWithoutValue(found: readonly Found[]): ChangeDetail[] {
  const filled = new Set(found.filter((d) => d.aspect === "value" && d.field !== undefined).map((d) => d.field));
  return found.map(({ aspect, fill, ...d }): ChangeDetail => {
    if (d.class === "undefined" || d.class === "unreferenced") return d;
    if (aspect === "appearance" && !filled.has(d.field)) return { ...d, class: "undefined", what: `${d.what}, while its value did not` };
    if (aspect === "placement" && fill && filled.has(d.field)) return { ...d, class: fill };
    return d;
  });
}

/** The two revisions compared and their maps. */
interface Sides {
  readonly S: RevisionView;
  readonly F: RevisionView;
  readonly mapS: GraphMap;
  readonly mapF: GraphMap;
}

function rolesOf(map: GraphMap, num: number): readonly RoleEntry[] {
  return map.roles.get(num) ?? [];
}

function describe(roles: readonly RoleEntry[]): string {
  const e = roles[0];
  if (!e) return "object";
  const where = e.page ? ` of page ${e.page}` : e.field ? ` of field "${e.field}"` : "";
  return `${e.role}${where}`;
}

function classify(num: number, oS: ResolvedObject | undefined, oF: ResolvedObject | undefined, sides: Sides): Found[] {
  const { mapS, mapF } = sides;
  const signedEnd = sides.S.revision.end;
  const id = objectId(num, (oF ?? oS)?.gen ?? 0);
  const rS = rolesOf(mapS, num);
  const rF = rolesOf(mapF, num);
  // Bytes of the signed revision that it did not use there: the shadow objects of a hide-and-replace attack.
  const at = oF ? (oF.location.kind === "file" ? oF.location.start : oF.location.streamStart) : Infinity;
  if (oF && at < signedEnd && (rF.length > 0 || rS.length > 0)) {
    return [{ class: "undefined", object: id, what: `the cross-reference points ${describe([...rF, ...rS])} at other bytes inside the signed revision`, ...fieldOf([...rF, ...rS]) }];
  }
  if (!oS) {
    if (rF.length === 0) {
      if (STRUCTURE_TYPES.has(nameOf(get(oF?.value, "Type")) ?? "")) return [];
      return [{ class: "unreferenced", object: id, what: "added object that nothing references (ignored)" }];
    }
    return [{ class: addedClass(rF), object: id, what: `${describe(rF)} added`, ...fieldOf(rF), ...aspectOf(rF, "added") }];
  }
  if (rS.some((e) => SIGNATURE_ROLES.has(e.role))) {
    return [{ class: "undefined", object: id, what: `signature dictionary ${oF ? "changed" : "removed"} after it was signed`, ...fieldOf(rS) }];
  }
  if (!oF) {
    if (rS.length === 0) return [{ class: "unreferenced", object: id, what: "removed object that nothing referenced (ignored)" }];
    return [{ class: removedClass(rS), object: id, what: `${describe(rS)} removed`, ...fieldOf(rS) }];
  }
  if (rS.length === 0 && rF.length === 0) return [{ class: "unreferenced", object: id, what: "changed object that nothing references (ignored)" }];
  if (oS.broken || oF.broken) return [{ class: "undefined", object: id, what: `${describe([...rF, ...rS])} unreadable: ${oF.broken ?? oS.broken}` }];
  const all = [...rS, ...rF];
  const has = (role: string) => all.some((e) => e.role === role);
  const [dS, dF] = [dictOf(oS.value), dictOf(oF.value)];
  if (has("catalog")) return catalogDiff(dS, dF, id, sides);
  if (has("page")) return pageDiff(oS.value, oF.value, id, all.find((e) => e.page)?.page ?? 0, sides);
  if (has("annots-array")) return membersDiff(oS.value, oF.value, id, "annotations", sides, annotsMemberClass, "annotation");
  if (has("form-array")) return membersDiff(oS.value, oF.value, id, "fields", sides, fieldsMemberClass, "signature-or-form-fill");
  if (has("acroform")) return acroFormDiff(dS, dF, id, sides);
  const field = all.find((e) => e.role === "field" || e.role === "widget");
  if (field && dS && dF) return fieldDiff(dS, dF, num, field, all.some((e) => e.role === "field"), mapS);
  return [{ class: worst(all.map(classOfRole)) ?? "undefined", object: id, what: `${describe(all)} changed`, ...fieldOf(all), ...aspectOf(all, "changed") }];
}

/** Whether an object's change is about a field's value or its appearance, by the roles it has. */
function aspectOf(roles: readonly RoleEntry[], change: "added" | "changed"): { aspect?: FieldAspect } {
  if (roles.some((e) => e.role === "form-value" || e.role === "signature" || e.role === "doc-timestamp")) return { aspect: "value" };
  if (change === "added" && roles.some((e) => e.role === "field" || e.role === "widget")) return { aspect: "value" };
  if (roles.some((e) => e.role === "field-part")) return { aspect: "appearance" };
  return {};
}

function fieldOf(roles: readonly RoleEntry[]): { field?: string } {
  const f = roles.find((e) => e.field !== undefined)?.field;
  return f === undefined ? {} : { field: f };
}

function addedClass(roles: readonly RoleEntry[]): ChangeClass {
  return worst(roles.map((e) => (e.role === "widget" && e.fieldKind === "form" ? "annotation" : classOfRole(e)))) ?? "undefined";
}

function removedClass(roles: readonly RoleEntry[]): ChangeClass {
  // A widget taken away is an annotation removed, whatever its field.
  return worst(roles.map((e) => (e.role === "widget" ? "annotation" : classOfRole(e)))) ?? "undefined";
}

type EntryChange = { readonly key: string; readonly change: "added" | "removed" | "changed" };

function entryDiff(a: PdfDict | undefined, b: PdfDict | undefined): EntryChange[] {
  const out: EntryChange[] = [];
  const ea = a?.entries ?? new Map<string, PdfValue>();
  const eb = b?.entries ?? new Map<string, PdfValue>();
  for (const [k, v] of eb) {
    if (!ea.has(k)) out.push({ key: k, change: "added" });
    else if (!sameValue(ea.get(k), v)) out.push({ key: k, change: "changed" });
  }
  for (const k of ea.keys()) if (!eb.has(k)) out.push({ key: k, change: "removed" });
  return out;
}

function catalogDiff(a: PdfDict | undefined, b: PdfDict | undefined, id: string, sides: Sides): Found[] {
  if (!a || !b) return [{ class: "undefined", object: id, what: "catalog replaced by something that is not a dictionary" }];
  return entryDiff(a, b).flatMap((c): Found[] => {
    const [va, vb] = [a.entries.get(c.key), b.entries.get(c.key)];
    // An /AcroForm written inside the catalog: compared entry by entry, so a document timestamp's field stays an extension.
    if (c.key === "AcroForm" && (dictOf(va) || dictOf(vb)) && !isRef(va) && !isRef(vb)) return acroFormDiff(dictOf(va), dictOf(vb), id, sides);
    return [{ class: (Object.hasOwn(CATALOG_ENTRY_CLASS, c.key) ? CATALOG_ENTRY_CLASS[c.key] : undefined) ?? "undefined", object: id, what: `catalog /${c.key} ${c.change}` }];
  });
}

function pageDiff(a: PdfValue, b: PdfValue, id: string, page: number, sides: Sides): ChangeDetail[] {
  const [dA, dB] = [dictOf(a), dictOf(b)];
  if (!dA || !dB) return [{ class: "undefined", object: id, what: `page ${page} replaced by something that is not a dictionary` }];
  return entryDiff(dA, dB).flatMap((c): ChangeDetail[] =>
    c.key === "Annots"
      ? membersDiff(get(dA, "Annots") ?? null, get(dB, "Annots") ?? null, id, `page ${page} annotations`, sides, annotsMemberClass, "annotation")
      : [{ class: "undefined", object: id, what: `page ${page} /${c.key} ${c.change}` }],
  );
}

function acroFormDiff(a: PdfDict | undefined, b: PdfDict | undefined, id: string, sides: Sides): Found[] {
  return entryDiff(a, b).flatMap((c): Found[] =>
    c.key === "Fields"
      ? membersDiff(get(a, "Fields") ?? null, get(b, "Fields") ?? null, id, "form fields", sides, fieldsMemberClass, "signature-or-form-fill")
      : [{ class: "signature-or-form-fill", object: id, what: `/AcroForm /${c.key} ${c.change}` }],
  );
}

function fieldDiff(a: PdfDict, b: PdfDict, num: number, role: RoleEntry, isField: boolean, mapS: GraphMap): Found[] {
  const id = objectId(num);
  const kind = role.fieldKind ?? "form";
  const field = role.field === undefined ? {} : { field: role.field };
  // A signature field that already held a signature in the signed revision: its value must not change.
  const signedBefore = mapS.signatures.some((s) => s.field?.num === num);
  return entryDiff(a, b).map((c) => {
    const rule = fieldEntryClass(c.key, kind, isField);
    const cls: ChangeClass = c.key === "V" && kind !== "form" && signedBefore ? "undefined" : rule.cls;
    const what = `${isField ? "field" : "widget"} ${role.field ? `"${role.field}" ` : ""}/${c.key} ${c.change}`;
    return { class: cls, object: id, what, ...field, ...(rule.aspect ? { aspect: rule.aspect, fill: fillClass(kind) } : {}) };
  });
}

type MemberClass = (roles: readonly RoleEntry[], side: "added" | "removed", map: GraphMap, num: number) => ChangeClass;

function annotsMemberClass(roles: readonly RoleEntry[]): ChangeClass {
  const w = roles.find((e) => e.role === "widget" || e.role === "field");
  if (!w) return "annotation";
  return w.fieldKind === "signature" || w.fieldKind === "doc-timestamp" ? fillClass(w.fieldKind) : "annotation";
}

function fieldsMemberClass(roles: readonly RoleEntry[], side: "added" | "removed", map: GraphMap, num: number): ChangeClass {
  const f = roles.find((e) => e.role === "field" || e.role === "widget");
  if (!f) return "undefined";
  // Taking a signed signature field out of the form removes its signature.
  if (side === "removed" && map.signatures.some((s) => s.field?.num === num)) return "undefined";
  return fillClass(f.fieldKind ?? "form");
}

function refsOf(v: PdfValue, view: RevisionView): { refs: number[]; inline: PdfValue[] } {
  const arr = view.resolve(v);
  const items = arr !== null && arr !== undefined && typeof arr === "object" && arr.kind === "array" ? arr.items : [];
  const refs: number[] = [];
  const inline: PdfValue[] = [];
  for (const it of items) {
    if (it !== null && typeof it === "object" && it.kind === "ref") refs.push(it.num);
    else inline.push(it);
  }
  return { refs, inline };
}

function membersDiff(
  a: PdfValue,
  b: PdfValue,
  id: string,
  what: string,
  sides: Sides,
  memberClass: MemberClass,
  fallback: ChangeClass,
): Found[] {
  const { mapS, mapF } = sides;
  const sA = refsOf(a, sides.S);
  const sB = refsOf(b, sides.F);
  const inA = new Set(sA.refs);
  const inB = new Set(sB.refs);
  const out: Found[] = [];
  for (const n of sB.refs) {
    if (inA.has(n)) continue;
    const roles = rolesOf(mapF, n);
    const cls = memberClass(roles, "added", mapF, n);
    const detail = { object: id, what: `${what}: ${objectId(n)} (${describe(roles)}) added`, ...fieldOf(roles) };
    // A new member comes with its field's value; an old one put (back) on a page only shows what was there.
    if (rolesOf(mapS, n).length === 0) out.push({ ...detail, class: cls, aspect: "value" });
    else out.push({ ...detail, class: fallback, aspect: "placement", fill: cls });
  }
  for (const n of sA.refs) {
    if (inB.has(n)) continue;
    const roles = rolesOf(mapS, n);
    out.push({ class: memberClass(roles, "removed", mapS, n), object: id, what: `${what}: ${objectId(n)} (${describe(roles)}) removed`, ...fieldOf(roles) });
  }
  const sameInline = sA.inline.length === sB.inline.length && sA.inline.every((x, i) => sameValue(x, sB.inline[i]));
  const reordered = out.length === 0 && sameInline && !sA.refs.every((n, i) => sB.refs[i] === n);
  if (!sameInline || reordered) {
    out.push({ class: fallback, object: id, what: `${what} ${reordered ? "reordered" : "changed"}` });
  }
  return out;
}
