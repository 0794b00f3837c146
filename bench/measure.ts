/** Timing helpers: interleaved rounds, medians, a bounded-concurrency pool. */

/** A named piece of work run once per item. */
export interface Contender {
  readonly name: string;
  /** Runs one round over all items; returns how many operations it did. */
  readonly round: () => Promise<number>;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs every contender's round `rounds` times, interleaved (A B C, A B C, ...) so that a busy machine slows all of them
 * alike, after one untimed warm-up round each. Returns the median milliseconds per operation of each.
 */
export async function race(contenders: readonly Contender[], rounds: number): Promise<Map<string, number>> {
  for (const c of contenders) await c.round();
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) {
      const t = performance.now();
      const ops = await c.round();
      samples.get(c.name)!.push((performance.now() - t) / ops);
    }
  }
  return new Map([...samples].map(([k, v]) => [k, median(v)]));
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function pool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
