import { madeObjectId, objectId } from "../cache/object-id.js";
import { DEFAULT_PATH_BUDGET, type PathRequest } from "./types.js";

/**
 * How each field of a {@link PathRequest} enters the key a found path is remembered under. The type demands an entry
 * for every field of the request: a field added to the request does not compile until it is given its place here, so
 * a request that differs from an earlier one can never be answered with the earlier one's path. Objects are keyed by
 * identity (a decoded certificate, a trust list and a WebCrypto never change); `remembered` is where the answer goes,
 * not what the search reads.
 */
const KEY_PARTS: { readonly [K in keyof Required<PathRequest>]: (req: PathRequest) => string } = {
  leaf: (r) => String(madeObjectId(r.leaf)),
  // Order decides which of two valid paths is found first.
  candidates: (r) => {
    let ids = "";
    for (const c of r.candidates) ids += `${madeObjectId(c)},`;
    return ids;
  },
  trustList: (r) => String(objectId(r.trustList)),
  service: (r) => r.service,
  budget: (r) => {
    const b = r.budget ?? DEFAULT_PATH_BUDGET;
    return `${b.maxDepth},${b.maxCandidates},${b.maxSignatureChecks}`;
  },
  // The verifier's answers are the signature checks; keys imported through any source give the same answers.
  env: (r) => String(objectId(r.env.crypto)),
  algorithms: (r) => r.algorithms,
  policy: (r) => {
    const p = r.policy;
    if (p === undefined) return "-";
    return `${p.initialPolicySet?.join(",") ?? "-"};${p.initialExplicitPolicy ?? "-"};${p.initialPolicyMappingInhibit ?? "-"};${p.initialAnyPolicyInhibit ?? "-"}`;
  },
  requiredExtendedKeyUsage: (r) => r.requiredExtendedKeyUsage?.join(",") ?? "-",
  requiredKeyUsage: (r) => r.requiredKeyUsage?.join(",") ?? "-",
  profile: (r) => r.profile ?? "-",
  remembered: () => "",
  // A session's budget can only cut a search short, and a search cut short finds no path to remember; its indexes and
  // signature outcomes are the answers a fresh search computes.
  session: () => "",
};

const FIELDS = Object.keys(KEY_PARTS) as (keyof PathRequest)[];
/** The parts in the order of {@link FIELDS}, as an array: one indexed load each instead of a look-up by field name. */
const PARTS: readonly ((req: PathRequest) => string)[] = FIELDS.map((f) => KEY_PARTS[f]);

/**
 * The key a path found for `req` is remembered under: every field the search reads, each in its place.
 *
 * @param req - the path request
 * @returns the key
 * @example
 * ```ts
 * const known = req.remembered?.get(searchKey(req));
 * ```
 */
export function searchKey(req: PathRequest): string {
  let key = "";
  for (let i = 0; i < PARTS.length; i++) key += `${PARTS[i]!(req)}|`;
  return key;
}
