import { madeObjectId, objectId } from "../cache/object-id.js";
import type { Certificate } from "../model/certificate.js";
import type { TrustAnchor } from "../model/trust-list.js";
import { DEFAULT_PATH_BUDGET, type PathRequest } from "./types.js";
import { MemoSlot } from "../cache/memo-slot.js";

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

/** Searches remembered per signing certificate and verifier (other trust lists, policies, candidates); then cleared. */
const MAX_PER_LEAF = 8;

/**
 * By signing certificate (a decoded snapshot), then by the verifier (whose answers the signature checks are), then by
 * everything else the search read. Weak: never a leak.
 */
const found = new MemoSlot<Certificate, WeakMap<Crypto, Map<string, FoundPath>>>();

/**
 * Everything a search reads besides its leaf and verifier, as one string: the trust list, the candidates in order
 * (order decides which of two valid paths is found first), the service, the algorithm policy and profile, the policy
 * inputs and usage requirements, the budget and the nesting depth.
 */
function searchKey(req: PathRequest, depth: number): string {
  const b = req.budget ?? DEFAULT_PATH_BUDGET;
  let candidates = "";
  for (const c of req.candidates) candidates += `${madeObjectId(c)},`;
  const usage = `${req.requiredExtendedKeyUsage?.join(",") ?? "-"}|${req.requiredKeyUsage?.join(",") ?? "-"}`;
  return (
    `${objectId(req.trustList)}|${req.service}|${req.algorithms}|${req.profile ?? "-"}|` +
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
  return found.get(req.leaf)?.get(req.env.crypto)?.get(searchKey(req, depth));
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
  let byCrypto = found.get(req.leaf);
  if (byCrypto === undefined) found.set(req.leaf, (byCrypto = new WeakMap()));
  let searches = byCrypto.get(req.env.crypto);
  if (searches === undefined) byCrypto.set(req.env.crypto, (searches = new Map()));
  if (searches.size >= MAX_PER_LEAF) searches.clear();
  searches.set(searchKey(req, depth), path);
}
