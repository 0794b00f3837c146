// The real signed documents of test/corpora/vn-pki/signed (see its INDEX.md): four signatures whose XMLDSig verifies,
// the .NET quirk file and the TDiep-wrapped one among them. Judged with the built-in trust list: INDEX.md says the CAs
// of the test certificates (SmartSign 2021, SAFE-CA SHA-256 2020, CYBERLOTUS-CA) were not found, so no path reaches a
// listed provider; the GDT notice's certificate chains to the Government root, with no revocation evidence offline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXml, type XmlReport } from "decree130/xml";
import { vietnamTrustList } from "decree130/trust/vn";
import { CORPORA } from "../corpora.js";

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(CORPORA, "vn-pki", "signed", name)));
const NOW = new Date("2022-02-01T00:00:00Z");
const codes = (r: XmlReport) => r.signatures.map((s) => s.conditions.keyCorrespondence.code);
const trustList = vietnamTrustList();
const judge = (name: string, extra = {}) => validateXml(read(name), { now: NOW, trustList, ...extra });

describe("SmartSign invoice (format 1.0, rsa-sha1, RSA-1024, .NET enveloped quirk)", async () => {
  const report = await judge("einvoice-v1-smartsign-vina-test-usd.xml");
  const [sig] = report.signatures;
  it("verifies, both references included: the enveloped transform on #nguoiban (inside its own ds:Object) is a no-op", () => {
    expect(codes(report)).toEqual(["SIGNATURE_VALID"]);
    expect(sig!.xml.covers).toEqual([
      { uri: "#DLHDon", element: "/HDon/DLHDon", digestValid: true },
      { uri: "#nguoiban", element: "/HDon/DSCKS/NBan/Signature/Object/SignatureProperties/SignatureProperty", digestValid: true },
    ]);
  });
  it("is the seller's, bound to /HDon/DLHDon, with its signed Vietnam-local signing time", () => {
    expect(sig!.xml).toMatchObject({ role: "seller", id: "NBan1", boundTo: "/HDon/DLHDon" });
    expect(sig!.xml.signingTime).toEqual({ value: "2021-05-28T08:05:22Z", raw: "2021-05-28T15:05:22", assumedZone: "+07:00" });
    expect(sig!.signingTime).toEqual({ value: "2021-05-28T08:05:22.000Z", source: "claimed" });
  });
  it("warns LEGACY_ALGORITHM for SHA-1 and RSA-1024 under the default policy, fails under strict", async () => {
    expect(sig!.warnings.map((w) => w.code)).toEqual(["LEGACY_ALGORITHM"]);
    expect(sig!.conditions.keyCorrespondence.evidence["algorithm"]).toBe("RSASSA-PKCS1-v1_5 SHA-1, RSA-1024");
    const strict = await judge("einvoice-v1-smartsign-vina-test-usd.xml", { policy: { algorithms: "strict" } });
    expect(strict.signatures[0]!.conditions.keyCorrespondence).toMatchObject({ status: "FAILED", code: "WEAK_ALGORITHM" });
  });
  it("shows the invoice data read from the bound DLHDon", () => {
    expect(report.document).toMatchObject({ kind: "invoice", warnings: [], envelope: null });
    expect(report.document.invoice).toEqual({
      number: "0000169",
      series: "VN/21E",
      template: "01GTKT0/001",
      date: "2021-05-28T15:05:22",
      currency: "USD",
      total: "99000.000000",
      seller: { name: "TEST HÓA ĐƠN ĐIỆN TỬ VI NA", mst: "0313032391" },
      buyer: { name: "CÔNG TY CỔ PHẦN CHỮ KÝ SỐ VI NA", mst: "0309612872" },
    });
  });
  it("is not SECURE: its SmartSign CA is not on the built-in list and not in the file, so no path (issuerType INDETERMINATE)", () => {
    expect(sig!.conditions.issuerType).toMatchObject({ status: "INDETERMINATE", code: "NO_CERTIFICATE_PATH" });
    expect(sig!.conditions.issuerType.message.en).toContain("Cong ty co phan chu ky so VI NA");
    expect(sig!.provider).toEqual({ name: null, category: null });
    expect(sig!.conditions.validityPeriod).toMatchObject({ status: "INDETERMINATE", code: "REVOCATION_UNKNOWN" });
    expect(sig!.verdict).toBe("INDETERMINATE");
    expect(report.document).toMatchObject({ code: "SIGNATURE_INDETERMINATE", verdict: "INDETERMINATE" });
  });
});

