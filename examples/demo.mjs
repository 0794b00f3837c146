// `npm run demo`: runs the built command line over three example signatures, two signed e-invoices and a signed PDF, and says, in a
// line, why each gets its verdict. Add `-- --lang en` for English. The .p7s files come from
// test/fixtures/make-fixtures.sh (OpenSSL under faketime); the invoices from scripts/make-demo-invoice.mjs and the PDF from scripts/make-demo-pdf.mjs (the testing
// kit), each with a test PKI of its own: see examples/demo/README.md.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(`./demo/${p}`, import.meta.url));
const bin = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const lang = process.argv.includes("--lang") ? process.argv[process.argv.indexOf("--lang") + 1] : "vi";
const common = ["--trust-list", here("trust-list.json"), "--crl", here("public-ca.crl"), "--crl", here("national-root.crl"), "--now", "2025-06-01T00:00:00Z", "--lang", lang];

// The invoices' test PKI: its trust list and a CRL from each CA on their paths.
const invoiceEvidence = [
  "--trust-list",
  here("invoice-trust-list.json"),
  ...["national-root", "public-ca", "government-root", "government-sub-ca"].flatMap((ca) => ["--crl", here(`invoice-${ca}.crl`)]),
  "--now",
  "2025-06-01T00:00:00Z",
  "--lang",
  lang,
];

const examples = [
  {
    file: "secure.p7s",
    why: "Signed 2025-03-01 by a certificate of a listed public CA, valid then, not on the CA's current CRL → SECURE (exit 0).",
  },
  {
    file: "not-secure-tampered.p7s",
    why: "The same kind of signature, but the signed amount was changed after signing → NOT_SECURE (exit 1).",
  },
  {
    file: "indeterminate-expired.p7s",
    why: "Signed inside the certificate's validity, which has since ended, and nothing proves when → INDETERMINATE (exit 2); add --signing-time to vouch for it.",
  },
  {
    file: "invoice.xml",
    why: "An e-invoice signed by the seller and by the tax authority (TỔNG CỤC THUẾ), both certificates from listed providers, valid and not revoked → SECURE (exit 0).",
    args: invoiceEvidence,
  },
  {
    file: "invoice-wrapped.xml",
    why: "The same invoice with a forged DLHDon in front and the signed one hidden inside it (signature wrapping): the signatures still verify, but not over the data a reader sees → NOT_SECURE (exit 1).",
    args: invoiceEvidence,
  },
];

/** The PDF has its own test PKI: its trust list and CRLs were made with it. */
const pdfEvidence = [
  "--trust-list", here("contract-trust-list.json"), "--crl", here("contract-public-ca.crl"), "--crl", here("contract-national-root.crl"),
  "--now", "2025-07-01T00:00:00Z", "--lang", lang,
];
examples.push({
  file: "contract.pdf",
  why: "A contract signed 2025-06-01 (revision 2 of 4), then commented on and timestamped: changes the signer allows, listed after the signature → SECURE (exit 0).",
  args: pdfEvidence,
});

for (const { file, why, args } of examples) {
  console.log(`\n=== ${file}\n    ${why}\n`);
  const r = spawnSync(process.execPath, [bin, "verify", here(file), ...(args ?? common)], { stdio: "inherit" });
  console.log(`    exit code: ${r.status}`);
}
