import type { WebCrypto, WebCryptoKey } from "../crypto/types.js";
import type { KeyAlgorithm } from "./algorithms.js";
import type { TestKeyPair } from "./keys.js";

/**
 * A certificate with its private key: a CA, a signer, an OCSP responder. Any identity can issue certificates, CRLs and
 * OCSP responses and sign documents; whether others accept it depends on its extensions, as in real life.
 */
export interface TestIdentity {
  /** The certificate (strict DER). */
  readonly certificate: Uint8Array;
  /** The certificate in PEM. */
  readonly pem: string;
  readonly privateKey: WebCryptoKey;
  readonly publicKey: WebCryptoKey;
  /** The key pair, with its SubjectPublicKeyInfo. */
  readonly keyPair: TestKeyPair;
  readonly keyAlgorithm: KeyAlgorithm;
  /** The subject Name (DER). */
  readonly subject: Uint8Array;
  /** The issuer Name (DER). */
  readonly issuerName: Uint8Array;
  /** The serial number's INTEGER content octets (positive, minimal). */
  readonly serial: Uint8Array;
  /** The subjectKeyIdentifier (SHA-1 of the public key bits, RFC 5280 §4.2.1.2 method 1). */
  readonly subjectKeyId: Uint8Array;
  /** Milliseconds since the epoch. */
  readonly notBefore: number;
  /** Milliseconds since the epoch. */
  readonly notAfter: number;
  /** The identity that issued this certificate; `null` for a self-signed one. */
  readonly issuer: TestIdentity | null;
  /** The issuers' certificates, nearest first, ending at the self-signed root (this certificate excluded). */
  readonly chain: readonly Uint8Array[];
  /** The WebCrypto implementation the identity was made with, used by default for what it signs. */
  readonly crypto: WebCrypto;
}
