import { viewKey } from "../lib/bytes-key.js";
import { createLru } from "../lib/lru.js";
import type { KeyCache } from "./types.js";

/**
 * A bounded least-recently-used cache of imported keys. A `Map` keeps insertion order, so the first key is the least
 * recently used one: `get` moves a hit to the end, `set` evicts from the front once full.
 *
 * @param maxEntries - how many keys to keep (at least 1)
 * @returns the cache, to pass as `Env.keys`
 * @example
 * ```ts
 * const env = { crypto: globalThis.crypto, keys: createKeyCache(64) };
 * ```
 */
export function createKeyCache(maxEntries = 256): KeyCache {
  return createLru<string, Promise<CryptoKey>>(maxEntries);
}

/**
 * The cache key for one key import: the import algorithm, then the SPKI octets as a Latin-1 string (one character per
 * octet, so distinct SPKIs never collide, and no hashing is needed).
 *
 * @param spki - the SubjectPublicKeyInfo imported (DER)
 * @param algorithm - the import parameters, e.g. `"RSASSA-PKCS1-v1_5/SHA-256"` or `"ECDSA/P-256"`
 * @returns the key string
 * @example
 * ```ts
 * const k = keyCacheKey(cert.spki, "RSA-PSS/SHA-256");
 * ```
 */
export function keyCacheKey(spki: Uint8Array, algorithm: string): string {
  return `${algorithm}\u0000${viewKey(spki)}`;
}
