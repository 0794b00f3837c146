// Renders a report as DOM nodes (textContent only: certificate fields are attacker-controlled text, never HTML).
import { formatVietnamTime, type ConditionName, type Report, type SignatureReport } from "decree130";
import { LABELS, type Lang } from "./labels.js";

const ORDER: readonly ConditionName[] = ["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"];
const MARK = { PASSED: "✓", FAILED: "✗", INDETERMINATE: "?" } as const;

/** An instant as the report writes it, optionally in parentheses. */
const REPORT_INSTANT = /(\()?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)(\))?/g;

/** Every time in a text shown in Vietnam time, as the command line shows it: the page is read by accountants too. */
function inVietnamTime(text: string, lang: Lang): string {
  return text.replace(REPORT_INSTANT, (_, open: string | undefined, iso: string, close: string | undefined) => {
    const shown = formatVietnamTime(new Date(iso), lang);
    return open && close ? shown : `${open ?? ""}${shown}${close ?? ""}`;
  });
}

/** An element with its text and attributes: the page builds every node through it, never through HTML strings. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** A term and its value in a description list, the value tagged for the tests. */
export function row(dl: HTMLElement, term: string, value: string, field: string): void {
  dl.append(el("dt", term), el("dd", value, { "data-field": field }));
}

/**
 * One signature's section: its verdict, signer, certificate, provider, signing time and the four conditions.
 *
 * @param s - the signature's report
 * @param index - its place, from 0
 * @param total - how many signatures the file holds
 * @param lang - the language of labels and reasons
 * @returns the section
 */
export function renderSignature(s: SignatureReport, index: number, total: number, lang: Lang): HTMLElement {
  const L = LABELS[lang];
  const section = el("section", undefined, { class: `signature ${s.verdict}` });
  const head = el("h2", `${L.signature} ${index + 1}/${total}: `);
  head.append(el("span", L.verdictCode ? `${L.verdict[s.verdict]} (${s.verdict})` : L.verdict[s.verdict], { "data-verdict": s.verdict }));
  section.append(head);

  const dl = el("dl");
  row(dl, L.signer, s.signer.commonName ?? s.signer.subject ?? L.unknown, "signer");
  const ids = Object.entries(s.signer.identifiers).map(([k, v]) => `${k}: ${v}`);
  row(dl, L.identifiers, ids.length ? ids.join(", ") : L.unknown, "identifiers");
  row(dl, L.serial, s.signer.serialNumber ?? L.unknown, "serial");
  const { notBefore, notAfter } = s.conditions.validityPeriod.evidence;
  const validity =
    typeof notBefore === "string" && typeof notAfter === "string"
      ? L.validFromTo.replace("{from}", inVietnamTime(notBefore, lang)).replace("{to}", inVietnamTime(notAfter, lang))
      : L.unknown;
  row(dl, L.validity, validity, "validity");
  row(dl, L.provider, s.provider.name ?? L.unknown, "provider");
  row(dl, L.category_, s.provider.category ? L.category[s.provider.category] : L.unknown, "category");
  const signedAt = s.signingTime.value ? inVietnamTime(s.signingTime.value, lang) : L.unknown;
  row(dl, L.signingTime, `${signedAt} — ${L.sourceWord}: ${L.source[s.signingTime.source]}`, "signing-time");
  row(dl, L.regime, s.regime.note[lang], "regime");
  section.append(dl);

  section.append(el("h3", L.conditions));
  const table = el("table");
  for (const name of ORDER) {
    const c = s.conditions[name];
    const tr = el("tr", undefined, { "data-condition": name, "data-status": c.status, "data-code": c.code });
    tr.append(
      el("td", MARK[c.status], { class: `mark ${c.status}` }),
      el("th", `${L.condition[name]} (${L.article[name]})`),
      el("td", `${L.status[c.status]} — ${c.code}`),
      el("td", inVietnamTime(c.message[lang], lang), { class: "reason" }),
    );
    table.append(tr);
  }
  section.append(table);

  if (s.warnings.length) {
    section.append(el("h3", L.warnings));
    const ul = el("ul");
    for (const w of s.warnings) ul.append(el("li", `${w.code}: ${inVietnamTime(w.message[lang], lang)}`, { "data-warning": w.code }));
    section.append(ul);
  }
  return section;
}

/**
 * The report as a fragment: one section per signature.
 *
 * @param report - what `validate` returned
 * @param lang - the language of labels and reasons
 * @returns nodes to insert
 */
export function renderReport(report: Report, lang: Lang): DocumentFragment {
  const out = document.createDocumentFragment();
  report.signatures.forEach((s, i) => out.append(renderSignature(s, i, report.signatures.length, lang)));
  return out;
}
