import type { InvoiceParty } from "../formats/xml/invoice-data.js";
import { validateXml, type ValidateXmlOptions, type XmlReport, type XmlSignatureReport } from "../formats/xml/validate-xml.js";
import { formatVietnamTime } from "../time/vietnam-time.js";
import { printDocumentReport, type DocumentRun } from "./document-output.js";
import { assumedZoneNotes, conditionLines } from "./format.js";
import type { AssumedZone } from "./inputs.js";
import { LABELS } from "./labels.js";
import type { Lang } from "./problem.js";
import { XML_LABELS } from "./xml-labels.js";


/** A time in Vietnam time with a note of our own instead of the plain zone note. */
function withNote(iso: string, note: string, lang: Lang): string {
  return formatVietnamTime(new Date(iso), lang).replace(/ \([^)]*\)$/, ` (${note})`);
}

function party(label: string, p: InvoiceParty, lang: Lang): string {
  const X = XML_LABELS[lang];
  return `  ${label}: ${p.name ?? LABELS[lang].unknown}${p.mst ? ` (${X.mst} ${p.mst})` : ""}`;
}

function documentLines(report: XmlReport, lang: Lang): string[] {
  const L = LABELS[lang];
  const X = XML_LABELS[lang];
  const d = report.document;
  const verdict = L.verdictCode ? `${L.verdict[d.verdict]} (${d.verdict})` : L.verdict[d.verdict];
  const lines = [`${X.document}: ${X.kind[d.kind]} — ${verdict} — ${d.code}`, `  ${d.message[lang]}`];
  const bound = report.signatures.find((s) => s.xml.boundTo !== null && s.xml.boundTo.endsWith("/DLHDon"))?.xml.boundTo;
  if (d.invoice) {
    const i = d.invoice;
    const facts = [
      [X.number, i.number],
      [X.series, i.series],
      [X.template, i.template],
      [X.date, i.date],
    ].filter((f) => f[1] !== null);
    lines.push(`${X.invoiceFrom.replace("{path}", bound ?? "DLHDon")}:`);
    lines.push(`  ${facts.map(([k, v]) => `${k}: ${v}`).join(" — ")}`);
    if (i.total !== null) lines.push(`  ${X.total}: ${i.total}${i.currency ? ` ${i.currency}` : ""}`);
    lines.push(party(X.seller, i.seller, lang), party(X.buyer, i.buyer, lang));
  } else if (d.kind === "invoice" || report.signatures.length > 0) {
    lines.push(X.noSignedInvoice);
  }
  if (d.envelope) {
    const e = d.envelope;
    const text = X.envelope.replace("{sender}", e.sender ?? "—").replace("{receiver}", e.receiver ?? "—").replace("{type}", e.messageType ?? "—");
    lines.push(`${text}${e.signed ? "" : ` — ${X.envelopeUnsigned}`}`);
  }
  if (d.warnings.length) {
    lines.push(`${X.documentWarnings}:`);
    for (const w of d.warnings) lines.push(`  - ${w.code}: ${w.message[lang]}`);
  }
  return lines;
}

function signatureLines(s: XmlSignatureReport, index: string, lang: Lang): string[] {
  const L = LABELS[lang];
  const X = XML_LABELS[lang];
  const verdict = L.verdictCode ? `${L.verdict[s.verdict]} (${s.verdict})` : L.verdict[s.verdict];
  const ids = Object.entries(s.signer.identifiers).map(([k, v]) => `${k}: ${v}`);
  const category = s.provider.category ? L.category[s.provider.category] : L.unknown;
  const claimed = s.xml.signingTime ? withNote(s.xml.signingTime.value, X.claimedNote, lang) : X.noSigningTime;
  const lines = [
    `${L.signature} ${index} — ${X.role[s.xml.role]}: ${verdict}`,
    `  ${L.signer}: ${s.signer.commonName ?? s.signer.subject ?? L.unknown}${ids.length ? ` (${ids.join(", ")})` : ""}`,
    `  ${L.provider}: ${s.provider.name ?? L.unknown} — ${category}`,
    `  ${L.signingTime}: ${claimed}`,
  ];
  if (s.signingTime.source !== "claimed" && s.signingTime.value !== null) {
    lines.push(`  ${X.judgedAt}: ${formatVietnamTime(new Date(s.signingTime.value), lang)} — ${L.sourceWord}: ${L.source[s.signingTime.source]}`);
  }
  lines.push(`  ${X.boundTo}: ${s.xml.boundTo ?? X.notBound}`);
  lines.push(...conditionLines(s, lang));
  return lines;
}

/**
 * The human-readable report on a signed XML document: the validation time, the document verdict with the invoice data
 * read from the signed node, then each signature with its role, signer, claimed signing time and the four conditions.
 *
 * @param report - the XML report
 * @param lang - `vi` or `en`
 * @param now - the validation time used
 * @param assumed - the time options written without a zone
 * @returns the text to print
 * @example
 * ```ts
 * process.stdout.write(formatXmlReport(report, "vi", now, []));
 * ```
 */
export function formatXmlReport(report: XmlReport, lang: Lang, now: Date, assumed: readonly AssumedZone[]): string {
  const lines = [`${LABELS[lang].validationTime}: ${formatVietnamTime(now, lang)}`, ...assumedZoneNotes(assumed, lang), ""];
  lines.push(...documentLines(report, lang), "");
  const total = report.signatures.length;
  report.signatures.forEach((s, i) => lines.push(...signatureLines(s, `${i + 1}/${total}`, lang), ""));
  return lines.join("\n");
}

/** What `verify` hands over for an XML file. */
export type XmlRun = DocumentRun;

/**
 * `decree130 verify` on a signed XML file: validates it, prints the report (JSON with `--json`) and gives the exit code
 * of the document verdict (0 secure, 1 not secure, 2 indeterminate).
 *
 * @param input - the file's bytes
 * @param options - the options `verify` prepared (trust list, evidence, times, policy, fetcher); `content` is not used
 * @param run - the file name, language, output form, evidence files and time notes
 * @returns the exit code
 * @throws {@link CliError} exit 3 for a file that is not well-formed, safe XML; exit 64 for an evidence file refused
 * @example
 * ```ts
 * return verifyXml(input, options, { file, lang, json, evidence, assumed });
 * ```
 */
export async function verifyXml(input: Uint8Array, options: ValidateXmlOptions & { readonly now: Date; readonly content?: Uint8Array | undefined }, run: XmlRun): Promise<number> {
  const { content, ...xmlOptions } = options;
  if (content) process.stderr.write(`${XML_LABELS[run.lang].contentIgnored}\n`);
  return printDocumentReport(
    () => validateXml(input, xmlOptions),
    (report) => formatXmlReport(report, run.lang, options.now, run.assumed),
    run,
  );
}
