// Renders a signed PDF's report: the document verdict, then each signature with the revision it signs and what changed
// after it, then the document timestamps. textContent only: a PDF's field names and reasons are attacker-controlled.
import { formatVietnamTime } from "decree130";
import type { PdfReport, PdfSignatureReport } from "decree130/pdf";
import { LABELS, type Lang } from "./labels.js";
import { el, renderSignature } from "./render.js";

/** What the page says about a PDF, in both languages. */
const PDF_LABELS = {
  vi: {
    document: "Tài liệu PDF: {revisions} phiên bản",
    documentVerdict: "Kết luận về tài liệu",
    field: "Trường chữ ký",
    revision: "Phạm vi ký",
    signsRevision: "ký phiên bản {revision}/{revisions} của tài liệu",
    noRevision: "không khớp phiên bản nào của tài liệu",
    afterSigning: "Sau khi ký",
    changes: { NONE: "tài liệu không thay đổi", ALLOWED: "có thay đổi mà người ký cho phép", DISALLOWED: "CÓ THAY ĐỔI MÀ NGƯỜI KÝ KHÔNG CHO PHÉP" },
    changeClass: {
      extension: "bổ sung dữ liệu kiểm tra",
      "signature-or-form-fill": "chữ ký sau hoặc điền biểu mẫu",
      annotation: "chú thích",
      undefined: "thay đổi nội dung",
      unreferenced: "đối tượng không được dùng",
    },
    removed: "Chữ ký này đã bị gỡ khỏi phiên bản cuối",
    timestamps: "Dấu thời gian tài liệu",
    valid: "hợp lệ",
    invalid: "không hợp lệ",
  },
  en: {
    document: "PDF document: {revisions} revisions",
    documentVerdict: "Document verdict",
    field: "Signature field",
    revision: "Signed range",
    signsRevision: "signs revision {revision} of {revisions}",
    noRevision: "ends at no revision of the document",
    afterSigning: "After signing",
    changes: { NONE: "nothing changed", ALLOWED: "changes the signer allowed", DISALLOWED: "CHANGES THE SIGNER DID NOT ALLOW" },
    changeClass: {
      extension: "validation data added",
      "signature-or-form-fill": "later signatures or form filling",
      annotation: "annotations",
      undefined: "content changes",
      unreferenced: "unused objects",
    },
    removed: "This signature was removed from the final revision",
    timestamps: "Document timestamps",
    valid: "valid",
    invalid: "invalid",
  },
} as const;

/**
 * Whether bytes are a PDF: `%PDF-` within the first 1024 bytes, as the command line decides.
 *
 * @param bytes - the dropped file
 * @returns whether to judge it as a PDF
 */
export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}


const fill = (text: string, values: Record<string, string | number>): string => text.replace(/\{(\w+)\}/g, (m, k: string) => String(values[k] ?? m));

/** The PDF facts of one signature: its field, the revision it signs, what changed after it. */
function placeOf(s: PdfSignatureReport, revisions: number, lang: Lang): HTMLElement {
  const P = PDF_LABELS[lang];
  const p = s.pdf;
  const dl = el("dl");
  dl.append(el("dt", P.field), el("dd", p.field ?? LABELS[lang].unknown, { "data-field": "pdf-field" }));
  const signs = p.revision === null ? P.noRevision : fill(P.signsRevision, { revision: p.revision, revisions });
  dl.append(el("dt", P.revision), el("dd", signs, { "data-field": "revision" }));
  const changes = p.changesAfter;
  const classes = changes.classes.map((c) => P.changeClass[c]).join(", ");
  const after = el("dd", undefined, { "data-field": "changes-after", "data-status": changes.status });
  after.append(el("span", `${P.changes[changes.status]}${classes ? ` (${classes})` : ""}`));
  const shown = changes.details.filter((d) => d.class !== "unreferenced");
  if (shown.length) {
    const ul = el("ul");
    for (const d of shown) ul.append(el("li", `${P.changeClass[d.class]}${d.object ? ` [${d.object}]` : ""}: ${d.what}`, { "data-change-class": d.class }));
    after.append(ul);
  }
  dl.append(el("dt", P.afterSigning), after);
  if (p.removed) dl.append(el("dt", "!"), el("dd", P.removed, { "data-field": "removed" }));
  return dl;
}

/**
 * The PDF report as a fragment: the document verdict, one section per signature (the revision it signs and what
 * changed after it above its four conditions), then the document timestamps.
 *
 * @param report - what `validatePdf` returned
 * @param lang - the language of labels and reasons
 * @returns nodes to insert
 */
export function renderPdfReport(report: PdfReport, lang: Lang): DocumentFragment {
  const L = LABELS[lang];
  const P = PDF_LABELS[lang];
  const doc = report.document;
  const out = document.createDocumentFragment();
  const head = el("section", undefined, { class: `signature ${doc.verdict}`, "data-document-code": doc.code });
  const title = el("h2", `${P.documentVerdict}: `);
  title.append(el("span", L.verdictCode ? `${L.verdict[doc.verdict]} (${doc.verdict})` : L.verdict[doc.verdict], { "data-document-verdict": doc.verdict }));
  head.append(title, el("p", fill(P.document, { revisions: doc.revisions })), el("p", doc.message[lang]));
  out.append(head);
  report.signatures.forEach((s, i) => {
    const section = renderSignature(s, i, report.signatures.length, lang);
    section.querySelector("h2")!.after(placeOf(s, doc.revisions, lang));
    out.append(section);
  });
  if (report.documentTimestamps.length) {
    out.append(el("h3", P.timestamps));
    const ul = el("ul");
    for (const t of report.documentTimestamps) {
      const at = t.genTime ? formatVietnamTime(new Date(t.genTime), lang) : L.unknown;
      const status = t.valid ? P.valid : `${P.invalid}: ${t.reason ?? L.unknown}`;
      ul.append(el("li", `${status} — ${at} — ${t.tsa ?? L.unknown}`, { "data-document-timestamp": String(t.valid) }));
    }
    out.append(ul);
  }
  return out;
}
