import { resolveSignatureAlgorithm, weakest } from "../policy/algorithms.js";
import { ecdsaDerToP1363 } from "./ecdsa-signature.js";
import { bufferSource } from "./import-key.js";
import { readKeyInfo, type KeyInfo } from "./key-info.js";
import { pairKey, type SignatureShape } from "./pair-key.js";
import type { Env, VerifyFailure, VerifyOutcome, VerifyRequest, WebCryptoKey } from "./types.js";

/** Verification options. `algorithms: "strict"` refuses legacy algorithms (SHA-1, RSA 1024-2047 bits). */
export interface VerifyOptions {
  readonly algorithms?: "default" | "strict";
}

/** How an ECDSA signature value arrives: DER `Ecdsa-Sig-Value` (X.509, CMS) or IEEE P1363 `r || s`. */
type EcdsaForm = "der" | "p1363";

type Names = { digest?: string; signature?: string; key?: string };

function refuse(code: VerifyFailure, detail: string, algorithms: Names): VerifyOutcome {
  return { ok: false, code, detail, algorithms };
}

/** The signature octets WebCrypto verifies, or why the value is malformed. */
function shapeSignature(sig: Uint8Array, shape: SignatureShape, form: EcdsaForm): Uint8Array | string {
  if (shape.kind === "fixed") {
    return sig.length === shape.length ? sig : `signature of ${sig.length} octets where ${shape.length} belong`;
  }
  if (form === "p1363") {
    return sig.length === 2 * shape.size ? sig : `P1363 signature of ${sig.length} octets where ${2 * shape.size} belong`;
  }
  try {
    return ecdsaDerToP1363(sig, shape.size);
  } catch (err) {
    return (err as Error).message;
  }
}

async function run(req: VerifyRequest, env: Env, options: VerifyOptions, form: EcdsaForm): Promise<VerifyOutcome> {
  const resolved = resolveSignatureAlgorithm(req.signatureAlgorithm, req.digestAlgorithm);
  if (!resolved.ok) {
    const names: Names = {};
    if (resolved.digest !== undefined) names.digest = resolved.digest;
    if (resolved.signature !== undefined) names.signature = resolved.signature;
    return refuse(resolved.code, resolved.detail, names);
  }
  const alg = resolved.value;
  const names: Names = { digest: alg.digest, signature: alg.family };
  let info: KeyInfo;
  try {
    info = readKeyInfo(req.spki);
  } catch (err) {
    return refuse("MALFORMED_KEY", `public key does not decode: ${(err as Error).message}`, names);
  }
  const pairing = pairKey(alg, info, req.spki);
  names.key = pairing.keyName;
  if (!pairing.ok) return refuse(pairing.code, pairing.detail, names);
  // Policy first: weak or (under "strict") legacy algorithms are refused before any crypto runs.
  if (pairing.strength === "weak") return refuse("WEAK_ALGORITHM", `${pairing.keyName} is too small`, names);
  const strength = weakest(alg.strength, pairing.strength);
  if (strength === "weak") return refuse("WEAK_ALGORITHM", "weak algorithm", names);
  if (options.algorithms === "strict" && strength === "legacy") {
    return refuse("WEAK_ALGORITHM", `${alg.digest} / ${pairing.keyName} refused under algorithms: "strict"`, names);
  }
  const signature = shapeSignature(req.signature, pairing.shape, form);
  if (typeof signature === "string") return refuse("MALFORMED_SIGNATURE", signature, names);
  let key: WebCryptoKey;
  try {
    key = await env.keys.importKey(env.crypto, pairing.spki, pairing.importAlgorithm);
  } catch (err) {
    const unsupported = (err as { name?: unknown } | null)?.name === "NotSupportedError";
    return unsupported
      ? refuse("UNSUPPORTED_ALGORITHM", `this runtime cannot import ${pairing.importAlgorithm.name} keys`, names)
      : refuse("MALFORMED_KEY", `public key does not import: ${(err as Error)?.message ?? String(err)}`, names);
  }
  let valid: boolean;
  try {
    valid = await env.crypto.subtle.verify(pairing.verifyAlgorithm, key, bufferSource(signature), bufferSource(req.data));
  } catch (err) {
    // Fail closed: an engine error is never a valid signature.
    return refuse("SIGNATURE_INVALID", `verification failed: ${(err as Error)?.message ?? String(err)}`, names);
  }
  if (valid !== true) return refuse("SIGNATURE_INVALID", "the signature does not match the data and key", names);
  return { ok: true, strength, algorithms: { digest: alg.digest, signature: alg.family, key: pairing.keyName } };
}

/**
 * Verifies one signature: certificate, CRL, OCSP response or CMS SignerInfo. Resolves the algorithm through the policy
 * table, refuses weak algorithms (and legacy ones under `strict`) before any crypto, checks the key suits the
 * algorithm, converts a DER ECDSA signature strictly, imports the key once per cache, then asks WebCrypto.
 * Never throws for a bad signature, key or algorithm: the outcome says why.
 *
 * @param req - the algorithm, key, signature and signed bytes
 * @param env - WebCrypto and the key cache
 * @param options - `algorithms: "strict"` refuses SHA-1 and RSA keys under 2048 bits
 * @returns `{ ok: true, strength, algorithms }` or `{ ok: false, code, detail }`
 * @example
 * ```ts
 * const env = { crypto: globalThis.crypto, keys: DIRECT_KEYS };
 * const out = await verifySignature({ signatureAlgorithm, digestAlgorithm, spki: cert.spki, signature, data }, env);
 * if (!out.ok) console.log(out.code); // e.g. "SIGNATURE_INVALID"
 * ```
 */
export function verifySignature(req: VerifyRequest, env: Env, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  return run(req, env, options, "der");
}

/**
 * Like {@link verifySignature}, but an ECDSA signature is already in IEEE P1363 form (`r || s`, each the curve order's
 * length), as JOSE and WebCrypto write it. Every other check is the same.
 *
 * @param req - the request; `signature` is P1363 for ECDSA
 * @param env - WebCrypto and the key cache
 * @param options - as for {@link verifySignature}
 * @returns the outcome
 * @example
 * ```ts
 * const out = await verifyRaw({ signatureAlgorithm: { oid: "1.2.840.10045.4.3.2" }, spki, signature: rs, data }, env);
 * ```
 */
export function verifyRaw(req: VerifyRequest, env: Env, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  return run(req, env, options, "p1363");
}

