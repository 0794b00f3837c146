import { MemoSlot } from "./memo-slot.js";

let next = 1;
const ids = new WeakMap<object, number>();
const madeIds = new MemoSlot<object, number>();

/**
 * A number that stands for one object for as long as it lives, for building string cache keys from objects that have no
 * content of their own to key on (a `Crypto` implementation, a trust list). Held weakly: no object is kept alive.
 *
 * @param object - any object
 * @param table - where the numbers are kept: a table that dies with the objects it numbers costs the garbage collector
 *   nothing (see {@link MemoSlot}); numbers are unique across all tables
 * @returns its number, the same on every call with the same table, never shared with another live object
 * @example
 * ```ts
 * const key = `${objectId(trustList)}|${params}`;
 * ```
 */
export function objectId(object: object, table: WeakMap<object, number> = ids): number {
  let id = table.get(object);
  if (id === undefined) table.set(object, (id = next++));
  return id;
}

/**
 * {@link objectId} for objects this library made (a decoded certificate, CRL or name), kept on the object itself: never
 * for an object a caller owns, nor one that may be a proxy of it.
 *
 * @param object - an object this library made
 * @returns its number, unique among live objects of either function
 * @example
 * ```ts
 * for (const c of candidates) key += `${madeObjectId(c)},`;
 * ```
 */
export function madeObjectId(object: object): number {
  let id = madeIds.get(object);
  if (id === undefined) madeIds.set(object, (id = next++));
  return id;
}
