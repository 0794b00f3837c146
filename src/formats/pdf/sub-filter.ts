/** How a signature's `/Contents` is checked, chosen by its `/SubFilter` before `/Contents` is read. */
export type Dispatch = "detached" | "sha1" | "document-timestamp" | "unsupported";

/**
 * pdf.md's SubFilter table: a detached CMS over the ByteRange bytes, a CMS encapsulating their SHA-1, or an RFC 3161
 * document timestamp. Every other value (`adbe.x509.rsa_sha1` included) is not supported.
 */
export const SUB_FILTERS: Readonly<Record<string, Dispatch>> = {
  "adbe.pkcs7.detached": "detached",
  "ETSI.CAdES.detached": "detached",
  "adbe.pkcs7.sha1": "sha1",
  "ETSI.RFC3161": "document-timestamp",
};

/**
 * The dispatch for a `/SubFilter` value.
 *
 * @param subFilter - the name, or `undefined` when absent
 * @returns how the signature is checked
 * @example
 * ```ts
 * dispatchOf("ETSI.CAdES.detached"); // "detached"
 * ```
 */
export function dispatchOf(subFilter: string | undefined): Dispatch {
  return (subFilter !== undefined && Object.hasOwn(SUB_FILTERS, subFilter) ? SUB_FILTERS[subFilter] : undefined) ?? "unsupported";
}
