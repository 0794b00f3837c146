import { decodeCrl } from "../model/crl.js";
import type { Crl } from "../revocation/types.js";
import { fingerprint } from "../lib/fingerprint.js";
import { bufferView, keepBytes, matchesKept, type KeptBytes } from "./kept-bytes.js";
import { createLru, type Lru } from "../lib/lru.js";

/** Decoded CRLs by their exact DER, bounded; shareable across validations. */
export interface CrlCache {
  /** @internal the store: fingerprint → the DER copy it was decoded from, and the decoded CRL */
  readonly entries: Lru<string, { readonly der: KeptBytes; readonly crl: Crl }>;
}

/**
 * Creates an empty CRL cache.
 *
 * @param maxEntries - most CRLs kept (least recently used dropped)
 * @returns the cache
 * @example
 * ```ts
 * const crls = createCrlCache(64);
 * const crl = decodeCrlCached(der, crls);
 * ```
 */
export function createCrlCache(maxEntries: number): CrlCache {
  return { entries: createLru(maxEntries) };
}

/**
 * Decodes a DER CRL, or returns the object decoded earlier from the very same octets. Reusing the object also reuses
 * the signature checks the revocation module remembers per decoded CRL. The cached CRL is decoded from a private copy, so
 * later changes to the caller's buffer cannot alter it. A CRL that does not decode is not remembered: it throws each time.
 *
 * @param der - the CertificateList, DER
 * @param cache - the cache, or `undefined` to decode without one
 * @returns the decoded CRL
 * @throws {@link Decree130Error} as `decodeCrl` does
 * @example
 * ```ts
 * const crl = decodeCrlCached(der, cache.crls);
 * ```
 */
export function decodeCrlCached(der: Uint8Array, cache: CrlCache | undefined): Crl {
  if (cache === undefined) return decodeCrl(der);
  const key = fingerprint(der);
  const hit = cache.entries.get(key);
  if (hit !== undefined && matchesKept(hit.der, der, 0, der.length, bufferView(der))) return hit.crl;
  const kept = keepBytes(der);
  const crl = decodeCrl(kept.bytes);
  cache.entries.set(key, { der: kept, crl });
  return crl;
}
