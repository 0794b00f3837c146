const ids = new WeakMap<object, number>();
let next = 1;

/**
 * A number that stands for one object for as long as it lives, for building string cache keys from objects that have no
 * content of their own to key on (a `CryptoKey`, a `Crypto` implementation). Held weakly: no object is kept alive.
 *
 * @param object - any object
 * @returns its number, the same on every call, never shared with another live object
 * @example
 * ```ts
 * const key = `${objectId(cryptoKey)}|${params}`;
 * ```
 */
export function objectId(object: object): number {
  let id = ids.get(object);
  if (id === undefined) ids.set(object, (id = next++));
  return id;
}
