// xml.md rules 5-6, the signing time, identity and order warnings, document facts and bad input.
import { describe, expect, it } from "vitest";
import { createTestInvoice, issueCertificate, signXml, tamperXmlText } from "decree130/testing";
import { mstMatches, taxAuthorityNameMatches, validateXml, type XmlReport } from "decree130/xml";
import { isDecree130Error } from "../../src/errors.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import { xmlOptions, xmlSigners } from "./helpers.js";

const key = (r: XmlReport, i = 0) => r.signatures[i]!.conditions.keyCorrespondence;
const warnings = (r: XmlReport, i = 0) => r.signatures[i]!.warnings.map((w) => w.code);
const judge = async (xml: string, policy = {}) => validateXml(xml, { ...(await xmlOptions()), policy });
const T = "2025-06-01T02:00:00Z";
const invoice = (extra = {}) =>
  createTestInvoice({
    seller: { name: "TEST Công ty Bán", mst: "0101234567" },
    buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
    lines: [{ name: "Bút bi", quantity: 10, unitPrice: 5000 }],
    ...extra,
  });
const MORE = "http://www.w3.org/2001/04/xmldsig-more#";

describe("algorithms (a table; legacy accepted with a warning unless strict)", async () => {
  const s = await xmlSigners();
  it("rsa-sha1 / sha1: PASSED with warning LEGACY_ALGORITHM (one code across formats) by default, FAILED WEAK_ALGORITHM under strict", async () => {
    const xml = await signXml(invoice(), s.rsaSeller, { role: "seller", digest: "SHA-1", signingTime: T });
    const lax = await judge(xml);
    expect(key(lax).status).toBe("PASSED");
    expect(warnings(lax)).toEqual(["LEGACY_ALGORITHM"]);
    expect(key(lax).evidence).toMatchObject({ legacyAlgorithm: true });
    expect(key(lax).evidence["legacyAlgorithms"]).toContain("SHA-1");
    expect(key(await judge(xml, { algorithms: "strict" }))).toMatchObject({ status: "FAILED", code: "WEAK_ALGORITHM" });
  });
  it.each([
    ["an MD5 digest", { digestMethodUri: `${MORE}md5` }, "WEAK_ALGORITHM"],
    ["rsa-md5", { signatureMethodUri: `${MORE}rsa-md5` }, "WEAK_ALGORITHM"],
    ["an unknown signature method", { signatureMethodUri: "urn:example:sign" }, "UNSUPPORTED_ALGORITHM"],
    ["an unknown digest method", { digestMethodUri: "urn:example:digest" }, "UNSUPPORTED_ALGORITHM"],
  ])("%s is FAILED %s", async (_label, extra, code) => {
    const r = await judge(await signXml(invoice(), s.rsaSeller, { role: "seller", ...extra }));
    expect(key(r)).toMatchObject({ status: "FAILED", code });
  });
});

describe("the signing certificate (KeyInfo/X509Data/X509Certificate)", async () => {
  const s = await xmlSigners();
  it("is the one whose key verifies SignatureValue, wherever it sits among the certificates", async () => {
    const r = await judge(await signXml(invoice(), s.seller, { role: "seller", includeCertificate: false, extraCertificates: [s.buyer.certificate, s.seller.certificate] }));
    expect(key(r).code).toBe("SIGNATURE_VALID");
    expect(r.signatures[0]!.signer.commonName).toBe("TEST Công ty Bán");
  });
  it("none verifies: the end-entity one (it issued no other), and SIGNATURE_INVALID", async () => {
    const r = await judge(await signXml(invoice(), s.seller, { role: "seller", includeCertificate: false, extraCertificates: [s.buyer.chain[0]!, s.buyer.certificate] }));
    expect(key(r)).toMatchObject({ status: "FAILED", code: "SIGNATURE_INVALID" });
    expect(r.signatures[0]!.signer.commonName).toBe("TEST Công ty Mua");
  });
  it("no certificate at all: INDETERMINATE SIGNING_CERT_NOT_FOUND", async () => {
    const r = await judge(await signXml(invoice(), s.seller, { role: "seller", includeCertificate: false }));
    expect(key(r)).toMatchObject({ status: "INDETERMINATE", code: "SIGNING_CERT_NOT_FOUND" });
  });
});

