import type { ChangeClass } from "../formats/pdf/roles.js";

/** The words of the human-readable report on a PDF, beside those of every report (labels.ts). */
export interface PdfLabels {
  /** `{revisions}` is filled in. */
  readonly document: string;
  readonly documentVerdict: string;
  readonly field: string;
  readonly noField: string;
  /** The revision a signature signs: `{revision}` and `{revisions}` are filled in. */
  readonly signsRevision: string;
  /** It signs the last revision: nothing was added after it. */
  readonly signsWhole: string;
  readonly signsNoRevision: string;
  /** The revision a document timestamp covers: `{revision}` and `{revisions}` are filled in. */
  readonly stampsRevision: string;
  readonly certification: string;
  readonly afterSigning: string;
  readonly changes: Readonly<Record<"NONE" | "ALLOWED" | "DISALLOWED", string>>;
  readonly changeClass: Readonly<Record<ChangeClass | "unreferenced", string>>;
  /** More details than shown: `{count}` is filled in. */
  readonly more: string;
  readonly removed: string;
  readonly reason: string;
  readonly documentTimestamp: string;
  readonly valid: string;
  readonly invalid: string;
  readonly none: string;
}

export const PDF_LABELS: Readonly<Record<"vi" | "en", PdfLabels>> = {
  vi: {
    document: "Tài liệu PDF ({revisions} phiên bản)",
    documentVerdict: "Kết luận về tài liệu",
    field: "Trường chữ ký",
    noField: "(không thuộc trường nào)",
    signsRevision: "ký phiên bản {revision}/{revisions} của tài liệu",
    signsWhole: "ký phiên bản {revision}/{revisions} của tài liệu (bản cuối cùng)",
    signsNoRevision: "phạm vi ký không khớp phiên bản nào của tài liệu",
    stampsRevision: "đóng dấu phiên bản {revision}/{revisions} của tài liệu",
    certification: "chữ ký chứng nhận (DocMDP P={p})",
    afterSigning: "Sau khi ký",
    changes: {
      NONE: "tài liệu không thay đổi",
      ALLOWED: "có thay đổi mà người ký cho phép",
      DISALLOWED: "CÓ THAY ĐỔI MÀ NGƯỜI KÝ KHÔNG CHO PHÉP",
    },
    changeClass: {
      extension: "bổ sung dữ liệu kiểm tra (DSS, dấu thời gian, metadata)",
      "signature-or-form-fill": "chữ ký sau hoặc điền biểu mẫu",
      annotation: "chú thích",
      undefined: "thay đổi nội dung",
      unreferenced: "đối tượng không được dùng",
    },
    more: "… và {count} thay đổi khác (xem --json)",
    removed: "Chữ ký này đã bị gỡ khỏi phiên bản cuối của tài liệu",
    reason: "Lý do ký",
    documentTimestamp: "Dấu thời gian tài liệu",
    valid: "hợp lệ",
    invalid: "không hợp lệ",
    none: "không có chữ ký nào",
  },
  en: {
    document: "PDF document ({revisions} revisions)",
    documentVerdict: "Document verdict",
    field: "Signature field",
    noField: "(in no field)",
    signsRevision: "signs revision {revision} of {revisions}",
    signsWhole: "signs revision {revision} of {revisions} (the final one)",
    signsNoRevision: "its signed range ends at no revision of the document",
    stampsRevision: "stamps revision {revision} of {revisions}",
    certification: "certification signature (DocMDP P={p})",
    afterSigning: "After signing",
    changes: {
      NONE: "nothing changed",
      ALLOWED: "changes the signer allowed",
      DISALLOWED: "CHANGES THE SIGNER DID NOT ALLOW",
    },
    changeClass: {
      extension: "validation data added (DSS, timestamps, metadata)",
      "signature-or-form-fill": "later signatures or form filling",
      annotation: "annotations",
      undefined: "content changes",
      unreferenced: "unused objects",
    },
    more: "… and {count} more (see --json)",
    removed: "This signature was removed from the document's final revision",
    reason: "Reason",
    documentTimestamp: "Document timestamp",
    valid: "valid",
    invalid: "invalid",
    none: "no signatures",
  },
};
