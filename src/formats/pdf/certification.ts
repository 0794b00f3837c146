import type { RevisionView } from "./document.js";
import { dictOf, get, isRef, nameOf, textOf, type PdfDict, type PdfValue } from "./objects.js";

/** DocMDP permissions of a certification signature. */
export type DocMdpP = 1 | 2 | 3;

/** A field lock: the fields a signature locks (`/Lock` of its field, or a FieldMDP reference). */
export interface FieldLock {
  readonly action: "All" | "Include" | "Exclude";
  /** Fully qualified field names (for `Include` and `Exclude`). */
  readonly fields: readonly string[];
  readonly source: "Lock" | "FieldMDP";
}

function items(v: PdfValue | undefined, view: RevisionView): readonly PdfValue[] {
  const r = view.resolve(v);
  return r !== null && r !== undefined && typeof r === "object" && r.kind === "array" ? r.items : [];
}

function references(sig: PdfDict, view: RevisionView, method: string): PdfDict[] {
  return items(get(sig, "Reference"), view)
    .map((r) => dictOf(view.resolve(r)))
    .filter((d): d is PdfDict => d !== undefined && nameOf(get(d, "TransformMethod")) === method);
}

/**
 * Whether a signature certifies the document, and with which `/P`: its `/Reference` has `/TransformMethod /DocMDP`, or
 * the catalog's `/Perms /DocMDP` names its dictionary. `/P` defaults to 2; a value other than 1, 2 or 3 reads as 1,
 * the strictest, since the signer's intent cannot be known.
 *
 * @param sig - the signature dictionary, as written in its own revision
 * @param sigNum - its object number, when indirect
 * @param view - the signature's own revision
 * @returns `{ p }` for a certification signature, else `null`
 * @example
 * ```ts
 * certificationOf(dict, 12, doc.view(2)); // { p: 2 }
 * ```
 */
export function certificationOf(sig: PdfDict, sigNum: number | null, view: RevisionView): { readonly p: DocMdpP } | null {
  const ref = references(sig, view, "DocMDP")[0];
  const perms = dictOf(view.resolve(get(view.catalog(), "Perms")));
  const named = get(perms, "DocMDP");
  const byPerms = sigNum !== null && isRef(named) && named.num === sigNum;
  if (!ref && !byPerms) return null;
  const raw = view.resolve(get(dictOf(view.resolve(get(ref, "TransformParams"))), "P"));
  const p = raw === undefined || raw === null ? 2 : raw === 1 || raw === 2 || raw === 3 ? raw : 1;
  return { p };
}

function lockFrom(d: PdfDict | undefined, view: RevisionView, source: FieldLock["source"]): FieldLock | undefined {
  if (!d) return undefined;
  const action = nameOf(view.resolve(get(d, "Action")));
  if (action !== "All" && action !== "Include" && action !== "Exclude") return undefined;
  const fields = items(get(d, "Fields"), view)
    .map((f) => textOf(view.resolve(f)))
    .filter((t): t is string => t !== undefined);
  return { action, fields, source };
}

/**
 * The field locks a signature sets: the `/Lock` dictionary of its field and the FieldMDP references of its dictionary.
 *
 * @param sig - the signature dictionary, as written in its own revision
 * @param field - its field dictionary in that revision, if any
 * @param view - the signature's own revision
 * @returns the locks
 * @example
 * ```ts
 * const locks = fieldLocksOf(dict, fieldDict, doc.view(2));
 * ```
 */
export function fieldLocksOf(sig: PdfDict, field: PdfDict | undefined, view: RevisionView): FieldLock[] {
  const out: FieldLock[] = [];
  const lock = lockFrom(dictOf(view.resolve(get(field, "Lock"))), view, "Lock");
  if (lock) out.push(lock);
  for (const ref of references(sig, view, "FieldMDP")) {
    const l = lockFrom(dictOf(view.resolve(get(ref, "TransformParams"))), view, "FieldMDP");
    if (l) out.push(l);
  }
  return out;
}

const named = (list: readonly string[], field: string): boolean => list.some((n) => field === n || field.startsWith(`${n}.`));

/**
 * Whether a field is locked.
 *
 * @param field - the field's fully qualified name
 * @param locks - the signature's locks
 * @returns `true` when any lock covers it (a lock on a field covers its descendants)
 * @example
 * ```ts
 * isLocked("buyer.name", [{ action: "Include", fields: ["buyer"], source: "Lock" }]); // true
 * ```
 */
export function isLocked(field: string, locks: readonly FieldLock[]): boolean {
  return locks.some((l) => l.action === "All" || (l.action === "Include" ? named(l.fields, field) : !named(l.fields, field)));
}
