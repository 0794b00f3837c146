import { bytesEqual } from "../lib/bytes.js";
import { OID } from "../asn1/oids.js";
import { digest } from "../crypto/digest.js";
import type { Env } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import { sameName } from "../model/name.js";
import type { OcspResponse } from "./types.js";
import { verifyOnce } from "../cache/verify-once.js";

/** SHA-1, the hash RFC 6960 §4.2.1 fixes for ResponderID byKey. */
const SHA1 = { oid: "1.3.14.3.2.26" } as const;

/** The outcome of checking who signed an OCSP response. */
export type ResponderCheck = { readonly ok: true; readonly signer: Certificate } | { readonly ok: false; readonly reason: string };

async function matchesResponderId(resp: OcspResponse, cert: Certificate, env: Env): Promise<boolean> {
  const id = resp.responderId;
  if (id.byName) return sameName(id.byName, cert.subject);
  if (!id.byKeyHash) return false;
  // SHA-1 here names a key; it is not a signature, so the strict algorithm policy does not apply.
  const h = await digest(SHA1, cert.publicKey, env.crypto);
  return h.ok && bytesEqual(h.bytes, id.byKeyHash);
}

/** Why a delegated responder certificate cannot speak for the CA, if it cannot (RFC 6960 §4.2.2.2). */
async function delegationProblem(
  resp: OcspResponse,
  responder: Certificate,
  issuer: Certificate,
  env: Env,
  algorithms: "default" | "strict",
): Promise<string | undefined> {
  if (!sameName(responder.issuer, issuer.subject)) return "responder certificate is not issued by the certificate's issuer";
  if (!responder.extKeyUsage?.includes(OID.kpOcspSigning)) return "responder certificate lacks extended key usage id-kp-OCSPSigning";
  if (resp.producedAt < responder.notBefore || resp.producedAt > responder.notAfter) {
    return "responder certificate is not valid at producedAt";
  }
  const outcome = await verifyOnce(
    responder,
    { signatureAlgorithm: responder.signatureAlgorithm, spki: issuer.spki, signature: responder.signature, data: responder.tbs },
    env,
    algorithms,
  );
  if (!outcome.ok) return `responder certificate does not verify with the issuer's key: ${outcome.code} (${outcome.detail})`;
  return undefined;
}

/**
 * Finds who signed an OCSP response and checks that it may speak for the certificate's issuer: the issuer itself, or a
 * responder certificate from `response.certificates` that the issuer signed, with id-kp-OCSPSigning, valid at producedAt.
 * The ResponderID must name the signer. Several candidates may match the ResponderID: the first that passes every check wins.
 *
 * @param resp - the response
 * @param issuer - the certificate's issuer (the CA whose certificates the response speaks about)
 * @param env - crypto
 * @param algorithms - the algorithm policy
 * @returns the signer, or why no candidate is acceptable
 * @example
 * ```ts
 * const check = await checkResponder(resp, issuer, env, "default");
 * if (!check.ok) console.log(check.reason);
 * ```
 */
export async function checkResponder(
  resp: OcspResponse,
  issuer: Certificate,
  env: Env,
  algorithms: "default" | "strict",
): Promise<ResponderCheck> {
  const reasons: string[] = [];
  for (const candidate of [issuer, ...resp.certificates]) {
    if (!(await matchesResponderId(resp, candidate, env))) continue;
    if (candidate !== issuer) {
      const problem = await delegationProblem(resp, candidate, issuer, env, algorithms);
      if (problem) {
        reasons.push(problem);
        continue;
      }
    }
    const outcome = await verifyOnce(
      resp,
      { signatureAlgorithm: resp.signatureAlgorithm, spki: candidate.spki, signature: resp.signature, data: resp.tbs },
      env,
      algorithms,
    );
    if (outcome.ok && !(algorithms === "strict" && outcome.strength === "legacy")) return { ok: true, signer: candidate };
    reasons.push(
      outcome.ok
        ? "legacy signature algorithm refused under strict policy"
        : `response signature does not verify with the key the responder ID names: ${outcome.code} (${outcome.detail})`,
    );
  }
  if (reasons.length === 0) return { ok: false, reason: "responder ID matches neither the issuer nor a certificate in the response" };
  return { ok: false, reason: reasons.join("; ") };
}
