// Renders the report on a signed XML e-invoice: the document verdict, the invoice data read from the signed DLHDon
// (seller, buyer, amounts), then each signature as the CMS page shows it, headed by its role. textContent only: every
// field of an invoice is attacker-controlled text.
import { formatVietnamTime, type Report } from "decree130";
import type { XmlReport, XmlRole } from "decree130/xml";
import { LABELS, type Lang } from "./labels.js";
import { el, renderReport, row } from "./render.js";

const XML_LABELS = {
  vi: {
    role: { seller: "Người bán", buyer: "Người mua", "tax-authority": "Cơ quan thuế", taxpayer: "Người nộp thuế", other: "Chữ ký khác" },
    document: "Hóa đơn / tài liệu XML",
    invoice: "Dữ liệu hóa đơn đã ký",
    noInvoice: "Không có dữ liệu hóa đơn nào được ký nguyên vẹn để hiển thị.",
    number: "Số hóa đơn",
    series: "Ký hiệu",
    date: "Ngày lập",
    seller: "Người bán",
    buyer: "Người mua",
    total: "Tổng tiền thanh toán",
    signedData: "Dữ liệu được ký",
    notBound: "không gắn với dữ liệu nào của tài liệu",
    claimed: "giờ Việt Nam, do người ký khai",
    claimedTime: "Thời điểm ký ghi trong chữ ký",
    none: "không có",
    documentWarnings: "Lưu ý về tài liệu",
  },
  en: {
    role: { seller: "Seller", buyer: "Buyer", "tax-authority": "Tax authority", taxpayer: "Taxpayer", other: "Other signature" },
    document: "Invoice / XML document",
    invoice: "Signed invoice data",
    noInvoice: "No intact signed invoice data to show.",
    number: "Invoice number",
    series: "Series",
    date: "Date",
    seller: "Seller",
    buyer: "Buyer",
    total: "Total to pay",
    signedData: "Signed data",
    notBound: "bound to no data of the document",
    claimed: "Vietnam time, as the signer states",
    claimedTime: "Signing time written in the signature",
    none: "none",
    documentWarnings: "Document warnings",
  },
} as const satisfies Record<Lang, { role: Record<XmlRole, string> } & Record<string, unknown>>;

/**
 * Whether a file is XML by its content, as the command line decides: after an optional UTF-8 byte order mark and
 * whitespace, the first byte is `<`.
 *
 * @param bytes - the file
 * @returns `true` for XML
 * @example
 * ```ts
 * looksLikeXml(new Uint8Array(await file.arrayBuffer())); // true for an e-invoice
 * ```
 */
export function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d) i++;
  return bytes[i] === 0x3c;
}



function documentSection(report: XmlReport, lang: Lang): HTMLElement {
  const L = LABELS[lang];
  const X = XML_LABELS[lang];
  const d = report.document;
  const section = el("section", undefined, { class: `signature ${d.verdict}`, "data-document": d.kind });
  const head = el("h2", `${X.document}: `);
  head.append(el("span", L.verdictCode ? `${L.verdict[d.verdict]} (${d.verdict})` : L.verdict[d.verdict], { "data-document-verdict": d.verdict }));
  section.append(head, el("p", `${d.message[lang]} [${d.code}]`));
  const i = d.invoice;
  if (i) {
    section.append(el("h3", X.invoice));
    const dl = el("dl");
    const party = (p: { name: string | null; mst: string | null }): string => `${p.name ?? L.unknown}${p.mst ? ` (MST ${p.mst})` : ""}`;
    row(dl, X.number, i.number ?? L.unknown, "invoice-number");
    row(dl, X.series, i.series ?? L.unknown, "invoice-series");
    row(dl, X.date, i.date ?? L.unknown, "invoice-date");
    row(dl, X.seller, party(i.seller), "seller");
    row(dl, X.buyer, party(i.buyer), "buyer");
    row(dl, X.total, `${i.total ?? L.unknown}${i.currency ? ` ${i.currency}` : ""}`, "total");
    section.append(dl);
  } else {
    section.append(el("p", X.noInvoice, { "data-field": "no-invoice" }));
  }
  if (d.warnings.length) {
    section.append(el("h3", X.documentWarnings));
    const ul = el("ul");
    for (const w of d.warnings) ul.append(el("li", `${w.code}: ${w.message[lang]}`, { "data-warning": w.code }));
    section.append(ul);
  }
  return section;
}

/**
 * The XML report as a fragment: the document, then one section per signature with its role, what it signed and the
 * time it claims.
 *
 * @param report - what `validateXml` returned
 * @param lang - the language of labels and reasons
 * @returns nodes to insert
 * @example
 * ```ts
 * result.replaceChildren(renderXmlReport(await validateXml(bytes, options), "vi"));
 * ```
 */
export function renderXmlReport(report: XmlReport, lang: Lang): DocumentFragment {
  const X = XML_LABELS[lang];
  const out = document.createDocumentFragment();
  out.append(documentSection(report, lang));
  const signatures = renderReport({ signatures: report.signatures } satisfies Report, lang);
  [...signatures.children].forEach((section, n) => {
    const s = report.signatures[n]!;
    section.setAttribute("data-role", s.xml.role);
    section.querySelector("h2")?.prepend(`${X.role[s.xml.role]} — `);
    const dl = section.querySelector("dl");
    if (dl) {
      const time = s.xml.signingTime ? formatVietnamTime(new Date(s.xml.signingTime.value), lang).replace(/ \([^)]*\)$/, ` (${X.claimed})`) : X.none;
      row(dl, X.claimedTime, time, "claimed-time");
      row(dl, X.signedData, s.xml.boundTo ?? X.notBound, "bound-to");
    }
  });
  out.append(signatures);
  return out;
}
