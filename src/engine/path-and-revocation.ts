import type { Certificate } from "../model/certificate.js";
import { buildPath } from "../path/build.js";
import type { PathRequest, PathResult } from "../path/types.js";
import type { Warning } from "../report/types.js";
import { pathStatus, type PathStatus } from "../revocation/path-status.js";
import { revocationStatus } from "../revocation/status.js";
import type { RevocationFinding, RevocationSources } from "../revocation/types.js";
import { fetchIssuers, fetchRevocation, type FetchTarget } from "./online.js";
import type { Run } from "./run.js";

/** Nothing known about revocation: the status rules then treat it as unknown. */
const UNKNOWN: RevocationFinding = Object.freeze({ known: false, evidence: Object.freeze([]) });

/** What the path and revocation stages found for one certificate at one time. */
export interface PathAndRevocation {
  /** The path found (valid or not). */
  readonly path: PathResult;
  /** The CAs' findings and CRL signers, on a valid path. */
  readonly status: PathStatus | undefined;
  /** The certificate's own finding; `null` when policy ignores revocation. */
  readonly leaf: RevocationFinding | null;
  /** What fetching could not get (refused, failed, unreadable), naming each URL. */
  readonly warnings: readonly Warning[];
}

interface Stage {
  readonly status: PathStatus | undefined;
  readonly leaf: RevocationFinding;
}

async function revocationStage(path: PathResult, search: PathRequest, sources: RevocationSources, run: Run, time: number): Promise<Stage> {
  const status = path.status === "valid" ? await pathStatus(path, { search, time, now: run.now, sources }) : undefined;
  // The certificate above the signer on the best path found (valid or not) is the one whose evidence speaks for it.
  const issuer = path.path[1];
  if (!issuer) return { status, leaf: UNKNOWN };
  const leaf = await revocationStatus({
    certificate: search.leaf,
    issuer,
    time,
    now: run.now,
    sources,
    env: run.env,
    algorithms: run.policy.algorithms,
    // CRL signers the revocation stage validated (a separate CRL key, an indirect CRL issuer) count only on a valid path.
    ...(status ? { crlSigners: status.crlSigners } : {}),
  });
  return { status, leaf };
}

/** The certificates whose status is still unknown, each with the certificate that issued it. */
function unknownTargets(path: PathResult, stage: Stage): FetchTarget[] {
  const out: FetchTarget[] = [];
  const issuer = path.path[1];
  if (issuer && !stage.leaf.known) out.push({ certificate: path.path[0]!, issuer });
  for (const ca of stage.status?.cas ?? []) {
    if (ca.issuer && ca.revocation && !ca.revocation.known) out.push({ certificate: ca.certificate, issuer: ca.issuer });
  }
  return out;
}

/**
 * The path stage, then the revocation stage, for one certificate at `time`: the path found, its CAs' findings and the
 * certificate's own. With a fetcher (`run.online`), what is missing is fetched first: issuer certificates through
 * caIssuers when no path can be built otherwise, then, for each certificate on the path whose status the evidence at
 * hand does not answer, its OCSP responder, then its CRL distribution points for those still unanswered. Fetched
 * evidence is judged like any other.
 *
 * @param search - the path search (leaf, candidates, trust list, service)
 * @param sources - the evidence at hand; `null` when policy ignores revocation
 * @param run - the validation
 * @param time - the moment whose status is asked (`T_up`, or a timestamp's genTime)
 * @returns the path, the findings and the warnings of fetching
 * @example
 * ```ts
 * const { path, status, leaf } = await judgePathAndRevocation(search, file.revocation, run, times.up);
 * ```
 */
export async function judgePathAndRevocation(
  search: PathRequest,
  sources: RevocationSources | null,
  run: Run,
  time: number,
): Promise<PathAndRevocation> {
  const warnings: Warning[] = [];
  const session = run.online;
  // Every search of the file, and the CRL-signer searches it leads to, spends the file's one path budget.
  search = { ...search, session: run.paths };
  let path = await buildPath(search);
  if (path.status === "no-path" && session) {
    const fetched = await fetchIssuers(search.leaf, search.candidates, session, run);
    warnings.push(...fetched.warnings);
    if (fetched.certificates.length > 0) {
      search = { ...search, candidates: [...search.candidates, ...fetched.certificates] };
      path = await buildPath(search);
    }
  }
  if (sources === null) {
    const status = path.status === "valid" ? await pathStatus(path, { search, time, now: run.now, sources: null }) : undefined;
    return { path, status, leaf: null, warnings };
  }
  let stage = await revocationStage(path, search, sources, run, time);
  if (session) {
    // OCSP first: one small answer per certificate; CRLs (often large) only for what it left unanswered.
    for (const round of ["ocsp", "crl"] as const) {
      const targets = unknownTargets(path, stage);
      if (targets.length === 0) break;
      const got = await fetchRevocation(targets, round, session, run);
      warnings.push(...got.warnings);
      if (got.crls.length + got.ocsp.length === 0) continue;
      sources = { crls: [...sources.crls, ...got.crls], ocsp: [...sources.ocsp, ...got.ocsp] };
      stage = await revocationStage(path, search, sources, run, time);
      const findings = new Map<Certificate, RevocationFinding | null>([[search.leaf, stage.leaf]]);
      for (const ca of stage.status?.cas ?? []) findings.set(ca.certificate, ca.revocation);
      got.keepAnswered((c) => findings.get(c));
    }
  }
  return { path, status: stage.status, leaf: stage.leaf, warnings };
}
