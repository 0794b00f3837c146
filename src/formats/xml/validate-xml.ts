import { createKeyCache } from "../../cache/key-cache.js";
import type { Env, KeySource } from "../../crypto/types.js";
import { parseVietnameseIdentifiers } from "../../identity/vn-identifiers.js";
import type { Certificate } from "../../model/certificate.js";
import { attributeValues, formatName } from "../../model/name.js";
import type { TrustList } from "../../model/trust-list.js";
import { resolvePolicy, type Policy } from "../../policy/policy.js";
import { encodeBase64 } from "../../lib/base64.js";
import { finding, warning } from "../../report/finding.js";
import type { ConditionResult, IssuerTypeResult, Message, SignatureReport, Verdict, Warning } from "../../report/types.js";
import { verdictOf } from "../../report/verdict.js";
import { iso } from "../../lib/iso.js";
import { regimeAt } from "../../report/regime.js";
import { resolveTimes } from "../../time/signing-time.js";
import { documentCode, XML_DOCUMENT_CODES, type XmlDocumentCode } from "./document-codes.js";
import type { XmlDocumentKind, XmlEnvelope } from "./document-facts.js";
import { identityWarnings } from "./identity.js";
import type { InvoiceData } from "./invoice-data.js";
import { xmlKeyCorrespondence } from "./key-correspondence.js";
import type { XmlLimits } from "./limits.js";
import { readSignedXml } from "./read-signed-xml.js";
import type { XmlRole } from "./roles.js";
import { legacyWarning, type XmlCoverage, type XmlSignatureUnderTest } from "./signature-under-test.js";
import { selectSigningCertificate } from "./signing-certificate.js";
import type { XmlSigningTime } from "./signing-time.js";

/** Options of {@link validateXml}. */
export interface ValidateXmlOptions {
  /** Accepted for the engine to come; this version does not judge the issuer yet. */
  readonly trustList?: TrustList;
  /** Validation time; default: the clock, read once here. */
  readonly now?: Date;
  /** Strictness choices; `algorithms` and `clockSkewMs` apply in this version. */
  readonly policy?: Partial<Policy>;
  /** WebCrypto; default `globalThis.crypto`. */
  readonly crypto?: Crypto;
  /** Bounds; see {@link XmlLimits}. */
  readonly limits?: Partial<XmlLimits>;
  /** Imported keys, shared across validations (`createKeyCache()`); default: a fresh cache per call. */
  readonly keys?: KeySource;
}

/** The `xml` block of each signature's report (xml.md). */
export interface XmlSignatureBlock {
  readonly role: XmlRole;
  readonly id: string | null;
  readonly covers: readonly XmlCoverage[];
  readonly boundTo: string | null;
  readonly signingTime: XmlSigningTime | null;
}

/** A signature's report: every field of interfaces.md §2, plus the `xml` block. */
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

function signerOf(cert: Certificate | undefined): SignatureReport["signer"] {
  if (!cert) return { subject: null, commonName: null, identifiers: {}, serialNumber: null, certificate: null };
  return {
    subject: formatName(cert.subject),
    commonName: attributeValues(cert.subject, "2.5.4.3")[0] ?? null,
    identifiers: parseVietnameseIdentifiers(cert.subject).identifiers,
    serialNumber: cert.serialHex,
    certificate: encodeBase64(cert.der),
  };
}

// Provisional: validityPeriod, issuerType and soleControl are the engine's (path, revocation, trust list). Until the
// XML adapter is wired into it they are INDETERMINATE, never PASSED.
const pending = (): ConditionResult => finding("validityPeriod", "NOT_EVALUATED");

