/**
 * What each object of a revision is for: the catalog, a page, its content and resources, an annotation, a form field,
 * a signature, the DSS ... Change classification reads these roles; signature discovery reads the fields and the
 * signature dictionaries found on the way.
 */

/** The role of an object in the document. */
export type Role =
  | "catalog"
  | "info"
  | "page-tree"
  | "page"
  | "page-content"
  | "annots-array"
  | "annotation"
  | "annotation-part"
  | "widget"
  | "field"
  | "form-array"
  | "form-value"
  | "field-part"
  | "acroform"
  | "form-resource"
  | "signature"
  | "doc-timestamp"
  | "dss"
  | "metadata"
  | "extensions"
  | "perms"
  | "other";

/** What kind of field a field, its widgets and their appearances belong to. */
export type FieldKind = "signature" | "doc-timestamp" | "form";

/** One role of an object, with the field (fully qualified name) or page it belongs to. */
export interface RoleEntry {
  readonly role: Role;
  readonly field?: string;
  readonly fieldKind?: FieldKind;
  /** 1-based page number, for pages, their content and their annotations. */
  readonly page?: number;
}

/** The change classes of pdf.md, least to most severe. */
export type ChangeClass = "extension" | "signature-or-form-fill" | "annotation" | "undefined";

/** Severity order of the classes: a change touching several roles takes the most severe. */
export const CLASS_RANK: Readonly<Record<ChangeClass, number>> = {
  extension: 0,
  "signature-or-form-fill": 1,
  annotation: 2,
  undefined: 3,
};

const FIELD_CLASS: Readonly<Record<FieldKind, ChangeClass>> = {
  signature: "signature-or-form-fill",
  "doc-timestamp": "extension",
  form: "signature-or-form-fill",
};

/** The class a change to an object with this role takes, when the object is not compared entry by entry. */
export function classOfRole(e: RoleEntry): ChangeClass {
  switch (e.role) {
    case "dss":
    case "info":
    case "metadata":
    case "extensions":
    case "doc-timestamp":
      return "extension";
    case "acroform":
    case "form-array":
    case "form-resource":
    case "form-value":
    case "perms":
    case "signature":
      return "signature-or-form-fill";
    case "field":
    case "widget":
    case "field-part":
      return FIELD_CLASS[e.fieldKind ?? "form"];
    case "annotation":
    case "annotation-part":
    case "annots-array":
      return "annotation";
    default:
      return "undefined";
  }
}

/**
 * The most severe of several classes.
 *
 * @param classes - classes
 * @returns the most severe, or `undefined` for none
 * @example
 * ```ts
 * worst(["annotation", "extension"]); // "annotation"
 * ```
 */
export function worst(classes: Iterable<ChangeClass>): ChangeClass | undefined {
  let out: ChangeClass | undefined;
  for (const c of classes) if (out === undefined || CLASS_RANK[c] > CLASS_RANK[out]) out = c;
  return out;
}
