// semantics.md §1, step by step: each row is one step of the rule, with the inputs that reach it.
import { describe, expect, it } from "vitest";
import { judgeTimes } from "../../src/conditions/time-rules.js";
import { resolveTimes } from "../../src/time/signing-time.js";
import type { RevocationFinding } from "../../src/revocation/types.js";

const t = (s: string): number => Date.parse(s);
const cert = { notBefore: t("2024-01-01T00:00:00Z"), notAfter: t("2025-01-01T00:00:00Z") };
const good: RevocationFinding = { known: true, evidence: [] };
const unknown: RevocationFinding = { known: false, evidence: [] };
const revoked = (at: string, extra: Partial<NonNullable<RevocationFinding["revocation"]>> = {}): RevocationFinding => ({
  known: true,
  evidence: [],
  revocation: { at: t(at), reason: "superseded", ...extra },
});
const times = (claim: string | undefined, now: string, poe?: string) =>
  resolveTimes({
    now: t(now),
    claimed: claim === undefined ? undefined : t(claim),
    proofs: poe ? [{ time: t(poe), source: "caller" }] : [],
    clockSkewMs: 300_000,
  });

describe("judgeTimes (semantics.md §1)", () => {
  const rows: [string, ReturnType<typeof times>, RevocationFinding | null, string][] = [
    ["1: claim before notBefore", times("2023-12-01T00:00:00Z", "2024-06-01T00:00:00Z"), good, "SIGNED_BEFORE_VALIDITY"],
    ["1: claim after notAfter", times("2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"), good, "SIGNED_AFTER_EXPIRY"],
    ["2: upper bound before notBefore", times(undefined, "2023-06-01T00:00:00Z"), good, "SIGNED_BEFORE_VALIDITY"],
    ["3: revoked before the claim", times("2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z"), revoked("2024-05-01T00:00:00Z"), "REVOKED_AT_SIGNING"],
    ["3 beats 4: revoked before the claim, status unknown now", times("2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z"), { ...revoked("2024-05-01T00:00:00Z"), known: false }, "REVOKED_AT_SIGNING"],
    ["4: no evidence for the upper bound", times("2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z"), unknown, "REVOCATION_UNKNOWN"],
    ["5: revoked after the claim, before now", times("2024-06-01T00:00:00Z", "2024-08-01T00:00:00Z"), revoked("2024-07-01T00:00:00Z"), "REVOKED_NO_POE"],
    ["5 avoided by a POE before revocation", times("2024-06-01T00:00:00Z", "2024-08-01T00:00:00Z", "2024-06-02T00:00:00Z"), revoked("2024-07-01T00:00:00Z"), "VALID"],
    ["6: expired at now without POE", times("2024-06-01T00:00:00Z", "2025-06-01T00:00:00Z"), good, "EXPIRED_NO_POE"],
    ["6 avoided by a POE inside validity", times("2024-06-01T00:00:00Z", "2025-06-01T00:00:00Z", "2024-06-01T00:01:00Z"), good, "VALID"],
    ["7: valid", times("2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z"), good, "VALID"],
    ["revocation ignored", times("2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z"), null, "VALID"],
    ["hold covering the claim", times("2024-06-01T00:00:00Z", "2024-09-01T00:00:00Z"), revoked("2024-05-01T00:00:00Z", { reason: "certificateHold", holdUntil: t("2024-07-01T00:00:00Z") }), "REVOKED_AT_SIGNING"],
    ["hold lifted before the claim still leaves the signature unplaced", times("2024-08-01T00:00:00Z", "2024-09-01T00:00:00Z"), revoked("2024-05-01T00:00:00Z", { reason: "certificateHold", holdUntil: t("2024-07-01T00:00:00Z") }), "REVOKED_NO_POE"],
  ];
  for (const [name, tm, rev, code] of rows) it(name, () => expect(judgeTimes(cert, tm, rev).code).toBe(code));
});

describe("resolveTimes", () => {
  it("disregards a claim later than the proof beyond the clock skew", () => {
    const r = times("2024-06-02T00:00:00Z", "2024-07-01T00:00:00Z", "2024-06-01T00:00:00Z");
    expect(r.claim).toBeUndefined();
    expect(r.contradictedClaim).toBe(t("2024-06-02T00:00:00Z"));
    expect(r.reported).toEqual({ value: t("2024-06-01T00:00:00Z"), source: "caller" });
  });
  it("keeps a claim within the clock skew", () => {
    const r = times("2024-06-01T00:04:00Z", "2024-07-01T00:00:00Z", "2024-06-01T00:00:00Z");
    expect(r.claim).toBe(t("2024-06-01T00:04:00Z"));
  });
  it("reports the claim, else the validation time", () => {
    expect(times("2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z").reported.source).toBe("claimed");
    expect(times(undefined, "2024-07-01T00:00:00Z").reported).toEqual({ value: t("2024-07-01T00:00:00Z"), source: "validation-time" });
  });
});
