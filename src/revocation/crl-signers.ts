import { certificateDigests } from "../cache/certificate-digests.js";
import { bytesEqual } from "../lib/bytes.js";
import type { Certificate } from "../model/certificate.js";
import { buildPath } from "../path/build.js";
import type { PathRequest, PathResult, ValidPath } from "../path/types.js";
import { caRevocations } from "./ca-revocation.js";
import { revocationStatus } from "./status.js";
import type { RevocationSources } from "./types.js";

/** Most certificates off the path validated as CRL signers for one path: each costs a path build of its own. */
export const MAX_EXTRA_CRL_SIGNERS = 8;

/** What choosing CRL signers needs: the search the path came from, the time asked and the evidence. */
export interface CrlSignerRequest {
  /** The request the path was found for: a CRL signer's own path is sought among the same candidates, to the same list. */
  readonly search: PathRequest;
  readonly time: number;
  readonly now: number;
  readonly sources: RevocationSources;
}

/**
 * The certificates that may sign CRLs for the certificates of a validated path, besides each one's issuer (RFC 5280
 * §6.3.3 (f): the CRL issuer's own path is validated, to the same trust anchor).
 *
 * - Every CA certificate of the path, anchor included: a same-name certificate with another key (a rolled-over key, a
 *   self-issued certificate) is the same CA, and the path's CAs are themselves judged for revocation.
 * - Candidates named as the issuer of some supplied CRL (a separate CRL-signing key, an indirect CRL issuer): each
 *   needs a valid path to the same anchor, validity at `req.time`, and a known, unrevoked status for itself and its
 *   CAs (judged with its own path's CAs as CRL signers: CRL signers of CRL signers are not sought off-path);
 *   otherwise it is left out (fail closed: its CRLs then go unverified).
 *
 * @param found - the validated path, signing certificate first, anchor last
 * @param req - the search, the time and the evidence (which names the CRL issuers)
 * @returns the validated CRL signers
 * @example
 * ```ts
 * const signers = await crlSignersFor(found, { search, time, now, sources });
 * ```
 */
export async function crlSignersFor(found: ValidPath, req: CrlSignerRequest): Promise<Certificate[]> {
  const path = found.path;
  const out = path.slice(1);
  const issuerKeys = new Set(req.sources.crls.map((c) => c.crl.issuer.key));
  const anchor = path[path.length - 1]!;
  // Certificates are told apart by DER digest: a set look-up each, however many share a name and a long prefix.
  const digest = (c: Certificate): string => certificateDigests(c).der;
  const seen = new Set(path.map(digest));
  let tried = 0;
  for (const c of req.search.candidates) {
    if (tried >= MAX_EXTRA_CRL_SIGNERS) break;
    if (!issuerKeys.has(c.subject.key)) continue;
    const d = digest(c);
    if (seen.has(d)) continue;
    seen.add(d);
    tried++;
    if (await acceptable(c, anchor, req)) out.push(c);
  }
  return out;
}

/** Whether an off-path certificate is a CRL signer to trust: valid path to the same anchor, in date, not revoked. */
async function acceptable(c: Certificate, anchor: Certificate, req: CrlSignerRequest): Promise<boolean> {
  const { search, time, now, sources } = req;
  if (time < c.notBefore || time > c.notAfter) return false;
  // The CRL issuer's path answers to the defaults, not to the usages and policies asked of the signing certificate;
  // the certificate profile applies to it as to every other certificate.
  const own: PathRequest = {
    leaf: c, candidates: search.candidates, trustList: search.trustList, service: search.service, env: search.env,
    algorithms: search.algorithms, ...(search.budget ? { budget: search.budget } : {}),
    ...(search.profile ? { profile: search.profile } : {}), ...(search.remembered ? { remembered: search.remembered } : {}),
    // The file's budget covers its CRL signers' searches too.
    ...(search.session ? { session: search.session } : {}),
  };
  let r: PathResult;
  try {
    r = await buildPath(own);
  } catch {
    return false;
  }
  if (r.status !== "valid" || !bytesEqual(r.anchor.certificate.der, anchor.der)) return false;
  const signers = r.path.slice(1);
  const cas = await caRevocations(r.path, { time, now, sources, crlSigners: signers, env: search.env, algorithms: search.algorithms });
  for (const ca of cas) {
    if (time < ca.certificate.notBefore || time > ca.certificate.notAfter) return false;
    if (ca.revocation && (!ca.revocation.known || ca.revocation.revocation)) return false;
  }
  try {
    const status = await revocationStatus({
      certificate: c,
      issuer: r.path[1]!,
      // Its own indirect CRL may cover it too, when its distribution point names it as cRLIssuer (PKITS 4.14.30).
      crlSigners: [...signers, c],
      time,
      now,
      sources,
      env: search.env,
      algorithms: search.algorithms,
    });
    return status.known && !status.revocation;
  } catch {
    return false;
  }
}
