import type { AlgorithmIdentifier } from "../model/algorithm.js";
import type { ImportAlgorithm } from "./import-key.js";

export type { Strength, VerifyFailure } from "../policy/algorithms.js";
import type { Strength, VerifyFailure } from "../policy/algorithms.js";

/** The outcome of one signature verification. A value, never an exception. */
export type VerifyOutcome =
  | {
      readonly ok: true;
      /** Weakest of the digest, signature algorithm and key size. */
      readonly strength: Exclude<Strength, "weak">;
      /** Human-readable names, e.g. `{ digest: "SHA-256", signature: "RSASSA-PKCS1-v1_5", key: "RSA-2048" }`. */
      readonly algorithms: { readonly digest: string; readonly signature: string; readonly key: string };
    }
  | {
      readonly ok: false;
      readonly code: VerifyFailure;
      readonly detail: string;
      readonly algorithms?: { readonly digest?: string; readonly signature?: string; readonly key?: string };
    };

/** What one verification needs. */
export interface VerifyRequest {
  /** The signature algorithm (certificate/CRL/OCSP `signatureAlgorithm`, or CMS SignerInfo `signatureAlgorithm`). */
  readonly signatureAlgorithm: AlgorithmIdentifier;
  /**
   * The digest algorithm, for CMS where `signatureAlgorithm` may be plain `rsaEncryption` or `id-ecPublicKey`
   * and the digest comes from SignerInfo `digestAlgorithm`. Ignored when the signature algorithm names its digest.
   */
  readonly digestAlgorithm?: AlgorithmIdentifier;
  /** The signer's SubjectPublicKeyInfo, DER. */
  readonly spki: Uint8Array;
  /** The signature value (for ECDSA: the DER `Ecdsa-Sig-Value`). */
  readonly signature: Uint8Array;
  /** The signed bytes. */
  readonly data: Uint8Array;
}

/** Where verification keys come from: it imports them, and may remember them (the validation cache does). */
export interface KeySource {
  /**
   * The verification key for an SPKI.
   *
   * @param crypto - the WebCrypto to import with
   * @param spki - the SubjectPublicKeyInfo (DER)
   * @param alg - the import parameters
   * @returns the key; rejects as `importKey` does
   */
  importKey(crypto: WebCrypto, spki: Uint8Array, alg: ImportAlgorithm): Promise<WebCryptoKey>;
  /**
   * The import already started for this SPKI view, if one was: lets a caller order work (a verification handed to a
   * worker before the next synchronous import), never decides anything.
   *
   * @param crypto - the WebCrypto the import is for
   * @param spki - a decoded certificate's SubjectPublicKeyInfo view
   * @returns the pending or settled import, or `undefined`
   */
  started(crypto: WebCrypto, spki: Uint8Array): Promise<WebCryptoKey> | undefined;
}

/**
 * Hashes bytes given in parts as if they were joined, without joining them: a streaming hash (Node's `node:crypto`,
 * a hash library). WebCrypto's `digest` is one-shot and copies its input, so a large document's signed bytes would be
 * held twice; a caller who cares passes one of these.
 *
 * @example
 * ```ts
 * const digest: DigestFunction = async (name, parts) => {
 *   const h = createHash(name.replace("-", "").toLowerCase());
 *   for (const p of parts) h.update(p);
 *   return new Uint8Array(h.digest());
 * };
 * ```
 */
export type DigestFunction = (algorithm: "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512", parts: readonly Uint8Array[]) => Promise<Uint8Array>;

/** The capabilities an operation may use. Time is passed separately, as a number. */
export interface Env {
  /** WebCrypto: `globalThis.crypto` by default, injectable. */
  readonly crypto: WebCrypto;
  /** Where keys are imported (and, with a validation cache, remembered). */
  readonly keys: KeySource;
  /** Hashes content in parts without joining it; absent: WebCrypto's digest. */
  readonly digest?: DigestFunction | undefined;
}

/**
 * WebCrypto as the platform provides it: the DOM's `Crypto` in browsers, `globalThis.crypto` in Node ≥ 20. Read from
 * `globalThis`, so that the package's declarations need neither `lib: ["dom"]` nor `@types/node`: a project with either
 * gets the platform's type; one with neither cannot pass `crypto` (the default, `globalThis.crypto`, still applies).
 *
 * @example
 * ```ts
 * const crypto: WebCrypto = globalThis.crypto;
 * ```
 */
export type WebCrypto = typeof globalThis extends { readonly crypto: infer C } ? C : never;

/**
 * A key WebCrypto imported: `CryptoKey`, read from {@link WebCrypto} for the same reason.
 *
 * @example
 * ```ts
 * const key: WebCryptoKey = await crypto.subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
 * ```
 */
export type WebCryptoKey = Awaited<ReturnType<WebCrypto["subtle"]["importKey"]>>;
