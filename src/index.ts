export { validate, createValidationCache } from "./validate.js";
export type { ValidateOptions, ValidationCache } from "./validate.js";
export { Decree130Error, isDecree130Error, DECREE130_ERROR_CODES } from "./errors.js";
export type { Decree130ErrorCode } from "./errors.js";
export { loadTrustList } from "./trust/load.js";
export { combineTrustLists } from "./trust/combine.js";
export { parseVietnameseIdentifiers } from "./identity/vn-identifiers.js";
export { regimeAt } from "./time/regime.js";
export { resolvePolicy, DEFAULT_POLICY } from "./policy/policy.js";
export type { Policy } from "./policy/policy.js";
export { DEFAULT_LIMITS } from "./input/limits.js";
export type { Limits } from "./input/limits.js";
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
  Verdict,
  Warning,
} from "./report/types.js";
export type { IssuerCategory, KeyProtection, LicencePeriod, Provider, TrustAnchor, TrustList, TrustService } from "./model/trust-list.js";