async function judge(sig: XmlSignatureUnderTest, env: Env, policy: Policy, now: number): Promise<XmlSignatureReport> {
  const signing = await selectSigningCertificate(sig, env, { algorithms: policy.algorithms });
  const cert = signing.certificate;
  const keyCorrespondence = xmlKeyCorrespondence(sig, signing);
  const times = resolveTimes({ now, claimed: sig.claimedTime, proofs: [], clockSkewMs: policy.clockSkewMs });
  // One legacy-algorithm warning naming all of them, the key size included (known only once a key verified).
  const legacy = [...sig.legacyAlgorithms];
  const key = signing.outcome?.ok === true ? /^RSA-(\d+)$/.exec(signing.outcome.algorithms.key) : null;
  if (key && Number(key[1]) < 2048) legacy.push(key[0]);
  const warnings: Warning[] = sig.warnings.filter((w) => w.code !== "WEAK_ALGORITHM");
  if (legacy.length > 0) warnings.push(legacyWarning(legacy.join(", ")));
  if (times.contradictedClaim !== undefined) {
    warnings.push(warning("CLAIMED_TIME_CONTRADICTED", { claimed: iso(times.contradictedClaim), proven: iso(times.up) }));
  }
  if (cert) warnings.push(...identityWarnings(sig, cert));
  const issuerType: IssuerTypeResult = { ...finding("issuerType", "NOT_EVALUATED"), category: null };
  const conditions = {
    validityPeriod: pending(),
    keyCorrespondence,
    issuerType,
    soleControl: { ...finding("soleControl", "NOT_EVALUATED") },
  };
  return {
    verdict: verdictOf(conditions),
    signer: signerOf(cert),
    provider: { name: null, category: null },
    timestamps: [],
    signingTime: { value: iso(times.reported.value), source: times.reported.source },
    regime: regimeAt(times.reported.value, cert),
    conditions,
    warnings,
    xml: { role: sig.role, id: sig.id, covers: sig.covers, boundTo: sig.boundTo, signingTime: sig.signingTime },
  };
}

/**
 * Judges every signature of a signed XML document (an e-invoice, a tax notice or declaration) under xml.md. This first
 * version decides keyCorrespondence in full (core XMLDSig, explicit references, the binding rule, algorithms, the
 * signing certificate) and reports validityPeriod, issuerType and soleControl as `INDETERMINATE` (`NOT_EVALUATED`), so
 * no signature is ever `SECURE` yet; the signature engine will judge those three.
 *
 * @param input - the document's bytes (UTF-8) or text
 * @param options - validation time, policy, WebCrypto, limits
 * @returns the document verdict and one report per `ds:Signature`, in document order
 * @throws {@link Decree130Error} for input that is not well-formed, safe XML within the limits
 * @example
 * ```ts
 * import { validateXml } from "decree130/xml";
 * const report = await validateXml(invoiceBytes, { now: new Date("2025-06-01T00:00:00Z") });
 * report.signatures[0].xml.boundTo; // "/HDon/DLHDon"
 * ```
 */
export async function validateXml(input: Uint8Array | string, options: ValidateXmlOptions = {}): Promise<XmlReport> {
  if (typeof options !== "object" || options === null) throw new TypeError("options must be an object");
  if (options.now !== undefined && !(options.now instanceof Date && Number.isFinite(options.now.getTime()))) {
    throw new TypeError("options.now must be a valid Date");
  }
  const now = options.now?.getTime() ?? Date.now();
  const policy = resolvePolicy(options.policy);
  const crypto = options.crypto ?? globalThis.crypto;
  if (!crypto?.subtle) throw new TypeError("WebCrypto is not available: pass options.crypto");
  const signed = await readSignedXml(input, { crypto, algorithms: policy.algorithms, ...(options.limits ? { limits: options.limits } : {}) });
  const env: Env = { crypto, keys: options.keys ?? createKeyCache(64) };
  const signatures: XmlSignatureReport[] = [];
  for (const sig of signed.signatures) signatures.push(await judge(sig, env, policy, now));
  const code = documentCode(signatures.map((s) => s.verdict));
  const { verdict, message } = XML_DOCUMENT_CODES[code];
  const { kind, warnings, envelope, invoice } = signed.document;
  return { document: { kind, code, verdict, message, warnings, envelope, invoice }, signatures };
}
