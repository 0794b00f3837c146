/** Octets per `String.fromCharCode` call, well below engines' argument limits. */
const CHUNK = 8192;

/**
 * A string that identifies some bytes exactly, for use as a `Map` key: one Latin-1 character per octet, so distinct
 * inputs never collide and no hashing is needed.
 *
 * @param bytes - the bytes (an SPKI, a DER object)
 * @returns the key
 * @example
 * ```ts
 * cache.get(bytesKey(cert.spki));
 * ```
 */
export function bytesKey(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    // `apply` takes the typed array as the argument list directly: several times faster than spreading it.
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return s;
}

/**
 * {@link bytesKey} of a decoded object's view (a certificate's `spki`), made once per view. Decoded objects are
 * snapshots whose views never change, and one SPKI view takes part in several look-ups (its key import, each signature
 * it is asked to check): a 300-octet key string was built for each.
 *
 * @param view - a view belonging to a decoded object
 * @returns the same string `bytesKey(view)` gives
 * @example
 * ```ts
 * const key = viewKey(issuer.spki);
 * ```
 */
export function viewKey(view: Uint8Array): string {
  let key = viewKeys.get(view);
  if (key === undefined) viewKeys.set(view, (key = bytesKey(view)));
  return key;
}

/** Weak: a key lives as long as its view. */
const viewKeys = new WeakMap<Uint8Array, string>();
