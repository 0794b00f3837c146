import type { DigestFunction, ValidateOptions } from "../index.js";
import type { Verdict } from "../report/types.js";
import type { DocumentTimestampReport, PdfReport, PdfSignatureReport } from "../formats/pdf/index.js";
import { formatVietnamTime } from "../time/vietnam-time.js";
import { printDocumentReport, type DocumentRun } from "./document-output.js";
import { assumedZoneNotes, signatureLines } from "./format.js";
import type { AssumedZone } from "./inputs.js";
import { LABELS } from "./labels.js";
import { PDF_LABELS } from "./pdf-labels.js";
import type { Lang } from "./problem.js";

/** Details of the changes after a signature shown in the text report; `--json` lists them all. */
const SHOWN_DETAILS = 8;

const fill = (text: string, values: Readonly<Record<string, string | number>>): string =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

function verdictText(verdict: Verdict, code: string, lang: Lang): string {
  const L = LABELS[lang];
  return L.verdictCode ? `${L.verdict[verdict]} (${verdict}) — ${code}` : `${L.verdict[verdict]} — ${code}`;
}

/** Where a signature sits in the document: which revision it signs, and what changed after it. */
function placeLines(s: PdfSignatureReport, revisions: number, lang: Lang): string[] {
  const P = PDF_LABELS[lang];
  const p = s.pdf;
  const signs =
    p.revision === null
      ? P.signsNoRevision
      : fill(p.revision === revisions ? P.signsWhole : P.signsRevision, { revision: p.revision, revisions });
  const kind = p.certification ? ` — ${fill(P.certification, { p: p.certification.p })}` : "";
  const lines = [`  ${P.field}: ${p.field ?? P.noField} — ${signs}${kind}`];
  if (p.reason) lines.push(`  ${P.reason}: ${p.reason}`);
  if (p.removed) lines.push(`  ${P.removed}`);
  const changes = p.changesAfter;
  const classes = changes.classes.map((c) => P.changeClass[c]).join(", ");
  lines.push(`  ${P.afterSigning}: ${P.changes[changes.status]}${classes ? ` (${classes})` : ""}`);
  const shown = changes.details.filter((d) => d.class !== "unreferenced");
  for (const d of shown.slice(0, SHOWN_DETAILS)) {
    lines.push(`    - ${P.changeClass[d.class]}${d.object ? ` [${d.object}]` : ""}: ${d.what}`);
  }
  if (shown.length > SHOWN_DETAILS) lines.push(`    ${fill(P.more, { count: shown.length - SHOWN_DETAILS })}`);
  for (const why of changes.disallowedBecause) lines.push(`    ! ${why}`);
  return lines;
}

function timestampLine(t: DocumentTimestampReport, index: string, revisions: number, lang: Lang): string {
  const P = PDF_LABELS[lang];
  const L = LABELS[lang];
  const at = t.genTime ? formatVietnamTime(new Date(t.genTime), lang) : L.unknown;
  const where = t.revision === null ? P.signsNoRevision : fill(P.stampsRevision, { revision: t.revision, revisions });
  const status = t.valid ? P.valid : `${P.invalid}: ${t.reason ?? L.unknown}`;
  return `${P.documentTimestamp} ${index}: ${status} — ${at} — ${t.tsa ?? L.unknown} — ${where}`;
}

/**
 * The human-readable report on a PDF: the document verdict, then per signature the revision it signs and what changed
 * after it, its four conditions as for any signature, and the document timestamps.
 *
 * @param report - the PDF report
 * @param lang - `vi` or `en`
 * @param now - the validation time used
 * @param assumed - the time options written without a zone
 * @returns the text to print
 * @example
 * ```ts
 * process.stdout.write(formatPdfReport(await validatePdf(bytes, options), "vi", now, []));
 * ```
 */
export function formatPdfReport(report: PdfReport, lang: Lang, now: Date, assumed: readonly AssumedZone[]): string {
  const L = LABELS[lang];
  const P = PDF_LABELS[lang];
  const doc = report.document;
  const lines = [`${L.validationTime}: ${formatVietnamTime(now, lang)}`, ...assumedZoneNotes(assumed, lang), ""];
  lines.push(`${fill(P.document, { revisions: doc.revisions })}`);
  lines.push(`${P.documentVerdict}: ${verdictText(doc.verdict, doc.code, lang)}`);
  lines.push(`  ${doc.message[lang]}`);
  if (doc.warnings.length) {
    lines.push(`  ${L.warnings}:`);
    for (const w of doc.warnings) lines.push(`    - ${w.code}: ${w.message[lang]}`);
  }
  lines.push("");
  const total = report.signatures.length;
  // Valid document timestamps beside the signature's own tokens, so a signing time one of them proves names its TSA.
  const stamped = report.documentTimestamps
    .filter((t) => t.valid)
    .map((t) => ({ kind: "document" as const, genTime: t.genTime, tsa: t.tsa, provider: null, valid: true, reason: null }));
  report.signatures.forEach((s, i) => {
    const [head, ...rest] = signatureLines({ ...s, timestamps: [...s.timestamps, ...stamped] }, `${i + 1}/${total}`, lang);
    lines.push(head!, ...placeLines(s, doc.revisions, lang), ...rest, "");
  });
  const stamps = report.documentTimestamps;
  stamps.forEach((t, i) => lines.push(timestampLine(t, `${i + 1}/${stamps.length}`, doc.revisions, lang)));
  if (stamps.length) lines.push("");
  return lines.join("\n");
}

/** What `verify` prepared, as it reaches the PDF branch. */
export interface PdfRun extends DocumentRun {
  /** `verify`'s options; a `content` among them is not used: a PDF says itself which bytes were signed. */
  readonly options: Omit<ValidateOptions, "content"> & { readonly now: Date };
  readonly digest: DigestFunction | undefined;
}

/**
 * `verify` on a PDF: judges it with `validatePdf`, prints the report (text, or the PDF report as JSON with `--json`)
 * and returns the exit code of its document verdict.
 *
 * @param input - the PDF's bytes
 * @param run - options, evidence files and output choices
 * @returns the exit code
 * @throws CliError for a PDF that cannot be read (exit 3) or evidence the library refuses (exit 64)
 * @example
 * ```ts
 * return verifyPdf(input, { file, options, evidence, assumed, json: false, lang: "vi", digest: undefined });
 * ```
 */
export async function verifyPdf(input: Uint8Array, run: PdfRun): Promise<number> {
  const { validatePdf } = await import("../formats/pdf/index.js");
  const options = run.options;
  return printDocumentReport(
    () => validatePdf(input, { ...options, ...(run.digest ? { digest: run.digest } : {}) }),
    (report) => formatPdfReport(report, run.lang, options.now, run.assumed),
    run,
  );
}
