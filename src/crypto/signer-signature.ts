import type { SignerInfo } from "../model/signed-data.js";
import type { Env, VerifyOutcome } from "./types.js";
import { verifySignature, type VerifyOptions } from "./verify.js";

/**
 * Verifies a SignerInfo's signature with a candidate key: the signature algorithm, with the digest algorithm for CMS's
 * bare `rsaEncryption` / `id-ecPublicKey` forms.
 *
 * @param signer - the SignerInfo
 * @param spki - the candidate signing certificate's SubjectPublicKeyInfo
 * @param data - what the signature covers (the DER of the signed attributes, or the content)
 * @param env - crypto and key cache
 * @param options - the algorithm policy
 * @returns the outcome, never an exception
 * @example
 * ```ts
 * const outcome = await verifySignerSignature(signer, cert.spki, signer.signedAttrs.der, env);
 * ```
 */
export function verifySignerSignature(
  signer: SignerInfo,
  spki: Uint8Array,
  data: Uint8Array,
  env: Env,
  options: VerifyOptions = {},
): Promise<VerifyOutcome> {
  return verifySignature(
    { signatureAlgorithm: signer.signatureAlgorithm, digestAlgorithm: signer.digestAlgorithm, spki, signature: signer.signature, data },
    env,
    options,
  );
}
