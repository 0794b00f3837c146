import { children, ctx, ctxPrim, expect, fields, readRoot, smallInt, Tag, type Tlv } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import type { Certificate } from "../model/certificate.js";
import { formatName } from "../model/name.js";
import { decodeGeneralName, namesOf, type ConstrainedForm, type GeneralName } from "./general-names.js";
import { MATCHERS } from "./name-match.js";
import type { PathIssue } from "./path-issue.js";

/** One certificate's nameConstraints: `permitted` undefined means no permittedSubtrees field. */
export interface NameConstraints {
  readonly permitted?: readonly GeneralName[];
  readonly excluded: readonly GeneralName[];
}

/** Most subtrees read from one extension. */
const MAX_SUBTREES = 1024;

/** Thrown inside decoding when a subtree uses a form or field this module cannot enforce. */
class Unsupported extends Error {}

function subtrees(tlv: Tlv, permitted: boolean): GeneralName[] {
  return children(tlv, "der", MAX_SUBTREES).map((st) => {
    const f = fields(st, 1, 3, "GeneralSubtree");
    // RFC 5280 §4.2.1.10: minimum MUST be zero and maximum absent; anything else is a constraint nobody defines.
    for (const extra of f.slice(1)) {
      if (extra.tag === ctxPrim(0) && smallInt(extra, 0x7fffffff, ctxPrim(0)) === 0) continue;
      throw new Unsupported("GeneralSubtree with a minimum or maximum");
    }
    const base = decodeGeneralName(f[0]!);
    // An excluded subtree of a form no matcher reads (otherName, x400Address, ...) binds only names of that same form (see
    // violation); a permitted one is refused outright, failing closed as before.
    if (base.form === "other" && permitted) throw new Unsupported(`name form [${base.tag & 0x1f}] in a permitted subtree`);
    return base;
  });
}

/**
 * Decodes a nameConstraints extension value.
 *
 * @param value - the extension value (DER)
 * @returns the constraints, or `{ unsupported }` naming a form this module cannot enforce
 * @throws {@link Decree130Error} `MALFORMED_DER` for bytes that are not a NameConstraints
 * @example
 * ```ts
 * const nc = decodeNameConstraints(ext.value);
 * if ("unsupported" in nc) console.log(nc.unsupported);
 * ```
 */
export function decodeNameConstraints(value: Uint8Array): NameConstraints | { readonly unsupported: string } {
  const f = fields(expect(readRoot(value), Tag.SEQUENCE, "NameConstraints"), 0, 2, "NameConstraints");
  let permitted: GeneralName[] | undefined;
  let excluded: GeneralName[] = [];
  try {
    for (const part of f) {
      if (part.tag === ctx(0) && permitted === undefined) permitted = subtrees(part, true);
      else if (part.tag === ctx(1)) excluded = subtrees(part, false);
      else throw new Unsupported(`unexpected field 0x${part.tag.toString(16)}`);
    }
  } catch (err) {
    if (err instanceof Unsupported) return { unsupported: err.message };
    throw err;
  }
  return permitted === undefined ? { excluded } : { permitted, excluded };
}

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
    const ext = i > 0 ? cert.extensions.find((e) => e.oid === OID.nameConstraints) : undefined;
    if (!ext) continue;
    let nc: ReturnType<typeof decodeNameConstraints>;
    try {
      nc = decodeNameConstraints(ext.value);
    } catch (err) {
      return { reason: "MALFORMED_EXTENSION", index: i, detail: `nameConstraints: ${(err as Error).message}` };
    }
    if ("unsupported" in nc) {
      // Fail closed: a critical constraint we cannot enforce might exclude the names below.
      if (ext.critical) return { reason: "NAME_CONSTRAINTS_VIOLATED", index: i, detail: `unsupported constraint: ${nc.unsupported}` };
      continue;
    }
    active.push(nc);
  }
  return null;
}
