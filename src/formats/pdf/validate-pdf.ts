import { Decree130Error, isDecree130Error } from "../../errors.js";
import { parseTimeInput } from "../../time/parse-time.js";
import { asTrustList } from "../../trust/load.js";
import type { Limits } from "../../model/limits.js";
import type { Policy } from "../../policy/policy.js";
import { resolvePolicy } from "../../policy/policy.js";
import { finding, warning } from "../../report/finding.js";
import type { ConditionName, ConditionResult, SignatureReport, Warning } from "../../report/types.js";
import { verdictOf } from "../../report/verdict.js";
import { regimeAt } from "../../report/regime.js";
// eslint-disable-next-line no-restricted-imports -- provisional: the engine adapter replaces this call of the CMS entry
import { validate, type ValidateOptions } from "../../validate.js";
import { applyClaimedTime } from "./claimed-time.js";
import { cmsFacts, tokenGenTime } from "./cms-facts.js";
import { DOCUMENT_CODES, documentVerdict } from "./document-verdict.js";
import type { Dss } from "./dss.js";
import type { PdfLimits } from "./limits.js";
import type { PdfPolicy } from "./pdf-policy.js";
import { scanPdf, type PdfSignatureUnderTest } from "./scan.js";
import type { DocumentTimestampReport, PdfReport, PdfSignatureReport, PdfSigningTimeFrom } from "./types.js";

/** Options of {@link validatePdf}: those of `validate()` (no `content`: the PDF says what was signed), and the PDF policy and budgets. */
export interface ValidatePdfOptions extends Omit<ValidateOptions, "content" | "policy" | "limits"> {
  /** Strictness choices; `pdf.annotationsAfterSigning` (`"allow"` by default) for PDFs. */
  readonly policy?: Partial<Policy> & { readonly pdf?: Partial<PdfPolicy> };
  /** Budgets of the CMS reader and of the PDF reader. */
  readonly limits?: Partial<Limits> & Partial<PdfLimits>;
}

/** Errors of `validate()` that mean the bytes in `/Contents` are not a CMS signature. */
const NOT_A_CMS: ReadonlySet<string> = new Set(["INPUT_EMPTY", "INPUT_NOT_RECOGNIZED", "MALFORMED_DER", "NESTING_TOO_DEEP", "NOT_SIGNED_DATA", "MALFORMED_CMS", "NO_SIGNERS", "MALFORMED_CERTIFICATE"]);
const CONDITIONS: readonly ConditionName[] = ["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"];
/** Errors of `validate()` that evidence from the DSS can cause. */
const DSS_PROBLEMS: ReadonlySet<string> = new Set(["MALFORMED_CRL", "MALFORMED_OCSP", "MALFORMED_CERTIFICATE", "LIMIT_EXCEEDED"]);

/** The items once each: a VRI entry usually repeats what the DSS lists. */
function distinct(items: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const it of items) if (!out.some((o) => o.length === it.length && o.every((b, i) => b === it[i]))) out.push(it);
  return out;
}
const iso = (t: number): string => new Date(t).toISOString();

/**
 * Judges every signature of a signed PDF under Decree 130/2018 Art. 9 and the document as a whole (pdf.md): each
 * signature over the bytes its ByteRange covers, then whether anything changed after it that its signer did not allow.
 *
 * @param bytes - the PDF
 * @param options - trust list, evidence, times, policy and budgets
 * @returns the document verdict, one report per signature in document order, and the document timestamps
 * @throws {@link Decree130Error} for bytes that are not a readable PDF (`MALFORMED_PDF`, `PDF_LIMIT_EXCEEDED`, ...)
 * @throws TypeError for misuse (no trust list, bytes that are not a `Uint8Array`)
 * @example
 * ```ts
 * import { validatePdf } from "decree130/pdf";
 * import { vietnamTrustList } from "decree130/trust/vn";
 *
 * const report = await validatePdf(pdfBytes, { trustList: vietnamTrustList() });
 * console.log(report.document.verdict, report.signatures.map((s) => s.pdf.changesAfter.status));
 * ```
 */
