#!/usr/bin/env node
// Makes the signed e-invoice of `npm run demo` (examples/demo/invoice*.xml) and what verifying it needs, with the testing
// kit of the built package: a throwaway test PKI, a seller and a tax authority ("TỔNG CỤC THUẾ" under the test
// Government sub-CA), the PKI's trust list and one CRL per CA. Run `npm run build` first, then this script; it rewrites
// the files (new keys each time). See examples/demo/README.md.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createPkiCrls, createTestInvoice, createTestPki, issueCertificate, signXml, wrapSignedInvoice } from "../dist/testing/index.js";

const out = (name) => fileURLToPath(new URL(`../examples/demo/${name}`, import.meta.url));
const validity = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" };

const pki = await createTestPki();
const seller = await issueCertificate(pki.publicCa, { subject: { commonName: "TEST Công ty Cổ phần Bán Lẻ Thử Nghiệm", MST: "0101234567" }, ...validity });
const taxAuthority = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "TỔNG CỤC THUẾ", organization: "TEST Bộ Tài chính" }, ...validity });

const invoice = createTestInvoice({
  seller: { name: "TEST Công ty Cổ phần Bán Lẻ Thử Nghiệm", mst: "0101234567", address: "Số 1 Đường Thử, Hà Nội" },
  buyer: { name: "TEST Công ty TNHH Mua Hàng", mst: "0109876543", address: "Số 2 Đường Thử, TP Hồ Chí Minh" },
  lines: [
    { name: "Bút bi xanh", quantity: 100, unitPrice: 4500, unit: "cái" },
    { name: "Giấy A4 (ram 500 tờ)", quantity: 20, unitPrice: 72000, unit: "ram" },
  ],
  number: "0000123",
  series: "C25TAA",
  date: "2025-05-20",
});
const bySeller = await signXml(invoice, seller, { role: "seller", signingTime: "2025-05-20T03:00:00Z" });
// The tax authority's KeyInfo carries the Government sub-CA too, so its path needs nothing beside the file.
const signed = await signXml(bySeller, taxAuthority, {
  role: "tax-authority",
  signingTime: "2025-05-20T03:05:00Z",
  extraCertificates: [pki.governmentSubCa.certificate],
});
writeFileSync(out("invoice.xml"), signed);
writeFileSync(out("invoice-wrapped.xml"), wrapSignedInvoice(signed, { placement: "extension", total: "1000" }));
writeFileSync(out("invoice-trust-list.json"), `${JSON.stringify(pki.trustList, null, 2)}\n`);
const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-30T00:00:00Z" });
const names = ["national-root", "public-ca", "government-root", "government-sub-ca", "specialized-ca"];
crls.forEach((crl, i) => {
  // The specialized CA issues nothing on these paths.
  if (names[i] !== "specialized-ca") writeFileSync(out(`invoice-${names[i]}.crl`), crl);
});
console.log("examples/demo: invoice.xml, invoice-wrapped.xml, invoice-trust-list.json, invoice-*.crl written");
