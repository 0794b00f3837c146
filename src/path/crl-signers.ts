import { bytesEqual } from "../lib/bytes.js";
import type { Certificate } from "../model/certificate.js";
import { revocationStatus } from "../revocation/status.js";
import type { PathRequest, PathResult } from "./types.js";

/** Most certificates off the path validated as CRL signers for one path: each costs a path build of its own. */
export const MAX_EXTRA_CRL_SIGNERS = 8;

/** Builds a path for another certificate (one level deeper, so CRL signers of CRL signers are not sought off-path). */
export type InnerBuild = (req: PathRequest) => Promise<PathResult>;

/**
 * The certificates that may sign CRLs for the certificates of a validated path, besides each one's issuer (RFC 5280
 * §6.3.3 (f): the CRL issuer's own path is validated, to the same trust anchor).
 *
 * - Every CA certificate of the path, anchor included: a same-name certificate with another key (a rolled-over key, a
 *   self-issued certificate) is the same CA, and the path's CAs are themselves judged for revocation by the caller.
 * - At the top level only, candidates named as the issuer of some supplied CRL (a separate CRL-signing key, an indirect
 *   CRL issuer): each needs a valid path to the same anchor, validity at `req.time`, and a known, unrevoked status for
 *   itself and its CAs; otherwise it is left out (fail closed: its CRLs then go unverified).
 *
 * @param path - the validated path, signing certificate first, anchor last
 * @param req - the path request (its revocation evidence names the CRL issuers)
 * @param depth - 0 for the caller's own path; deeper builds add no off-path signers
 * @param inner - builds a path for a candidate signer
 * @returns the validated CRL signers
 * @example
 * ```ts
 * const signers = await crlSignersFor(path, req, 0, (r) => build(r, 1));
 * ```
 */
export async function crlSignersFor(path: readonly Certificate[], req: PathRequest, depth: number, inner: InnerBuild): Promise<Certificate[]> {
  const out = path.slice(1);
  if (req.revocation === null || depth > 0) return out;
  const issuerKeys = new Set(req.revocation.crls.map((c) => c.crl.issuer.key));
  const anchor = path[path.length - 1]!;
  const onPath = (c: Certificate): boolean => path.some((p) => bytesEqual(p.der, c.der));
  const candidates = req.candidates.filter((c) => issuerKeys.has(c.subject.key) && !onPath(c));
  const seen: Certificate[] = [];
  for (const c of candidates) {
    if (seen.length >= MAX_EXTRA_CRL_SIGNERS) break;
    if (seen.some((x) => bytesEqual(x.der, c.der))) continue;
    seen.push(c);
    if (await acceptable(c, anchor, req, inner)) out.push(c);
  }
  return out;
}

/** Whether an off-path certificate is a CRL signer to trust: valid path to the same anchor, in date, not revoked. */
async function acceptable(c: Certificate, anchor: Certificate, req: PathRequest, inner: InnerBuild): Promise<boolean> {
  if (req.time < c.notBefore || req.time > c.notAfter) return false;
  // The CRL issuer's path answers to the defaults, not to the usages and policies asked of the signing certificate;
  // the certificate profile applies to it as to every other certificate.
  const base: PathRequest = {
    leaf: c, candidates: req.candidates, trustList: req.trustList, service: req.service, time: req.time, now: req.now,
    revocation: req.revocation, env: req.env, algorithms: req.algorithms, ...(req.budget ? { budget: req.budget } : {}),
    ...(req.profile ? { profile: req.profile } : {}),
  };
  let r: PathResult;
  try {
    r = await inner(base);
  } catch {
    return false;
  }
  if (r.status !== "valid" || !bytesEqual(r.anchor.certificate.der, anchor.der)) return false;
  for (const ca of r.cas) {
    if (req.time < ca.certificate.notBefore || req.time > ca.certificate.notAfter) return false;
    if (ca.revocation && (!ca.revocation.known || ca.revocation.revocation)) return false;
  }
  try {
    const own = await revocationStatus({
      certificate: c,
      issuer: r.path[1]!,
      // Its own indirect CRL may cover it too, when its distribution point names it as cRLIssuer (PKITS 4.14.30).
      crlSigners: [...r.path.slice(1), c],
      time: req.time,
      now: req.now,
      sources: req.revocation!,
      env: req.env,
      algorithms: req.algorithms,
    });
    return own.known && !own.revocation;
  } catch {
    return false;
  }
}
