import { latin1 } from "../lib/bytes.js";

/**
 * {@link latin1} of a decoded object's view (a certificate's `spki`), made once per view. Decoded objects are
 * snapshots whose views never change, and one SPKI view takes part in several look-ups (its key import, each signature
 * it is asked to check): a 300-octet key string was built for each.
 *
 * @param view - a view belonging to a decoded object
 * @returns the same string `latin1(view)` gives
 * @example
 * ```ts
 * const key = viewKey(issuer.spki);
 * ```
 */
export function viewKey(view: Uint8Array): string {
  let key = viewKeys.get(view);
  if (key === undefined) viewKeys.set(view, (key = latin1(view)));
  return key;
}

/** Weak: a key lives as long as its view. */
const viewKeys = new WeakMap<Uint8Array, string>();
