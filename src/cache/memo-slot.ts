/** The one property a memo slot adds to an object: its memos, by slot. */
const MEMOS: unique symbol = Symbol("decree130.memos");

/** An object's memos, by slot, with the object they belong to: one that inherits them from its prototype has none. */
class Memos extends Map<object, unknown> {
  constructor(readonly owner: object) {
    super();
  }
}

interface WithMemos {
  [MEMOS]?: Memos;
}

/**
 * A memo about an object, kept on the object itself (one hidden, non-enumerable property holding all its memos) rather
 * than in a module-level `WeakMap`. A long-lived `WeakMap` keyed by short-lived objects makes every young-generation
 * collection walk its entries as ephemerons: about 20 entries per one-off validation, whose decoded objects all die
 * young, made each minor collection about ten times as long. A memo on the object dies with it and costs the collector
 * nothing. Objects that take no new property (frozen, sealed, some proxies) are remembered in a `WeakMap` instead.
 *
 * Like a `WeakMap`, a slot never keeps its key alive, and a copy of the object (spread, `structuredClone`) does not
 * carry the memo.
 *
 * @typeParam K - the objects it is about
 * @typeParam V - what is remembered about each
 * @example
 * ```ts
 * const lengths = new MemoSlot<Certificate, number>();
 * let n = lengths.get(cert);
 * if (n === undefined) lengths.set(cert, (n = cert.der.length));
 * ```
 */
export class MemoSlot<K extends object, V> {
  #fallback: WeakMap<K, V> | undefined;

  /**
   * @param key - the object
   * @returns what was remembered about it, or `undefined`
   */
  get(key: K): V | undefined {
    const memos = (key as WithMemos)[MEMOS];
    if (memos?.owner === key) return memos.get(this) as V | undefined;
    return this.#fallback?.get(key);
  }

  /**
   * @param key - the object
   * @param value - what to remember about it
   * @returns this slot
   */
  set(key: K, value: V): this {
    let memos = (key as WithMemos)[MEMOS];
    if (memos?.owner !== key) {
      memos = new Memos(key);
      // Refused by a frozen or sealed object, or a proxy whose target already holds memos of its own.
      if (!Reflect.defineProperty(key, MEMOS, { value: memos })) {
        (this.#fallback ??= new WeakMap()).set(key, value);
        return this;
      }
    }
    memos.set(this, value);
    return this;
  }
}
