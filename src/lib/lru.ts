/**
 * A bounded, approximately least-recently-used map. A `Map` keeps insertion order and `set` evicts from the front once
 * full; `get` moves a hit to the end once half the capacity has been inserted since it was last placed. So an entry
 * used at least once every `maxEntries / 2` insertions is never evicted, and a hot entry costs one look-up per hit.
 */
export interface Lru<K, V> {
  /** The value under `key`, marked as most recently used; `undefined` when absent. */
  get(key: K): V | undefined;
  /** Stores `value` under `key`, evicting the least recently used entry when full. */
  set(key: K, value: V): void;
  /** Removes `key`. */
  delete(key: K): void;
  /** How many entries are held (never more than the bound). */
  readonly size: number;
}

/**
 * Creates a bounded LRU map.
 *
 * @param maxEntries - how many entries to keep (at least 1; fractions are rounded down)
 * @returns the map
 * @example
 * ```ts
 * const lru = createLru<string, number>(2);
 * lru.set("a", 1); lru.set("b", 2); lru.set("c", 3);
 * lru.get("a"); // undefined: evicted
 * ```
 */
export function createLru<K, V>(maxEntries: number): Lru<K, V> {
  const limit = Math.max(1, Math.floor(Number.isFinite(maxEntries) ? maxEntries : 1));
  const entries = new Map<K, { value: V; at: number }>();
  // Insertions so far: how long ago an entry was placed, to know when a hit must be moved away from the front.
  let clock = 0;
  const insert = (key: K, value: V): void => {
    entries.delete(key);
    entries.set(key, { value, at: ++clock });
  };
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit === undefined) return undefined;
      if (clock - hit.at >= limit >> 1) insert(key, hit.value);
      return hit.value;
    },
    set(key, value) {
      insert(key, value);
      // At most one eviction per insertion once full: the loop is bounded by the overshoot, which is 1.
      while (entries.size > limit) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
