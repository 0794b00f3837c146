import { bytesEqual } from "../lib/bytes.js";
import { verifySignerSignature } from "../crypto/signer-signature.js";
import type { Env } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import { sameName } from "../model/name.js";
import type { SignerIdentifier, SignerInfo } from "../model/signed-data.js";

function names(sid: SignerIdentifier, cert: Certificate): boolean {
  if (sid.kind === "issuerSerial") return sid.serialHex === cert.serialHex && sameName(sid.issuer, cert.issuer);
  return cert.subjectKeyId !== undefined && bytesEqual(cert.subjectKeyId, sid.keyId);
}

/**
 * The certificate a SignerInfo's `sid` names, among the signature's and the caller's certificates (RFC 5652 §5.3).
 * When several carry the same issuer and serial (a forged copy beside the genuine one), the one whose key verifies the
 * signature is taken; when none verifies, the first, so the signature is judged against a certificate it names and fails.
 *
 * @param signer - the SignerInfo
 * @param signedBytes - what the signature covers (DER signed attributes, or the content); `undefined` when unknown
 * @param certificates - every certificate available
 * @param env - crypto and key cache
 * @returns the signing certificate, or `undefined` when none is named
 */
export async function findSigningCertificate(
  signer: SignerInfo,
  signedBytes: Uint8Array | undefined,
  certificates: readonly Certificate[],
  env: Env,
): Promise<Certificate | undefined> {
  const named = certificates.filter((c) => names(signer.sid, c));
  const distinct = named.filter((c, i) => named.findIndex((d) => bytesEqual(d.der, c.der)) === i);
  if (distinct.length <= 1 || signedBytes === undefined) return distinct[0];
  for (const cert of distinct) {
    const outcome = await verifySignerSignature(signer, cert.spki, signedBytes, env);
    if (outcome.ok) return cert;
  }
  return distinct[0];
}
