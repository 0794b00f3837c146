// A downstream project's own tests: it reaches every Article 9 outcome with decree130/testing alone, no token, no CA,
// no network. Copy this file into your project; it imports the package by name, exactly as you would.
import { describe, expect, it } from "vitest";
import { loadTrustList, validate, type ValidateOptions } from "decree130";
import { createCrl, createTestPki, detachContent, issueCertificate, revoke, signCms, tamperContent } from "decree130/testing";

const pki = await createTestPki();
const trustList = loadTrustList(pki.trustList);
const invoice = new TextEncoder().encode("Hóa đơn GTGT số 0000123");
const signedAt = "2025-06-01T08:00:00Z";
const now = new Date("2025-06-10T00:00:00Z");

/** A signer under the licensed public CA of the test PKI, valid 2025–2027 unless told otherwise. */
const signerUnder = (ca = pki.publicCa, commonName = "Nguyễn Văn A", notAfter = "2027-01-01T00:00:00Z") =>
  issueCertificate(ca, { subject: { commonName, MST: "0101234567" }, notBefore: "2025-01-01T00:00:00Z", notAfter });

/** A CRL issued after the signing time, current at `now`. */
const crlOf = (ca = pki.publicCa) => createCrl(ca, { thisUpdate: "2025-06-02T00:00:00Z", nextUpdate: "2025-07-01T00:00:00Z" });
// The national root's CRL speaks for the listed public CA it certified (a listed CA is judged like the CAs below it).
const rootCrl = () => crlOf(pki.nationalRoot);

async function verdictOf(p7s: Uint8Array, options: Partial<ValidateOptions> = {}) {
  const report = await validate(p7s, { trustList, now, crls: [await crlOf(), await rootCrl()], ...options });
  return report.signatures[0]!;
}

describe("my e-invoice portal accepts only secure signatures", () => {
  it("SECURE", async () => {
    const s = await verdictOf(await signCms(invoice, await signerUnder(), { signingTime: signedAt }));
    expect(s.verdict).toBe("SECURE");
    expect(s.signer.identifiers.MST).toBe("0101234567");
  });

  it("NOT_SECURE: validityPeriod (signed after expiry)", async () => {
    const expired = await signerUnder(pki.publicCa, "Hết Hạn", "2025-05-01T00:00:00Z");
    const s = await verdictOf(await signCms(invoice, expired, { signingTime: signedAt }));
    expect([s.verdict, s.conditions.validityPeriod.code]).toEqual(["NOT_SECURE", "SIGNED_AFTER_EXPIRY"]);
  });

  it("NOT_SECURE: keyCorrespondence (content changed after signing)", async () => {
    const s = await verdictOf(tamperContent(await signCms(invoice, await signerUnder(), { signingTime: signedAt })));
    expect([s.verdict, s.conditions.keyCorrespondence.code]).toEqual(["NOT_SECURE", "HASH_MISMATCH"]);
  });

  it("NOT_SECURE: issuerType (CA on no trust list)", async () => {
    const p7s = await signCms(invoice, await signerUnder(pki.unlistedCa), { signingTime: signedAt, includeChain: true });
    const s = await verdictOf(p7s, { crls: [await crlOf(pki.unlistedCa)] });
    expect([s.verdict, s.conditions.issuerType.code]).toEqual(["NOT_SECURE", "ISSUER_NOT_RECOGNIZED"]);
  });

  it("NOT_SECURE: soleControl (key compromised before signing)", async () => {
    const victim = await signerUnder(pki.publicCa, "Bị Lộ Khóa");
    revoke(pki.publicCa, victim, { at: "2025-05-01T00:00:00Z", reason: "keyCompromise", invalidityDate: "2025-04-01T00:00:00Z" });
    const s = await verdictOf(await signCms(invoice, victim, { signingTime: signedAt }));
    expect([s.verdict, s.conditions.soleControl.code]).toEqual(["NOT_SECURE", "KEY_COMPROMISED"]);
  });

  it("INDETERMINATE: no revocation evidence, or detached content missing", async () => {
    const p7s = await signCms(invoice, await signerUnder(), { signingTime: signedAt });
    const noCrl = await verdictOf(p7s, { crls: [] });
    expect([noCrl.verdict, noCrl.conditions.validityPeriod.code]).toEqual(["INDETERMINATE", "REVOCATION_UNKNOWN"]);
    const noContent = await verdictOf(detachContent(p7s));
    expect([noContent.verdict, noContent.conditions.keyCorrespondence.code]).toEqual(["INDETERMINATE", "SIGNED_DATA_NOT_FOUND"]);
  });
});
