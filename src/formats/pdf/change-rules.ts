/**
 * pdf.md's change classes as tables: which catalog, form-field and widget entries belong to which class. A change to
 * an entry not listed is `undefined`.
 */
import type { ChangeClass, FieldKind } from "./roles.js";

/** Catalog entries that belong to a class other than `undefined`. */
export const CATALOG_ENTRY_CLASS: Readonly<Record<string, ChangeClass>> = {
  DSS: "extension",
  Metadata: "extension",
  Extensions: "extension",
  Version: "extension",
  AcroForm: "signature-or-form-fill",
  Perms: "signature-or-form-fill",
};

/**
 * What a change to a form field is about: its `value` (filling or signing it), its `appearance`, or its widget's
 * `placement` (rectangle, flags, border). An appearance that changes while the value does not is no form fill: it is
 * how a shadow attack swaps what a field shows. Placement changes are part of filling the field when its value
 * changes, an annotation change otherwise.
 */
export type FieldAspect = "value" | "appearance" | "placement";

interface FieldEntryRule {
  readonly cls: "fill" | ChangeClass;
  readonly aspect?: FieldAspect;
  /** Applies to a bare widget too (not only to a field dictionary). */
  readonly onWidget?: true;
}

/** Field and widget entries, the class a change to each takes (`fill` = the field's fill class) and its aspect. */
const FIELD_ENTRIES: Readonly<Record<string, FieldEntryRule>> = {
  V: { cls: "fill", aspect: "value" },
  DV: { cls: "fill", aspect: "value" },
  M: { cls: "fill", aspect: "value" },
  Kids: { cls: "fill", aspect: "value" },
  Lock: { cls: "fill" },
  SV: { cls: "fill" },
  Ff: { cls: "fill" },
  DA: { cls: "fill", aspect: "appearance" },
  AP: { cls: "fill", aspect: "appearance", onWidget: true },
  AS: { cls: "fill", aspect: "appearance", onWidget: true },
  MK: { cls: "fill", aspect: "appearance", onWidget: true },
  Rect: { cls: "annotation", aspect: "placement", onWidget: true },
  F: { cls: "annotation", aspect: "placement", onWidget: true },
  Border: { cls: "annotation", aspect: "placement", onWidget: true },
  BS: { cls: "annotation", aspect: "placement", onWidget: true },
  C: { cls: "annotation", aspect: "placement", onWidget: true },
  StructParent: { cls: "annotation", onWidget: true },
  NM: { cls: "annotation", onWidget: true },
  Q: { cls: "annotation", onWidget: true },
  Contents: { cls: "annotation", onWidget: true },
  P: { cls: "annotation", aspect: "placement", onWidget: true },
  H: { cls: "annotation", aspect: "placement", onWidget: true },
  OC: { cls: "annotation", aspect: "placement", onWidget: true },
};

const FILL_CLASS: Readonly<Record<FieldKind, ChangeClass>> = {
  signature: "signature-or-form-fill",
  "doc-timestamp": "extension",
  form: "signature-or-form-fill",
};

/**
 * The class and aspect of a change to one entry of a form field or widget dictionary.
 *
 * @param key - the entry
 * @param kind - the field's kind
 * @param isField - whether the dictionary is a field (and not a bare widget)
 * @returns the class, and the aspect when the entry is the field's value or appearance
 * @example
 * ```ts
 * fieldEntryClass("AP", "signature", true); // { cls: "signature-or-form-fill", aspect: "appearance" }
 * ```
 */
export function fieldEntryClass(key: string, kind: FieldKind, isField: boolean): { readonly cls: ChangeClass; readonly aspect?: FieldAspect } {
  const rule = Object.hasOwn(FIELD_ENTRIES, key) ? FIELD_ENTRIES[key] : undefined;
  if (!rule || (!isField && !rule.onWidget)) return { cls: "undefined" };
  const cls = rule.cls === "fill" ? FILL_CLASS[kind] : rule.cls;
  return rule.aspect ? { cls, aspect: rule.aspect } : { cls };
}

/**
 * The class of a field of the given kind being added or filled.
 *
 * @param kind - the field's kind
 * @returns the class
 * @example
 * ```ts
 * fillClass("doc-timestamp"); // "extension"
 * ```
 */
export function fillClass(kind: FieldKind): ChangeClass {
  return FILL_CLASS[kind];
}
