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
  "MALFORMED_PDF",
  "PDF_LIMIT_EXCEEDED",
  "UNSUPPORTED_PDF",
] as const;

/** A stable error code: see {@link DECREE130_ERROR_CODES}. */
export type Decree130ErrorCode = (typeof DECREE130_ERROR_CODES)[number];

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
