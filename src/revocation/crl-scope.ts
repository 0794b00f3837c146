import type { Certificate } from "../model/certificate.js";
import type { Crl } from "../model/crl.js";
import type { DistributionPoint, IssuingDistributionPoint } from "../model/distribution-point.js";

/** Whether one distribution point of the certificate is served by the CRL (RFC 5280 §6.3.3 (b)). */
function dpServedBy(dp: DistributionPoint, crl: Crl, cert: Certificate, idp: IssuingDistributionPoint | undefined): boolean {
  if (dp.crlIssuers.size > 0) {
    if (!dp.crlIssuers.has(`dn:${crl.issuer.key}`) || !idp?.indirectCRL) return false;
  } else if (crl.issuer.key !== cert.issuer.key) return false;
  if (!idp?.names) return true;
  const names = dp.names.size > 0 ? dp.names : dp.crlIssuers;
  for (const k of idp.names) if (names.has(k)) return true;
  return false;
}

/**
 * Whether a CRL from another issuer than the certificate's may speak for it: the certificate names the CRL's issuer as
 * the cRLIssuer of one of its distribution points.
 *
 * @param crl - the CRL
 * @param cert - the certificate asked about
 * @returns `true` when some distribution point names the CRL's issuer as cRLIssuer (the scope rules decide the rest)
 * @example
 * ```ts
 * if (crl.issuer.key !== cert.issuer.key && !namesCrlIssuer(crl, cert)) return undefined; // another issuer's CRL
 * ```
 */
export function namesCrlIssuer(crl: Crl, cert: Certificate): boolean {
  const dps = cert.crlDistributionPoints;
  return dps?.ok === true && dps.value.some((dp) => dp.crlIssuers.has(`dn:${crl.issuer.key}`));
}

/** Scope rules on the IDP's flags, in RFC 5280 §6.3.3 (b) order: each yields a rejection reason or nothing. */
const SCOPE_RULES: readonly ((idp: IssuingDistributionPoint, cert: Certificate) => string | undefined)[] = [
  (idp) => (idp.onlyContainsAttributeCerts ? "CRL covers attribute certificates only" : undefined),
  (idp, cert) => (idp.onlyContainsUserCerts && cert.basicConstraints?.ca === true ? "CRL covers end-entity certificates only" : undefined),
  (idp, cert) => (idp.onlyContainsCACerts && cert.basicConstraints?.ca !== true ? "CRL covers CA certificates only" : undefined),
];

/**
 * Why a CRL's issuingDistributionPoint does not cover a certificate, if it does not.
 *
 * @param crl - the CRL (with its decoded IDP, if any)
 * @param cert - the certificate asked about
 * @returns a rejection reason, or `undefined` when the CRL's scope covers the certificate
 * @example
 * ```ts
 * const problem = crlScopeProblem(crl, cert); // "CRL covers CA certificates only"
 * ```
 */
export function crlScopeProblem(crl: Crl, cert: Certificate): string | undefined {
  const idp = crl.issuingDistributionPoint;
  if (idp) {
    for (const rule of SCOPE_RULES) {
      const problem = rule(idp, cert);
      if (problem) return problem;
    }
  }
  const dps = cert.crlDistributionPoints;
  // Without cRLDistributionPoints the certificate has one implicit point: its issuer's complete, unpartitioned CRL.
  if (!dps) {
    if (crl.issuer.key !== cert.issuer.key) return "CRL issuer is not the certificate's issuer";
    return idp?.names ? "CRL is partitioned by distribution point and the certificate names none" : undefined;
  }
  if (!dps.ok) return `cRLDistributionPoints of the certificate does not decode: ${dps.error}`;
  if (dps.value.some((dp) => dpServedBy(dp, crl, cert, idp))) return undefined;
  return crl.issuer.key === cert.issuer.key
    ? "CRL distribution point does not match the certificate's"
    : "CRL is not an indirect CRL for a cRLIssuer the certificate names";
}