describe("signing time (T_claim)", async () => {
  const s = await xmlSigners();
  it.each([
    ["2025-06-01T09:00:00", "2025-06-01T02:00:00Z", "+07:00"],
    ["2025-06-01T09:00:00+07:00", "2025-06-01T02:00:00Z", null],
    ["2025-06-01T02:00:00Z", "2025-06-01T02:00:00Z", null],
    ["2025-06-01T09:00:00.250", "2025-06-01T02:00:00.250Z", "+07:00"],
  ])("%s is %s (assumed zone %s)", async (raw, value, assumedZone) => {
    const r = await judge(await signXml(invoice(), s.seller, { role: "seller", signingTimeText: raw }));
    expect(r.signatures[0]!.xml.signingTime).toEqual({ value, raw, assumedZone });
    expect(r.signatures[0]!.signingTime.source).toBe("claimed");
  });
  it("is read in the ds namespace, in none, and under xmlns=\"\"", async () => {
    for (const extra of [{ prefixed: true }, { undeclareNamespace: true }]) {
      const r = await judge(await signXml(invoice(), s.seller, { role: "seller", signingTime: T, ...extra }));
      expect(r.signatures[0]!.xml.signingTime?.value).toBe("2025-06-01T02:00:00Z");
    }
  });
  it.each([
    ["absent", {}],
    ["not referenced by the signature", { signingTime: T, referenceSigningTime: false }],
    ["not a date-time", { signingTimeText: "hôm qua" }],
  ])("%s: no T_claim, warning NO_SIGNED_SIGNING_TIME", async (_label, extra) => {
    const r = await judge(await signXml(invoice(), s.seller, { role: "seller", ...extra }));
    expect(r.signatures[0]!.xml.signingTime).toBeNull();
    expect(warnings(r)).toContain("NO_SIGNED_SIGNING_TIME");
    expect(r.signatures[0]!.signingTime.source).toBe("validation-time");
  });
});

describe("identity warnings (never a verdict change)", async () => {
  const s = await xmlSigners();
  it.each([
    ["0101234567", []],
    ["0101234567-001", []],
    ["0109999999", ["MST_MISMATCH"]],
    [undefined, []],
  ])("seller certificate MST 0101234567, invoice NBan/MST %s", async (mst, expected) => {
    const xml = createTestInvoice({ seller: { name: "B", ...(mst ? { mst } : {}) }, lines: [{ name: "x", quantity: 1, unitPrice: 1 }], series: "K25TAA" });
    const r = await judge(await signXml(xml, s.seller, { role: "seller", signingTime: T }));
    expect(warnings(r)).toEqual(expected);
    expect(key(r).status).toBe("PASSED");
  });
  it("a certificate without MST (a person's CCCD) gives no warning; a buyer's MST is compared with NMua/MST", async () => {
    expect(warnings(await judge(await signXml(invoice({ series: "K25TAA" }), s.person, { role: "seller", signingTime: T })))).toEqual([]);
    const other = invoice({ series: "K25TAA", buyer: { name: "M", mst: "0100000099" } });
    expect(warnings(await judge(await signXml(other, s.buyer, { role: "buyer", signingTime: T })))).toEqual(["MST_MISMATCH"]);
  });
  it("branch suffixes: one side's branch matches its parent, two different branches differ", () => {
    expect([mstMatches("0101234567-001", "0101234567"), mstMatches("0101234567", "0101234567-001")]).toEqual([true, true]);
    expect([mstMatches("0101234567-001", "0101234567-002"), mstMatches("0101234567", "0101234568")]).toEqual([false, false]);
  });
  it("TAX_AUTHORITY_UNEXPECTED unless the common name is TỔNG CỤC THUẾ or CỤC THUẾ (NFC, case-folded)", async () => {
    const signed = await signXml(invoice(), s.seller, { role: "seller", signingTime: T });
    const gdt = await judge(await signXml(signed, s.taxAuthority, { role: "tax-authority", signingTime: "2025-06-01T02:05:00Z" }));
    expect(warnings(gdt, 1)).toEqual([]);
    const test = await judge(await signXml(signed, s.otherTaxAuthority, { role: "tax-authority", signingTime: "2025-06-01T02:05:00Z" }));
    expect(warnings(test, 1)).toEqual(["TAX_AUTHORITY_UNEXPECTED"]);
    const decomposed = await issueCertificate(s.taxAuthority.issuer!, {
      subject: { commonName: "cục thuế".normalize("NFD") },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2027-01-01T00:00:00Z",
    });
    expect(taxAuthorityNameMatches(decodeCertificate(decomposed.certificate))).toBe(true);
  });
});

