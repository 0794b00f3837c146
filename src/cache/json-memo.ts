/** What was made from a caller's JSON object, beside a private copy of the object as it was then. */
export interface JsonMemoEntry<T> {
  readonly snapshot: unknown;
  readonly value: T;
}

/** Values made from callers' JSON objects (a trust list), by the object; each goes when the caller's object does. */
export type JsonMemo<T> = WeakMap<object, JsonMemoEntry<T>>;

/** Whether a value is a plain JSON-like tree: plain objects, arrays and primitives only. */
function plain(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return typeof value !== "function" && typeof value !== "symbol";
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** Deep equality of two plain trees: the same keys with the same values at every level. */
function sameTree(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || !plain(a) || !plain(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameTree((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A private copy of a plain tree, or `undefined` when it holds anything else (then nothing is remembered). */
function snapshotOf(value: unknown, depth = 0): { readonly copy: unknown } | undefined {
  if (!plain(value) || depth > 64) return undefined;
  if (typeof value !== "object" || value === null) return { copy: value };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const s = snapshotOf(item, depth + 1);
      if (!s) return undefined;
      out.push(s.copy);
    }
    return { copy: out };
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const s = snapshotOf((value as Record<string, unknown>)[k], depth + 1);
    if (!s) return undefined;
    out[k] = s.copy;
  }
  return { copy: out };
}

/**
 * What `make` returns for a caller's JSON object, made once while the caller passes the same object unchanged: a hit
 * requires the object to equal, key for key and value for value, the private copy taken when the value was made, so
 * an object changed in place is made afresh. Only plain trees (objects, arrays, primitives) are remembered, and only
 * when `make` succeeds; anything else is made on every call.
 *
 * @param memo - the table
 * @param json - the caller's object
 * @param make - makes the value from it (throws as it would without the memo)
 * @returns the value
 * @example
 * ```ts
 * const list = rememberJson(tables.trustLists, options.trustList, () => loadTrustList(options.trustList));
 * ```
 */
export function rememberJson<T>(memo: JsonMemo<T>, json: object, make: () => T): T {
  const kept = memo.get(json);
  if (kept && sameTree(kept.snapshot, json)) return kept.value;
  const value = make();
  const snapshot = snapshotOf(json);
  if (snapshot) memo.set(json, { snapshot: snapshot.copy, value });
  else memo.delete(json);
  return value;
}
