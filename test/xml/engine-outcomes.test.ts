// A kit-made e-invoice judged end to end: with the test PKI's trust list and CRLs it is SECURE; an expired, revoked or
// untrusted signer, a wrapped or a tampered document give the conditions and codes of each case.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createPkiCrls,
  createTestInvoice,
  createTestPki,
  issueCertificate,
  revoke,
  signXml,
  tamperXmlText,
  wrapSignedInvoice,
  type TestIdentity,
  type TestPki,
} from "decree130/testing";
import { validateXml, type ValidateXmlOptions, type XmlReport } from "decree130/xml";

const NOW = new Date("2025-06-01T00:00:00Z");
const SIGNED = "2025-05-20T03:00:00Z";
const validity = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" };
const invoice = createTestInvoice({
  seller: { name: "TEST Công ty Bán", mst: "0101234567" },
  buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
  lines: [{ name: "Bút bi", quantity: 10, unitPrice: 5000 }],
  series: "C25TAA",
});

let pki: TestPki;
let seller: TestIdentity;
let taxAuthority: TestIdentity;
let options: ValidateXmlOptions;
let ids: Record<"expired" | "revoked" | "untrusted", TestIdentity>;

beforeAll(async () => {
  pki = await createTestPki();
  seller = await issueCertificate(pki.publicCa, { subject: { commonName: "TEST Công ty Bán", MST: "0101234567" }, ...validity });
  taxAuthority = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "TỔNG CỤC THUẾ" }, ...validity });
  ids = {
    expired: await issueCertificate(pki.publicCa, { subject: { commonName: "TEST Hết hạn", MST: "0101234567" }, notBefore: "2024-01-01T00:00:00Z", notAfter: "2025-05-01T00:00:00Z" }),
    revoked: await issueCertificate(pki.publicCa, { subject: { commonName: "TEST Bị thu hồi", MST: "0101234567" }, ...validity }),
    untrusted: await issueCertificate(pki.unlistedCa, { subject: { commonName: "TEST Không tin cậy", MST: "0101234567" }, ...validity }),
  };
  revoke(pki.publicCa, ids.revoked, { at: "2025-05-25T00:00:00Z", reason: "keyCompromise", invalidityDate: "2025-05-24T00:00:00Z" });
  const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  options = { trustList: pki.trustList, crls, certificates: [pki.governmentSubCa.certificate], now: NOW };
});

const sellerSigned = (who: TestIdentity = seller) => signXml(invoice, who, { role: "seller", signingTime: SIGNED });
const judge = (xml: string, extra: Partial<ValidateXmlOptions> = {}): Promise<XmlReport> => validateXml(xml, { ...options, ...extra });
const conditions = (r: XmlReport, i = 0) =>
  Object.fromEntries(Object.entries(r.signatures[i]!.conditions).map(([k, v]) => [k, `${v.status} ${v.code}`]));

const SECURE_ALL = {
  validityPeriod: "PASSED CERT_VALID_AT_SIGNING",
  keyCorrespondence: "PASSED SIGNATURE_VALID",
  issuerType: "PASSED RECOGNIZED_PROVIDER",
  soleControl: "PASSED PRESUMED",
};

describe("a seller- and tax-authority-signed invoice with the trust list and CRLs", () => {
  it("is SECURE: both signatures pass all four conditions, each with its provider and category", async () => {
    const both = await signXml(await sellerSigned(), taxAuthority, { role: "tax-authority", signingTime: "2025-05-20T04:00:00Z" });
    const r = await judge(both);
    expect(r.document).toMatchObject({ kind: "invoice", code: "ALL_SECURE", verdict: "SECURE", warnings: [] });
    expect(r.signatures.map((s) => s.verdict)).toEqual(["SECURE", "SECURE"]);
    expect(conditions(r, 0)).toEqual(SECURE_ALL);
    expect(conditions(r, 1)).toEqual(SECURE_ALL);
    expect(r.signatures.map((s) => [s.xml.role, s.provider.category])).toEqual([
      ["seller", "public"],
      ["tax-authority", "government"],
    ]);
    expect(r.signatures.map((s) => s.warnings)).toEqual([[], []]);
    expect(r.signatures[0]!.signingTime).toEqual({ value: "2025-05-20T03:00:00.000Z", source: "claimed" });
    expect(r.signatures[0]!.regime).toBeTruthy();
    expect(r.document.invoice).toMatchObject({ series: "C25TAA", seller: { mst: "0101234567" } });
  });
  it("without the Government sub-CA the tax authority has no path: issuerType INDETERMINATE and TAX_AUTHORITY_UNEXPECTED", async () => {
    const both = await signXml(await sellerSigned(), taxAuthority, { role: "tax-authority", signingTime: "2025-05-20T04:00:00Z" });
    const r = await judge(both, { certificates: [] });
    expect(r.signatures[1]!.conditions.issuerType).toMatchObject({ status: "INDETERMINATE", code: "NO_CERTIFICATE_PATH" });
    expect(r.signatures[1]!.warnings.map((w) => w.code)).toEqual(["TAX_AUTHORITY_UNEXPECTED"]);
    expect(r.document.verdict).toBe("INDETERMINATE");
  });
});

