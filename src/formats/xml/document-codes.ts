import type { Message, Verdict } from "../../report/types.js";

/** Document codes (as in pdf.md): what the verdict of the file as a whole rests on. */
export type XmlDocumentCode = "ALL_SECURE" | "SIGNATURE_NOT_SECURE" | "SIGNATURE_INDETERMINATE" | "NO_SIGNATURES";

/** The document verdict each code carries and its message, one entry per code. */
export const XML_DOCUMENT_CODES: Readonly<Record<XmlDocumentCode, { readonly verdict: Verdict; readonly message: Message }>> = {
  ALL_SECURE: {
    verdict: "SECURE",
    message: { vi: "Mọi chữ ký trong tài liệu là chữ ký số an toàn.", en: "Every signature in the document is a secure digital signature." },
  },
  SIGNATURE_NOT_SECURE: {
    verdict: "NOT_SECURE",
    message: { vi: "Ít nhất một chữ ký trong tài liệu không an toàn.", en: "At least one signature in the document is not secure." },
  },
  SIGNATURE_INDETERMINATE: {
    verdict: "INDETERMINATE",
    message: {
      vi: "Chưa đủ căn cứ để kết luận về ít nhất một chữ ký trong tài liệu.",
      en: "At least one signature in the document cannot be decided on the evidence available.",
    },
  },
  NO_SIGNATURES: {
    verdict: "INDETERMINATE",
    message: { vi: "Tài liệu không có chữ ký số nào.", en: "The document carries no digital signature." },
  },
};

/**
 * The document code from the signatures' verdicts: `NOT_SECURE` if any is, `SECURE` if all are, else indeterminate.
 *
 * @param verdicts - each signature's verdict
 * @returns the code
 * @example
 * ```ts
 * documentCode(["SECURE", "INDETERMINATE"]); // "SIGNATURE_INDETERMINATE"
 * ```
 */
export function documentCode(verdicts: readonly Verdict[]): XmlDocumentCode {
  if (verdicts.length === 0) return "NO_SIGNATURES";
  if (verdicts.includes("NOT_SECURE")) return "SIGNATURE_NOT_SECURE";
  return verdicts.every((v) => v === "SECURE") ? "ALL_SECURE" : "SIGNATURE_INDETERMINATE";
}
