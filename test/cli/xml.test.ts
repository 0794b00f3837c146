// `decree130 verify` on signed XML: detected by content, judged by validateXml, the document verdict as exit code, and a
// readable report naming each signature's role, the invoice data read from the signed node and the claimed signing
// time. Fixtures are made here with the testing kit, in a temporary folder.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPkiCrls, createTestInvoice, createTestPki, issueCertificate, signXml, tamperXmlText } from "decree130/testing";
import { detectFormat } from "../../src/cli/detect-format.js";
import { requireBuilt, root, runSync } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "decree130-cli-xml-"));
const at = (name: string) => join(dir, name);
let base: string[];

beforeAll(async () => {
  requireBuilt();
  const pki = await createTestPki();
  const validity = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" };
  const seller = await issueCertificate(pki.publicCa, { subject: { commonName: "TEST Công ty Bán", MST: "0101234567" }, ...validity });
  const cqt = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "TỔNG CỤC THUẾ" }, ...validity });
  const invoice = createTestInvoice({
    seller: { name: "TEST Công ty Bán", mst: "0101234567" },
    buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
    lines: [{ name: "Bút bi", quantity: 10, unitPrice: 5000 }],
    number: "42",
    series: "C25TAA",
    date: "2025-05-20",
  });
  const one = await signXml(invoice, seller, { role: "seller", signingTime: "2025-05-20T03:00:00Z" });
  const both = await signXml(one, cqt, { role: "tax-authority", signingTime: "2025-05-20T04:00:00Z" });
  // A byte order mark, as Windows tools write: still detected as XML and read.
  writeFileSync(at("invoice.xml"), `\uFEFF${both}`);
  writeFileSync(at("tampered.xml"), tamperXmlText(both, "TgTTTBSo", "1"));
  writeFileSync(at("unsigned.xml"), invoice);
  writeFileSync(at("dtd.xml"), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
  writeFileSync(at("trust-list.json"), JSON.stringify(pki.trustList));
  writeFileSync(at("gov-sub-ca.cer"), pki.governmentSubCa.certificate);
  const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  crls.forEach((c, i) => writeFileSync(at(`ca-${i}.crl`), c));
  base = ["--trust-list", at("trust-list.json"), "--cert", at("gov-sub-ca.cer"), ...crls.flatMap((_, i) => ["--crl", at(`ca-${i}.crl`)]), "--now", "2025-06-01T00:00:00Z"];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("detectFormat", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ["<?xml version='1.0'?><HDon/>", "xml"],
    ["\uFEFF \r\n\t<HDon/>", "xml"],
    ["%PDF-1.7\n", "pdf"],
    [`${" ".repeat(1000)}%PDF-1.4`, "pdf"],
    [`${" ".repeat(1020)}%PDF-1.4`, "cms"],
    ["-----BEGIN PKCS7-----", "cms"],
    ["MIIB", "cms"],
    ["", "cms"],
  ] as const)("%j is %s", (text, format) => {
    expect(detectFormat(enc(text))).toBe(format);
  });
  it("DER is CMS", () => expect(detectFormat(Uint8Array.of(0x30, 0x82, 0x01, 0x00))).toBe("cms"));
});

