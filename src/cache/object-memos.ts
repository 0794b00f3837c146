import { MemoSlot } from "./memo-slot.js";

/**
 * A value derived from one decoded object (a certificate, a CRL), kept with the object for as long as it lives and
 * never longer: the object holds it in one hidden slot (see `memo-slot.ts`), so a memo costs the garbage collector
 * nothing and dies with a one-off validation's objects. Derived values are pure functions of the object (and of the
 * key given with it), so whichever validation computed one, every other gets the same answer.
 *
 * @typeParam K - the objects (decoded by this library: never a caller's)
 * @typeParam V - what is kept about each
 * @example
 * ```ts
 * const summaries = new ObjectMemo<Certificate, Summary>("signer summary");
 * const s = summaries.get(cert) ?? summaries.set(cert, summarize(cert));
 * ```
 */
export class ObjectMemo<K extends object, V> {
  readonly #slot = new MemoSlot<K, V>();

  /** @param name - what is kept, for the table of tables in docs/architecture.md */
  constructor(readonly name: string) {}

  /**
   * @param key - the object
   * @returns what is kept about it, or `undefined`
   */
  get(key: K): V | undefined {
    return this.#slot.get(key);
  }

  /**
   * @param key - the object
   * @param value - what to keep about it
   * @returns `value`
   */
  set(key: K, value: V): V {
    this.#slot.set(key, value);
    return value;
  }
}
