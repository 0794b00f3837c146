import { attributeValues, formatName } from "../model/name.js";
import type { Certificate } from "../model/certificate.js";
import type { IssuerCategory, Provider } from "../model/trust-list.js";
import { CONDITION_CODES, type ConditionCode } from "./codes.js";
import { outcome, type Outcome } from "./outcome.js";
import { judgeTimes, type TimeRuleCode } from "./time-rules.js";
import { CATEGORY_LABELS, CATEGORY_OF_UNLISTED_ISSUER } from "./categories.js";
import { certificateEvidence, revocationEvidence } from "./evidence.js";
import { iso } from "../lib/iso.js";
import type { SignatureFacts } from "./context.js";

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

/** The facts issuerType hands on: the category, the provider to name, and whether the path used a legacy algorithm. */
export interface IssuerTypeFacts {
  readonly category: IssuerCategory | null;
  /** The provider named in the report: the listed one, or the unlisted issuer the national root certified. */
  readonly provider: string | null;
  readonly legacyPath: boolean;
}

const NONE: IssuerTypeFacts = { category: null, provider: null, legacyPath: false };

function withFacts(o: Outcome, facts: IssuerTypeFacts): Outcome<IssuerTypeFacts> {
  return { ...o, facts };
}

/**
 * Art. 9(2)(a)–(d) and Art. 40: was the signing certificate issued by a recognised provider, on a certification path
 * valid per RFC 5280 at the signing time, by a provider licensed then?
 *
 * @param ctx - the signature's facts
 * @returns the outcome, with the provider category
 * @example
 * ```ts
 * issuerType(facts).facts.category; // "public"
 * ```
 */
export function issuerType(ctx: SignatureFacts): Outcome<IssuerTypeFacts> {
  const path = ctx.path;
  if (!ctx.signingCertificate || !path) return withFacts(outcome("SIGNING_CERT_NOT_FOUND"), NONE);
  const pathEvidence = path.path.map(certificateEvidence);
  if (path.status === "no-path") {
    return withFacts(outcome("NO_CERTIFICATE_PATH", { path: pathEvidence, detail: path.detail }, { detail: path.detail }), NONE);
  }
  if (path.status === "untrusted-root") {
    const root = path.path[path.path.length - 1]!;
    const detail = `the path ends at ${formatName(root.subject)}, which is not on the trust list`;
    return withFacts(outcome("ISSUER_NOT_RECOGNIZED", { path: pathEvidence }, { detail }), NONE);
  }
  const provider: Provider = path.anchor.provider;
  if (path.status === "invalid") {
    const detail = `${path.reason} at ${formatName(path.path[path.index]!.subject)}: ${path.detail}`;
    const ev = { path: pathEvidence, reason: path.reason, index: path.index, detail: path.detail };
    return withFacts(outcome("PATH_INVALID", ev, { provider: provider.name, detail }), NONE);
  }
  if (!provider.services.includes("signing")) {
    const detail = `${provider.name} is listed for ${provider.services.join(", ")}, not for signing`;
    return withFacts(outcome("ISSUER_NOT_RECOGNIZED", { path: pathEvidence }, { detail }), NONE);
  }
  const issuedByAnchor = path.path.length <= 2;
  const category = issuedByAnchor ? provider.category : CATEGORY_OF_UNLISTED_ISSUER[provider.category];
  const providerName = issuedByAnchor || provider.category !== "national-root" ? provider.name : displayName(path.path[1]!);

  const failed: { code: ConditionCode; params: Record<string, string | null | undefined>; ev: Record<string, unknown> }[] = [];
  for (const ca of ctx.cas) {
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
    caChecks: ctx.cas.map((ca) => ({
      certificate: certificateEvidence(ca.certificate),
      revocation: revocationEvidence(ca.revocation),
    })),
    licensed: licenses ? licenses.map((p) => ({ from: iso(p.from), to: p.to === null ? null : iso(p.to) })) : null,
    algorithmStrength: path.strength,
  };
  const facts: IssuerTypeFacts = { category, provider: providerName, legacyPath: path.strength === "legacy" };
  const decisive = failed.find((f) => CONDITION_CODES[f.code].status === "FAILED") ?? failed[0];
  if (decisive) return withFacts(outcome(decisive.code, { ...evidence, ...decisive.ev }, decisive.params), facts);
  const label = CATEGORY_LABELS[category];
  return withFacts(outcome("RECOGNIZED_PROVIDER", { ...evidence, clause: label.clause }, { provider: providerName, categoryLabel: label }), facts);
}
