import { certificateDecoder } from "../../cache/decoded.js";
import type { CacheTables } from "../../cache/validation-cache.js";
import { judgeFile } from "../../engine/judge-file.js";
import { startRun, type JudgeOptions } from "../../engine/run.js";
import type { Certificate } from "../../model/certificate.js";
import type { Limits } from "../../model/limits.js";
import { encodeBase64 } from "../../lib/base64.js";
import { attributeValues } from "../../model/name.js";
import { warning } from "../../report/finding.js";
import type { Message, SignatureReport, Verdict, Warning } from "../../report/types.js";
import { verdictOf } from "../../report/verdict.js";
import { readCertificates } from "../certificates.js";
import { documentCode, XML_DOCUMENT_CODES, type XmlDocumentCode } from "./document-codes.js";
import type { XmlDocumentKind, XmlEnvelope } from "./document-facts.js";
import { namedCertificates, xmlFile } from "./file-under-test.js";
import { TAX_AUTHORITY_REASONS, taxAuthorityNameMatches } from "./identity.js";
import type { InvoiceData } from "./invoice-data.js";
import type { XmlLimits } from "./limits.js";
import { readSignedXmlStarting } from "./read-signed-xml.js";
import type { XmlRole } from "./roles.js";
import type { XmlContext, XmlCoverage, XmlSignatureUnderTest } from "./signature-under-test.js";
import type { XmlSigningTime } from "./signing-time.js";

/** Options of {@link validateXml}: those of `validate()` (trust list required), and the XML reader's bounds. */
export interface ValidateXmlOptions extends Omit<JudgeOptions, "limits"> {
  /** Bounds of the certificate and evidence readers, and of the XML reader; see `Limits` and {@link XmlLimits}. */
  readonly limits?: (Partial<Limits> & Partial<XmlLimits>) | undefined;
}

/** The `xml` block of each signature's report. */
export interface XmlSignatureBlock {
  readonly role: XmlRole;
  readonly id: string | null;
  readonly covers: readonly XmlCoverage[];
  readonly boundTo: string | null;
  readonly signingTime: XmlSigningTime | null;
}

/** A signature's report: the engine's full report (signer, provider, timestamps, regime, the four conditions), plus the `xml` block. */
export interface XmlSignatureReport extends SignatureReport {
  readonly xml: XmlSignatureBlock;
}

/** The report on a signed XML document. */
export interface XmlReport {
  readonly document: {
    readonly kind: XmlDocumentKind;
    readonly code: XmlDocumentCode;
    readonly verdict: Verdict;
    readonly message: Message;
    readonly warnings: readonly Warning[];
    readonly envelope: XmlEnvelope | null;
    /** The invoice data read from the signed `DLHDon`, for display; `null` when no intact bound `DLHDon` exists. */
    readonly invoice: InvoiceData | null;
  };
  readonly signatures: readonly XmlSignatureReport[];
}

const XML_LIMIT_KEYS = new Set<string>([
  "maxInputBytes",
  "maxDepth",
  "maxAttributesPerElement",
  "maxNodes",
  "maxSignatures",
  "maxCertificatesPerSignature",
  "maxReferencesPerSignature",
]);

/** The limits split between the engine's readers and the XML reader (`maxInputBytes` bounds the XML document). */
function splitLimits(limits: ValidateXmlOptions["limits"]): { engine: Partial<Limits>; xml: Partial<XmlLimits> } {
  const engine: Record<string, unknown> = {};
  const xml: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(limits ?? {})) {
    if (v === undefined) continue;
    (XML_LIMIT_KEYS.has(k) ? xml : engine)[k] = v;
  }
  return { engine: engine as Partial<Limits>, xml: xml as Partial<XmlLimits> };
}

/** Supplied certificates, decoded through the cache (DER, PEM or PKCS#7 bundles). */
const readSupplied = (input: Uint8Array | string, tables: CacheTables): Certificate[] => readCertificates(input, certificateDecoder(tables.certificates));


/**
 * What the XML rules add to the engine's report: an unknown algorithm or transform URI fails keyCorrespondence (the
 * document names something no verifier can check, so it vouches for nothing), and a tax-authority certificate must be
 * the GDT's (its common name) on a path to a `government` provider.
 */
