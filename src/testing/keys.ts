import type { WebCrypto, WebCryptoKey } from "../crypto/types.js";
import { AsnConvert } from "@peculiar/asn1-schema";
import { SubjectPublicKeyInfo } from "@peculiar/asn1-x509";
import { KEY_ALGORITHMS, type Digest, type KeyAlgorithm } from "./algorithms.js";
import { buffer, encode, unsignedInteger } from "./der.js";
import { EcdsaSigValue } from "./schemas.js";

/** A key pair the kit made, with its exported SubjectPublicKeyInfo. */
export interface TestKeyPair {
  readonly algorithm: KeyAlgorithm;
  readonly privateKey: WebCryptoKey;
  readonly publicKey: WebCryptoKey;
  /** The SubjectPublicKeyInfo (DER). */
  readonly spki: Uint8Array;
}

// Per-process memo: one WebCrypto implementation → "algorithm/label" → key pair. RSA generation is slow, so tests that
// build the same PKI many times pay for each key once.
const memo = new WeakMap<WebCrypto, Map<string, Promise<TestKeyPair>>>();

/**
 * A key pair for a label, generated once per process and WebCrypto implementation, then reused.
 *
 * @param algorithm - the key algorithm
 * @param label - any name; the same label and algorithm give the same key
 * @param crypto - the WebCrypto implementation (default `globalThis.crypto`)
 * @returns the key pair
 * @example
 * ```ts
 * const a = await testKeyPair("ECDSA-P256", "alice");
 * const b = await testKeyPair("ECDSA-P256", "alice"); // the same keys, no new generation
 * ```
 */
export function testKeyPair(algorithm: KeyAlgorithm, label: string, crypto: WebCrypto = globalThis.crypto): Promise<TestKeyPair> {
  let byLabel = memo.get(crypto);
  if (!byLabel) memo.set(crypto, (byLabel = new Map()));
  const key = `${algorithm}/${label}`;
  let pair = byLabel.get(key);
  if (!pair) {
    // RSA-PSS reuses the RSA-2048 key of the same label (same key material, other WebCrypto algorithm): RSA generation
    // is the slow part of the kit.
    pair = algorithm === "RSA-PSS" ? testKeyPair("RSA-2048", label, crypto).then((rsa) => reimport(rsa, crypto)) : generate(algorithm, crypto);
    byLabel.set(key, pair);
    pair.catch(() => byLabel.delete(key));
  }
  return pair;
}

async function generate(algorithm: KeyAlgorithm, crypto: WebCrypto): Promise<TestKeyPair> {
  // Extractable so an RSA key can be re-imported for another digest (WebCrypto binds the hash to RSA keys).
  const pair = (await crypto.subtle.generateKey(KEY_ALGORITHMS[algorithm].generate, true, ["sign", "verify"])) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  return { algorithm, privateKey: pair.privateKey, publicKey: pair.publicKey, spki };
}

async function reimport(rsa: TestKeyPair, crypto: WebCrypto): Promise<TestKeyPair> {
  const params = KEY_ALGORITHMS["RSA-PSS"].importFor("SHA-256");
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", rsa.privateKey);
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, params, true, ["sign"]);
  const publicKey = await crypto.subtle.importKey("spki", rsa.spki as BufferSource, params, true, ["verify"]);
  return { algorithm: "RSA-PSS", privateKey, publicKey, spki: rsa.spki };
}

const rebound = new WeakMap<WebCryptoKey, Map<Digest, Promise<WebCryptoKey>>>();

async function keyFor(pair: TestKeyPair, digest: Digest, crypto: WebCrypto): Promise<WebCryptoKey> {
  const entry = KEY_ALGORITHMS[pair.algorithm];
  if (pair.algorithm === "ECDSA-P256" || digest === "SHA-256") return pair.privateKey;
  let byDigest = rebound.get(pair.privateKey);
  if (!byDigest) rebound.set(pair.privateKey, (byDigest = new Map()));
  let key = byDigest.get(digest);
  if (!key) {
    key = crypto.subtle
      .exportKey("pkcs8", pair.privateKey)
      .then((pkcs8) => crypto.subtle.importKey("pkcs8", pkcs8, entry.importFor(digest), false, ["sign"]));
    byDigest.set(digest, key);
  }
  return key;
}

/** Turns WebCrypto's `r‖s` into the DER `Ecdsa-Sig-Value` X.509 and CMS carry. */
function ecdsaDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return encode(new EcdsaSigValue({ r: buffer(unsignedInteger(raw.subarray(0, half))), s: buffer(unsignedInteger(raw.subarray(half))) }));
}

/**
 * Signs bytes as X.509, CRLs, OCSP and CMS expect the signature value (DER for ECDSA).
 *
 * @param pair - the signer's keys
 * @param data - the bytes to sign
 * @param digest - the digest
 * @param crypto - the WebCrypto implementation
 * @returns the signature value
 */
export async function signBytes(pair: TestKeyPair, data: Uint8Array, digest: Digest, crypto: WebCrypto): Promise<Uint8Array> {
  const entry = KEY_ALGORITHMS[pair.algorithm];
  const key = await keyFor(pair, digest, crypto);
  const sig = new Uint8Array(await crypto.subtle.sign(entry.sign(digest), key, data as BufferSource));
  return entry.ecdsa ? ecdsaDer(sig) : sig;
}

/**
 * The subjectPublicKey bits of a SubjectPublicKeyInfo: what key identifiers and OCSP key hashes are computed over.
 *
 * @param spki - a SubjectPublicKeyInfo (DER)
 * @returns the BIT STRING content without its unused-bits octet
 */
export function publicKeyBits(spki: Uint8Array): Uint8Array {
  return new Uint8Array(AsnConvert.parse(spki, SubjectPublicKeyInfo).subjectPublicKey);
}

/**
 * A digest of some bytes.
 *
 * @param digest - the digest
 * @param data - the bytes
 * @param crypto - the WebCrypto implementation
 * @returns the hash
 */
export async function hash(digest: Digest, data: Uint8Array, crypto: WebCrypto): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(digest, data as BufferSource));
}
