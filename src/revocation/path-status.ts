import type { Certificate } from "../model/certificate.js";
import { buildPath } from "../path/build.js";
import type { PathRequest, PathResult, ValidPath } from "../path/types.js";
import { caRevocations } from "./ca-revocation.js";
import { crlSignersFor } from "./crl-signers.js";
import type { PathCa, RevocationFinding, RevocationSources } from "./types.js";
import { revocationStatus } from "./status.js";
import { verifyOnce } from "../cache/verify-once.js";
import { sameName } from "../model/name.js";

/** What judging a found path's revocation needs. */
export interface PathStatusRequest {
  /** The request the path was found for. */
  readonly search: PathRequest;
  /** The moment whose status is asked (`T_up`). */
  readonly time: number;
  readonly now: number;
  /** The evidence; `null` when policy ignores revocation. */
  readonly sources: RevocationSources | null;
}

/** The revocation facts of a found path. */
export interface PathStatus {
  /** CA certificates strictly between the signing certificate and the anchor, leaf side first, each with its finding. */
  readonly cas: readonly PathCa[];
  /**
   * Certificates validated to sign CRLs besides each certificate's issuer (the path's CAs, a separate CRL-signing key,
   * an indirect CRL issuer): the signing certificate's own status is asked with them.
   */
  readonly crlSigners: readonly Certificate[];
}

/**
 * The revocation stage of a found path: which certificates may sign CRLs for it, and the status of each CA certificate
 * below the anchor at `time`. The path search itself reads no evidence; this runs after it, on every use of a path.
 *
 * @param found - the valid path
 * @param req - the search, time and evidence
 * @returns the CAs' findings and the CRL signers
 * @example
 * ```ts
 * const { cas, crlSigners } = await pathStatus(found, { search, time: tUp, now, sources });
 * ```
 */
export async function pathStatus(found: ValidPath, req: PathStatusRequest): Promise<PathStatus> {
  const { search, time, now, sources } = req;
  const crlSigners = sources === null ? found.path.slice(1) : await crlSignersFor(found, { search, time, now, sources });
  const cas = await caRevocations(found.path, { time, now, sources, crlSigners, env: search.env, algorithms: search.algorithms });
  const anchor = found.path[found.path.length - 1]!;
  // A listed certificate that is not self-issued (a provider's CA the national root certified) is judged like the CAs
  // below it: its dates, and its revocation by its own issuer. A self-signed root is a trust point, not judged.
  if (found.path.length >= 2 && !anchor.selfIssued) cas.push(await listedCa(anchor, req));
  return { cas, crlSigners };
}

/** Nothing known about a revocation: the time rules then treat it as unknown. */
const UNKNOWN: RevocationFinding = Object.freeze({ known: false, evidence: Object.freeze([]) });

/** Most certificates tried as the issuer of a listed CA certificate. */
const MAX_ISSUERS = 8;

/** A listed, not self-issued CA certificate with its revocation finding, judged against the issuer whose key signed it. */
async function listedCa(certificate: Certificate, req: PathStatusRequest): Promise<PathCa> {
  const { search, time, now, sources } = req;
  if (sources === null) return { certificate, revocation: null };
  const named = [
    ...search.trustList.issuersOf(certificate).map((a) => a.certificate),
    ...search.candidates.filter((c) => sameName(c.subject, certificate.issuer)),
  ].slice(0, MAX_ISSUERS);
  for (const issuer of named) {
    const check = { signatureAlgorithm: certificate.signatureAlgorithm, spki: issuer.spki, signature: certificate.signature, data: certificate.tbs };
    const outcome = await verifyOnce(certificate, check, search.env, search.algorithms);
    if (!outcome.ok) continue;
    try {
      const revocation = await revocationStatus({ certificate, issuer, time, now, sources, env: search.env, algorithms: search.algorithms });
      return { certificate, issuer, revocation };
    } catch {
      return { certificate, issuer, revocation: UNKNOWN };
    }
  }
  // Its issuer is not at hand: its CRL could not be checked, so its status is unknown.
  return { certificate, revocation: UNKNOWN };
}

/** A path search with the time and evidence its revocation stage is judged at. */
export interface CheckedPathRequest extends PathRequest {
  /** The moment whose status is asked (`T_up`). */
  readonly time: number;
  readonly now: number;
  /** The evidence; `null` when policy ignores revocation. */
  readonly revocation: RevocationSources | null;
}

/** A path result whose valid outcome carries its revocation stage. */
export type CheckedPath = Exclude<PathResult, ValidPath> | (ValidPath & PathStatus);

/**
 * The path stage and the revocation stage together, as a conformance suite judges a path end to end: the search, then
 * the CRL signers and the CAs' revocation at `time`.
 *
 * @param req - the search, the time and the evidence
 * @returns the path's outcome; a valid one with its CAs' findings and CRL signers
 * @example
 * ```ts
 * const r = await checkPath({ leaf, candidates, trustList, service: "signing", env, algorithms: "default", time, now, revocation });
 * if (r.status === "valid") console.log(r.cas.map((ca) => ca.revocation?.known));
 * ```
 */
export async function checkPath(req: CheckedPathRequest): Promise<CheckedPath> {
  const { time, now, revocation, ...search } = req;
  const found = await buildPath(search);
  if (found.status !== "valid") return found;
  return { ...found, ...(await pathStatus(found, { search, time, now, sources: revocation })) };
}
