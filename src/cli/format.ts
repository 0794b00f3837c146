import type { ConditionName, Report } from "../report/types.js";
import { LABELS } from "./labels.js";

const MARK = { PASSED: "✓", FAILED: "✗", INDETERMINATE: "?" } as const;
const ORDER: readonly ConditionName[] = ["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"];

/**
 * The human-readable report: one block per signature.
 *
 * @param report - the validation report
 * @param lang - `vi` or `en`
 * @returns the text to print
 */
export function formatReport(report: Report, lang: "vi" | "en"): string {
  const L = LABELS[lang];
  const lines: string[] = [];
  report.signatures.forEach((s, i) => {
    lines.push(`${L.signature} ${i + 1}/${report.signatures.length}: ${L.verdict[s.verdict]} (${s.verdict})`);
    const ids = Object.entries(s.signer.identifiers).map(([k, v]) => `${k}: ${v}`);
    lines.push(`  ${L.signer}: ${s.signer.commonName ?? s.signer.subject ?? L.unknown}${ids.length ? ` (${ids.join(", ")})` : ""}`);
    const category = s.provider.category ? L.category[s.provider.category] : L.unknown;
    lines.push(`  ${L.provider}: ${s.provider.name ?? L.unknown} — ${category}`);
    lines.push(`  ${L.signingTime}: ${s.signingTime.value ?? L.unknown} (${L.source[s.signingTime.source]})`);
    lines.push(`  ${L.regime}: ${s.regime.note[lang]}`);
    for (const name of ORDER) {
      const c = s.conditions[name];
      lines.push(`  [${MARK[c.status]}] ${L.condition[name]} (${L.article[name]}): ${L.status[c.status]} — ${c.code}`);
      lines.push(`      ${c.message[lang]}`);
    }
    if (s.warnings.length) {
      lines.push(`  ${L.warnings}:`);
      for (const w of s.warnings) lines.push(`    - ${w.code}: ${w.message[lang]}`);
    }
    lines.push("");
  });
  return lines.join("\n");
}
