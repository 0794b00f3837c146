import type { TrustList } from "../model/trust-list.js";
import { indexTrustList } from "./anchor-index.js";

/**
 * Joins trust lists into one: every provider of each, in order, re-indexed. The usual use is the built-in Vietnamese
 * list plus an organisation's own list of Art. 40 specialized providers.
 *
 * @param name - the combined list's name
 * @param lists - lists already loaded (and so already validated)
 * @returns a new trust list holding all their providers
 * @example
 * ```ts
 * const trust = combineTrustLists("VN + ours", vietnamTrustList(), loadTrustList(ourSpecializedJson));
 * ```
 */
export function combineTrustLists(name: string, ...lists: readonly TrustList[]): TrustList {
  return indexTrustList(name, lists.flatMap((l) => l.providers));
}
