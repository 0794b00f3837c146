// Which x509-limbo cases lie outside a document-signature validator's scope, and why. A rule here skips a case whatever
// its outcome: skipped cases are never counted as agreement. Every rule names a class of cases, not single failures.

/** Case-id patterns out of scope, with the reason printed for each skipped case. */
const OUT_OF_SCOPE: readonly { readonly match: RegExp; readonly reason: string }[] = [
  {
    match: /^webpki::san::|^webpki::cn::|^rfc5280::ca-as-leaf-wrong-san$|^rfc5280::san::(underscore-dns|ip-in-dns)$|^cve::cve-2025-61727|^rfc5280::nc::nc-forbids-dnsname-wildcard-san$/,
    reason: "TLS peer name matching (expected peer name against DNS/IP SANs, CN, wildcards, host-name syntax): not a document-signature question",
  },
  {
    match: /^webpki::/,
    reason: "CA/Browser Forum TLS server-certificate profile (webpki): document-signing certificates are not issued under it",
  },
  {
    match: /^rfc5280::aki::cross-signed-root-missing-aki$/,
    reason: "upstream marks the outcome ambiguous (a trust anchor that is not self-signed and has no authority key identifier; cve::cve-2024-0567 expects the opposite for the same shape)",
  },
  {
    match: /^rfc5280::validity::notafter-fractional$/,
    reason: "upstream marks the outcome ambiguous (fractional seconds in GeneralizedTime are not DER)",
  },
];

/**
 * Why a limbo case is skipped, if it is.
 *
 * @param id - the case id
 * @returns the reason, or `undefined` when the case is in scope
 * @example
 * ```ts
 * limboSkipReason("webpki::san::no-san"); // "TLS peer name matching ..."
 * ```
 */
export function limboSkipReason(id: string): string | undefined {
  return OUT_OF_SCOPE.find((r) => r.match.test(id))?.reason;
}
