/**
 * Stable error codes for input that cannot be read as a signature, or for misuse of the API.
 *
 * | code | meaning |
 * | --- | --- |
 * | `INPUT_EMPTY` | the input holds no bytes |
 * | `INPUT_TOO_LARGE` | the input exceeds the configured size limit |
 * | `INPUT_NOT_RECOGNIZED` | not DER, PEM or base64 CMS |
 * | `MALFORMED_DER` | the bytes break ASN.1 DER/BER rules (truncated, bad length, trailing data) |
 * | `NESTING_TOO_DEEP` | the ASN.1 nesting exceeds the depth limit |
 * | `NOT_SIGNED_DATA` | a ContentInfo whose content type is not SignedData |
 * | `MALFORMED_CMS` | a SignedData that does not follow RFC 5652 |
 * | `NO_SIGNERS` | a SignedData with no SignerInfo |
 * | `LIMIT_EXCEEDED` | too many certificates, CRLs or signers |
 * | `MALFORMED_CERTIFICATE` | a certificate supplied by the caller does not decode |
 * | `MALFORMED_CRL` | a CRL supplied by the caller does not decode |
 * | `MALFORMED_OCSP` | an OCSP response supplied by the caller does not decode |
 * | `TRUST_LIST_INVALID` | a trust list that does not follow the `decree130/trust-list@1` format |
 * | `POLICY_INVALID` | a policy object with unknown or badly typed settings |
 * | `TIME_INVALID` | a time given as text that is neither ISO-8601 nor `dd/mm/yyyy [HH:mm[:ss]]`, or names no real date |
 * | `MALFORMED_XML` | XML that is not well-formed (or not UTF-8), or an undeclared entity reference |
 * | `XML_DTD_REFUSED` | XML with a document type declaration (DTD): refused, never read, so no entity is ever expanded |
 * | `XML_LIMIT_EXCEEDED` | XML nested too deep, or with too many attributes, nodes or signatures |
 * | `MALFORMED_PDF` | not a readable PDF: no `%PDF-` header, no readable cross-reference section, a broken object |
 * | `PDF_LIMIT_EXCEEDED` | a PDF over one of the reader's budgets (objects, nesting, decoded stream size, revisions) |
 * | `UNSUPPORTED_PDF` | a PDF feature the reader needs but does not implement (a filter on a cross-reference stream) |
 */
export const DECREE130_ERROR_CODES = [
  "INPUT_EMPTY",
  "INPUT_TOO_LARGE",
  "INPUT_NOT_RECOGNIZED",
  "MALFORMED_DER",
  "NESTING_TOO_DEEP",
  "NOT_SIGNED_DATA",
  "MALFORMED_CMS",
  "NO_SIGNERS",
  "LIMIT_EXCEEDED",
  "MALFORMED_CERTIFICATE",
  "MALFORMED_CRL",
  "MALFORMED_OCSP",
  "TRUST_LIST_INVALID",
  "POLICY_INVALID",
  "TIME_INVALID",
  "MALFORMED_XML",
  "XML_DTD_REFUSED",
  "XML_LIMIT_EXCEEDED",
  "MALFORMED_PDF",
  "PDF_LIMIT_EXCEEDED",
  "UNSUPPORTED_PDF",
] as const;

/** A stable error code: see {@link DECREE130_ERROR_CODES}. */
export type Decree130ErrorCode = (typeof DECREE130_ERROR_CODES)[number];

/**
 * What each error code means, for people, in Vietnamese and English: one sentence per code, the same whatever the
 * error's own (English, detailed) `message` says, so that a Vietnamese screen shows no English.
 *
 * @example
 * ```ts
 * if (isDecree130Error(err)) showError(`${DECREE130_ERROR_MESSAGES.vi[err.code]} (${err.code})`);
 * ```
 */
