// Stand-in certificates for unit tests of path rules: a partial object plus the extension values a decoded certificate
// computes on first use, decoded here from the stand-in's own `extensions` the way the decoder does.
import { OID } from "../../src/asn1/oids.js";
import { decodeAuthorityInfoAccess } from "../../src/model/authority-info-access.js";
import type { Certificate, Decoded } from "../../src/model/certificate.js";
import { decodeNameConstraints, decodePolicyExtensions } from "../../src/model/constraints.js";
import { decodeDistributionPoints } from "../../src/model/distribution-point.js";
import { decodeGeneralNames } from "../../src/model/general-name.js";

function decoded<T>(decode: () => T): Decoded<T> {
  try {
    return { ok: true, value: decode() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * Completes a partial certificate with the lazily decoded extension values.
 *
 * @param parts - the fields a test sets (at least `extensions`)
 * @returns the stand-in, typed as a certificate
 */
export function standIn(parts: Partial<Certificate> & Pick<Certificate, "extensions">): Certificate {
  const value = (id: string): Uint8Array | undefined => parts.extensions.find((e) => e.oid === id)?.value;
  const lazy = <T>(id: string, decode: (v: Uint8Array) => T): Decoded<T> | undefined => {
    const v = value(id);
    return v === undefined ? undefined : decoded(() => decode(v));
  };
  return Object.defineProperties({ ...parts }, {
    crlDistributionPoints: { get: () => lazy(OID.cRLDistributionPoints, (v) => decodeDistributionPoints(v, parts.issuer!)) },
    authorityInfoAccess: { get: () => lazy(OID.authorityInfoAccess, decodeAuthorityInfoAccess) },
    subjectAltNames: { get: () => lazy(OID.subjectAltName, decodeGeneralNames) },
    nameConstraints: { get: () => lazy(OID.nameConstraints, decodeNameConstraints) },
    policyExtensions: { get: () => decoded(() => decodePolicyExtensions(parts.extensions, parts.policies)) },
  }) as unknown as Certificate;
}
