import type { Certificate } from "../model/certificate.js";
import { formatName } from "../model/name.js";
import type { TrustAnchor } from "../model/trust-list.js";
import { indexCandidates, keyIdRank, type CandidateIndex } from "./candidates.js";
import { sessionIndex } from "./session.js";
import { searchKey } from "./search-key.js";
import { createSignatureChecker, type SignatureChecker } from "./signatures.js";
import { DEFAULT_PATH_BUDGET, type PathRequest, type PathResult, type ValidPath } from "./types.js";
import { PATH_CHECKS, STRICT_PATH_CHECKS, validatePath } from "./validate.js";

/** How informative an outcome is: a higher rank replaces a lower one. */
const RANK: Readonly<Record<PathResult["status"], number>> = { "no-path": 0, "untrusted-root": 1, invalid: 2, valid: 3 };

/** The state of one build's depth-first search. */
interface Search {
  readonly req: PathRequest;
  readonly index: CandidateIndex;
  readonly sigs: SignatureChecker;
  readonly maxDepth: number;
  best: PathResult | null;
  /** Some branch was cut at the depth limit: an unexplored path might have been valid. */
  depthCut: boolean;
}

function record(s: Search, result: PathResult): void {
  const best = s.best;
  if (!best || RANK[result.status] > RANK[best.status]) s.best = result;
  // Among dead ends, the one that got furthest names the missing issuer most usefully.
  else if (best.status === "no-path" && result.status === "no-path" && result.path.length > best.path.length) s.best = result;
}

/** Validates a path that reached a listed certificate; a valid path ends the search. */
async function finish(s: Search, path: readonly Certificate[], anchor: TrustAnchor): Promise<PathResult | null> {
  // Each anchor tried is a candidate spent: a list with thousands of copies of one CA cannot make a search unbounded.
  if (!s.sigs.meter.takeCandidate()) return null;
  const { policy, requiredExtendedKeyUsage, requiredKeyUsage } = s.req;
  const options = {
    ...(policy ? { policy } : {}),
    ...(requiredExtendedKeyUsage ? { requiredExtendedKeyUsage } : {}),
    ...(requiredKeyUsage ? { requiredKeyUsage } : {}),
  };
  const checks = s.req.profile === "rfc5280-strict" ? STRICT_PATH_CHECKS : PATH_CHECKS;
  const v = await validatePath(path, s.req.service, s.sigs, checks, options);
  if (s.sigs.meter.exhausted) return null;
  if (!v.ok) {
    const below = path[v.index]!;
    const above = path[v.index + 1];
    if (v.reason === "SIGNATURE_INVALID" && above && keyIdRank(below, above) === 2) {
      // The name matched but key identifiers and signature both say another key: the real issuer is missing (a re-keyed
      // CA whose new certificate was not supplied), which is no evidence against the signature.
      const detail = `no certificate found for the key that issued "${formatName(below.subject)}": "${formatName(above.subject)}" has another key`;
      record(s, { status: "no-path", path: path.slice(0, v.index + 1), detail });
      return null;
    }
    record(s, { status: "invalid", path, anchor, reason: v.reason, index: v.index, detail: v.detail });
    return null;
  }
  return { status: "valid", path, anchor, strength: v.strength };
}