function withXmlRules(report: SignatureReport, sig: XmlSignatureUnderTest, cert: Certificate | undefined): SignatureReport {
  let out = report;
  const key = report.conditions.keyCorrespondence;
  if (key.status === "INDETERMINATE" && key.code === "UNSUPPORTED_ALGORITHM" && sig.problems.some((p) => p.code === "UNSUPPORTED_ALGORITHM")) {
    const conditions = { ...report.conditions, keyCorrespondence: { ...key, status: "FAILED" as const } };
    out = { ...out, conditions, verdict: verdictOf(conditions) };
  }
  if (sig.role === "tax-authority" && cert && taxAuthorityNameMatches(cert) && report.provider.category !== "government") {
    const detail = { commonName: attributeValues(cert.subject, "2.5.4.3")[0] ?? "—", reason: TAX_AUTHORITY_REASONS.path };
    out = { ...out, warnings: [...out.warnings, warning("TAX_AUTHORITY_UNEXPECTED", detail)] };
  }
  return out;
}

/**
 * Judges every signature of a signed XML document (an e-invoice, a tax notice or declaration) under Decree 130/2018
 * Art. 9, with the same engine as `validate()`: for each `ds:Signature`, the XMLDSig check (explicit references, the
 * binding rule, algorithms, the signing certificate from `KeyInfo`), the certification path to the trust list,
 * revocation and the four conditions; then the document verdict (`NOT_SECURE` if any signature is, `SECURE` if all are).
 *
 * @param input - the document's bytes (UTF-8) or text
 * @param options - trust list (required), evidence, times, policy, WebCrypto, cache, limits and fetcher, as for `validate()`
 * @returns the document verdict and one report per `ds:Signature`, in document order
 * @throws {@link Decree130Error} for input that is not well-formed, safe XML within the limits (`MALFORMED_XML`,
 *   `XML_DTD_REFUSED`, `XML_LIMIT_EXCEEDED`, `INPUT_EMPTY`, `INPUT_TOO_LARGE`), and for supplied evidence that does not decode
 * @throws TypeError for misuse (no trust list, an invalid `Date`, no WebCrypto)
 * @example
 * ```ts
 * import { validateXml } from "decree130/xml";
 * import { vietnamTrustList } from "decree130/trust/vn";
 *
 * const report = await validateXml(invoiceBytes, { trustList: vietnamTrustList() });
 * report.document.verdict; // "SECURE" | "NOT_SECURE" | "INDETERMINATE"
 * report.signatures[0].xml.boundTo; // "/HDon/DLHDon"
 * ```
 */
export async function validateXml(input: Uint8Array | string, options: ValidateXmlOptions): Promise<XmlReport> {
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object with a trustList");
  const limits = splitLimits(options.limits);
  const run = startRun({ ...options, limits: limits.engine }, readSupplied);
  // The engine judges the signatures one after another, after every reference digest; each SignatureValue check needs
  // only the certificate its signature names first, so it starts as soon as that is known and the waits on WebCrypto
  // overlap. Each signature remembers its check, and the engine's own call finds it under way.
  const startCheck: XmlContext["onVerifiable"] = (certificates, verifyWith) => {
    let named: Certificate[];
    try {
      named = namedCertificates(certificates.map((der) => run.tables.certificates.decode(der, 0, der.length)));
    } catch {
      return; // a certificate that does not decode is reported when the file is assembled
    }
    if (named[0]) void verifyWith(named[0].spki, run.env, { algorithms: run.policy.algorithms }).catch(() => undefined);
  };
  const signed = await readSignedXmlStarting(input, { crypto: run.env.crypto, algorithms: run.policy.algorithms, limits: limits.xml }, startCheck);
  const file = xmlFile(signed, run.tables);
  const reports = await judgeFile(file, run);
  const signatures: XmlSignatureReport[] = reports.map((report, i) => {
    const sig = signed.signatures[i]!;
    const der = report.signer.certificate;
    const cert = der === null ? undefined : file.embedded[i]!.find((c) => encodeBase64(c.der) === der);
    const judged = withXmlRules(report, sig, cert);
    return { ...judged, xml: { role: sig.role, id: sig.id, covers: sig.covers, boundTo: sig.boundTo, signingTime: sig.signingTime } };
  });
  const code = documentCode(signatures.map((s) => s.verdict));
  const { verdict, message } = XML_DOCUMENT_CODES[code];
  const { kind, warnings, envelope, invoice } = signed.document;
  return { document: { kind, code, verdict, message, warnings, envelope, invoice }, signatures };
}