describe("order and coded-invoice warnings", async () => {
  const s = await xmlSigners();
  it("a tax-authority signature without a seller one: SELLER_SIGNATURE_MISSING", async () => {
    const r = await judge(await signXml(invoice(), s.taxAuthority, { role: "tax-authority", signingTime: T }));
    expect(warnings(r)).toEqual(["SELLER_SIGNATURE_MISSING"]);
  });
  it("the tax authority signing before the seller: SIGNING_ORDER_INVERTED", async () => {
    const seller = await signXml(invoice(), s.seller, { role: "seller", signingTime: "2025-06-01T03:00:00Z" });
    const r = await judge(await signXml(seller, s.taxAuthority, { role: "tax-authority", signingTime: T }));
    expect(warnings(r, 1)).toEqual(["SIGNING_ORDER_INVERTED"]);
  });
  it("a coded invoice (KHHDon C...) without a valid MCCQT or a tax-authority signature", async () => {
    const none = await judge(await signXml(invoice({ mccqt: null }), s.seller, { role: "seller", signingTime: T }));
    expect(none.document.warnings.map((w) => w.code)).toEqual(["MCCQT_MISSING", "TAX_AUTHORITY_SIGNATURE_MISSING"]);
    const bad = await judge(await signXml(invoice({ mccqt: "00a1b2" }), s.seller, { role: "seller", signingTime: T }));
    expect(bad.document.warnings.map((w) => w.code)).toEqual(["MCCQT_MISSING", "TAX_AUTHORITY_SIGNATURE_MISSING"]);
    const uncoded = await judge(await signXml(invoice({ series: "K25TAA", mccqt: null }), s.seller, { role: "seller", signingTime: T }));
    expect(uncoded.document.warnings).toEqual([]);
  });
  it("an unsigned TDiep envelope: ENVELOPE_UNSIGNED in document.warnings, with what it says", async () => {
    const xml = invoice({ envelope: { sender: "V0101234567", receiver: "TCT", messageType: "200" }, series: "K25TAA" });
    const r = await judge(await signXml(xml, s.seller, { role: "seller", signingTime: T }));
    expect(r.document.warnings.map((w) => w.code)).toEqual(["ENVELOPE_UNSIGNED"]);
    expect(r.document.envelope).toEqual({ sender: "V0101234567", receiver: "TCT", messageType: "200", messageId: "TEST0001", signed: false });
  });
});

describe("the document", async () => {
  const s = await xmlSigners();
  const signed = await signXml(invoice(), s.seller, { role: "seller", signingTime: T });
  it("reads invoice data only from an intact bound DLHDon", async () => {
    expect((await judge(signed)).document.invoice).toMatchObject({ number: "1", series: "C25TAA", total: "55000", seller: { mst: "0101234567" } });
    const tampered = await judge(tamperXmlText(signed, "TgTTTBSo", "1"));
    expect(key(tampered)).toMatchObject({ status: "FAILED", code: "HASH_MISMATCH" });
    expect(tampered.document.invoice).toBeNull();
  });
  it("no ds:Signature: signatures [] and NO_SIGNATURES, INDETERMINATE", async () => {
    const r = await judge(invoice());
    expect(r).toMatchObject({ signatures: [], document: { code: "NO_SIGNATURES", verdict: "INDETERMINATE", kind: "other" } });
  });
  it("a signature without SignatureValue is MALFORMED_SIGNATURE (FAILED); the document is NOT_SECURE", async () => {
    const r = await judge(signed.replace(/<SignatureValue>[^<]*<\/SignatureValue>/, ""));
    expect(key(r)).toMatchObject({ status: "FAILED", code: "MALFORMED_SIGNATURE" });
    expect(r.document).toMatchObject({ code: "SIGNATURE_NOT_SECURE", verdict: "NOT_SECURE" });
  });
  it("more signatures than limits.maxSignatures is a typed error", async () => {
    const two = await signXml(signed, s.taxAuthority, { role: "tax-authority" });
    const err: unknown = await validateXml(two, { ...(await xmlOptions()), limits: { maxSignatures: 1 } }).catch((e: unknown) => e);
    expect(isDecree130Error(err) && err.code).toBe("XML_LIMIT_EXCEEDED");
  });
  it("misuse is a TypeError", async () => {
    await expect(validateXml(signed, { ...(await xmlOptions()), now: new Date(Number.NaN) })).rejects.toThrow(TypeError);
  });
});
