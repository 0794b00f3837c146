import type { XmlDocumentKind } from "../formats/xml/document-facts.js";
import type { XmlRole } from "../formats/xml/roles.js";

/** The words of the human-readable report on a signed XML document, per language (the rest is shared with CMS). */
export interface XmlLabels {
  readonly role: Record<XmlRole, string>;
  readonly kind: Record<XmlDocumentKind, string>;
  readonly document: string;
  /** `{path}` is the signed element the data is read from. */
  readonly invoiceFrom: string;
  readonly noSignedInvoice: string;
  readonly number: string;
  readonly series: string;
  readonly template: string;
  readonly date: string;
  readonly total: string;
  readonly seller: string;
  readonly buyer: string;
  readonly mst: string;
  /** `{sender}`, `{receiver}`, `{type}` are filled in. */
  readonly envelope: string;
  readonly envelopeUnsigned: string;
  readonly documentWarnings: string;
  /** After a SigningTime shown in Vietnam time: it is the signer's own statement. */
  readonly claimedNote: string;
  readonly noSigningTime: string;
  readonly judgedAt: string;
  readonly boundTo: string;
  readonly notBound: string;
  readonly contentIgnored: string;
}

/** The XML report's words in Vietnamese and English, one entry per language. */
export const XML_LABELS: Readonly<Record<"vi" | "en", XmlLabels>> = {
  vi: {
    role: { seller: "Người bán", buyer: "Người mua", "tax-authority": "Cơ quan thuế", taxpayer: "Người nộp thuế", other: "Chữ ký khác" },
    kind: { invoice: "hóa đơn điện tử", notice: "thông báo", declaration: "tờ khai", other: "tài liệu XML" },
    document: "Tài liệu",
    invoiceFrom: "Dữ liệu hóa đơn (đọc từ phần đã ký {path})",
    noSignedInvoice: "Không có dữ liệu hóa đơn nào được ký nguyên vẹn để hiển thị.",
    number: "Số",
    series: "Ký hiệu",
    template: "Mẫu số",
    date: "Ngày lập",
    total: "Tổng tiền thanh toán",
    seller: "Người bán",
    buyer: "Người mua",
    mst: "MST",
    envelope: "Thông điệp: người gửi {sender}, người nhận {receiver}, loại {type}",
    envelopeUnsigned: "không được ký",
    documentWarnings: "Lưu ý về tài liệu",
    claimedNote: "giờ Việt Nam, do người ký khai",
    noSigningTime: "không có thời điểm ký được ký",
    judgedAt: "Thời điểm dùng để đánh giá",
    boundTo: "Dữ liệu được ký",
    notBound: "không gắn với dữ liệu nào của tài liệu",
    contentIgnored: "Lưu ý: --content không dùng cho tệp XML (chữ ký XML nằm ngay trong tệp).",
  },
  en: {
    role: { seller: "Seller", buyer: "Buyer", "tax-authority": "Tax authority", taxpayer: "Taxpayer", other: "Other signature" },
    kind: { invoice: "e-invoice", notice: "notice", declaration: "declaration", other: "XML document" },
    document: "Document",
    invoiceFrom: "Invoice data (read from the signed {path})",
    noSignedInvoice: "No intact signed invoice data to show.",
    number: "Number",
    series: "Series",
    template: "Template",
    date: "Date",
    total: "Total to pay",
    seller: "Seller",
    buyer: "Buyer",
    mst: "tax code",
    envelope: "Message: sender {sender}, receiver {receiver}, type {type}",
    envelopeUnsigned: "not signed",
    documentWarnings: "Document warnings",
    claimedNote: "Vietnam time, as the signer states",
    noSigningTime: "no signed signing time",
    judgedAt: "Time used for judging",
    boundTo: "Signed data",
    notBound: "bound to no data of the document",
    contentIgnored: "Note: --content is not used for XML files (an XML signature sits inside the file).",
  },
};
