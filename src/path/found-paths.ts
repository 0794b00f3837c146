import { objectId } from "../cache/object-id.js";
import type { Certificate } from "../model/certificate.js";
import type { TrustAnchor } from "../model/trust-list.js";
import { DEFAULT_PATH_BUDGET, type PathRequest } from "./types.js";

/**
 * What a successful path search established that depends neither on time nor on revocation evidence: the path, the
 * anchor it reached, and the weakest signature algorithm on it. Validity dates and revocation are judged afresh on
 * every use.
 */
export interface FoundPath {
  readonly path: readonly Certificate[];
  readonly anchor: TrustAnchor;
  readonly strength: "ok" | "legacy";
}

/** Searches remembered per signing certificate (different trust lists, policies, candidate sets); then cleared. */
const MAX_PER_LEAF = 8;

/** By signing certificate (a decoded snapshot), then by everything else the search read. Weak: never a leak. */
const found = new WeakMap<Certificate, Map<string, FoundPath>>();

/**
 * Everything a search reads besides its leaf, as one string: the verifier (whose answers the signature checks are), the
 * trust list, the candidates in order (order decides which of two valid paths is found first), the service, the
 * algorithm policy and profile, the policy inputs and usage requirements, the budget and the nesting depth.
 */
function searchKey(req: PathRequest, depth: number): string {
  const b = req.budget ?? DEFAULT_PATH_BUDGET;
  let candidates = "";
  for (const c of req.candidates) candidates += `${objectId(c)},`;
  const usage = `${req.requiredExtendedKeyUsage?.join(",") ?? "-"}|${req.requiredKeyUsage?.join(",") ?? "-"}`;
  return (
    `${objectId(req.env.crypto)}|${objectId(req.trustList)}|${req.service}|${req.algorithms}|${req.profile ?? "-"}|` +
    `${depth}|${b.maxDepth},${b.maxCandidates},${b.maxSignatureChecks}|${req.policy ? JSON.stringify(req.policy) : "-"}|` +
    `${usage}|${candidates}`
  );
}

/**
 * The path an earlier search with the same inputs found, if one did.
 *
 * Only successes are kept: a failure may come from a verifier's error rather than from the certificates, and failing
 * inputs are rare enough to search again. A remembered path's signatures were verified by the same verifier, which
 * itself remembers valid signatures per certificate and key.
 *
 * @param req - the path request
 * @param depth - 0 for a signature's own path, 1 for a CRL signer's
 * @returns the remembered path, or `undefined`
 * @example
 * ```ts
 * const known = foundPath(req, 0);
 * if (known) return complete(req, 0, known); // dates and revocation judged afresh
 * ```
 */
export function foundPath(req: PathRequest, depth: number): FoundPath | undefined {
  return found.get(req.leaf)?.get(searchKey(req, depth));
}

/**
 * Remembers a path the search found and validated, for later searches with the same inputs.
 *
 * @param req - the path request
 * @param depth - 0 for a signature's own path, 1 for a CRL signer's
 * @param path - the validated path, its anchor and strength
 * @example
 * ```ts
 * rememberFoundPath(req, 0, { path, anchor, strength: "ok" });
 * ```
 */
export function rememberFoundPath(req: PathRequest, depth: number, path: FoundPath): void {
  let perLeaf = found.get(req.leaf);
  if (perLeaf === undefined) found.set(req.leaf, (perLeaf = new Map()));
  if (perLeaf.size >= MAX_PER_LEAF) perLeaf.clear();
  perLeaf.set(searchKey(req, depth), path);
}
