import type { ConditionName, ConditionStatus, SigningTimeSource, Verdict } from "../report/types.js";
import type { IssuerCategory } from "../model/trust-list.js";

/** The words of the human-readable report, per language. */
export interface Labels {
  readonly verdict: Record<Verdict, string>;
  readonly status: Record<ConditionStatus, string>;
  readonly condition: Record<ConditionName, string>;
  /** The article each condition applies, as a reader of this language cites it. */
  readonly article: Record<ConditionName, string>;
  readonly category: Record<IssuerCategory, string>;
  readonly source: Record<SigningTimeSource, string>;
  /** Whether the verdict's code follows its words: in English they say the same thing. */
  readonly verdictCode: boolean;
  readonly validationTime: string;
  /** The note after a time typed without a zone; `{option}` and `{text}` are filled in. */
  readonly assumedZone: string;
  readonly certificate: string;
  /** The signer's certificate validity; `{from}` and `{to}` are filled in. */
  readonly validFromTo: string;
  readonly sourceWord: string;
  /** The source of a signing time a timestamp proves: `{tsa}` is the TSA's name. */
  readonly stampedBy: string;
  readonly signature: string;
  readonly signer: string;
  readonly provider: string;
  readonly signingTime: string;
  readonly regime: string;
  readonly warnings: string;
  readonly unknown: string;
}

export const LABELS: Readonly<Record<"vi" | "en", Labels>> = {
  vi: {
    verdict: { SECURE: "AN TOÀN", NOT_SECURE: "KHÔNG AN TOÀN", INDETERMINATE: "CHƯA XÁC ĐỊNH" },
    status: { PASSED: "ĐẠT", FAILED: "KHÔNG ĐẠT", INDETERMINATE: "CHƯA XÁC ĐỊNH" },
    condition: {
      validityPeriod: "Chứng thư có hiệu lực khi ký",
      keyCorrespondence: "Khóa bí mật tương ứng khóa công khai",
      issuerType: "Tổ chức cấp chứng thư",
      soleControl: "Khóa thuộc sự kiểm soát duy nhất của người ký",
    },
    article: {
      validityPeriod: "khoản 1 Điều 9",
      keyCorrespondence: "khoản 1, 2 Điều 9",
      issuerType: "khoản 2 Điều 9",
      soleControl: "khoản 3 Điều 9",
    },
    category: {
      "national-root": "tổ chức chứng thực gốc quốc gia",
      government: "chuyên dùng Chính phủ",
      public: "công cộng",
      specialized: "chuyên dùng (Điều 40)",
    },
    source: { timestamp: "dấu thời gian", caller: "do bên kiểm tra cung cấp", claimed: "người ký khai", "validation-time": "thời điểm kiểm tra" },
    verdictCode: true,
    validationTime: "Thời điểm kiểm tra",
    assumedZone: "Lưu ý: {option} {text} không ghi múi giờ nên được hiểu là giờ Việt Nam (UTC+07:00).",
    certificate: "Chứng thư số của người ký",
    validFromTo: "có hiệu lực từ {from} đến {to}",
    sourceWord: "nguồn",
    stampedBy: "dấu thời gian của {tsa}",
    signature: "Chữ ký",
    signer: "Người ký",
    provider: "Tổ chức cung cấp dịch vụ",
    signingTime: "Thời điểm ký",
    regime: "Pháp luật áp dụng",
    warnings: "Lưu ý",
    unknown: "không rõ",
  },
  en: {
    verdict: { SECURE: "SECURE", NOT_SECURE: "NOT SECURE", INDETERMINATE: "INDETERMINATE" },
    status: { PASSED: "PASSED", FAILED: "FAILED", INDETERMINATE: "INDETERMINATE" },
    condition: {
      validityPeriod: "Certificate valid when signing",
      keyCorrespondence: "Private key matches the public key",
      issuerType: "Certificate issuer",
      soleControl: "Key under the signer's sole control",
    },
    article: {
      validityPeriod: "Art. 9(1)",
      keyCorrespondence: "Art. 9(1), 9(2)",
      issuerType: "Art. 9(2)",
      soleControl: "Art. 9(3)",
    },
    category: {
      "national-root": "national root provider",
      government: "Government-specialized",
      public: "licensed public",
      specialized: "specialized (Art. 40)",
    },
    source: { timestamp: "timestamp", caller: "asserted by the caller", claimed: "claimed by the signer", "validation-time": "validation time" },
    verdictCode: false,
    validationTime: "Validation time",
    assumedZone: "Note: {option} {text} has no time zone, so it was read as Vietnam time (UTC+07:00).",
    certificate: "Signer's certificate",
    validFromTo: "valid from {from} to {to}",
    sourceWord: "source",
    stampedBy: "timestamp by {tsa}",
    signature: "Signature",
    signer: "Signer",
    provider: "Provider",
    signingTime: "Signing time",
    regime: "Applicable law",
    warnings: "Warnings",
    unknown: "unknown",
  },
};