export const DECREE130_ERROR_MESSAGES: Readonly<Record<"vi" | "en", Readonly<Record<Decree130ErrorCode, string>>>> = {
  vi: {
    INPUT_EMPTY: "Tệp không có nội dung (0 byte).",
    INPUT_TOO_LARGE: "Tệp vượt quá giới hạn kích thước.",
    INPUT_NOT_RECOGNIZED: "Tệp không phải chữ ký CMS/PKCS#7 ở dạng DER, PEM hay base64.",
    MALFORMED_DER: "Dữ liệu ASN.1 bị lỗi (bị cắt cụt, sai độ dài hoặc có dữ liệu thừa).",
    NESTING_TOO_DEEP: "Cấu trúc ASN.1 lồng nhau quá sâu.",
    NOT_SIGNED_DATA: "Tệp là CMS nhưng không phải dữ liệu đã ký (SignedData).",
    MALFORMED_CMS: "Cấu trúc chữ ký CMS không đúng RFC 5652.",
    NO_SIGNERS: "Tệp không chứa chữ ký nào (SignedData không có SignerInfo).",
    LIMIT_EXCEEDED: "Có quá nhiều chứng thư số, CRL, phản hồi OCSP hoặc chữ ký (vượt giới hạn).",
    MALFORMED_CERTIFICATE: "Không đọc được chứng thư số (không phải DER, PEM hay gói PKCS#7 hợp lệ).",
    MALFORMED_CRL: "Không đọc được danh sách chứng thư bị thu hồi (CRL, dạng DER hoặc PEM).",
    MALFORMED_OCSP: "Không đọc được phản hồi OCSP (dạng DER), hoặc phản hồi không ở trạng thái thành công.",
    TRUST_LIST_INVALID: "Danh sách tin cậy không đúng định dạng decree130/trust-list@1.",
    POLICY_INVALID: "Chính sách kiểm tra có thiết lập không được biết hoặc giá trị không hợp lệ.",
    TIME_INVALID:
      "Thời điểm không hợp lệ. Hãy viết theo ISO-8601 (2025-06-01, 2025-06-01T09:30:00+07:00, 2025-06-01T02:30:00Z; " +
      "không ghi múi giờ thì hiểu là giờ Việt Nam) hoặc dd/mm/yyyy [HH:mm[:ss]] theo giờ Việt Nam (01/06/2025, 01/06/2025 09:30).",
    MALFORMED_XML: "Tệp XML không đúng cú pháp (hoặc không phải UTF-8), hoặc dùng một thực thể chưa khai báo.",
    XML_DTD_REFUSED: "Tệp XML có khai báo DOCTYPE (DTD): bị từ chối, không đọc, để không bao giờ mở rộng thực thể.",
    XML_LIMIT_EXCEEDED: "Tệp XML lồng quá sâu hoặc có quá nhiều thuộc tính, nút hay chữ ký (vượt giới hạn).",
    MALFORMED_PDF: "Không đọc được tệp PDF (thiếu phần đầu %PDF-, không có bảng tham chiếu chéo đọc được, hoặc có đối tượng hỏng).",
    PDF_LIMIT_EXCEEDED: "Tệp PDF vượt giới hạn xử lý (số đối tượng, độ lồng, kích thước sau giải nén hoặc số phiên bản).",
    UNSUPPORTED_PDF: "Tệp PDF dùng một tính năng mà trình đọc cần nhưng chưa hỗ trợ.",
  },
  en: {
    INPUT_EMPTY: "The file is empty (0 bytes).",
    INPUT_TOO_LARGE: "The file is over the size limit.",
    INPUT_NOT_RECOGNIZED: "The file is not a CMS/PKCS#7 signature in DER, PEM or base64 form.",
    MALFORMED_DER: "The ASN.1 data is malformed (truncated, a wrong length or trailing data).",
    NESTING_TOO_DEEP: "The ASN.1 structure is nested too deeply.",
    NOT_SIGNED_DATA: "The file is CMS but not signed data (SignedData).",
    MALFORMED_CMS: "The CMS signature structure does not follow RFC 5652.",
    NO_SIGNERS: "The file holds no signature (a SignedData without SignerInfo).",
    LIMIT_EXCEEDED: "Too many certificates, CRLs, OCSP responses or signatures (over the limit).",
    MALFORMED_CERTIFICATE: "The certificate does not decode (not valid DER, PEM or a PKCS#7 bundle).",
    MALFORMED_CRL: "The certificate revocation list (CRL, DER or PEM) does not decode.",
    MALFORMED_OCSP: "The OCSP response (DER) does not decode, or its status is not successful.",
    TRUST_LIST_INVALID: "The trust list does not follow the decree130/trust-list@1 format.",
    POLICY_INVALID: "The policy has an unknown setting or an invalid value.",
    TIME_INVALID:
      "Not a valid time. Write ISO-8601 (2025-06-01, 2025-06-01T09:30:00+07:00, 2025-06-01T02:30:00Z; " +
      "without a zone: Vietnam time) or dd/mm/yyyy [HH:mm[:ss]] in Vietnam time (01/06/2025, 01/06/2025 09:30).",
    MALFORMED_XML: "The XML is not well-formed (or not UTF-8), or uses an undeclared entity.",
    XML_DTD_REFUSED: "The XML declares a DOCTYPE (DTD): refused and never read, so no entity is ever expanded.",
    XML_LIMIT_EXCEEDED: "The XML is nested too deeply, or has too many attributes, nodes or signatures (over the limit).",
    MALFORMED_PDF: "The PDF cannot be read (no %PDF- header, no readable cross-reference section, or a broken object).",
    PDF_LIMIT_EXCEEDED: "The PDF is over one of the reader's limits (objects, nesting, decompressed size or revisions).",
    UNSUPPORTED_PDF: "The PDF uses a feature the reader needs but does not support.",
  },
};

/**
 * The one error class of the library: thrown for input that is not a readable signature, and for an invalid trust list
 * or policy. A bad *signature* is never an error: it is a report with verdict `NOT_SECURE` or `INDETERMINATE`.
 *
 * @example
 * ```ts
 * try {
 *   await validate(bytes);
 * } catch (err) {
 *   if (isDecree130Error(err) && err.code === "NOT_SIGNED_DATA") console.error("not a signature");
 *   else throw err;
 * }
 * ```
 */
export class Decree130Error extends Error {
  override readonly name = "Decree130Error";
  /** The stable code: see {@link Decree130ErrorCode}. */
  readonly code: Decree130ErrorCode;

  /**
   * @param code - the stable code
   * @param message - an English explanation for people
   * @param options - the underlying cause, if any
   */
  constructor(code: Decree130ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Tells whether a value is a {@link Decree130Error}, also across realms (iframes, workers, duplicated packages).
 *
 * @param value - anything caught
 * @returns `true` when the value carries the library's error name and a string code
 * @example
 * ```ts
 * if (isDecree130Error(err)) console.log(err.code);
 * ```
 */
export function isDecree130Error(value: unknown): value is Decree130Error {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { name?: unknown }).name === "Decree130Error" &&
    typeof (value as { code?: unknown }).code === "string"
  );
}
