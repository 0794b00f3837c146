import type { WebCryptoHash } from "../policy/algorithms.js";
import { fastImport } from "./import-format.js";
import type { KeySource, WebCrypto, WebCryptoKey } from "./types.js";

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

/**
 * The import parameters as a short string, e.g. `"RSASSA-PKCS1-v1_5/SHA-256"` or `"ECDSA/P-256"`: what, with the SPKI,
 * identifies one imported key.
 *
 * @param alg - the import parameters
 * @returns their name
 * @example
 * ```ts
 * describeImport({ name: "ECDSA", namedCurve: "P-256" }); // "ECDSA/P-256"
 * ```
 */
export function describeImport(alg: ImportAlgorithm): string {
  if ("hash" in alg) return `${alg.name}/${alg.hash}`;
  if ("namedCurve" in alg) return `${alg.name}/${alg.namedCurve}`;
  return alg.name;
}

/**
 * Imports a SubjectPublicKeyInfo for verification, in the form WebCrypto reads fastest (see `fastImport`); an engine
 * that refuses that form is asked for the SPKI, whose answer is then the one reported. Nothing is remembered here: a
 * {@link KeySource} decides that.
 *
 * @param crypto - WebCrypto
 * @param spki - the SubjectPublicKeyInfo (DER); copied, so the key never depends on a caller's buffer
 * @param alg - the import parameters
 * @returns the key; rejects as `importKey` does (`NotSupportedError` when the runtime lacks the algorithm)
 * @example
 * ```ts
 * const key = await importKeyNow(globalThis.crypto, cert.spki, { name: "ECDSA", namedCurve: "P-256" });
 * ```
 */
export function importKeyNow(crypto: WebCrypto, spki: Uint8Array, alg: ImportAlgorithm): Promise<WebCryptoKey> {
  const copy = new Uint8Array(spki);
  const fast = fastImport(copy, alg);
  return fast ? importAs(crypto, fast.format, fast.keyData, alg).catch(() => importAs(crypto, "spki", copy, alg)) : importAs(crypto, "spki", copy, alg);
}

function importAs(crypto: WebCrypto, format: "spki" | "raw" | "jwk", keyData: Uint8Array<ArrayBuffer> | JsonWebKey, alg: ImportAlgorithm): Promise<WebCryptoKey> {
  try {
    return format === "jwk"
      ? crypto.subtle.importKey(format, keyData as JsonWebKey, alg, false, ["verify"])
      : crypto.subtle.importKey(format, keyData as Uint8Array<ArrayBuffer>, alg, false, ["verify"]);
  } catch (err) {
    // An injected implementation may throw instead of rejecting.
    return Promise.reject(err as Error);
  }
}

/**
 * A key source that remembers nothing: every verification imports its key afresh.
 *
 * @example
 * ```ts
 * const env = { crypto: globalThis.crypto, keys: DIRECT_KEYS };
 * ```
 */
export const DIRECT_KEYS: KeySource = {
  importKey: importKeyNow,
  started: () => undefined,
};
