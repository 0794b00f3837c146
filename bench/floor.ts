/**
 * The raw WebCrypto floor: what validating one signature costs when nothing but the cryptography runs. The signed bytes,
 * signatures and keys are taken out of the inputs beforehand (not timed); the floor then hashes the content and calls
 * `crypto.subtle.verify` once per signature, one after the other, as the validator does.
 */
import { ecdsaDerToP1363 } from "../src/crypto/ecdsa-signature.js";
import { fastImport } from "../src/crypto/import-format.js";
import { bufferSource, type ImportAlgorithm } from "../src/crypto/import-key.js";
import { decodeSignedData } from "../src/formats/cms/decode.js";
import { DEFAULT_LIMITS } from "../src/model/limits.js";
import { decodeCertificate } from "../src/model/certificate.js";
import { decodeCrl } from "../src/model/crl.js";
import type { BenchAlg, BenchPki, BenchSignature } from "./inputs.js";

/** One verification, ready for WebCrypto. */
export interface RawVerify {
  readonly what: string;
  readonly spki: Uint8Array<ArrayBuffer>;
  readonly signature: Uint8Array<ArrayBuffer>;
  readonly data: Uint8Array<ArrayBuffer>;
}

/** The raw work of one signature, and its keys imported beforehand. */
export interface FloorCase {
  readonly content: Uint8Array<ArrayBuffer>;
  /** CMS signature, signer certificate, sub-CA certificate, then the two CRLs. */
  readonly verifies: readonly RawVerify[];
  readonly keys: readonly CryptoKey[];
}

const subtle = globalThis.crypto.subtle;

/** WebCrypto parameters for the bench's algorithms (SHA-256 everywhere). */
export function importParams(alg: BenchAlg): RsaHashedImportParams | EcKeyImportParams {
  return alg === "RSA-2048" ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } : { name: "ECDSA", namedCurve: "P-256" };
}

function verifyParams(alg: BenchAlg): AlgorithmIdentifier | EcdsaParams {
  return alg === "RSA-2048" ? { name: "RSASSA-PKCS1-v1_5" } : { name: "ECDSA", hash: "SHA-256" };
}

function raw(alg: BenchAlg, what: string, spki: Uint8Array, signature: Uint8Array, data: Uint8Array): RawVerify {
  const sig = alg === "P-256" ? ecdsaDerToP1363(signature, 32) : signature;
  return { what, spki: bufferSource(spki), signature: bufferSource(sig), data: bufferSource(data) };
}

/** Extracts the verifications one full validation of `sig` performs, and imports their keys. */
export async function floorCase(pki: BenchPki, sig: BenchSignature): Promise<FloorCase> {
  const sd = decodeSignedData(sig.cms, DEFAULT_LIMITS);
  const signer = sd.signers[0]!;
  const leaf = decodeCertificate(sig.signer.certificate);
  const sub = decodeCertificate(pki.subCa.certificate);
  const root = decodeCertificate(pki.root.certificate);
  const [subCrl, rootCrl] = pki.crls.map((c) => decodeCrl(c));
  const verifies = [
    raw(pki.alg, "CMS signature", leaf.spki, signer.signature, signer.signedAttrs!.der),
    raw(pki.alg, "signer certificate", sub.spki, leaf.signature, leaf.tbs),
    raw(pki.alg, "sub-CA certificate", root.spki, sub.signature, sub.tbs),
    raw(pki.alg, "sub-CA CRL", sub.spki, subCrl!.signature, subCrl!.tbs),
    raw(pki.alg, "root CRL", root.spki, rootCrl!.signature, rootCrl!.tbs),
  ];
  const keys = await Promise.all(verifies.map((v) => subtle.importKey("spki", v.spki, importParams(pki.alg), false, ["verify"])));
  for (let i = 0; i < verifies.length; i++) {
    const v = verifies[i]!;
    if (!(await subtle.verify(verifyParams(pki.alg), keys[i]!, v.signature, v.data))) throw new Error(`floor: ${v.what} does not verify`);
  }
  return { content: bufferSource(sig.content), verifies, keys };
}

/**
 * Runs the floor for one signature: SHA-256 of the content, then the first `n` verifications with pre-imported keys.
 *
 * @param alg - the key algorithm
 * @param c - the case
 * @param n - how many verifications (3: the floor; 5: with the two CRLs)
 */
export async function runFloor(alg: BenchAlg, c: FloorCase, n: number): Promise<void> {
  await subtle.digest("SHA-256", c.content);
  const params = verifyParams(alg);
  for (let i = 0; i < n; i++) {
    const v = c.verifies[i]!;
    if (!(await subtle.verify(params, c.keys[i]!, v.signature, v.data))) throw new Error("floor verify failed");
  }
}

/** Distinct SPKIs of the chain (signer, sub-CA, root): the keys a cold validation must import. */
export function chainSpkis(c: FloorCase): Uint8Array<ArrayBuffer>[] {
  return [c.verifies[0]!.spki, c.verifies[1]!.spki, c.verifies[2]!.spki];
}

/**
 * The cold floor: the full floor (hash + 5 verifications) plus one fresh `importKey` per certificate of the chain.
 *
 * @param alg - the key algorithm
 * @param c - the case
 */
export async function runColdFloor(alg: BenchAlg, c: FloorCase): Promise<void> {
  await subtle.digest("SHA-256", c.content);
  const [leafSpki, subSpki, rootSpki] = chainSpkis(c);
  const p = importParams(alg);
  const leafKey = await subtle.importKey("spki", leafSpki!, p, false, ["verify"]);
  const subKey = await subtle.importKey("spki", subSpki!, p, false, ["verify"]);
  const rootKey = await subtle.importKey("spki", rootSpki!, p, false, ["verify"]);
  const keys = [leafKey, subKey, rootKey, subKey, rootKey];
  const params = verifyParams(alg);
  for (let i = 0; i < 5; i++) {
    const v = c.verifies[i]!;
    if (!(await subtle.verify(params, keys[i]!, v.signature, v.data))) throw new Error("floor verify failed");
  }
}

/**
 * The cold floor with each key imported in the form WebCrypto reads fastest (an RSA key as a JWK, an EC key as its raw
 * point; see src/crypto/import-format.ts), as decree130 imports them. For reference beside the cold floor,
 * whose imports are SPKI.
 *
 * @param alg - the key algorithm
 * @param c - the case
 */
export async function runColdFloorFastImport(alg: BenchAlg, c: FloorCase): Promise<void> {
  await subtle.digest("SHA-256", c.content);
  const p = importParams(alg);
  const imported: CryptoKey[] = [];
  for (const spki of chainSpkis(c)) {
    const fast = fastImport(spki, p as ImportAlgorithm)!;
    imported.push(
      fast.format === "jwk"
        ? await subtle.importKey("jwk", fast.keyData, p, false, ["verify"])
        : await subtle.importKey("raw", fast.keyData, p, false, ["verify"]),
    );
  }
  const [leafKey, subKey, rootKey] = imported;
  const keys = [leafKey, subKey, rootKey, subKey, rootKey];
  const params = verifyParams(alg);
  for (let i = 0; i < 5; i++) {
    const v = c.verifies[i]!;
    if (!(await subtle.verify(params, keys[i]!, v.signature, v.data))) throw new Error("floor verify failed");
  }
}