describe("what makes it not secure", () => {
  it("an expired certificate: signed (as claimed) after expiry is FAILED SIGNED_AFTER_EXPIRY", async () => {
    const r = await judge(await sellerSigned(ids.expired));
    expect(conditions(r)).toEqual({ ...SECURE_ALL, validityPeriod: "FAILED SIGNED_AFTER_EXPIRY" });
    expect(r.document).toMatchObject({ code: "SIGNATURE_NOT_SECURE", verdict: "NOT_SECURE" });
  });
  it("an expired certificate: a claim before expiry proves nothing (EXPIRED_NO_POE) until the caller vouches for the time", async () => {
    const xml = await signXml(invoice, ids.expired, { role: "seller", signingTime: "2025-04-15T03:00:00Z" });
    expect(conditions(await judge(xml)).validityPeriod).toBe("INDETERMINATE EXPIRED_NO_POE");
    expect(conditions(await judge(xml, { signingTime: "2025-04-15T04:00:00Z" }))).toEqual(SECURE_ALL);
  });
  it("a certificate revoked (key compromise) after the claimed signing time: INDETERMINATE without proof of time", async () => {
    const r = await judge(await sellerSigned(ids.revoked));
    expect(conditions(r)).toMatchObject({ validityPeriod: "INDETERMINATE REVOKED_NO_POE", soleControl: "INDETERMINATE KEY_COMPROMISE_NO_POE" });
    expect(r.document.verdict).toBe("INDETERMINATE");
    expect(conditions(await judge(await sellerSigned(ids.revoked), { signingTime: "2025-05-20T04:00:00Z" }))).toEqual(SECURE_ALL);
  });
  it("a certificate revoked before the signing time the signer claims: FAILED REVOKED_AT_SIGNING (the claim binds the signer)", async () => {
    const r = await judge(await signXml(invoice, ids.revoked, { role: "seller", signingTime: "2025-05-26T00:00:00Z" }));
    expect(conditions(r).validityPeriod).toBe("FAILED REVOKED_AT_SIGNING");
    expect(r.document.verdict).toBe("NOT_SECURE");
  });
  it("a CA not on the trust list: ISSUER_NOT_RECOGNIZED (NO_CERTIFICATE_PATH while its certificate is not supplied)", async () => {
    const xml = await sellerSigned(ids.untrusted);
    expect(conditions(await judge(xml)).issuerType).toBe("INDETERMINATE NO_CERTIFICATE_PATH");
    const r = await judge(xml, { certificates: [pki.unlistedCa.certificate] });
    expect(r.signatures[0]!.conditions.issuerType).toMatchObject({ status: "FAILED", code: "ISSUER_NOT_RECOGNIZED", category: null });
    expect(r.document.verdict).toBe("NOT_SECURE");
  });
  it.each([
    ["signature-object", "NOT_BOUND_TO_DOCUMENT"],
    ["extension", "NOT_BOUND_TO_DOCUMENT"],
    ["duplicate-id", "AMBIGUOUS_REFERENCE"],
  ] as const)("a wrapped invoice (%s): keyCorrespondence FAILED %s, the forged data never shown", async (placement, code) => {
    const r = await judge(wrapSignedInvoice(await sellerSigned(), { placement, total: "1" }));
    expect(conditions(r)).toEqual({ ...SECURE_ALL, keyCorrespondence: `FAILED ${code}` });
    expect(r.document).toMatchObject({ verdict: "NOT_SECURE", invoice: null });
  });
  it("a tampered total: FAILED HASH_MISMATCH, the invoice data not shown", async () => {
    const r = await judge(tamperXmlText(await sellerSigned(), "TgTTTBSo", "1"));
    expect(conditions(r)).toEqual({ ...SECURE_ALL, keyCorrespondence: "FAILED HASH_MISMATCH" });
    expect(r.document).toMatchObject({ verdict: "NOT_SECURE", invoice: null });
  });
});

describe("options as for validate()", () => {
  it("the trust list is required", async () => {
    // @ts-expect-error -- misuse on purpose
    await expect(validateXml(await sellerSigned(), { now: NOW })).rejects.toThrow(TypeError);
  });
  it("a trust list loaded with loadTrustList works as its JSON does, and a shared cache gives the same report", async () => {
    const { loadTrustList, createValidationCache } = await import("decree130");
    const cache = createValidationCache();
    const xml = await sellerSigned();
    const a = await judge(xml, { trustList: loadTrustList(JSON.stringify(pki.trustList)), cache });
    const b = await judge(xml, { cache });
    expect(a.signatures[0]!.verdict).toBe("SECURE");
    expect(b).toEqual(a);
  });
});
