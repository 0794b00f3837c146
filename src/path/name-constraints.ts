import { OID } from "../asn1/oids.js";
import type { Certificate } from "../model/certificate.js";
import { formatName } from "../model/name.js";
import type { NameConstraints } from "../model/constraints.js";
import { namesOf, type ConstrainedForm, type GeneralName } from "../model/general-name.js";
import { MATCHERS } from "./name-match.js";
import type { PathIssue } from "./path-issue.js";

function describe(n: GeneralName): string {
  if (n.form === "directoryName") return formatName(n.value);
  if (n.form === "iPAddress") return [...n.value].join(".");
  if (n.form === "other") return `[${n.tag & 0x1f}]`;
  return n.value;
}

/** The first name of `names` outside the constraints, with why; `null` when all are inside. */
function violation(names: readonly GeneralName[], nc: NameConstraints): string | null {
  for (const name of names) {
    if (name.form === "other") {
      // Fail closed: a constraint on this form exists and cannot be evaluated for this name.
      const sameTag = (b: GeneralName): boolean => b.form === "other" && b.tag === name.tag;
      if ((nc.permitted ?? []).some(sameTag) || nc.excluded.some(sameTag)) return `name form [${name.tag & 0x1f}] is constrained and cannot be evaluated`;
      continue;
    }
    const match = MATCHERS[name.form as ConstrainedForm];
    const sameForm = (b: GeneralName): boolean => b.form === name.form;
    const permitted = nc.permitted?.filter(sameForm) ?? [];
    // A name the matcher cannot place (a mailbox without @, a URI without host) fails closed under any constraint of its form.
    if (permitted.length > 0 && !permitted.some((b) => match(name, b) === true)) {
      return `${name.form} "${describe(name)}" is outside the permitted subtrees`;
    }
    for (const b of nc.excluded) if (sameForm(b) && match(name, b) !== false) {
      return `${name.form} "${describe(name)}" is inside the excluded subtree "${describe(b)}"`;
    }
  }
  return null;
}

/**
 * Applies name constraints from the anchor down (RFC 5280 §6.1.3(b)-(c), §6.1.4(g)): each CA's constraints, the anchor's
 * included, bind every certificate below it; self-issued intermediates are not judged, the signing certificate always is.
 *
 * @param path - signing certificate first, anchor last
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = checkNameConstraints([leaf, ca, root]);
 * if (issue) console.log(issue.reason, issue.index);
 * ```
 */
export function checkNameConstraints(path: readonly Certificate[]): PathIssue | null {
  const active: NameConstraints[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const cert = path[i]!;
    const top = i === path.length - 1;
    if (!top && active.length > 0 && (i === 0 || !cert.selfIssued)) {
      let names: GeneralName[];
      try {
        names = namesOf(cert);
      } catch (err) {
        return { reason: "MALFORMED_EXTENSION", index: i, detail: `subjectAltName: ${(err as Error).message}` };
      }
      for (const nc of active) {
        const why = violation(names, nc);
        if (why) return { reason: "NAME_CONSTRAINTS_VIOLATED", index: i, detail: why };
      }
    }
    const decoded = i > 0 ? cert.nameConstraints : undefined;
    if (!decoded) continue;
    if (!decoded.ok) return { reason: "MALFORMED_EXTENSION", index: i, detail: `nameConstraints: ${decoded.error}` };
    const nc = decoded.value;
    if ("unsupported" in nc) {
      // Fail closed: a critical constraint we cannot enforce might exclude the names below.
      if (cert.extensions.find((e) => e.oid === OID.nameConstraints)?.critical) return { reason: "NAME_CONSTRAINTS_VIOLATED", index: i, detail: `unsupported constraint: ${nc.unsupported}` };
      continue;
    }
    active.push(nc);
  }
  return null;
}
