import type { AlgorithmIdentifier } from "../model/algorithm.js";

/**
 * Strength class of an algorithm or key under the algorithm policy table.
 * `ok`: accepted; `legacy`: accepted with a warning (SHA-1, RSA 1024-2047), refused under `algorithms: "strict"`;
 * `weak`: always refused (MD2, MD5, RSA under 1024 bits).
 */
export type Strength = "ok" | "legacy" | "weak";

/** Why a signature did not verify. */
export type VerifyFailure =
  | "SIGNATURE_INVALID" // well-formed, but the math says no
  | "MALFORMED_SIGNATURE" // not strict DER (ECDSA), wrong length, trailing bytes
  | "MALFORMED_KEY" // the SubjectPublicKeyInfo does not decode or import
  | "ALGORITHM_KEY_MISMATCH" // e.g. an ECDSA signature algorithm with an RSA key, or a curve/hash pairing WebCrypto refuses
  | "UNSUPPORTED_ALGORITHM" // an algorithm this runtime cannot verify (DSA, GOST, SHA-224 ...)
  | "WEAK_ALGORITHM"; // MD2/MD5 or RSA < 1024 bits: refused before any verification

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

/** A cache of imported keys, keyed by SPKI and import parameters, bounded in size. */
export interface KeyCache {
  get(key: string): Promise<CryptoKey> | undefined;
  set(key: string, value: Promise<CryptoKey>): void;
}

/** The capabilities an operation may use. Time is passed separately, as a number. */
export interface Env {
  /** WebCrypto: `globalThis.crypto` by default, injectable. */
  readonly crypto: Crypto;
  /** Imported keys, shared across validations when the caller wants. */
  readonly keys: KeyCache;
}