describe("decree130 verify invoice.xml", () => {
  it("a seller- and tax-authority-signed invoice with its trust list and CRLs: exit 0, roles, invoice data, claimed time (vi)", () => {
    const r = runSync(["verify", at("invoice.xml"), ...base]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Tài liệu: hóa đơn điện tử — AN TOÀN (SECURE) — ALL_SECURE");
    expect(r.stdout).toContain("Số: 42 — Ký hiệu: C25TAA");
    expect(r.stdout).toContain("Ngày lập: 2025-05-20");
    expect(r.stdout).toContain("Tổng tiền thanh toán: 55000 VND");
    expect(r.stdout).toContain("Dữ liệu hóa đơn (đọc từ phần đã ký /HDon/DLHDon)");
    expect(r.stdout).toContain("Chữ ký 1/2 — Người bán: AN TOÀN (SECURE)");
    expect(r.stdout).toContain("Chữ ký 2/2 — Cơ quan thuế: AN TOÀN (SECURE)");
    expect(r.stdout).toContain("Thời điểm ký: 20/05/2025 10:00:00 (giờ Việt Nam, do người ký khai)");
    expect(r.stdout).toContain("Thời điểm ký: 20/05/2025 11:00:00 (giờ Việt Nam, do người ký khai)");
  });
  it("in English", () => {
    const r = runSync(["verify", at("invoice.xml"), ...base, "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Document: e-invoice — SECURE — ALL_SECURE");
    expect(r.stdout).toContain("Number: 42 — Series: C25TAA");
    expect(r.stdout).toContain("Signature 1/2 — Seller: SECURE");
    expect(r.stdout).toContain("Signature 2/2 — Tax authority: SECURE");
    expect(r.stdout).toContain("Signing time: 20/05/2025 10:00:00 (Vietnam time, as the signer states)");
  });
  it("--json prints the XML report", () => {
    const r = runSync(["verify", at("invoice.xml"), ...base, "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { document: { verdict: string; invoice: { number: string } }; signatures: { xml: { role: string }; verdict: string }[] };
    expect(report.document).toMatchObject({ verdict: "SECURE", invoice: { number: "42" } });
    expect(report.signatures.map((s) => [s.xml.role, s.verdict])).toEqual([
      ["seller", "SECURE"],
      ["tax-authority", "SECURE"],
    ]);
  });
  it("a tampered invoice: exit 1, HASH_MISMATCH, and no invoice data shown as signed", () => {
    const r = runSync(["verify", at("tampered.xml"), ...base]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("HASH_MISMATCH");
    expect(r.stdout).toContain("Không có dữ liệu hóa đơn nào được ký nguyên vẹn để hiển thị.");
    expect(r.stdout).not.toContain("Tổng tiền thanh toán");
  });
  it("without the Government sub-CA: exit 2, and the tax authority's warning says why", () => {
    const r = runSync(["verify", at("invoice.xml"), ...base.filter((a) => a !== "--cert" && a !== at("gov-sub-ca.cer")), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("TAX_AUTHORITY_UNEXPECTED: The tax-authority signature's certificate (TỔNG CỤC THUẾ) is not shown to be a General Department of Taxation one: no certification path reaches a Government-specialized provider.");
  });
  it("no signature: exit 2, NO_SIGNATURES", () => {
    const r = runSync(["verify", at("unsigned.xml"), ...base]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("NO_SIGNATURES");
  });
  it("a DOCTYPE: exit 3, XML_DTD_REFUSED (typed, with --json too)", () => {
    const r = runSync(["verify", at("dtd.xml"), ...base]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("XML_DTD_REFUSED");
    const j = runSync(["verify", at("dtd.xml"), ...base, "--json"]);
    expect(j.code).toBe(3);
    expect(JSON.parse(j.stdout)).toMatchObject({ error: { code: "XML_DTD_REFUSED" } });
  });
  it("a real invoice with the built-in trust list: exit 2, its test CA not found, read from the signed DLHDon", () => {
    const file = join(root, "test/corpora/vn-pki/signed/einvoice-v1-smartsign-vina-test-usd.xml");
    const r = runSync(["verify", file, "--now", "2022-02-01T00:00:00Z", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("Number: 0000169 — Series: VN/21E — Template: 01GTKT0/001 — Date: 2021-05-28T15:05:22");
    expect(r.stdout).toContain("Total to pay: 99000.000000 USD");
    expect(r.stdout).toContain("Signing time: 28/05/2021 15:05:22 (Vietnam time, as the signer states)");
    expect(r.stdout).toContain("NO_CERTIFICATE_PATH");
    expect(r.stdout).toContain("LEGACY_ALGORITHM");
  });
});

describe("the bundled demo invoice (examples/demo, made by scripts/make-demo-invoice.mjs)", () => {
  const demo = (p: string) => join(root, "examples/demo", p);
  const evidence = [
    "--trust-list",
    demo("invoice-trust-list.json"),
    ...["national-root", "public-ca", "government-root", "government-sub-ca"].flatMap((ca) => ["--crl", demo(`invoice-${ca}.crl`)]),
    "--now",
    "2025-06-01T00:00:00Z",
  ];
  it("invoice.xml is SECURE: who signed what is shown", () => {
    const r = runSync(["verify", demo("invoice.xml"), ...evidence, "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Signature 1/2 — Seller: SECURE");
    expect(r.stdout).toContain("Signature 2/2 — Tax authority: SECURE");
    expect(r.stdout).toContain("Number: 0000123 — Series: C25TAA");
  });
  it("invoice-wrapped.xml is NOT_SECURE (NOT_BOUND_TO_DOCUMENT) and shows no invoice data", () => {
    const r = runSync(["verify", demo("invoice-wrapped.xml"), ...evidence, "--lang", "en"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("NOT_BOUND_TO_DOCUMENT");
    expect(r.stdout).toContain("No intact signed invoice data to show.");
  });
});
