// One suite, three runs: Node against the sources (vitest.config.ts), Chromium against the sources and Chromium against
// the built dist/ (vitest.browser.config.ts). It imports the package by name, as a user would; each config decides
// what the name resolves to. Everything here is WebCrypto: the kit builds the PKI, the library judges.
import { beforeAll, describe, expect, it } from "vitest";
import { loadTrustList, validate, type SignatureReport, type TrustList, type ValidateOptions } from "decree130";
import {
  createCrl,
  createPkiCrls,
  createTestPki,
  detachContent,
  issueCertificate,
  revoke,
  signCms,
  tamperContent,
  type TestIdentity,
  type TestPki,
} from "decree130/testing";

const NOW = new Date("2025-06-10T00:00:00Z");
const SIGNED_AT = "2025-06-01T08:00:00Z";
const content = new TextEncoder().encode("Hợp đồng số 01/2025 — số tiền 5.000.000 VND");

let pki: TestPki;
let trustList: TrustList;
let signer: TestIdentity;
let publicCrls: () => Promise<Uint8Array[]>;

/** Validates and returns the only signature's report. */
async function judge(p7s: Uint8Array, options: Partial<ValidateOptions> = {}): Promise<SignatureReport> {
  const report = await validate(p7s, { trustList, now: NOW, ...options });
  expect(report.signatures).toHaveLength(1);
  return report.signatures[0]!;
}

function codes(s: SignatureReport): Record<string, string> {
  return Object.fromEntries(Object.entries(s.conditions).map(([name, c]) => [name, `${c.status} ${c.code}`]));
}

beforeAll(async () => {
  pki = await createTestPki();
  trustList = loadTrustList(pki.trustList);
  signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345", organization: "Công ty TNHH Thử nghiệm", MST: "0101234567" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2027-01-01T00:00:00Z",
  });
  // A CRL issued after the signing time and current at NOW: it speaks for the signing time.
  publicCrls = () => createPkiCrls(pki, { thisUpdate: "2025-06-02T00:00:00Z", nextUpdate: "2025-07-01T00:00:00Z" });
});

describe("verdicts through decree130/testing → validate", () => {
  it("SECURE: listed public CA, valid at signing, a current CRL", async () => {
    const s = await judge(await signCms(content, signer, { signingTime: SIGNED_AT }), { crls: await publicCrls() });
    expect(s.verdict).toBe("SECURE");
    expect(codes(s)).toEqual({
      validityPeriod: "PASSED CERT_VALID_AT_SIGNING",
      keyCorrespondence: "PASSED SIGNATURE_VALID",
      issuerType: "PASSED RECOGNIZED_PROVIDER",
      soleControl: "PASSED PRESUMED",
    });
    expect(s.conditions.issuerType.category).toBe("public");
    expect(s.signer.commonName).toBe("Nguyễn Văn A");
    expect(s.signer.identifiers).toMatchObject({ CCCD: "001085012345", MST: "0101234567" });
    expect(s.signingTime.source).toBe("claimed");
    expect(Date.parse(s.signingTime.value ?? "")).toBe(Date.parse(SIGNED_AT));
    expect(s.conditions.validityPeriod.message.vi).not.toBe(s.conditions.validityPeriod.message.en);
  });

  it("SECURE: a detached signature with its content", async () => {
    const p7s = await signCms(content, signer, { signingTime: SIGNED_AT, detached: true });
    const s = await judge(p7s, { content, crls: await publicCrls() });
    expect(s.verdict).toBe("SECURE");
  });

  it("NOT_SECURE, validityPeriod: signed after the certificate expired", async () => {
    const expired = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Trần Thị B", CCCD: "079190001234" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2025-05-01T00:00:00Z",
    });
    const s = await judge(await signCms(content, expired, { signingTime: SIGNED_AT }), { crls: await publicCrls() });
    expect(s.verdict).toBe("NOT_SECURE");
    expect(codes(s).validityPeriod).toBe("FAILED SIGNED_AFTER_EXPIRY");
  });

  it("NOT_SECURE, keyCorrespondence: the content was changed after signing", async () => {
    const p7s = tamperContent(await signCms(content, signer, { signingTime: SIGNED_AT }));
    const s = await judge(p7s, { crls: await publicCrls() });
    expect(s.verdict).toBe("NOT_SECURE");
    expect(codes(s).keyCorrespondence).toBe("FAILED HASH_MISMATCH");
  });

  it("NOT_SECURE, issuerType: the CA is on no trust list", async () => {
    const stranger = await issueCertificate(pki.unlistedCa, {
      subject: { commonName: "Lê Văn C", CCCD: "001085099999" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2027-01-01T00:00:00Z",
    });
    // The chain is embedded, so the path is complete and ends at a self-signed CA nobody lists.
    const crl = await createCrl(pki.unlistedCa, { thisUpdate: "2025-06-02T00:00:00Z", nextUpdate: "2025-07-01T00:00:00Z" });
    const s = await judge(await signCms(content, stranger, { signingTime: SIGNED_AT, includeChain: true }), { crls: [crl] });
    expect(s.verdict).toBe("NOT_SECURE");
    expect(codes(s).issuerType).toBe("FAILED ISSUER_NOT_RECOGNIZED");
    expect(s.conditions.issuerType.category).toBeNull();
  });

  it("NOT_SECURE, soleControl: the key was reported compromised before the signing time", async () => {
    const victim = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Phạm Văn D", CCCD: "001085077777" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2027-01-01T00:00:00Z",
    });
    revoke(pki.publicCa, victim, { at: "2025-05-01T00:00:00Z", reason: "keyCompromise", invalidityDate: "2025-04-01T00:00:00Z" });
    const s = await judge(await signCms(content, victim, { signingTime: SIGNED_AT }), { crls: await publicCrls() });
    expect(s.verdict).toBe("NOT_SECURE");
    expect(codes(s).soleControl).toBe("FAILED KEY_COMPROMISED");
    expect(codes(s).validityPeriod).toBe("FAILED REVOKED_AT_SIGNING");
  });

  it("INDETERMINATE: no revocation evidence", async () => {
    const s = await judge(await signCms(content, signer, { signingTime: SIGNED_AT }));
    expect(s.verdict).toBe("INDETERMINATE");
    expect(codes(s).validityPeriod).toBe("INDETERMINATE REVOCATION_UNKNOWN");
    expect(codes(s).soleControl).toBe("INDETERMINATE REVOCATION_UNKNOWN");
  });

  it("INDETERMINATE: a detached signature without its content", async () => {
    const p7s = detachContent(await signCms(content, signer, { signingTime: SIGNED_AT }));
    const s = await judge(p7s, { crls: await publicCrls() });
    expect(s.verdict).toBe("INDETERMINATE");
    expect(codes(s).keyCorrespondence).toBe("INDETERMINATE SIGNED_DATA_NOT_FOUND");
  });
});
