/**
 * A bounded least-recently-used map. A `Map` keeps insertion order, so its first key is the least recently used one:
 * `get` moves a hit to the end, `set` evicts from the front once full.
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
  const entries = new Map<K, V>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
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
