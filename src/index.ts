/**
 * `decree130`: tells whether a CMS/PKCS#7 signature is a secure digital signature under Art. 9 of Decree 130/2018,
 * and why. Runs in browsers and Node ≥ 20 on WebCrypto. Start with {@link validate}.
 *
 * @packageDocumentation
 * @module decree130
 */
export { validate, createValidationCache } from "./validate.js";
export type { ValidateOptions, ValidationCache, ValidationCacheOptions } from "./validate.js";
export { validateMany, MAX_CONCURRENCY } from "./batch.js";
export type { BatchInput, BatchResult, ValidateManyOptions } from "./batch.js";
export { Decree130Error, isDecree130Error, DECREE130_ERROR_CODES, DECREE130_ERROR_MESSAGES } from "./errors.js";
export type { Decree130ErrorCode } from "./errors.js";
export { loadTrustList } from "./trust/load.js";
export { combineTrustLists } from "./trust/combine.js";
export { parseVietnameseIdentifiers } from "./identity/vn-identifiers.js";
export { regimeAt } from "./report/regime.js";
export { parseTimeInput } from "./time/parse-time.js";
export type { ParsedTime } from "./time/parse-time.js";
export { formatVietnamTime } from "./time/vietnam-time.js";
export { resolvePolicy, DEFAULT_POLICY } from "./policy/policy.js";
export type { CertificateProfile, Policy } from "./policy/policy.js";
export { DEFAULT_LIMITS } from "./model/limits.js";
export type { Limits } from "./model/limits.js";
export type { DigestFunction, WebCrypto, WebCryptoKey } from "./crypto/types.js";
export { CONDITION_CODES, WARNING_CODES } from "./report/codes.js";
export type { ConditionCode, WarningCode } from "./report/codes.js";
export type {
  ConditionName,
  ConditionResult,
  ConditionStatus,
  IssuerTypeResult,
  Message,
  Report,
  SignatureReport,
  SigningTimeSource,
  TimestampEntry,
  Verdict,
  Warning,
} from "./report/types.js";
export type { IssuerCategory, KeyProtection, LicencePeriod, Provider, TrustAnchor, TrustList, TrustListJson, TrustListProviderJson, TrustService } from "./model/trust-list.js";
export { decodeCertificate } from "./model/certificate.js";
export type { Certificate, Decoded } from "./model/certificate.js";
export type { AuthorityInfoAccess } from "./model/authority-info-access.js";
export type { DistributionPoint } from "./model/distribution-point.js";
export type { NameConstraints, NameConstraintsValue, PolicyExtensions } from "./model/constraints.js";
export type { GeneralName } from "./model/general-name.js";
export type { Name, NameAttribute } from "./model/name.js";
export type { AlgorithmIdentifier } from "./model/algorithm.js";
export { KeyUsageBit } from "./model/extensions.js";
export type { AuthorityKeyId, BasicConstraints, Extension, KeyUsageName } from "./model/extensions.js";
export type { VietnameseIdentity } from "./identity/vn-identifiers.js";
export type { RegimeNote } from "./report/regime.js";
