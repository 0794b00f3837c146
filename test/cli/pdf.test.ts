// `decree130 verify file.pdf`: the PDF found by its content (whatever its name), the revision each signature signs
// and what changed after it in Vietnamese and English, the PdfReport with --json, the exit code from the document
// verdict, and a 20 MiB PDF read and hashed in place.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { detectFormat } from "../../src/cli/detect-format.js";
import type { PdfReport } from "../../src/formats/pdf/index.js";
import { appendIncrementalUpdate, createCrl, createTestPdf, createTestPki, issueCertificate, signPdf } from "../../src/testing/index.js";
import { requireBuilt, root, runSync } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "decree130-cli-pdf-"));
const at = (name: string): string => join(dir, name);
const NOW = "2025-07-01T00:00:00Z";
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

const verify = (file: string, ...more: string[]) =>
  runSync(["verify", at(file), "--trust-list", at("trust-list.json"), "--crl", at("ca.crl"), "--crl", at("root.crl"), "--now", NOW, ...more], 60_000);

beforeAll(async () => {
  requireBuilt();
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2027-01-01T00:00:00Z",
  });
  writeFileSync(at("trust-list.json"), JSON.stringify(pki.trustList));
  writeFileSync(at("ca.crl"), await createCrl(pki.publicCa, { thisUpdate: "2025-06-30T00:00:00Z", nextUpdate: "2025-07-07T00:00:00Z" }));
  writeFileSync(at("root.crl"), await createCrl(pki.nationalRoot, { thisUpdate: "2025-06-30T00:00:00Z", nextUpdate: "2025-07-07T00:00:00Z" }));
  const signed = await signPdf(createTestPdf({ text: "Hop dong so 01/2025" }), { signer, signingTime: "2025-06-01T08:00:00Z", fieldName: "Ben A" });
  writeFileSync(at("signed.pdf"), signed);
  // Named .p7s on purpose: the format comes from the content.
  writeFileSync(at("annotated.p7s"), await appendIncrementalUpdate(signed, { annotation: { contents: "Da xem" } }));
  // Page 1's content replaced after signing: a change no signer allows.
  writeFileSync(at("replaced.pdf"), await appendIncrementalUpdate(signed, { replaceObjects: { 5: { dict: "<< >>", data: "BT /F1 18 Tf 72 760 Td (Hop dong so 99/2025) Tj ET" } } }));
  writeFileSync(at("unsigned.pdf"), createTestPdf());
  writeFileSync(at("broken.pdf"), latin1("%PDF-1.7\nnothing else"));
  // 20 MiB: one large incompressible image, then signed.
  const image = new Uint8Array(20 * 1024 * 1024);
  crypto.getRandomValues(image.subarray(0, 65536));
  for (let i = 65536; i < image.length; i += 65536) image.copyWithin(i, 0, Math.min(65536, image.length - i));
  const big = await appendIncrementalUpdate(createTestPdf(), {
    addObjects: { 100: { dict: "<< /Type /XObject /Subtype /Image /Width 4096 /Height 1706 /ColorSpace /DeviceRGB /BitsPerComponent 8 >>", data: image } },
  });
  writeFileSync(at("big.pdf"), await signPdf(big, { signer, signingTime: "2025-06-01T08:00:00Z" }));
}, 60_000);

describe("detectFormat", () => {
  it("PDF by %PDF- within the first 1024 bytes, XML by a first <, CMS otherwise", () => {
    expect(detectFormat(latin1("%PDF-1.7\n"))).toBe("pdf");
    expect(detectFormat(latin1(`${"x".repeat(1000)}%PDF-1.4`))).toBe("pdf");
    expect(detectFormat(latin1(`${"x".repeat(1020)}%PDF-1.4`))).toBe("cms");
    expect(detectFormat(latin1("\xEF\xBB\xBF \r\n<?xml version='1.0'?><a/>"))).toBe("xml");
    expect(detectFormat(latin1("  <HDon/>"))).toBe("xml");
    expect(detectFormat(Uint8Array.of(0x30, 0x82, 0x01, 0x00))).toBe("cms");
    expect(detectFormat(latin1("-----BEGIN PKCS7-----"))).toBe("cms");
    expect(detectFormat(new Uint8Array(0))).toBe("cms");
  });
});

