// Renders a report as DOM nodes (textContent only: certificate fields are attacker-controlled text, never HTML).
import type { ConditionName, Report, SignatureReport } from "decree130";
import { LABELS, type Lang } from "./labels.js";

const ORDER: readonly ConditionName[] = ["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"];
const MARK = { PASSED: "✓", FAILED: "✗", INDETERMINATE: "?" } as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function row(dl: HTMLElement, term: string, value: string, field: string): void {
  dl.append(el("dt", term), el("dd", value, { "data-field": field }));
}

function signature(s: SignatureReport, index: number, total: number, lang: Lang): HTMLElement {
  const L = LABELS[lang];
  const section = el("section", undefined, { class: `signature ${s.verdict}` });
  const head = el("h2", `${L.signature} ${index + 1}/${total}: `);
  head.append(el("span", `${L.verdict[s.verdict]} (${s.verdict})`, { "data-verdict": s.verdict }));
  section.append(head);

  const dl = el("dl");
  row(dl, L.signer, s.signer.commonName ?? s.signer.subject ?? L.unknown, "signer");
  const ids = Object.entries(s.signer.identifiers).map(([k, v]) => `${k}: ${v}`);
  row(dl, L.identifiers, ids.length ? ids.join(", ") : L.unknown, "identifiers");
  row(dl, L.serial, s.signer.serialNumber ?? L.unknown, "serial");
  row(dl, L.provider, s.provider.name ?? L.unknown, "provider");
  row(dl, L.category_, s.provider.category ? L.category[s.provider.category] : L.unknown, "category");
  row(dl, L.signingTime, `${s.signingTime.value ?? L.unknown} (${L.source[s.signingTime.source]})`, "signing-time");
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
      el("td", c.message[lang], { class: "reason" }),
    );
    table.append(tr);
  }
  section.append(table);

  if (s.warnings.length) {
    section.append(el("h3", L.warnings));
    const ul = el("ul");
    for (const w of s.warnings) ul.append(el("li", `${w.code}: ${w.message[lang]}`, { "data-warning": w.code }));
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
  report.signatures.forEach((s, i) => out.append(signature(s, i, report.signatures.length, lang)));
  return out;
}
