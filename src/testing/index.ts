/**
 * `decree130/testing`: a throwaway Vietnamese PKI and signed documents for unit tests, on WebCrypto alone (browsers and
 * Node). Every date is an argument; nothing reads the clock. See docs/testing-kit.md.
 *
 * @example
 * ```ts
 * import { createTestPki, issueCertificate, signCms } from "decree130/testing";
 * const pki = await createTestPki();
 * const signer = await issueCertificate(pki.publicCa, {
 *   subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" },
 *   notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z",
 * });
 * const p7s = await signCms(new TextEncoder().encode("Hợp đồng"), signer, { signingTime: "2025-06-01T08:00:00Z" });
 * ```
 * @packageDocumentation
 * @module decree130/testing
 */
export type { Digest, KeyAlgorithm } from "./algorithms.js";
export { createRootCa, issueCertificate, type CertificateOptions } from "./certificate.js";
export { issuerNameOf, serialOf } from "./cert-fields.js";
export { addSigner, signCms, type CmsAttribute, type CmsOptions, type CmsSigner, type CmsSignerOptions } from "./cms.js";
export { addUnsignedAttribute } from "./signer-info.js";
export { parseSignedData, assembleSignedData, type SignedDataParts } from "./cms-parts.js";
export { createCrl, createPkiCrls, type CrlOptions } from "./crl.js";
export { EXTENDED_KEY_USAGES, type KeyUsage, type RawExtension } from "./extensions.js";
export type { TestIdentity } from "./identity.js";
export { testKeyPair, type TestKeyPair } from "./keys.js";
export { encodeSubject, type SubjectInput } from "./name.js";
export { createOcspResponder, createOcspResponse, type OcspOptions, type OcspResponderOptions } from "./ocsp.js";
export { toPem } from "./pem.js";
export { createTestPki, DEFAULT_PKI_SUBJECTS, type CaRole, type ListedRole, type TestPki, type TestPkiOptions } from "./pki.js";
export { REASON_CODES, revocationsAt, revoke, type ReasonName, type RevocationEntry, type RevokeOptions } from "./revocation.js";
export {
  createImpostor,
  detachContent,
  replaceCertificates,
  replaceCrls,
  substituteCertificate,
  tamperContent,
  tamperSignature,
} from "./tamper.js";
export type { DateInput } from "./time.js";
export {
  trustListJson,
  type LicenceInput,
  type TrustListJson,
  type TrustListProviderInput,
  type TrustListProviderJson,
} from "./trust-list.js";
export { malformSignatureEncoding, type SignatureMalformation } from "./tamper-encoding.js";
export {
  addSignatureTimestamp,
  createTimestampingAuthority,
  createTimestampResponse,
  createTimestampToken,
  TEST_TSA_POLICY,
  type ImprintInput,
  type TimestampingAuthorityOptions,
  type TimestampOptions,
  type TimestampStatus,
} from "./timestamp.js";
export { createTestInvoice, type TestInvoiceLine, type TestInvoiceOptions, type TestInvoiceParty } from "./xml-invoice.js";
export { signXml, type SignXmlOptions } from "./xml.js";
export { tamperXmlText, wrapSignedInvoice, type WrapPlacement } from "./xml-tamper.js";
export { appendIncrementalUpdate, createTestPdf, type IncrementalUpdateOptions, type TestAnnotation, type TestPdfOptions } from "./pdf.js";
export { signPdf, type PdfSignOptions, type TestFieldLock } from "./pdf-sign.js";
export type { TestPdfObject } from "./pdf-write.js";