export async function validatePdf(bytes: Uint8Array, options: ValidatePdfOptions): Promise<PdfReport> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("validatePdf expects the PDF as a Uint8Array");
  const trustList = asTrustList(typeof options === "object" && options !== null ? options.trustList : undefined);
  if (bytes.length === 0) throw new Decree130Error("INPUT_EMPTY", "the PDF holds no bytes");
  const { pdf: pdfPolicy, ...cmsPolicy } = options.policy ?? {};
  const policy = resolvePolicy(cmsPolicy);
  // The validation time is read once, so every signature of the document is judged at the same moment.
  const now = typeof options.now === "string" ? parseTimeInput(options.now).time : (options.now ?? new Date());
  const scan = await scanPdf(bytes, { ...(options.limits ? { limits: options.limits } : {}), ...(pdfPolicy ? { policy: pdfPolicy } : {}) });
  const documentWarnings: Warning[] = scan.warnings.map((detail) => warning("PDF_TOLERATED", { detail }));
  if (scan.trailingBytes) documentWarnings.push(warning("TRAILING_BYTES", { detail: "bytes after the last %%EOF" }));
  const base: ValidateOptions = { ...options, trustList, policy: cmsPolicy, now };
  const signatures: PdfSignatureReport[] = [];
  const documentTimestamps: DocumentTimestampReport[] = [];
  for (const sig of scan.signatures) {
    if (sig.kind === "document-timestamp") documentTimestamps.push(timestampReport(sig));
    else signatures.push(await judge(sig, base, scan.dss, now.getTime(), policy.clockSkewMs, scan.trailingBytes));
  }
  const { code, verdict } = documentVerdict(signatures.map((s) => ({ verdict: s.verdict, changesAfter: s.pdf.changesAfter, removed: s.pdf.removed })));
  return {
    document: { verdict, code, revisions: scan.revisions, message: DOCUMENT_CODES[code].message, warnings: documentWarnings },
    signatures,
    documentTimestamps,
  };
}

function timestampReport(sig: PdfSignatureUnderTest): DocumentTimestampReport {
  const genTime = sig.cms ? tokenGenTime(sig.cms) : undefined;
  const reason = sig.byteRangeProblems.length > 0
    ? `byte range invalid: ${sig.byteRangeProblems.map((b) => b.rule).join(", ")}`
    : sig.cmsProblem ?? "not verified yet";
  return {
    genTime: genTime === undefined ? null : iso(genTime),
    revision: sig.revision,
    valid: false,
    tsa: null,
    reason,
    field: sig.field,
    byteRange: sig.byteRange,
    coversWholeDocument: sig.coversWholeDocument,
  };
}

function blankReport(conditions: Record<ConditionName, ConditionResult>, sig: PdfSignatureUnderTest, now: number): SignatureReport {
  const claimed = sig.claimedTime !== undefined && sig.claimedTime <= now;
  const time = claimed ? sig.claimedTime! : now;
  return {
    verdict: verdictOf(conditions),
    signer: { subject: null, commonName: null, identifiers: {}, serialNumber: null, certificate: null },
    provider: { name: null, category: null },
    timestamps: [],
    signingTime: { value: iso(time), source: claimed ? "claimed" : "validation-time" },
    regime: regimeAt(time),
    conditions: { ...conditions, issuerType: { ...conditions.issuerType, category: null } },
    warnings: [],
  };
}

function unreadable(sig: PdfSignatureUnderTest, detail: string, now: number): SignatureReport {
  const c = Object.fromEntries(CONDITIONS.map((n) => [n, finding(n, "SIGNING_CERT_NOT_FOUND")])) as Record<ConditionName, ConditionResult>;
  c.keyCorrespondence = finding("keyCorrespondence", "MALFORMED_SIGNATURE", { detail }, { detail });
  return blankReport(c, sig, now);
}

function concat(views: readonly [Uint8Array, Uint8Array]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(views[0].length + views[1].length);
  out.set(views[0]);
  out.set(views[1], views[0].length);
  return out;
}

