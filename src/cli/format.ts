import type { ConditionName, Report, SignatureReport } from "../report/types.js";
import { formatVietnamTime } from "../time/vietnam-time.js";
import type { AssumedZone } from "./inputs.js";
import { LABELS, type Labels } from "./labels.js";
import type { Lang } from "./problem.js";

const MARK = { PASSED: "✓", FAILED: "✗", INDETERMINATE: "?" } as const;
const ORDER: readonly ConditionName[] = ["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"];

/** An instant as the report writes it (`iso()`), optionally in parentheses. */
const REPORT_INSTANT = /(\()?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)(\))?/g;

/** The times a condition's message names, shown in Vietnam time like every other time of the readable report. */
function inVietnamTime(text: string, lang: Lang): string {
  return text.replace(REPORT_INSTANT, (_, open: string | undefined, iso: string, close: string | undefined) => {
    const shown = formatVietnamTime(new Date(iso), lang);
    // "(2025-03-01T10:00:00.000Z)" becomes "01/03/2025 17:00:00 (giờ Việt Nam)", not a parenthesis in a parenthesis.
    return open && close ? shown : `${open ?? ""}${shown}${close ?? ""}`;
  });
}

function shownTime(iso: unknown, L: Labels, lang: Lang): string {
  return typeof iso === "string" ? inVietnamTime(iso, lang) : L.unknown;
}

/** Where the signing time came from; for a timestamp, whose (the TSA of the earliest valid token, and its provider). */
function sourceOf(s: SignatureReport, L: (typeof LABELS)[Lang]): string {
  const source = L.source[s.signingTime.source];
  if (s.signingTime.source !== "timestamp") return source;
  const token = s.timestamps.find((t) => t.valid && t.genTime === s.signingTime.value);
  if (!token?.tsa) return source;
  return `${L.stampedBy.replace("{tsa}", token.tsa)}${token.provider && token.provider !== token.tsa ? ` (${token.provider})` : ""}`;
}

/**
 * The lines of one signature's block: verdict, signer, certificate, provider, signing time, law, the four conditions
 * and the warnings.
 *
 * @param s - the signature's report
 * @param index - its place, `"1/2"`
 * @param lang - `vi` or `en`
 * @returns the lines, the first naming the signature and its verdict
 * @example
 * ```ts
 * lines.push(...signatureLines(report.signatures[0], "1/1", "vi"));
 * ```
 */
export function signatureLines(s: SignatureReport, index: string, lang: Lang): string[] {
  const L = LABELS[lang];
  const verdict = L.verdictCode ? `${L.verdict[s.verdict]} (${s.verdict})` : L.verdict[s.verdict];
  const ids = Object.entries(s.signer.identifiers).map(([k, v]) => `${k}: ${v}`);
  const validity = s.conditions.validityPeriod.evidence;
  const validFor =
    typeof validity["notBefore"] === "string"
      ? L.validFromTo.replace("{from}", shownTime(validity["notBefore"], L, lang)).replace("{to}", shownTime(validity["notAfter"], L, lang))
      : L.unknown;
  const category = s.provider.category ? L.category[s.provider.category] : L.unknown;
  const lines = [
    `${L.signature} ${index}: ${verdict}`,
    `  ${L.signer}: ${s.signer.commonName ?? s.signer.subject ?? L.unknown}${ids.length ? ` (${ids.join(", ")})` : ""}`,
    `  ${L.certificate}: ${validFor}`,
    `  ${L.provider}: ${s.provider.name ?? L.unknown} — ${category}`,
    `  ${L.signingTime}: ${shownTime(s.signingTime.value, L, lang)} — ${L.sourceWord}: ${sourceOf(s, L)}`,
    `  ${L.regime}: ${s.regime.note[lang]}`,
  ];
  lines.push(...conditionLines(s, lang));
  return lines;
}

/**
 * The four conditions of a signature, each with its mark, article, status, code and message, then its warnings: the
 * part of a signature's block every format shares. Times in messages are shown in Vietnam time.
 *
 * @param s - a signature's report (any format)
 * @param lang - `vi` or `en`
 * @returns the lines, indented for a signature's block
 * @example
 * ```ts
 * lines.push(...conditionLines(report.signatures[0], "vi"));
 * ```
 */
export function conditionLines(s: Pick<SignatureReport, "conditions" | "warnings">, lang: Lang): string[] {
  const L = LABELS[lang];
  const lines: string[] = [];
  for (const name of ORDER) {
    const c = s.conditions[name];
    lines.push(`  [${MARK[c.status]}] ${L.condition[name]} (${L.article[name]}): ${L.status[c.status]} — ${c.code}`);
    lines.push(`      ${inVietnamTime(c.message[lang], lang)}`);
  }
  if (s.warnings.length) {
    lines.push(`  ${L.warnings}:`);
    for (const w of s.warnings) lines.push(`    - ${w.code}: ${inVietnamTime(w.message[lang], lang)}`);
  }
  return lines;
}

/**
 * The notes on times typed without a zone, which were read as Vietnam time.
 *
 * @param assumed - the time options written without a zone
 * @param lang - `vi` or `en`
 * @returns one line per option (none when every time named its zone)
 * @example
 * ```ts
 * process.stderr.write(assumedZoneNotes(assumed, "vi").join("\n"));
 * ```
 */
export function assumedZoneNotes(assumed: readonly AssumedZone[], lang: Lang): string[] {
  return assumed.map((a) => LABELS[lang].assumedZone.replace("{option}", a.option).replace("{text}", JSON.stringify(a.text)));
}

/**
 * The human-readable report: the validation time, then one block per signature. Every time is shown in Vietnam time
 * (`dd/mm/yyyy HH:mm:ss (giờ Việt Nam)`); JSON output keeps ISO instants in UTC.
 *
 * @param report - the validation report
 * @param lang - `vi` or `en`
 * @param now - the validation time used
 * @param assumed - the time options written without a zone
 * @returns the text to print
 * @example
 * ```ts
 * process.stdout.write(formatReport(report, "vi", now, []));
 * ```
 */
export function formatReport(report: Report, lang: Lang, now: Date, assumed: readonly AssumedZone[]): string {
  const lines = [`${LABELS[lang].validationTime}: ${formatVietnamTime(now, lang)}`, ...assumedZoneNotes(assumed, lang), ""];
  const total = report.signatures.length;
  report.signatures.forEach((s, i) => lines.push(...signatureLines(s, `${i + 1}/${total}`, lang), ""));
  return lines.join("\n");
}
