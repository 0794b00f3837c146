import { toHex } from "../lib/hex.js";
import { bytesEqual } from "../lib/bytes.js";
import { iso } from "../lib/iso.js";
import { digest } from "../crypto/digest.js";
import { formatName } from "../model/name.js";
import type { Statement } from "./assess.js";
import type { JudgeContext, Judged } from "./judged.js";
import { checkResponder } from "./ocsp-responder.js";
import type { EvidenceOrigin, OcspResponse, OcspSingleResponse } from "./types.js";

function responderLabel(resp: OcspResponse): string {
  if (resp.responderId.byName) return formatName(resp.responderId.byName);
  return `responder key SHA-1 ${resp.responderId.byKeyHash ? toHex(resp.responderId.byKeyHash) : "?"}`;
}

/** Whether a SingleResponse's CertID names the certificate: serial, issuer name hash and issuer key hash. */
async function certIdMatches(single: OcspSingleResponse, ctx: JudgeContext): Promise<boolean | string> {
  if (single.serialHex !== ctx.certificate.serialHex) return false;
  // CertID hashes identify the issuer; they carry no signature, so the strict algorithm policy does not apply to them.
  const alg = { oid: single.hashAlgorithm };
  const nameHash = await digest(alg, ctx.issuer.subject.der, ctx.env.crypto);
  const keyHash = await digest(alg, ctx.issuer.publicKey, ctx.env.crypto);
  if (!nameHash.ok || !keyHash.ok) return `CertID hash algorithm ${single.hashAlgorithm} is not supported`;
  return bytesEqual(nameHash.bytes, single.issuerNameHash) && bytesEqual(keyHash.bytes, single.issuerKeyHash);
}

function statementOf(single: OcspSingleResponse): Statement {
  const times = { thisUpdate: single.thisUpdate, ...(single.nextUpdate === undefined ? {} : { nextUpdate: single.nextUpdate }) };
  if (single.status === "good") return { ...times, says: "clear" };
  if (single.status === "unknown") return { ...times, says: "unknown" };
  const reason = single.reason ?? "unspecified";
  // A "revoked" answer with removeFromCRL says the certificate is no longer listed.
  if (reason === "removeFromCRL") return { ...times, says: "clear" };
  // Revoked without a time (only a hand-built response): it decides nothing, so the status stays unknown.
  if (single.revocationTime === undefined) return { ...times, says: "unknown" };
  return {
    ...times,
    says: "listed",
    at: single.revocationTime,
    reason,
    ...(single.invalidityDate === undefined ? {} : { invalidityDate: single.invalidityDate }),
  };
}

/**
 * Judges one OCSP response for one certificate (semantics.md "Revocation evidence", RFC 6960 §4.2.2.2 and §3.2).
 *
 * @param resp - the response
 * @param origin - where it came from
 * @param ctx - the certificate, its issuer, crypto and algorithm policy
 * @returns one entry per SingleResponse about the certificate (none when the response is about other certificates),
 * each accepted with a statement or carrying `ref.rejected`
 * @example
 * ```ts
 * const judged = await judgeOcsp(resp, "embedded", { certificate, issuer, env, algorithms: "default" });
 * ```
 */
export async function judgeOcsp(resp: OcspResponse, origin: EvidenceOrigin, ctx: JudgeContext): Promise<Judged[]> {
  const issuerLabel = responderLabel(resp);
  const refOf = (s: { thisUpdate: number; nextUpdate?: number }, rejected?: string): Judged["ref"] => ({
    type: "ocsp",
    origin,
    issuer: issuerLabel,
    thisUpdate: iso(s.thisUpdate),
    nextUpdate: iso(s.nextUpdate),
    ...(rejected === undefined ? {} : { rejected }),
  });
  const decoded = resp;
  const mine: OcspSingleResponse[] = [];
  const out: Judged[] = [];
  for (const single of decoded.responses) {
    const match = await certIdMatches(single, ctx);
    if (typeof match === "string") out.push({ ref: refOf(single, match) });
    else if (match) mine.push(single);
  }
  if (mine.length === 0) return out;
  let problem: string | undefined;
  if (decoded.unknownCriticalExtensions.length > 0) {
    problem = `unknown critical response extension ${decoded.unknownCriticalExtensions.join(", ")}`;
  } else {
    const check = await checkResponder(decoded, ctx.issuer, ctx.env, ctx.algorithms);
    if (!check.ok) problem = check.reason;
  }
  for (const single of mine) {
    const own = single.unknownCriticalExtensions.length > 0 ? `unknown critical single extension ${single.unknownCriticalExtensions.join(", ")}` : undefined;
    const rejected = problem ?? own;
    out.push(rejected === undefined ? { ref: refOf(single), statement: statementOf(single) } : { ref: refOf(single, rejected) });
  }
  return out;
}
