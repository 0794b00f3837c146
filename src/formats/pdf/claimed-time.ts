/**
 * `/M` as the claimed signing time, applied to a report `validate()` made without it. The signature engine will take
 * the claimed time from the PDF format adapter and judge it in one pass; until then, this applies semantics.md's
 * claimed-time rules (validity step 1 and 3, licence, CA dates and revocation, compromise) to the report's evidence.
 */
import { finding, warning } from "../../report/finding.js";
import type { ConditionResult, IssuerTypeResult, SignatureReport } from "../../report/types.js";
import { verdictOf } from "../../report/verdict.js";
import { regimeAt } from "../../report/regime.js";

type Ev = Readonly<Record<string, unknown>>;
const ms = (v: unknown): number | undefined => (typeof v === "string" ? Date.parse(v) : undefined);
const iso = (t: number): string => new Date(t).toISOString();
const obj = (v: unknown): Ev => (typeof v === "object" && v !== null ? (v as Ev) : {});

function revokedAt(revocation: unknown): { at: number; reason: string } | undefined {
  const r = obj(obj(revocation)["revoked"]);
  const at = ms(r["at"]);
  return at === undefined ? undefined : { at, reason: String(r["reason"] ?? "") };
}

function validity(c: ConditionResult, claim: number): ConditionResult {
  const e = c.evidence;
  const [nb, na] = [ms(e["notBefore"]), ms(e["notAfter"])];
  if (nb === undefined || na === undefined) return c;
  const evidence = { ...e, claimedSigningTime: iso(claim) };
  const params = { time: iso(claim), notBefore: iso(nb), notAfter: iso(na) };
  if (claim < nb) return finding("validityPeriod", "SIGNED_BEFORE_VALIDITY", evidence, params);
  if (claim > na) return finding("validityPeriod", "SIGNED_AFTER_EXPIRY", evidence, params);
  const r = revokedAt(e["revocation"]);
  if (c.status !== "FAILED" && r && r.at <= claim) {
    return finding("validityPeriod", "REVOKED_AT_SIGNING", evidence, { ...params, revokedAt: iso(r.at), reason: r.reason });
  }
  return { ...c, evidence };
}

function issuer(c: IssuerTypeResult, claim: number): IssuerTypeResult {
  if (c.status === "FAILED") return c;
  const e = c.evidence;
  const time = iso(claim);
  for (const check of Array.isArray(e["caChecks"]) ? (e["caChecks"] as unknown[]) : []) {
    const cert = obj(obj(check)["certificate"]);
    const subject = String(cert["subject"] ?? "");
    const [nb, na] = [ms(cert["notBefore"]), ms(cert["notAfter"])];
    const r = revokedAt(obj(check)["revocation"]);
    if (nb !== undefined && claim < nb) return { ...finding("issuerType", "CA_SIGNED_BEFORE_VALIDITY", e, { subject, time }), category: c.category };
    if (na !== undefined && claim > na) return { ...finding("issuerType", "CA_SIGNED_AFTER_EXPIRY", e, { subject, time }), category: c.category };
    if (r && r.at <= claim) return { ...finding("issuerType", "CA_REVOKED_AT_SIGNING", e, { subject, time, revokedAt: iso(r.at) }), category: c.category };
  }
  const licensed = Array.isArray(e["licensed"]) ? (e["licensed"] as unknown[]).map(obj) : null;
  const within = (p: Ev) => claim >= (ms(p["from"]) ?? Infinity) && (p["to"] === null || claim < (ms(p["to"]) ?? -Infinity));
  if (licensed && !licensed.some(within)) {
    return { ...finding("issuerType", "PROVIDER_NOT_LICENSED", e, { provider: String(e["listedProvider"] ?? ""), time }), category: c.category };
  }
  return c;
}

function soleControl(c: ConditionResult, claim: number): ConditionResult {
  const at = ms(obj(c.evidence["compromise"])["at"]);
  if (c.code !== "KEY_COMPROMISE_NO_POE" || at === undefined || at > claim) return c;
  return finding("soleControl", "KEY_COMPROMISED", c.evidence, { compromiseAt: iso(at), time: iso(claim) });
}

/**
 * Applies `/M` as the claimed signing time to a report made from a CMS that has no `signingTime`.
 *
 * @param report - the report `validate()` made without a claimed time
 * @param claim - `/M`, milliseconds since the epoch
 * @param now - the validation time
 * @param clockSkewMs - the tolerated clock skew
 * @returns the report judged with the claim (or with warning `CLAIMED_TIME_CONTRADICTED` when a proof contradicts it)
 * @example
 * ```ts
 * const judged = applyClaimedTime(report, Date.parse("2025-06-01T08:00:00Z"), now, 300_000);
 * ```
 */
export function applyClaimedTime(report: SignatureReport, claim: number, now: number, clockSkewMs: number): SignatureReport {
  const proven = report.signingTime.source === "timestamp" || report.signingTime.source === "caller";
  const up = proven ? (ms(report.signingTime.value) ?? now) : now;
  if (claim > up + clockSkewMs) {
    const w = warning("CLAIMED_TIME_CONTRADICTED", { claimed: iso(claim), proven: iso(up) });
    return { ...report, warnings: [...report.warnings, w] };
  }
  const c = report.conditions;
  const conditions = {
    validityPeriod: report.signer.certificate ? validity(c.validityPeriod, claim) : c.validityPeriod,
    keyCorrespondence: c.keyCorrespondence,
    issuerType: issuer(c.issuerType, claim),
    soleControl: soleControl(c.soleControl, claim),
  };
  const nb = ms(c.validityPeriod.evidence["notBefore"]);
  const na = ms(c.validityPeriod.evidence["notAfter"]);
  const certDates = nb !== undefined && na !== undefined ? { notBefore: nb, notAfter: na } : undefined;
  return {
    ...report,
    verdict: verdictOf(conditions),
    conditions,
    ...(proven ? {} : { signingTime: { value: iso(claim), source: "claimed" as const }, regime: regimeAt(claim, certDates) }),
  };
}
