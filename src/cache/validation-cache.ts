import type { KeySource } from "../crypto/types.js";
import { createLru, type Lru } from "../lib/lru.js";
import type { Certificate } from "../model/certificate.js";
import type { Crl } from "../model/crl.js";
import type { OcspResponse } from "../model/ocsp-response.js";
import type { TrustList } from "../model/trust-list.js";
import { certificateStore, crlStore, IN_PLACE, ocspStore, type DecodedStore } from "./decoded.js";
import { createFetchCache, type FetchCache } from "./fetch-cache.js";
import type { JsonMemo } from "./json-memo.js";
import { createKeyCache } from "./key-cache.js";

/**
 * What a validation may remember between checks, and share with later validations: an opaque handle made by
 * {@link createValidationCache}. Every table is bounded and every entry is a pure function of its key, so one cache can
 * be shared by concurrent validations, trust lists and policies, and a remembered answer is the answer a fresh
 * computation would give. The signature under test itself is always verified afresh.
 */
export interface ValidationCache {
  /** Marks the handle; nothing to read. */
  readonly kind: "decree130/validation-cache";
}

/** Bounds of {@link createValidationCache}; each defaults as documented. */
export interface ValidationCacheOptions {
  /** Most imported keys kept. Default 256. */
  readonly maxKeys?: number;
  /** Most decoded certificates kept, and most certification paths remembered. Default 1024. */
  readonly maxCertificates?: number;
  /** Most decoded CRLs kept, and most decoded OCSP responses. Default 64. */
  readonly maxCrls?: number;
  /** Most fetched responses kept (with a fetcher): CRLs, OCSP responses and issuer certificates. Default 64. */
  readonly maxFetched?: number;
}

/**
 * The tables behind a {@link ValidationCache}. Each states what it keeps and when it forgets:
 *
 * - `keys`: imported verification keys, by WebCrypto, import parameters and the SPKI's octets; `maxKeys` entries,
 *   approximately least recently used dropped; a failed import is forgotten once it fails.
 * - `certificates`, `crls`, `ocsp`: decoded objects by their exact DER, decoded from private copies and confirmed octet
 *   for octet on every hit; `maxCertificates` / `maxCrls` entries each; a failed decoding is never kept.
 * - `fetched`: fetched bytes by URL (and request body), each until the nextUpdate of the CRL or OCSP response it holds,
 *   once that answered for the certificate it was fetched for; `maxFetched` entries and 128 MiB; only in a shared cache.
 * - `paths`: certification paths a search found valid, by everything the search read (see `path/search-key.ts`);
 *   `maxCertificates` entries; failures are never kept, and a path's dates and revocation are judged afresh on use.
 * - `trustLists`: trust lists loaded from a caller's JSON object, by that object, while it stays equal to a private copy
 *   taken when it was loaded (`json-memo.ts`); forgotten with the caller's object; only in a shared cache.
 *
 * Answers about one decoded object (its signature found valid with a key, a CRL found acceptable for a certificate,
 * values derived from it for a report) are kept with that object by `verify-once.ts` and `object-memos.ts`, and go
 * when it goes; a cache that keeps the object keeps them too.
 */
export class CacheTables implements ValidationCache {
  readonly kind = "decree130/validation-cache" as const;
  readonly keys: KeySource;
  readonly certificates: DecodedStore<Certificate>;
  readonly crls: DecodedStore<Crl>;
  readonly ocsp: DecodedStore<OcspResponse>;
  readonly paths: Lru<string, unknown>;
  readonly fetched: FetchCache | undefined;
  readonly trustLists: JsonMemo<TrustList> = new WeakMap();

  /**
   * @param options - the bounds
   * @param shared - `false` for the tables of one validation: objects are then decoded in place rather than copied into
   *   stores nobody will read again
   */
  constructor(options: ValidationCacheOptions = {}, readonly shared = true) {
    const maxCertificates = options.maxCertificates ?? 1024;
    const maxCrls = options.maxCrls ?? 64;
    this.keys = createKeyCache(options.maxKeys ?? 256);
    this.certificates = shared ? certificateStore(maxCertificates) : IN_PLACE.certificates;
    this.crls = shared ? crlStore(maxCrls) : IN_PLACE.crls;
    this.ocsp = shared ? ocspStore(maxCrls) : IN_PLACE.ocsp;
    this.paths = createLru(maxCertificates);
    this.fetched = shared ? createFetchCache(options.maxFetched ?? 64) : undefined;
  }
}

/**
 * Creates a cache to share across validations (a service validating many signatures from the same CAs). Pass it as
 * `options.cache` to `validate` or `validateMany`.
 *
 * @param options - the bounds: `maxKeys`, `maxCertificates`, `maxCrls`, `maxFetched` (approximately least recently used entries are dropped first)
 * @returns the cache
 * @example
 * ```ts
 * const cache = createValidationCache({ maxKeys: 512, maxCertificates: 4096, maxCrls: 128 });
 * for (const file of files) await validate(file, { trustList, cache });
 * ```
 */
export function createValidationCache(options: ValidationCacheOptions = {}): ValidationCache {
  return new CacheTables(options);
}

/**
 * The tables behind a cache handle: the caller's, or fresh ones for one validation (which still share keys, decoded
 * objects and checks between the file's signatures).
 *
 * @param cache - a handle from {@link createValidationCache}, or `undefined`
 * @returns the tables
 * @throws TypeError when `cache` is not a handle this library made
 * @example
 * ```ts
 * const tables = tablesOf(options.cache);
 * ```
 */
export function tablesOf(cache: ValidationCache | undefined): CacheTables {
  if (cache === undefined) return new CacheTables({}, false);
  if (!(cache instanceof CacheTables)) throw new TypeError("options.cache must come from createValidationCache()");
  return cache;
}
