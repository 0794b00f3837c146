import { ctx, ctxPrim, expect, fields, oid, readRoot, smallInt, Tag, type Tlv, children } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import type { Extension } from "./extensions.js";
import { decodeGeneralName, type GeneralName } from "./general-name.js";

/** One certificate's nameConstraints: `permitted` undefined means no permittedSubtrees field. */
export interface NameConstraints {
  readonly permitted?: readonly GeneralName[];
  readonly excluded: readonly GeneralName[];
}

/** Most subtrees read from one extension. */
const MAX_SUBTREES = 1024;

/** A nameConstraints value, or `{ unsupported }` naming a form this library cannot enforce. */
export type NameConstraintsValue = NameConstraints | { readonly unsupported: string };

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
export function decodeNameConstraints(value: Uint8Array): NameConstraintsValue {
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


/** Most entries read from one policyMappings extension. */
const MAX_MAPPINGS = 256;

/** The policy extensions of one certificate (RFC 5280 §4.2.1.4-5, 11, 14), decoded. */
export interface PolicyExtensions {
  /** certificatePolicies OIDs; `undefined` when the extension is absent. */
  readonly policies?: readonly string[];
  /** policyMappings pairs (issuerDomainPolicy, subjectDomainPolicy); `undefined` when absent. */
  readonly mappings?: readonly (readonly [string, string])[];
  /** policyConstraints requireExplicitPolicy (SkipCerts). */
  readonly requireExplicitPolicy?: number;
  /** policyConstraints inhibitPolicyMapping (SkipCerts). */
  readonly inhibitPolicyMapping?: number;
  /** inhibitAnyPolicy (SkipCerts). */
  readonly inhibitAnyPolicy?: number;
}

/** SkipCerts values are small in practice; larger ones mean "never" within any real path. */
const MAX_SKIP = 0x7fffffff;

/**
 * Decodes the policy extensions of a certificate.
 *
 * @param extensions - the certificate's extensions
 * @param policies - its certificatePolicies OIDs, already decoded
 * @returns the decoded values
 * @throws {@link Decree130Error} `MALFORMED_DER` when an extension does not decode (the caller rejects the path)
 * @example
 * ```ts
 * const p = decodePolicyExtensions(ca.extensions, ca.policies);
 * if (p.requireExplicitPolicy === 0) console.log("explicit policy required from here");
 * ```
 */
export function decodePolicyExtensions(extensions: readonly Extension[], policies: readonly string[] | undefined): PolicyExtensions {
  const value = (id: string): Uint8Array | undefined => extensions.find((e) => e.oid === id)?.value;
  const out: {
    policies?: readonly string[];
    mappings?: (readonly [string, string])[];
    requireExplicitPolicy?: number;
    inhibitPolicyMapping?: number;
    inhibitAnyPolicy?: number;
  } = {};
  if (value(OID.certificatePolicies)) out.policies = policies ?? [];
  const pm = value(OID.policyMappings);
  if (pm) {
    out.mappings = children(expect(readRoot(pm), Tag.SEQUENCE, "policyMappings"), "der", MAX_MAPPINGS).map((m) => {
      const [a, b] = fields(m, 2, 2, "policyMapping");
      return [oid(a!), oid(b!)] as const;
    });
  }
  const pc = value(OID.policyConstraints);
  if (pc) {
    for (const f of fields(expect(readRoot(pc), Tag.SEQUENCE, "policyConstraints"), 0, 2, "policyConstraints")) {
      if (f.tag === ctxPrim(0) && out.requireExplicitPolicy === undefined && out.inhibitPolicyMapping === undefined) {
        out.requireExplicitPolicy = smallInt(f, MAX_SKIP, ctxPrim(0));
      } else if (f.tag === ctxPrim(1) && out.inhibitPolicyMapping === undefined) {
        out.inhibitPolicyMapping = smallInt(f, MAX_SKIP, ctxPrim(1));
      } else throw new Decree130Error("MALFORMED_DER", `unexpected field 0x${f.tag.toString(16)} in policyConstraints`);
    }
  }
  const ia = value(OID.inhibitAnyPolicy);
  if (ia) out.inhibitAnyPolicy = smallInt(readRoot(ia), MAX_SKIP);
  return out;
}
