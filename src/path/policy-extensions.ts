import { children, ctxPrim, expect, fields, oid, readRoot, smallInt, Tag } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import type { Certificate } from "../model/certificate.js";

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
 * @param cert - the certificate
 * @returns the decoded values
 * @throws {@link Decree130Error} `MALFORMED_DER` when an extension does not decode (the caller rejects the path)
 * @example
 * ```ts
 * const p = policyExtensions(ca);
 * if (p.requireExplicitPolicy === 0) console.log("explicit policy required from here");
 * ```
 */
export function policyExtensions(cert: Certificate): PolicyExtensions {
  const value = (id: string): Uint8Array | undefined => cert.extensions.find((e) => e.oid === id)?.value;
  const out: {
    policies?: readonly string[];
    mappings?: (readonly [string, string])[];
    requireExplicitPolicy?: number;
    inhibitPolicyMapping?: number;
    inhibitAnyPolicy?: number;
  } = {};
  if (value(OID.certificatePolicies)) out.policies = cert.policies ?? [];
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
