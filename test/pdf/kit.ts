// What the PDF tests share: a kit PKI and signer, its trust list, and a way to judge a PDF at a fixed time.
import { loadTrustList } from "../../src/index.js";
import { scanPdf, validatePdf, type PdfReport, type PdfScan, type ValidatePdfOptions } from "../../src/formats/pdf/index.js";
import { createTestPki, issueCertificate, type TestIdentity, type TestPki } from "../../src/testing/index.js";

/** The validation time of the kit-made PDFs: the signer's certificate (2025–2027) is valid then. */
export const NOW = new Date("2025-07-01T00:00:00Z");
/** The claimed signing time the tests sign at. */
export const SIGNED_AT = "2025-06-01T08:00:00Z";

/** A PKI, a signer under its public CA, and options that judge with revocation ignored (no CRL in these tests). */
export interface PdfKit {
  readonly pki: TestPki;
  readonly signer: TestIdentity;
  readonly options: ValidatePdfOptions;
}

let kit: Promise<PdfKit> | undefined;

/**
 * The shared kit (made once per test file).
 *
 * @returns PKI, signer and validation options
 */
export function pdfKit(): Promise<PdfKit> {
  kit ??= (async () => {
    const pki = await createTestPki();
    const signer = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2027-01-01T00:00:00Z",
    });
    const options: ValidatePdfOptions = { trustList: loadTrustList(JSON.stringify(pki.trustList)), now: NOW, policy: { revocation: "ignore" } };
    return { pki, signer, options };
  })();
  return kit;
}

/**
 * Judges a PDF with the kit's options (plus overrides).
 *
 * @param pdf - the PDF
 * @param extra - options to add
 * @returns the report
 */
export async function judge(pdf: Uint8Array, extra: Partial<ValidatePdfOptions> = {}): Promise<PdfReport> {
  const { options } = await pdfKit();
  return validatePdf(pdf, { ...options, ...extra });
}

/** Scans a PDF with default budgets. */
export function scan(pdf: Uint8Array): Promise<PdfScan> {
  return scanPdf(pdf);
}

/** Text as Latin-1 bytes. */
export const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Bytes as Latin-1 text. */
export const text = (b: Uint8Array): string => new TextDecoder("latin1").decode(b);

/**
 * Replaces the first occurrence of a text by another of the same length (so no offset moves).
 *
 * @param pdf - the PDF
 * @param from - the text to find
 * @param to - its replacement, same length
 * @param after - search from this offset
 * @returns a new PDF
 */
export function patch(pdf: Uint8Array, from: string, to: string, after = 0): Uint8Array {
  if (from.length !== to.length) throw new Error("patch keeps offsets: same length only");
  const at = text(pdf).indexOf(from, after);
  if (at < 0) throw new Error(`"${from}" not found`);
  const out = new Uint8Array(pdf);
  out.set(bytes(to), at);
  return out;
}
