import { RSA_MAX_BITS, rsaKeyStrength, type ResolvedSignatureAlgorithm } from "../policy/algorithms.js";
import type { ImportAlgorithm } from "./import-key.js";
import { keyName, type KeyInfo } from "./key-info.js";
import { pssKeyAllows, toRsaEncryptionSpki } from "./rsa-pss.js";
import type { Strength, VerifyFailure } from "./types.js";

/** How a signature must be shaped for WebCrypto: an exact length, or an ECDSA pair of `size`-octet integers. */
export type SignatureShape = { readonly kind: "fixed"; readonly length: number } | { readonly kind: "ecdsa"; readonly size: number };

/** A key checked against an algorithm, ready to import and verify with. */
export interface KeyPairing {
  readonly ok: true;
  /** The SPKI to import (id-RSASSA-PSS keys re-encoded as rsaEncryption). */
  readonly spki: Uint8Array;
  readonly importAlgorithm: ImportAlgorithm;
  /** The parameters for `subtle.verify`. */
  readonly verifyAlgorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  readonly shape: SignatureShape;
  readonly strength: Strength;
  readonly keyName: string;
}

/** Why a key cannot verify a signature of the algorithm. */
export interface KeyRefusal {
  readonly ok: false;
  readonly code: VerifyFailure;
  readonly detail: string;
  readonly keyName: string;
}

/**
 * Checks that a key suits a resolved signature algorithm (family, RSA-PSS restrictions of RFC 4055, supported curve)
 * and works out the WebCrypto parameters. Pure: no crypto runs.
 *
 * @param alg - the resolved signature algorithm
 * @param key - what {@link readKeyInfo} read from the SPKI
 * @param spki - the SPKI bytes
 * @returns the pairing, or a refusal (`ALGORITHM_KEY_MISMATCH`, `UNSUPPORTED_ALGORITHM`, `MALFORMED_KEY`)
 * @example
 * ```ts
 * const p = pairKey(resolved, readKeyInfo(spki), spki);
 * if (!p.ok) return { ok: false, code: p.code, detail: p.detail };
 * ```
 */
export function pairKey(alg: ResolvedSignatureAlgorithm, key: KeyInfo, spki: Uint8Array): KeyPairing | KeyRefusal {
  const name = keyName(key);
  const refuse = (code: VerifyFailure, detail: string): KeyRefusal => ({ ok: false, code, detail, keyName: name });
  if (key.family !== alg.key) return refuse("ALGORITHM_KEY_MISMATCH", `${alg.name} signature with a ${name} key`);
  const hash = alg.hash;
  if (hash === undefined && key.family !== "Ed25519") return refuse("UNSUPPORTED_ALGORITHM", `${alg.name} without a hash`);
  if (key.family === "RSA" && hash !== undefined) {
    if (key.bits > RSA_MAX_BITS) return refuse("UNSUPPORTED_ALGORITHM", `RSA modulus of ${key.bits} bits`);
    if (key.pssOnly && alg.family !== "RSA-PSS") {
      return refuse("ALGORITHM_KEY_MISMATCH", `an id-RSASSA-PSS key cannot verify ${alg.name}`);
    }
    if (key.pssParams !== undefined && alg.pss !== undefined) {
      const why = pssKeyAllows(key.pssParams, alg.pss);
      if (why !== undefined) return refuse("ALGORITHM_KEY_MISMATCH", `RSASSA-PSS ${why}`);
    }
    let importable = spki;
    if (key.pssOnly) {
      try {
        importable = toRsaEncryptionSpki(spki);
      } catch (err) {
        return refuse("MALFORMED_KEY", (err as Error).message);
      }
    }
    return {
      ok: true,
      spki: importable,
      importAlgorithm: { name: alg.family === "RSA-PSS" ? "RSA-PSS" : "RSASSA-PKCS1-v1_5", hash },
      verifyAlgorithm: alg.pss === undefined ? { name: alg.family } : { name: "RSA-PSS", saltLength: alg.pss.saltLength },
      shape: { kind: "fixed", length: Math.ceil(key.bits / 8) },
      strength: rsaKeyStrength(key.bits),
      keyName: name,
    };
  }
  if (key.family === "EC" && hash !== undefined) {
    const curve = key.curve;
    if (curve?.webcrypto === undefined) return refuse("UNSUPPORTED_ALGORITHM", `curve ${curve?.name ?? key.curveOid} is not supported`);
    return {
      ok: true,
      spki,
      importAlgorithm: { name: "ECDSA", namedCurve: curve.webcrypto },
      verifyAlgorithm: { name: "ECDSA", hash },
      shape: { kind: "ecdsa", size: curve.size },
      strength: curve.strength,
      keyName: name,
    };
  }
  if (key.family === "Ed25519") {
    // RFC 8410: no parameters; importKey checks the 32-octet point.
    if (key.algorithm.params !== undefined) return refuse("MALFORMED_KEY", "Ed25519 key with parameters");
    return {
      ok: true,
      spki,
      importAlgorithm: { name: "Ed25519" },
      verifyAlgorithm: { name: "Ed25519" },
      shape: { kind: "fixed", length: 64 },
      strength: "ok",
      keyName: name,
    };
  }
  return refuse("UNSUPPORTED_ALGORITHM", `${name} keys cannot be verified here`);
}