describe("verify file.pdf", () => {
  it("a signed PDF: SECURE, exit 0, the revision it signs in Vietnamese", () => {
    const r = verify("signed.pdf");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Tài liệu PDF (2 phiên bản)");
    expect(r.stdout).toContain("Kết luận về tài liệu: AN TOÀN (SECURE) — ALL_SECURE");
    expect(r.stdout).toContain("Trường chữ ký: Ben A — ký phiên bản 2/2 của tài liệu (bản cuối cùng)");
    expect(r.stdout).toContain("Sau khi ký: tài liệu không thay đổi");
  });

  it("an allowed annotation after signing: what changed, in English, exit from the document verdict (whatever the file name)", () => {
    const r = verify("annotated.p7s", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PDF document (3 revisions)");
    expect(r.stdout).toContain("Signature field: Ben A — signs revision 2 of 3");
    expect(r.stdout).toContain("After signing: changes the signer allowed (annotations)");
    expect(r.stdout).toMatch(/- annotations \[\d+ 0\]: annotation of page 1 added/);
    expect(r.stdout).toContain("CHANGED_AFTER_SIGNING");
  });

  it("a page replaced after signing: NOT_SECURE (MODIFIED_AFTER_SIGNING), exit 1, the change named", () => {
    const r = verify("replaced.pdf");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("KHÔNG AN TOÀN (NOT_SECURE) — MODIFIED_AFTER_SIGNING");
    expect(r.stdout).toContain("Sau khi ký: CÓ THAY ĐỔI MÀ NGƯỜI KÝ KHÔNG CHO PHÉP (thay đổi nội dung)");
    // The signature itself is intact: it is the document that changed.
    expect(r.stdout).toContain("Chữ ký 1/1: AN TOÀN (SECURE)");
  });

  it("--json prints the PdfReport", () => {
    const r = verify("annotated.p7s", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PdfReport;
    expect(report.document).toMatchObject({ verdict: "SECURE", code: "ALL_SECURE", revisions: 3 });
    expect(report.signatures[0]!.pdf).toMatchObject({ field: "Ben A", revision: 2, changesAfter: { status: "ALLOWED", classes: ["annotation"] } });
    expect(report.documentTimestamps).toEqual([]);
  });

  it("a PDF without signatures: INDETERMINATE (NO_SIGNATURES), exit 2", () => {
    const r = verify("unsigned.pdf", "--json");
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as PdfReport).document.code).toBe("NO_SIGNATURES");
  });

  it("bytes that are no readable PDF: exit 3 with the typed error", () => {
    const r = verify("broken.pdf", "--json");
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "MALFORMED_PDF" } });
  });

  it("the bundled example contract.pdf: SECURE, the revision it signs, what changed after it, its document timestamp", () => {
    const demo = (f: string): string => join(root, "examples/demo", f);
    const r = runSync(["verify", demo("contract.pdf"), "--trust-list", demo("contract-trust-list.json"), "--crl", demo("contract-public-ca.crl"),
      "--crl", demo("contract-national-root.crl"), "--now", NOW, "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Document verdict: SECURE — ALL_SECURE");
    expect(r.stdout).toContain("Signature field: Ben A — signs revision 2 of 4");
    expect(r.stdout).toContain("After signing: changes the signer allowed (validation data added (DSS, timestamps, metadata), later signatures or form filling, annotations)");
    expect(r.stdout).toContain("source: timestamp by TEST Timestamping Authority");
    expect(r.stdout).toMatch(/Document timestamp 1\/1: valid — 02\/06\/2025 16:00:00 .* — TEST Timestamping Authority — stamps revision 4 of 4/);
  });

  it("a 20 MiB PDF is accepted and judged", () => {
    const r = verify("big.pdf", "--json");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as PdfReport).document.code).toBe("ALL_SECURE");
  });
});