async function cmsReport(sig: PdfSignatureUnderTest, cms: Uint8Array, base: ValidateOptions, dss: Dss, now: number, skew: number) {
  const facts = cmsFacts(cms);
  if (facts.signerCount !== 1) return { report: unreadable(sig, `${facts.signerCount} SignerInfos where a PDF signature holds one`, now), facts };
  // PROVISIONAL: the engine integration hashes the two views in chunks; this is the one place they are joined.
  const signed = sig.signedBytes ? concat(sig.signedBytes) : undefined;
  const vri = Object.values(dss.vri);
  const own: ValidateOptions = { ...base, ...(sig.dispatch === "detached" && signed ? { content: signed } : {}) };
  const stored = {
    certificates: distinct([...dss.certificates, ...vri.flatMap((v) => v.certificates)]),
    crls: distinct([...dss.crls, ...vri.flatMap((v) => v.crls)]),
    ocspResponses: distinct([...dss.ocspResponses, ...vri.flatMap((v) => v.ocspResponses)]),
  };
  const withDss: ValidateOptions = {
    ...own,
    certificates: [...(base.certificates ?? []), ...stored.certificates],
    crls: [...(base.crls ?? []), ...stored.crls],
    ocspResponses: [...(base.ocspResponses ?? []), ...stored.ocspResponses],
  };
  const fromDss = stored.certificates.length + stored.crls.length + stored.ocspResponses.length > 0;
  const extraWarnings: Warning[] = [];
  let result;
  try {
    result = await validate(cms, withDss);
  } catch (err) {
    if (!fromDss || !isDecree130Error(err) || !DSS_PROBLEMS.has(err.code)) throw err;
    // A DSS item that does not decode, or a DSS over the evidence budget, must not hide the signature: judge it
    // without the DSS, and say so.
    extraWarnings.push(warning("EVIDENCE_REJECTED", { detail: `the document security store: ${err.message}` }));
    result = await validate(cms, own);
  }
  let report: SignatureReport = { ...result.signatures[0]!, warnings: [...result.signatures[0]!.warnings, ...extraWarnings] };
  if (sig.dispatch === "sha1" && signed) {
    const digest = new Uint8Array(await (base.crypto ?? globalThis.crypto).subtle.digest("SHA-1", signed));
    const e = facts.eContent;
    if (!e || e.length !== digest.length || e.some((b, i) => b !== digest[i])) {
      const keyCorrespondence = finding("keyCorrespondence", "HASH_MISMATCH", { subFilter: sig.subFilter, detail: "the encapsulated SHA-1 is not that of the signed bytes" });
      report = { ...report, conditions: { ...report.conditions, keyCorrespondence } };
    }
  }
  if (!facts.hasSigningTime && sig.claimedTime !== undefined) report = applyClaimedTime(report, sig.claimedTime, now, skew);
  return { report, facts };
}

async function judge(sig: PdfSignatureUnderTest, base: ValidateOptions, dss: Dss, now: number, skew: number, trailing: boolean): Promise<PdfSignatureReport> {
  let report: SignatureReport;
  let from: PdfSigningTimeFrom = null;
  if (sig.dispatch === "unsupported") {
    const params = { subFilter: sig.subFilter ?? "none" };
    const c = Object.fromEntries(CONDITIONS.map((n) => [n, finding(n, "UNSUPPORTED_SUBFILTER", params, params)])) as Record<ConditionName, ConditionResult>;
    report = blankReport(c, sig, now);
  } else if (!sig.cms) {
    report = unreadable(sig, sig.cmsProblem ?? "no CMS in /Contents", now);
  } else {
    try {
      const r = await cmsReport(sig, sig.cms, base, dss, now, skew);
      report = r.report;
      const source = report.signingTime.source;
      from = source === "caller" || source === "timestamp" ? source : source === "claimed" ? (r.facts.hasSigningTime ? "cms-signingTime" : "pdf-M") : null;
    } catch (err) {
      if (!isDecree130Error(err) || !NOT_A_CMS.has(err.code)) throw err;
      report = unreadable(sig, err.message, now);
    }
  }
  if (report.signer.certificate === null && report.signingTime.source === "claimed") from = "pdf-M";
  if (sig.byteRangeProblems.length > 0) {
    const rules = sig.byteRangeProblems.map((b) => ({ rule: b.rule, detail: b.detail }));
    // What the signature check itself said stays in the evidence: "intact but mis-framed" differs from "broken".
    const evidence = { rules, cryptographic: report.conditions.keyCorrespondence.code };
    const keyCorrespondence = finding("keyCorrespondence", "BYTE_RANGE_INVALID", evidence, { detail: rules.map((r) => r.detail).join("; ") });
    report = { ...report, conditions: { ...report.conditions, keyCorrespondence } };
  }
  const warnings = [...report.warnings];
  if (sig.changesAfter.status === "ALLOWED") warnings.push(warning("CHANGED_AFTER_SIGNING", { classes: sig.changesAfter.classes.join(", ") }));
  if (trailing) warnings.push(warning("TRAILING_BYTES", { detail: "bytes after the last %%EOF" }));
  if (sig.removed) warnings.push(warning("SIGNATURE_REMOVED"));
  return {
    ...report,
    verdict: verdictOf(report.conditions),
    warnings,
    pdf: {
      field: sig.field,
      subFilter: sig.subFilter,
      byteRange: sig.byteRange,
      revision: sig.revision,
      coversWholeDocument: sig.coversWholeDocument,
      certification: sig.certification,
      changesAfter: sig.changesAfter,
      signingTimeFrom: from,
      removed: sig.removed,
      byteRangeRules: sig.byteRangeProblems,
      reason: sig.info.reason,
      name: sig.info.name,
      location: sig.info.location,
    },
  };
}
