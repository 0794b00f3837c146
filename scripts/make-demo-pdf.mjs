#!/usr/bin/env node
// Makes examples/demo/contract.pdf and what judging it needs (its trust list and CRLs), with the testing kit of the
// built package: a two-page contract signed by a company of a throwaway test PKI, then a comment added by an
// incremental update (a change the signer allows), then a document timestamp over the whole file.
//   npm run build && node scripts/make-demo-pdf.mjs
// Keys are generated afresh on each run: the four files are made together and must be replaced together.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  appendIncrementalUpdate,
  createCrl,
  createTestPdf,
  createTestPki,
  createTimestampToken,
  issueCertificate,
  signPdf,
} from "../dist/testing/index.js";

const out = (name) => fileURLToPath(new URL(`../examples/demo/${name}`, import.meta.url));

const pki = await createTestPki({ timestampingAuthority: true, notBefore: "2024-01-01T00:00:00Z", notAfter: "2034-01-01T00:00:00Z" });
const signer = await issueCertificate(pki.publicCa, {
  subject: { commonName: "CÔNG TY TNHH THƯƠNG MẠI AN BÌNH", MST: "0101234567" },
  notBefore: "2025-01-01T00:00:00Z",
  notAfter: "2027-01-01T00:00:00Z",
});
const contract = createTestPdf({
  pages: 2,
  text: ["HOP DONG MUA BAN HANG HOA so 01/2025/HDMB", "Dieu 5. Gia tri hop dong: 250.000.000 dong"],
  signatureFields: ["Ben A"],
});
const signed = await signPdf(contract, {
  signer,
  signingTime: "2025-06-01T08:00:00Z",
  fieldName: "Ben A",
  reason: "Dong y ky hop dong",
  location: "Ha Noi",
});
// A comment after signing: allowed by an approval signature, reported as an annotation change.
const commented = await appendIncrementalUpdate(signed, { annotation: { page: 1, contents: "Da nhan ban goc ngay 02/06/2025" } });
const stamped = await signPdf(commented, {
  subFilter: "ETSI.RFC3161",
  m: null,
  fieldName: "Dau thoi gian",
  contents: (bytes) => createTimestampToken(bytes, pki.timestampingAuthority, { genTime: "2025-06-02T09:00:00Z" }),
});
const crl = { thisUpdate: "2025-06-30T00:00:00Z", nextUpdate: "2025-07-30T00:00:00Z" };
writeFileSync(out("contract.pdf"), stamped);
writeFileSync(out("contract-trust-list.json"), `${JSON.stringify(pki.trustList, null, 2)}\n`);
writeFileSync(out("contract-public-ca.crl"), await createCrl(pki.publicCa, crl));
writeFileSync(out("contract-national-root.crl"), await createCrl(pki.nationalRoot, crl));
console.log(`examples/demo/contract.pdf: ${stamped.length} bytes, 4 revisions`);
