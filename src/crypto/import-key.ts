import type { WebCryptoHash } from "../policy/algorithms.js";
import { fastImport } from "./import-format.js";
import { keyCacheKey } from "./key-cache.js";
import type { Env, KeyCache } from "./types.js";
import { MemoSlot } from "../cache/memo-slot.js";

/** The WebCrypto import parameters for a verification key. */
export type ImportAlgorithm =
  | { readonly name: "RSASSA-PKCS1-v1_5" | "RSA-PSS"; readonly hash: WebCryptoHash }
  | { readonly name: "ECDSA"; readonly namedCurve: "P-256" | "P-384" | "P-521" }
  | { readonly name: "Ed25519" };

/**
 * A view WebCrypto accepts. Views over an `ArrayBuffer` are passed as they are; anything else (a `SharedArrayBuffer`)
 * is copied.
 *
 * @param bytes - any byte view
 * @returns the same bytes, typed as a WebCrypto `BufferSource`
 * @example
 * ```ts
 * await crypto.subtle.digest("SHA-256", bufferSource(data));
 * ```
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return Object.prototype.toString.call(bytes.buffer) === "[object ArrayBuffer]"
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/** The part of the cache key that names the import parameters. */
function describe(alg: ImportAlgorithm): string {
  if ("hash" in alg) return `${alg.name}/${alg.hash}`;
  if ("namedCurve" in alg) return `${alg.name}/${alg.namedCurve}`;
  return alg.name;
}

/**
 * Imports a SubjectPublicKeyInfo for verification, at most once per cache: the pending import is cached before it
 * settles, so concurrent verifications with the same key share it.
 *
 * @param env - WebCrypto and the key cache
 * @param spki - the SubjectPublicKeyInfo (DER) in a form WebCrypto accepts
 * @param alg - the import parameters
 * @returns the key; rejects as `importKey` does (`NotSupportedError` when the runtime lacks the algorithm)
 * @example
 * ```ts
 * const key = await importVerifyKey(env, cert.spki, { name: "ECDSA", namedCurve: "P-256" });
 * ```
 */
export function importVerifyKey(env: Env, spki: Uint8Array, alg: ImportAlgorithm): Promise<CryptoKey> {
  const params = describe(alg);
  // First by the SPKI's view object: a decoded certificate is a snapshot, and its `spki` view is asked for its key at
  // every verification it takes part in. This saves building the cache's string key each time.
  let byView = viewMemo.get(env.keys);
  if (byView === undefined) viewMemo.set(env.keys, (byView = new WeakMap()));
  let byParams = byView.get(spki);
  const seen = byParams?.get(params);
  if (seen !== undefined) return seen;
  if (byParams === undefined) byView.set(spki, (byParams = new Map()));
  const cacheKey = keyCacheKey(spki, params);
  const cached = env.keys.get(cacheKey);
  if (cached !== undefined) {
    byParams.set(params, cached);
    return cached;
  }
  // Copy: the cached key must not depend on a caller's buffer that may change later.
  const copy = new Uint8Array(spki);
  const fast = fastImport(copy, alg);
  // An engine that refuses the faster form (or has none) is asked for the SPKI, whose answer is then the one reported.
  const pending = fast ? importAs(env, fast.format, fast.keyData, alg).catch(() => importAs(env, "spki", copy, alg)) : importAs(env, "spki", copy, alg);
  env.keys.set(cacheKey, pending);
  byParams.set(params, pending);
  return pending;
}

function importAs(env: Env, format: "spki" | "raw" | "jwk", keyData: Uint8Array<ArrayBuffer> | JsonWebKey, alg: ImportAlgorithm): Promise<CryptoKey> {
  try {
    return format === "jwk"
      ? env.crypto.subtle.importKey(format, keyData as JsonWebKey, alg, false, ["verify"])
      : env.crypto.subtle.importKey(format, keyData as Uint8Array<ArrayBuffer>, alg, false, ["verify"]);
  } catch (err) {
    // An injected implementation may throw instead of rejecting.
    return Promise.reject(err as Error);
  }
}

/** Keys by key cache, then by SPKI view and import parameters (see {@link importVerifyKey}); weak, so never a leak. */
const viewMemo = new MemoSlot<KeyCache, WeakMap<Uint8Array, Map<string, Promise<CryptoKey>>>>();

/**
 * The import already started for this SPKI view with any parameters, if one was; only the view object is consulted (no
 * string key is built), so a copy of the same SPKI reads as unseen.
 *
 * @param env - WebCrypto and the key cache
 * @param spki - a decoded certificate's SubjectPublicKeyInfo view
 * @returns the pending or settled import, or `undefined` when this view was never imported through `env.keys`
 * @example
 * ```ts
 * if (importStarted(env, issuer.spki) === undefined) startEarly(issuer);
 * ```
 */
export function importStarted(env: Env, spki: Uint8Array): Promise<CryptoKey> | undefined {
  const byParams = viewMemo.get(env.keys)?.get(spki);
  if (byParams === undefined) return undefined;
  for (const pending of byParams.values()) return pending;
  return undefined;
}
