/** Shared shapes and helpers of the conformance harnesses (run with `npm run conformance`). */
import type { SigningTimes } from "../src/time/signing-time.js";

/** One case's outcome: `actual` is `skipped` (with a reason) or `hung` when it was not judged. */
export interface CaseResult {
  readonly id: string;
  readonly expected: string;
  readonly actual: string;
  readonly reason?: string;
  /** Wall time of the case in milliseconds (informative; CI never asserts on it). */
  readonly ms?: number;
}

/** One suite's tally, as written to conformance/results.json. */
export interface SuiteResult {
  readonly total: number;
  readonly agree: number;
  readonly disagree: number;
  readonly skipped: number;
  readonly hung: number;
  /** Slowest case, milliseconds. */
  readonly maxMs: number;
  readonly cases: readonly CaseResult[];
}

/** How a case's outcome is counted. */
export type Verdict = "agree" | "disagree" | "skipped" | "hung";

/**
 * Counts a suite's results by verdict.
 *
 * @param cases - every case with its verdict
 * @returns the tally written to results.json
 * @example
 * ```ts
 * tally([{ id: "4.1.1", expected: "valid", actual: "valid", verdict: "agree" }]).agree; // 1
 * ```
 */
export function tally(cases: readonly (CaseResult & { readonly verdict: Verdict })[]): SuiteResult {
  const count = (v: Verdict): number => cases.filter((c) => c.verdict === v).length;
  return {
    total: cases.length,
    agree: count("agree"),
    disagree: count("disagree"),
    skipped: count("skipped"),
    hung: count("hung"),
    maxMs: Math.max(0, ...cases.map((c) => c.ms ?? 0)),
    // The verdict is implied by expected/actual/reason; it is kept for readers of the JSON.
    cases: cases.map((c) => ({ ...c })),
  };
}

/** Milliseconds one case may take before it counts as hung (a detector, not an assertion). */
export const CASE_BUDGET_MS = Number(process.env.CONFORMANCE_CASE_BUDGET_MS ?? 5000);

/** x509-limbo's budget: one second per case, pathological path-building cases included. */
export const LIMBO_CASE_BUDGET_MS = Number(process.env.CONFORMANCE_LIMBO_BUDGET_MS ?? 1000);

/**
 * Runs one case with a hang detector: a case still running after `budgetMs` is reported `hung`.
 *
 * @param work - the case
 * @param budgetMs - the budget
 * @returns the value (or the error it threw), whether it hung, and the elapsed time
 * @example
 * ```ts
 * const t = await timed(() => judgeCase(c, env), 1000);
 * if (t.hung) console.log(`over budget after ${t.ms} ms`);
 * ```
 */
export async function timed<T>(work: () => Promise<T>, budgetMs = CASE_BUDGET_MS): Promise<{ value?: T; hung: boolean; ms: number; error?: unknown }> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hung">((resolve) => {
    timer = setTimeout(() => resolve("hung"), budgetMs);
  });
  try {
    const out = await Promise.race([work().then((value) => ({ value })), hang]);
    const ms = Math.round(performance.now() - start);
    // A case that blocked the event loop past its budget finishes before the timer can fire: over budget is hung too.
    if (out === "hung" || ms > budgetMs) return { hung: true, ms };
    return { value: out.value, hung: false, ms };
  } catch (error) {
    return { hung: false, ms: Math.round(performance.now() - start), error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The bytes of the first PEM block.
 *
 * @param pem - PEM text
 * @returns the DER bytes
 * @example
 * ```ts
 * decodeCertificate(pemToDer(c.peer_certificate));
 * ```
 */
export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----BEGIN [^-]+-----|-----END [^-]+-----|\s+/g, "");
  return new Uint8Array(Buffer.from(body, "base64"));
}

/** Where the public suites live (override with CONFORMANCE_SUITES). */
export const SUITES_DIR = process.env.CONFORMANCE_SUITES ?? new URL("../test/corpora/suites/", import.meta.url).pathname;

/**
 * The signing times of a suite case judged at one moment with no signing-time claim: the time rules then compare every
 * certificate against `time` alone.
 *
 * @param time - the validation time, ms since the epoch
 * @returns signing times for judgeTimes
 * @example
 * ```ts
 * judgeTimes(cert, timesAt(Date.parse("2011-04-15T00:00:00Z")), finding).code;
 * ```
 */
export function timesAt(time: number): SigningTimes {
  return { now: time, claim: undefined, contradictedClaim: undefined, poe: undefined, up: time, notBefore: undefined, reported: { value: time, source: "validation-time" } };
}
