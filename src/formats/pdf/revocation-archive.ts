import { children, ctx, rawOf, Tag } from "../../asn1/der.js";
import { isDecree130Error } from "../../errors.js";
import type { Attribute } from "../../model/signed-data.js";

/** Adobe's signed attribute adbe-revocationInfoArchival: revocation data the signer embedded when signing. */
export const REVOCATION_INFO_ARCHIVAL = "1.2.840.113583.1.1.8";

/** CRLs and OCSP responses a signer archived in its signed attributes, and why any could not be read. */
export interface ArchivedRevocation {
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
  readonly problems: readonly string[];
}

/**
 * Reads the adbe-revocationInfoArchival signed attribute (1.2.840.113583.1.1.8): `RevocationInfoArchival ::= SEQUENCE
 * { crl [0] EXPLICIT SEQUENCE OF CRL OPTIONAL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL, otherRevInfo [2]
 * ... OPTIONAL }`. Each CRL and response is returned as its DER, to be decoded with the file's other evidence; one that
 * does not even frame is a problem, never an error: it only reduces the evidence.
 *
 * @param attributes - a SignerInfo's signed attributes
 * @param max - most CRLs and responses read (the revocation budget)
 * @returns the archived CRLs and OCSP responses, and the problems found
 * @example
 * ```ts
 * const archived = archivedRevocation(signer.signedAttrs?.attributes ?? [], limits.maxRevocationObjects);
 * ```
 */
export function archivedRevocation(attributes: readonly Attribute[], max: number): ArchivedRevocation {
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  const problems: string[] = [];
  for (const a of attributes) {
    if (a.oid !== REVOCATION_INFO_ARCHIVAL) continue;
    for (const value of a.values) {
      try {
        if (value.tag !== Tag.SEQUENCE) throw new TypeError("not a SEQUENCE");
        for (const part of children(value, "ber", 3)) {
          const into = part.tag === ctx(0) ? crls : part.tag === ctx(1) ? ocspResponses : undefined;
          if (!into) continue;
          const [list] = children(part, "ber", 1);
          if (list?.tag !== Tag.SEQUENCE) throw new TypeError("a list that is not a SEQUENCE");
          for (const item of children(list, "ber", max)) if (crls.length + ocspResponses.length < max) into.push(rawOf(item));
        }
      } catch (err) {
        if (!isDecree130Error(err) && !(err instanceof TypeError)) throw err;
        problems.push(`adbe-revocationInfoArchival: ${err.message}`);
      }
    }
  }
  return { crls, ocspResponses, problems };
}
