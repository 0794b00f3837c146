import { describeImport, importKeyNow, type ImportAlgorithm } from "../crypto/import-key.js";
import type { KeySource, WebCrypto, WebCryptoKey } from "../crypto/types.js";
import { createLru } from "../lib/lru.js";
import { objectId } from "./object-id.js";
import { viewKey } from "./spki-key.js";

/**
 * A key source that remembers imported keys, at most `maxEntries` (approximately least recently used dropped), keyed by
 * the WebCrypto that imported them, the import parameters and the SPKI's exact octets. A pending import is remembered
 * before it settles, so concurrent verifications with one key share it; an import that fails is forgotten once it has
 * failed (an engine's error is no answer), so the next use asks again.
 *
 * @param maxEntries - most keys kept (at least 1)
 * @returns the key source
 * @example
 * ```ts
 * const env = { crypto: globalThis.crypto, keys: createKeyCache(256) };
 * ```
 */
export function createKeyCache(maxEntries = 256): KeySource {
  const keys = createLru<string, Promise<WebCryptoKey>>(maxEntries);
  // First by the SPKI's view object: a decoded certificate is a snapshot, and its `spki` view is asked for its key at
  // every verification it takes part in; this saves building the string key each time.
  const byView = new WeakMap<Uint8Array, Map<string, Promise<WebCryptoKey>>>();
  return {
    importKey(crypto: WebCrypto, spki: Uint8Array, alg: ImportAlgorithm): Promise<WebCryptoKey> {
      const params = `${objectId(crypto)}|${describeImport(alg)}`;
      let seen = byView.get(spki);
      const known = seen?.get(params);
      if (known !== undefined) return known;
      if (seen === undefined) byView.set(spki, (seen = new Map()));
      const key = `${params}\u0000${viewKey(spki)}`;
      let pending = keys.get(key);
      if (pending === undefined) {
        pending = importKeyNow(crypto, spki, alg);
        keys.set(key, pending);
        const mine = pending;
        const byParams = seen;
        mine.catch(() => {
          if (keys.get(key) === mine) keys.delete(key);
          if (byParams.get(params) === mine) byParams.delete(params);
        });
      }
      seen.set(params, pending);
      return pending;
    },
    started(crypto: WebCrypto, spki: Uint8Array): Promise<WebCryptoKey> | undefined {
      const seen = byView.get(spki);
      if (seen === undefined) return undefined;
      // Only this WebCrypto's imports: another's, settled long ago, says nothing about the work now under way.
      const mine = `${objectId(crypto)}|`;
      for (const [params, pending] of seen) if (params.startsWith(mine)) return pending;
      return undefined;
    },
  };
}
