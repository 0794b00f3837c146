import { createKeyCache } from "../crypto/key-cache.js";
import type { KeyCache } from "../crypto/types.js";
import { createCertificateCache, type CertificateCache } from "./certificate-cache.js";
import { createCrlCache, type CrlCache } from "./crl-cache.js";
import { createVerifyMemo, type VerifyMemo } from "./verify-memo.js";

/**
 * State shared across validations to save work, every part bounded: imported keys (by SPKI and import parameters),
 * certificate and CRL signature checks (by the exact signed octets, signature and key), and decoded CRLs and
 * certificates (by their exact DER). Each entry is a pure function of its key, so sharing one cache between concurrent validations, trust lists or
 * policies is safe, and a cached answer is the answer a fresh computation would give.
 */
export interface ValidationCache {
  readonly keys: KeyCache;
  /** Answers of certificate and CRL signature checks. */
  readonly signatures: VerifyMemo;
  readonly crls: CrlCache;
  /** Decoded certificates, by their exact DER. */
  readonly certificates: CertificateCache;
}

/** Bounds of {@link createValidationCache}; each defaults as documented. */
export interface ValidationCacheOptions {
  /** Most imported keys kept. Default 256. */
  readonly maxKeys?: number;
  /** Most certificate (and CRL) signature checks remembered, and most decoded certificates kept. Default 1024. */
  readonly maxCertificates?: number;
  /** Most decoded CRLs kept. Default 64. */
  readonly maxCrls?: number;
}

/**
 * Creates a cache to share across validations (a service validating many signatures from the same CAs). Pass it as
 * `options.cache` to `validate` or `validateMany`.
 *
 * @param options - the bounds: `maxKeys`, `maxCertificates`, `maxCrls` (approximately least recently used entries are dropped first)
 * @returns the cache
 * @example
 * ```ts
 * const cache = createValidationCache({ maxKeys: 512, maxCertificates: 4096, maxCrls: 128 });
 * for (const file of files) await validate(file, { trustList, cache });
 * ```
 */
export function createValidationCache(options: ValidationCacheOptions = {}): ValidationCache {
  return {
    keys: createKeyCache(options.maxKeys ?? 256),
    signatures: createVerifyMemo(options.maxCertificates ?? 1024),
    crls: createCrlCache(options.maxCrls ?? 64),
    certificates: createCertificateCache(options.maxCertificates ?? 1024),
  };
}
