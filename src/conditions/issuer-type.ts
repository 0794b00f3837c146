import { attributeValues, formatName } from "../model/name.js";
import type { Certificate } from "../model/certificate.js";
import type { IssuerCategory, Provider } from "../model/trust-list.js";
import { finding } from "../report/finding.js";
import { CONDITION_CODES, type ConditionCode } from "../report/codes.js";
import type { IssuerTypeResult } from "../report/types.js";
import { judgeTimes, type TimeRuleCode } from "../time/validity-rules.js";
import { CATEGORY_LABELS, CATEGORY_OF_UNLISTED_ISSUER } from "./categories.js";
import { certificateEvidence, revocationEvidence } from "./evidence.js";
import { iso } from "../time/iso.js";
import type { SignatureContext } from "./context.js";

/** The time rules of §1 applied to a CA certificate, under this condition's codes. */
const CA_TIME_CODES: Readonly<Record<Exclude<TimeRuleCode, "VALID">, ConditionCode>> = {
  SIGNED_BEFORE_VALIDITY: "CA_SIGNED_BEFORE_VALIDITY",
  SIGNED_AFTER_EXPIRY: "CA_SIGNED_AFTER_EXPIRY",
  REVOKED_AT_SIGNING: "CA_REVOKED_AT_SIGNING",
  REVOCATION_UNKNOWN: "CA_REVOCATION_UNKNOWN",
  REVOKED_NO_POE: "CA_REVOKED_NO_POE",
  EXPIRED_NO_POE: "CA_EXPIRED_NO_POE",
};

const within = (t: number, p: { from: number; to: number | null }): boolean => t >= p.from && (p.to === null || t < p.to);

const displayName = (c: Certificate): string =>
  attributeValues(c.subject, "2.5.4.3")[0] ?? attributeValues(c.subject, "2.5.4.10")[0] ?? formatName(c.subject);

function withCategory(result: ReturnType<typeof finding>, category: IssuerCategory | null): IssuerTypeResult {
  return { ...result, category };
}

/**
 * Art. 9(2)(a)–(d) and Art. 40: was the signing certificate issued by a recognised provider, on a certification path
 * valid per RFC 5280 at the signing time, by a provider licensed then?
 *
 * @param ctx - the signature's context
 * @returns the condition result with the provider category
 */
export function issuerType(ctx: SignatureContext): IssuerTypeResult {
  const path = ctx.path;
  if (!ctx.signingCertificate || !path) return withCategory(finding("issuerType", "SIGNING_CERT_NOT_FOUND"), null);
  const pathEvidence = path.path.map(certificateEvidence);
  if (path.status === "no-path") {
    return withCategory(finding("issuerType", "NO_CERTIFICATE_PATH", { path: pathEvidence, detail: path.detail }, { detail: path.detail }), null);
  }
  if (path.status === "untrusted-root") {
    const root = path.path[path.path.length - 1]!;
    const detail = `the path ends at ${formatName(root.subject)}, which is not on the trust list`;
    return withCategory(finding("issuerType", "ISSUER_NOT_RECOGNIZED", { path: pathEvidence }, { detail }), null);
  }
  const provider: Provider = path.anchor.provider;
  if (path.status === "invalid") {
    const detail = `${path.reason} at ${formatName(path.path[path.index]!.subject)}: ${path.detail}`;
    const ev = { path: pathEvidence, reason: path.reason, index: path.index, detail: path.detail };
    return withCategory(finding("issuerType", "PATH_INVALID", ev, { provider: provider.name, detail }), null);
  }
  if (!provider.services.includes("signing")) {
    const detail = `${provider.name} is listed for ${provider.services.join(", ")}, not for signing`;
    return withCategory(finding("issuerType", "ISSUER_NOT_RECOGNIZED", { path: pathEvidence }, { detail }), null);
  }
  const issuedByAnchor = path.path.length <= 2;
  const category = issuedByAnchor ? provider.category : CATEGORY_OF_UNLISTED_ISSUER[provider.category];
  const providerName = issuedByAnchor || provider.category !== "national-root" ? provider.name : displayName(path.path[1]!);

  const failed: { code: ConditionCode; params: Record<string, string | null | undefined>; ev: Record<string, unknown> }[] = [];
  for (const ca of path.cas) {
    const outcome = judgeTimes(ca.certificate, ctx.times, ca.revocation);
    if (outcome.code === "VALID") continue;
    const r = ca.revocation?.revocation;
    failed.push({
      code: CA_TIME_CODES[outcome.code],
      params: {
        subject: formatName(ca.certificate.subject),
        time: iso(outcome.at),
        notAfter: iso(ca.certificate.notAfter),
        revokedAt: iso(r?.at),
      },
      ev: { certificate: certificateEvidence(ca.certificate), revocation: revocationEvidence(ca.revocation) },
    });
  }
  const licenses = provider.licenses;
  const claim = ctx.times.claim;
  if (licenses) {
    const licenceParams = { provider: provider.name, time: iso(claim) };
    if (claim !== undefined && !licenses.some((p) => within(claim, p))) {
      failed.push({ code: "PROVIDER_NOT_LICENSED", params: licenceParams, ev: {} });
    } else if (!licenses.some((p) => within(ctx.times.up, p))) {
      failed.push({ code: "LICENCE_NO_POE", params: licenceParams, ev: {} });
    }
  }
  const evidence = {
    path: pathEvidence,
    provider: providerName,
    listedProvider: provider.name,
    anchor: certificateEvidence(path.anchor.certificate),
    caChecks: path.cas.map((ca) => ({
      certificate: certificateEvidence(ca.certificate),
      revocation: revocationEvidence(ca.revocation),
    })),
    licensed: licenses ? licenses.map((p) => ({ from: iso(p.from), to: p.to === null ? null : iso(p.to) })) : null,
    algorithmStrength: path.strength,
  };
  const decisive = failed.find((f) => CONDITION_CODES[f.code].status === "FAILED") ?? failed[0];
  if (decisive) return withCategory(finding("issuerType", decisive.code, { ...evidence, ...decisive.ev }, decisive.params), category);
  const label = CATEGORY_LABELS[category];
  return withCategory(
    finding("issuerType", "RECOGNIZED_PROVIDER", { ...evidence, clause: label.clause }, { provider: providerName, categoryLabel: label }),
    category,
  );
}
