import { isLocked, type DocMdpP, type FieldLock } from "./certification.js";
import type { ChangeDetail } from "./changes.js";
import { CLASS_RANK, type ChangeClass } from "./roles.js";

/** `changesAfter` of pdf.md: what changed after a signature, and whether the signer allowed it. */
export interface ChangesAfter {
  readonly status: "NONE" | "ALLOWED" | "DISALLOWED";
  /** The classes of the changes, least severe first (unreferenced objects are not counted). */
  readonly classes: readonly ChangeClass[];
  readonly details: readonly ChangeDetail[];
  /** Why the status is `DISALLOWED` (empty otherwise). */
  readonly disallowedBecause: readonly string[];
}

/** What decides whether changes were allowed. */
export interface ChangeRules {
  /** DocMDP of a certification signature, or `null`. */
  readonly certification: { readonly p: DocMdpP } | null;
  /** Field locks the signature set. */
  readonly locks: readonly FieldLock[];
  /** Fields that existed in the signed revision (a lock covers only those). */
  readonly fieldsAtSigning: ReadonlySet<string>;
  /** Policy `pdf.annotationsAfterSigning`. */
  readonly annotationsAfterSigning: "allow" | "reject";
}

/** DocMDP P: the classes each permission level forbids (pdf.md). */
const FORBIDDEN_BY_P: Readonly<Record<DocMdpP, readonly ChangeClass[]>> = {
  1: ["signature-or-form-fill", "annotation", "undefined"],
  2: ["annotation", "undefined"],
  3: ["undefined"],
};

/**
 * Judges the changes after a signature: `NONE` when nothing differs; `DISALLOWED` for an `undefined` change, a change
 * the certification's `/P` forbids, a change to a locked field, or an annotation under policy `"reject"`; else
 * `ALLOWED`.
 *
 * @param details - the classified changes
 * @param rules - certification, locks and policy
 * @returns the judgement
 * @example
 * ```ts
 * judgeChanges(details, { certification: { p: 1 }, locks: [], fieldsAtSigning: new Set(), annotationsAfterSigning: "allow" }).status;
 * ```
 */
export function judgeChanges(details: readonly ChangeDetail[], rules: ChangeRules): ChangesAfter {
  const counted = details.filter((d): d is ChangeDetail & { class: ChangeClass } => d.class !== "unreferenced");
  const classes = [...new Set(counted.map((d) => d.class))].sort((a, b) => CLASS_RANK[a] - CLASS_RANK[b]);
  if (counted.length === 0) return { status: "NONE", classes, details, disallowedBecause: [] };
  const because: string[] = [];
  if (classes.includes("undefined")) because.push("a change of class undefined");
  if (rules.certification) {
    const p = rules.certification.p;
    const forbidden = classes.filter((c) => c !== "undefined" && FORBIDDEN_BY_P[p].includes(c));
    if (forbidden.length > 0) because.push(`certification P=${p} forbids ${forbidden.join(", ")} changes`);
  }
  const locked = [...new Set(counted.flatMap((d) => (d.field !== undefined && rules.fieldsAtSigning.has(d.field) && isLocked(d.field, rules.locks) ? [d.field] : [])))];
  if (locked.length > 0) because.push(`locked field(s) changed: ${locked.join(", ")}`);
  if (rules.annotationsAfterSigning === "reject" && classes.includes("annotation")) because.push('annotations changed under policy annotationsAfterSigning "reject"');
  return { status: because.length > 0 ? "DISALLOWED" : "ALLOWED", classes, details, disallowedBecause: because };
}
