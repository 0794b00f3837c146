import type { XmlElement } from "./tree.js";

/** Who signed, by where the signature sits: `DSCKS/NBan`, `DSCKS/NMua`, `DSCKS/CQT`, `DSCKS/NNT`, `DSCKS/CCKSKhac`. */
export type XmlRole = "seller" | "buyer" | "tax-authority" | "taxpayer" | "other";

/** The role of a signature by its parent element under `DSCKS` (GDT format 1450/QĐ-TCT); anything else is `other`. */
export const ROLE_BY_PARENT: ReadonlyMap<string, XmlRole> = new Map<string, XmlRole>([
  ["NBan", "seller"],
  ["NMua", "buyer"],
  ["CQT", "tax-authority"],
  ["NNT", "taxpayer"],
  ["CCKSKhac", "other"],
]);

/** The data element each signed document type carries, which its signatures must reference. */
export const DATA_ELEMENT: ReadonlyMap<string, string> = new Map([
  ["HDon", "DLHDon"],
  ["TBao", "DLTBao"],
  ["TKhai", "DLTKhai"],
]);

/** The document kind by the element holding the signed data. */
export const KIND_BY_CONTAINER: ReadonlyMap<string, "invoice" | "notice" | "declaration"> = new Map([
  ["HDon", "invoice"],
  ["TBao", "notice"],
  ["TKhai", "declaration"],
] as const);

/**
 * The role of a `ds:Signature` from its parent: `NBan` → seller, `NMua` → buyer, `CQT` → tax-authority, `NNT` →
 * taxpayer, under a `DSCKS`; anything else (`CCKSKhac` included) → other.
 *
 * @param signature - the `ds:Signature` element
 * @returns the role
 * @example
 * ```ts
 * roleOf(signatureInsideDscksNBan); // "seller"
 * ```
 */
export function roleOf(signature: XmlElement): XmlRole {
  const parent = signature.parent;
  if (!parent || parent.parent?.local !== "DSCKS") return "other";
  return ROLE_BY_PARENT.get(parent.local) ?? "other";
}
