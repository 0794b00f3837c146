import { OID } from "../asn1/oids.js";
import type { Certificate } from "../model/certificate.js";
import { decodeGeneralNames } from "./general-names.js";
import type { PathIssue } from "./path-issue.js";

/**
 * RFC 5280 §4.1.2.4, §4.1.2.6: every certificate, the anchor's included, names its issuer, and every CA certificate
 * below the anchor has a subject (an empty name chains to nothing a relying party can identify).
 *
 * @param path - signing certificate first, the anchor's certificate last
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = checkNonEmptyNames([leaf, ca, root]); // null for ordinary certificates
 * ```
 */
export function checkNonEmptyNames(path: readonly Certificate[]): PathIssue | null {
  for (let i = 0; i < path.length; i++) {
    if (path[i]!.issuer.rdns.length === 0) return { reason: "NAME_CHAINING", index: i, detail: "empty issuer name (RFC 5280 §4.1.2.4)" };
    if (i > 0 && i < path.length - 1 && path[i]!.subject.rdns.length === 0) return { reason: "NAME_CHAINING", index: i, detail: "CA certificate with an empty subject" };
  }
  return null;
}

/**
 * Extensions whose contents a relying party relies on must decode: a subjectAltName that does not parse on any
 * certificate of the path, or nameConstraints on the signing certificate (§4.2.1.10: CA certificates only), reject it.
 *
 * @param path - signing certificate first, the anchor's certificate last
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = checkExtensionForms([leaf, ca, root]);
 * ```
 */
export function checkExtensionForms(path: readonly Certificate[]): PathIssue | null {
  for (let i = 0; i < path.length; i++) {
    const san = path[i]!.extensions.find((e) => e.oid === OID.subjectAltName);
    if (san) {
      try {
        if (decodeGeneralNames(san.value).length === 0) return { reason: "MALFORMED_EXTENSION", index: i, detail: "subjectAltName names nothing" };
      } catch (err) {
        return { reason: "MALFORMED_EXTENSION", index: i, detail: `subjectAltName: ${(err as Error).message}` };
      }
    }
  }
  const leaf = path[0]!;
  if (leaf.basicConstraints?.ca !== true && leaf.extensions.some((e) => e.oid === OID.nameConstraints)) {
    return { reason: "MALFORMED_EXTENSION", index: 0, detail: "nameConstraints in a certificate that is not a CA (RFC 5280 §4.2.1.10)" };
  }
  return null;
}
