import { sequence } from "../asn1/cursor.js";
import { oid, readRoot, Tag } from "../asn1/der.js";
import { decodeGeneralName } from "./general-name.js";

/** id-ad-ocsp and id-ad-caIssuers (RFC 5280 §4.2.2.1). */
const OCSP = "1.3.6.1.5.5.7.48.1";
const CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

/** Most access descriptions read from one extension: real certificates carry two to four. */
const MAX_DESCRIPTIONS = 64;

/** The URIs of an authorityInfoAccess extension, by method, in order. */
export interface AuthorityInfoAccess {
  /** OCSP responders. */
  readonly ocsp: readonly string[];
  /** Where the issuer's certificate (DER or a PKCS#7 bundle) may be fetched. */
  readonly caIssuers: readonly string[];
}

/**
 * Decodes an authorityInfoAccess extension value, keeping the URI locations of the OCSP and caIssuers methods (other
 * methods and name forms are skipped: nothing here reads them).
 *
 * @param value - the extension's DER value
 * @returns the URIs
 * @throws {@link Decree130Error} `MALFORMED_DER` when the value does not decode
 * @example
 * ```ts
 * decodeAuthorityInfoAccess(ext.value).ocsp; // ["http://ocsp.vnpt-ca.vn/responder"]
 * ```
 */
export function decodeAuthorityInfoAccess(value: Uint8Array): AuthorityInfoAccess {
  const ocsp: string[] = [];
  const caIssuers: string[] = [];
  for (const ad of sequence(readRoot(value), "authorityInfoAccess").rest(Tag.SEQUENCE, "authorityInfoAccess", MAX_DESCRIPTIONS)) {
    const r = sequence(ad, "AccessDescription");
    const method = oid(r.read(Tag.OID, "accessMethod"));
    const location = decodeGeneralName(r.any("accessLocation"));
    r.end("AccessDescription");
    if (location.form !== "uniformResourceIdentifier") continue;
    if (method === OCSP) ocsp.push(location.value);
    else if (method === CA_ISSUERS) caIssuers.push(location.value);
  }
  return { ocsp, caIssuers };
}