/** Explores the paths above `path` (leaf first); returns the first valid one, records every other ending. */
async function walk(s: Search, path: readonly Certificate[]): Promise<PathResult | null> {
  const cert = path[path.length - 1]!;
  const isLeaf = path.length === 1;
  // A listed certificate ends the path; the signing certificate is judged by its issuer, so it never ends it itself.
  if (!isLeaf) {
    for (const anchor of s.index.anchorsFor(cert)) {
      // The listed copy carries the constraints the trust list vouches for.
      const found = await finish(s, [...path.slice(0, -1), anchor.certificate], anchor);
      if (found || s.sigs.meter.exhausted) return found;
    }
    if (s.index.anchorsFor(cert).length > 0) return null;
  }
  if (cert.selfIssued) {
    const self = await s.sigs.verify(cert, cert.spki);
    if (self === null) return null;
    if (self.ok) {
      // A self-signed signing certificate has no other issuer: listed, it is its own anchor; unlisted, untrusted.
      const anchor = isLeaf ? s.index.anchorsFor(cert)[0] : undefined;
      if (anchor) return finish(s, path, anchor);
      record(s, { status: "untrusted-root", path });
      return null;
    }
  }
  // Self-issued intermediates (key rollover) do not count against the depth, within twice the limit in all.
  const counted = path.length - path.slice(1).filter((c) => c.selfIssued).length;
  if (counted >= s.maxDepth || path.length >= 2 * s.maxDepth) {
    s.depthCut = true;
    return null;
  }
  const candidates = s.index.issuersOf(cert, path);
  if (candidates.length === 0) {
    record(s, { status: "no-path", path, detail: `no certificate found for issuer "${formatName(cert.issuer)}"` });
    return null;
  }
  // Issuers whose signature checks out are explored first; the others only for a more informative failure.
  const deferred: Certificate[] = [];
  for (const c of candidates) {
    if (!s.sigs.meter.takeCandidate()) return null;
    const outcome = await s.sigs.verify(cert, c.certificate.spki);
    if (outcome === null) return null;
    if (!outcome.ok) {
      deferred.push(c.certificate);
      continue;
    }
    const found = await walk(s, [...path, c.certificate]);
    if (found || s.sigs.meter.exhausted) return found;
  }
  for (const c of deferred) {
    const found = await walk(s, [...path, c]);
    if (found || s.sigs.meter.exhausted) return found;
  }
  return null;
}

/**
 * Builds a certification path from a signing certificate to a trust-list certificate and validates it per RFC 5280
 * (signatures, name chaining, basicConstraints, keyUsage, pathLenConstraint, critical extensions, name constraints),
 * leaving validity dates and revocation of the path to the caller's time rules.
 *
 * The search is depth-first with backtracking, within `req.budget` (default {@link DEFAULT_PATH_BUDGET}) and, with
 * `req.session`, within the budget all the searches of one file share: the first valid path wins; otherwise the most informative ending is returned (`invalid` path to an anchor, then `untrusted-root`, then
 * `no-path`). A spent budget gives `no-path` with detail `budget exhausted`, since an unexplored branch might be valid.
 *
 * @param req - the signing certificate, candidate certificates, trust list, times, evidence and crypto
 * @returns the outcome (a value; bad paths never throw)
 * @example
 * ```ts
 * const result = await buildPath({ leaf, candidates: [ca], trustList, service: "signing", env, algorithms: "default" });
 * if (result.status === "valid") console.log(result.anchor.provider.name);
 * ```
 */
export async function buildPath(req: PathRequest): Promise<PathResult> {
  // The search reads no time: a path found before with the same inputs is found again, and only its dates and
  // revocation are judged anew (by the time rules and the revocation stage).
  const key = req.remembered ? searchKey(req) : "";
  const known = req.remembered?.get(key) as ValidPath | undefined;
  if (known) return known;
  const budget = req.budget ?? DEFAULT_PATH_BUDGET;
  const { session } = req;
  const index = session ? sessionIndex(session, req.candidates, req.trustList, req.service) : indexCandidates(req.candidates, req.trustList, req.service);
  const s: Search = {
    req,
    index,
    sigs: createSignatureChecker(budget, req.env, req.algorithms, session),
    maxDepth: budget.maxDepth,
    best: null,
    depthCut: false,
  };
  // The file's budget is spent: this search would stop at its first step.
  const found = s.sigs.meter.exhausted ? null : await walk(s, [req.leaf]);
  // Only successes are kept: a failure may come from a verifier's error rather than from the certificates.
  if (found?.status === "valid") req.remembered?.set(key, found);
  if (found) return found;
  if (s.sigs.meter.exhausted || s.depthCut) {
    const why = s.depthCut && !s.sigs.meter.exhausted ? ` (paths longer than ${s.maxDepth} certificates were cut)` : "";
    return { status: "no-path", path: [req.leaf], detail: `budget exhausted${why}` };
  }
  return s.best ?? { status: "no-path", path: [req.leaf], detail: "no candidate issuer led anywhere (loops only)" };
}