describe("TCT message 202 (TDiep-wrapped HDon with inherited namespaces, seller + tax authority)", async () => {
  const report = await judge("einvoice-tct-msg202-safe-ca-test-seller-plus-cqt-sig.xml");
  it("verifies both signatures: inclusive C14N carries HDon's xmlns:inv and xmlns:ds into DLHDon", () => {
    expect(codes(report)).toEqual(["SIGNATURE_VALID", "SIGNATURE_VALID"]);
    expect(report.signatures.map((s) => [s.xml.role, s.xml.boundTo])).toEqual([
      ["seller", "/TDiep/DLieu/HDon/DLHDon"],
      ["tax-authority", "/TDiep/DLieu/HDon/DLHDon"],
    ]);
  });
  it("binds the tax authority to MCCQT too", () => {
    expect(report.signatures[1]!.xml.covers.map((c) => c.element)).toContain("/TDiep/DLieu/HDon/MCCQT");
  });
  it("warns that the envelope is unsigned, and that the test tax-authority certificate is not the GDT's", () => {
    expect(report.document.warnings.map((w) => w.code)).toEqual(["ENVELOPE_UNSIGNED"]);
    expect(report.document.envelope).toMatchObject({ sender: "TCT", messageType: "202", signed: false });
    expect(report.signatures[0]!.warnings).toEqual([]);
    expect(report.signatures[1]!.warnings.map((w) => w.code)).toEqual(["TAX_AUTHORITY_UNEXPECTED"]);
  });
  it("orders the signing times (seller 14:48:47, tax authority 14:49:44, Vietnam time)", () => {
    expect(report.signatures.map((s) => s.xml.signingTime?.value)).toEqual(["2021-11-05T07:48:47Z", "2021-11-05T07:49:44Z"]);
    expect(report.document.invoice).toMatchObject({ number: "14", series: "C21TCT", total: "1284000", seller: { mst: "0106324653" } });
  });
  it("is not SECURE: neither SAFE-CA SHA-256 2020 nor the test CYBERLOTUS-CA reaches a listed provider", () => {
    expect(report.signatures.map((s) => [s.conditions.issuerType.status, s.conditions.issuerType.code])).toEqual([
      ["INDETERMINATE", "NO_CERTIFICATE_PATH"],
      ["INDETERMINATE", "NO_CERTIFICATE_PATH"],
    ]);
    expect(report.signatures[1]!.conditions.issuerType.message.en).toContain("CYBERLOTUS-CA");
    expect(report.document.verdict).toBe("INDETERMINATE");
  });
});

describe("GDT notice TDiep 102 signed by the production TỔNG CỤC THUẾ certificate", async () => {
  const report = await judge("tct-ketquatracuu-tdiep102-cqt-vgca-g2.xml");
  it("verifies, is a notice bound to TBao/DLTBao, with no tax-authority name warning", () => {
    expect(codes(report)).toEqual(["SIGNATURE_VALID"]);
    expect(report.signatures[0]!.xml).toMatchObject({ role: "tax-authority", boundTo: "/KetQuaTraCuu/DuLieu/TDiep[2]/DLieu/TBao/DLTBao" });
    expect(report.signatures[0]!.signer.commonName).toBe("TỔNG CỤC THUẾ");
    expect(report.signatures[0]!.warnings).toEqual([]);
    expect(report.document).toMatchObject({ kind: "notice", invoice: null });
    expect(report.document.warnings.map((w) => w.code)).toEqual(["ENVELOPE_UNSIGNED"]);
  });
  it("chains to the Government root (category government); offline, the CA's revocation is unknown", () => {
    const [sig] = report.signatures;
    expect(sig!.provider.category).toBe("government");
    expect(sig!.conditions.issuerType).toMatchObject({ status: "INDETERMINATE", code: "CA_REVOCATION_UNKNOWN", category: "government" });
    expect(sig!.conditions.validityPeriod).toMatchObject({ status: "INDETERMINATE", code: "REVOCATION_UNKNOWN" });
    expect(report.document.verdict).toBe("INDETERMINATE");
  });
  it("with revocation ignored by policy, issuerType passes and the signature is SECURE (REVOCATION_NOT_CHECKED said)", async () => {
    const lax = await judge("tct-ketquatracuu-tdiep102-cqt-vgca-g2.xml", { policy: { revocation: "ignore" } });
    const [sig] = lax.signatures;
    expect(sig!.conditions.issuerType).toMatchObject({ status: "PASSED", code: "RECOGNIZED_PROVIDER" });
    expect(sig!.warnings.map((w) => w.code)).toEqual(["REVOCATION_NOT_CHECKED"]);
    expect(lax.document).toMatchObject({ verdict: "SECURE", code: "ALL_SECURE" });
  });
});
