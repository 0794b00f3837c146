/** Timing helpers: interleaved rounds, medians, a bounded-concurrency pool. */

/** A named piece of work run once per item. */
export interface Contender {
  readonly name: string;
  /** Runs one round over all items; returns how many operations it did. */
  readonly round: () => Promise<number>;
}

/** How long each contender runs untimed before the timed rounds (`BENCH_WARMUP_MS`, default 2000). */
export const WARMUP_MS = Number(process.env["BENCH_WARMUP_MS"] ?? 2000);

/** A full garbage collection when Node exposes one (`--expose-gc`); nothing otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** What a race measured: per contender, milliseconds per operation in each timed round, in round order. */
export class RaceResult {
  constructor(private readonly samples: ReadonlyMap<string, readonly number[]>) {}

  /** Median milliseconds per operation of a contender. */
  ms(name: string): number {
    return median(this.rounds(name));
  }

  /** A contender's milliseconds per operation, round by round. */
  rounds(name: string): readonly number[] {
    const s = this.samples.get(name);
    if (s === undefined) throw new Error(`no contender ${name} in this race`);
    return s;
  }

  /**
   * A contender's time over a baseline's, as the median of the per-round ratios: each round's two runs were made
   * moments apart, so a slow minute of a shared machine slows both alike and cancels out, where a ratio of medians
   * would divide medians taken in different minutes.
   */
  ratio(name: string, baseline: string): number {
    return median(this.ratios(name, baseline));
  }

  /** The per-round ratios {@link RaceResult.ratio} takes the median of, in round order. */
  ratios(name: string, baseline: string): number[] {
    const b = this.rounds(baseline);
    return this.rounds(name).map((v, i) => v / b[i]!);
  }
}

/** How a race treats the heap between timed rounds. */
export interface RaceOptions {
  /**
   * Collect garbage (a forced full collection) before each timed round, so no contender pays for the garbage of the
   * one before. For races with pkijs, which leaves a lot. Not for decree130 against its floors: after a forced full
   * collection, the next few hundred validations ran slower than in steady state (V8 drops what it learnt about dead
   * object shapes and re-optimises), so a collection before every round made each round pay that again. RSA-2048 on
   * this machine, same code: warm 1.17–1.23× floor with forced collections, 0.59× without; one-off 1.53–1.58× the
   * cold floor with, 1.32–1.44× without. The floors, which allocate little, were not slowed. No service forces a full
   * collection before every few hundred requests.
   */
  readonly collectBetweenRounds: boolean;
}

/**
 * Runs every contender's round `rounds` times, interleaved (A B C, A B C, ...) so that a busy machine slows all of them
 * alike, after untimed warm-up rounds for {@link WARMUP_MS} each.
 */
export async function race(contenders: readonly Contender[], rounds: number, options: RaceOptions): Promise<RaceResult> {
  // JIT warm-up, by time rather than by count: a validation reaches its steady speed only after a few thousand runs
  // (compiled code, inline caches, the heap's young generation growing to its working size), and so does pkijs.
  for (const c of contenders) {
    const until = performance.now() + WARMUP_MS;
    do await c.round();
    while (performance.now() < until);
  }
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) {
      // Available when Node runs with --expose-gc, as `npm run bench` does.
      if (options.collectBetweenRounds) collectGarbage();
      const t = performance.now();
      const ops = await c.round();
      samples.get(c.name)!.push((performance.now() - t) / ops);
    }
  }
  return new RaceResult(samples);
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function pool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
