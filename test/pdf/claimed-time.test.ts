// /M as the claimed signing time must judge a signature exactly as the same time in the CMS signingTime does: each
// claimed-time rule of semantics.md, with pdfsig-like signatures (no signingTime) against kit signatures (with one).
import { describe, expect, it } from "vitest";
import { loadTrustList } from "../../src/index.js";
import { validatePdf, type ValidatePdfOptions } from "../../src/formats/pdf/index.js";
import { createPkiCrls, createTestPdf, createTestPki, issueCertificate, revoke, signPdf, type TestPkiOptions } from "../../src/testing/index.js";

interface Case {
  readonly name: string;
  readonly claim: string;
  readonly now: string;
  readonly pki?: TestPkiOptions;
  readonly revoked?: { readonly at: string; readonly reason?: "keyCompromise"; readonly invalidityDate?: string };
  readonly crlAt?: string;
  /** The codes both must give (validityPeriod, issuerType, soleControl). */
  readonly expect: readonly [string, string, string];
}

const CASES: readonly Case[] = [
  { name: "inside every period", claim: "2025-06-01T08:00:00Z", now: "2025-07-01T00:00:00Z", crlAt: "2025-06-15T00:00:00Z", expect: ["CERT_VALID_AT_SIGNING", "RECOGNIZED_PROVIDER", "PRESUMED"] },
  { name: "after notAfter", claim: "2026-02-01T00:00:00Z", now: "2026-03-01T00:00:00Z", expect: ["SIGNED_AFTER_EXPIRY", "CA_REVOCATION_UNKNOWN", "REVOCATION_UNKNOWN"] },
  { name: "before notBefore", claim: "2024-12-01T00:00:00Z", now: "2025-07-01T00:00:00Z", expect: ["SIGNED_BEFORE_VALIDITY", "CA_REVOCATION_UNKNOWN", "REVOCATION_UNKNOWN"] },
  {
    name: "revoked before the claim",
    claim: "2025-06-01T08:00:00Z",
    now: "2025-07-01T00:00:00Z",
    revoked: { at: "2025-05-01T00:00:00Z" },
    crlAt: "2025-06-15T00:00:00Z",
    expect: ["REVOKED_AT_SIGNING", "RECOGNIZED_PROVIDER", "PRESUMED"],
  },
  {
    name: "key compromised before the claim",
    claim: "2025-06-01T08:00:00Z",
    now: "2025-07-01T00:00:00Z",
    revoked: { at: "2025-06-10T00:00:00Z", reason: "keyCompromise", invalidityDate: "2025-05-01T00:00:00Z" },
    crlAt: "2025-06-15T00:00:00Z",
    expect: ["REVOKED_NO_POE", "RECOGNIZED_PROVIDER", "KEY_COMPROMISED"],
  },
  {
    name: "provider not licensed at the claim",
    claim: "2025-06-01T08:00:00Z",
    now: "2025-07-01T00:00:00Z",
    pki: { licenses: { publicCa: [{ from: "2020-01-01T00:00:00Z", to: "2025-03-01T00:00:00Z" }] } },
    expect: ["REVOCATION_UNKNOWN", "PROVIDER_NOT_LICENSED", "REVOCATION_UNKNOWN"],
  },
];

describe("/M judges like the CMS signingTime", () => {
  it.each(CASES)("$name", async (c) => {
    const pki = await createTestPki(c.pki);
    const signer = await issueCertificate(pki.publicCa, {
      subject: { commonName: `Claimed ${c.name}` },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2026-01-01T00:00:00Z",
    });
    if (c.revoked) revoke(pki.publicCa, signer, { ...c.revoked });
    const crls = c.crlAt ? await createPkiCrls(pki, { thisUpdate: c.crlAt, nextUpdate: "2026-12-01T00:00:00Z" }) : [];
    const options: ValidatePdfOptions = { trustList: loadTrustList(JSON.stringify(pki.trustList)), now: new Date(c.now), crls };
    const base = createTestPdf();
    const inCms = await validatePdf(await signPdf(base, { signer, signingTime: c.claim }), options);
    const inM = await validatePdf(await signPdf(base, { signer, signingTime: c.claim, cmsSigningTime: false }), options);
    const codes = (r: typeof inCms) => {
      const s = r.signatures[0]!;
      return [s.conditions.validityPeriod.code, s.conditions.issuerType.code, s.conditions.soleControl.code];
    };
    expect(codes(inCms)).toEqual(c.expect);
    expect(codes(inM)).toEqual(c.expect);
    expect(inM.signatures[0]!.verdict).toBe(inCms.signatures[0]!.verdict);
    expect(inM.signatures[0]!.signingTime).toEqual(inCms.signatures[0]!.signingTime);
    expect(inM.signatures[0]!.regime.id).toBe(inCms.signatures[0]!.regime.id);
    expect([inCms.signatures[0]!.pdf.signingTimeFrom, inM.signatures[0]!.pdf.signingTimeFrom]).toEqual(["cms-signingTime", "pdf-M"]);
  });
});
