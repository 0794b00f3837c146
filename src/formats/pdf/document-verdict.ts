import type { Message, Verdict } from "../../report/types.js";
import type { DocumentCode } from "./types.js";

/** What the document verdict reads of each signature. */
export interface SignatureOutcome {
  readonly verdict: Verdict;
  readonly changesAfter: { readonly status: "NONE" | "ALLOWED" | "DISALLOWED" };
  readonly removed: boolean;
}

/** The verdict each document code carries, and its message. */
export const DOCUMENT_CODES: Readonly<Record<DocumentCode, { readonly verdict: Verdict; readonly message: Message }>> = {
  ALL_SECURE: {
    verdict: "SECURE",
    message: {
      vi: "Mọi chữ ký trong tài liệu là chữ ký số an toàn và tài liệu không bị thay đổi trái phép sau khi ký.",
      en: "Every signature in the document is a secure digital signature and nothing changed after signing that the signers did not allow.",
    },
  },
  MODIFIED_AFTER_SIGNING: {
    verdict: "NOT_SECURE",
    message: {
      vi: "Tài liệu đã bị thay đổi sau khi ký theo cách người ký không cho phép, hoặc một chữ ký đã bị gỡ bỏ: nội dung đang hiển thị không phải là nội dung đã ký.",
      en: "The document was changed after signing in a way the signers did not allow, or a signature was removed: what it shows is not what was signed.",
    },
  },
  SIGNATURE_NOT_SECURE: {
    verdict: "NOT_SECURE",
    message: { vi: "Có chữ ký trong tài liệu không phải là chữ ký số an toàn.", en: "A signature in the document is not a secure digital signature." },
  },
  SIGNATURE_INDETERMINATE: {
    verdict: "INDETERMINATE",
    message: {
      vi: "Chưa đủ căn cứ để kết luận mọi chữ ký trong tài liệu là chữ ký số an toàn.",
      en: "The evidence is not enough to conclude that every signature in the document is a secure digital signature.",
    },
  },
  NO_SIGNATURES: {
    verdict: "INDETERMINATE",
    message: { vi: "Tài liệu không có chữ ký số.", en: "The document holds no digital signature." },
  },
};

/**
 * The document verdict of pdf.md: `MODIFIED_AFTER_SIGNING` when a signature's changes were not allowed or a signature
 * was removed; else `SIGNATURE_NOT_SECURE` when a signature is not secure; else `ALL_SECURE` when every one is;
 * else `SIGNATURE_INDETERMINATE` (or `NO_SIGNATURES`).
 *
 * @param signatures - each signature's verdict, changes after it, and whether it was removed
 * @returns the document code and verdict
 * @example
 * ```ts
 * documentVerdict([{ verdict: "SECURE", changesAfter: { status: "ALLOWED" }, removed: false }]); // { code: "ALL_SECURE", verdict: "SECURE" }
 * ```
 */
export function documentVerdict(signatures: readonly SignatureOutcome[]): { readonly code: DocumentCode; readonly verdict: Verdict } {
  const code: DocumentCode =
    signatures.some((s) => s.changesAfter.status === "DISALLOWED" || s.removed)
      ? "MODIFIED_AFTER_SIGNING"
      : signatures.some((s) => s.verdict === "NOT_SECURE")
        ? "SIGNATURE_NOT_SECURE"
        : signatures.length === 0
          ? "NO_SIGNATURES"
          : signatures.every((s) => s.verdict === "SECURE")
            ? "ALL_SECURE"
            : "SIGNATURE_INDETERMINATE";
  return { code, verdict: DOCUMENT_CODES[code].verdict };
}
