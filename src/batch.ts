import { createValidationCache } from "./cache/validation-cache.js";
import type { Report } from "./report/types.js";
import { asTrustList } from "./trust/load.js";
import { validate, type ValidateOptions } from "./validate.js";

/** One signature file of a batch, with what differs per file (content, evidence, times). */
export interface BatchInput {
  /** The signature file: DER, PEM or base64. */
  readonly input: Uint8Array | string;
  /** Per-file options, overriding the shared ones (e.g. `content` for a detached signature). */
  readonly options?: Partial<ValidateOptions> | undefined;
}

/** Options of {@link validateMany}: the shared {@link ValidateOptions}, and how many validations run at once. */
export interface ValidateManyOptions extends ValidateOptions {
  /** Most validations in flight at once (1 to 256). Default 8. */
  readonly concurrency?: number | undefined;
}

/** The outcome of one file: its report, or the error that made it unreadable (other files carry on). */
export type BatchResult =
  | { readonly ok: true; readonly report: Report }
  | { readonly ok: false; readonly error: unknown };

/** Upper bound on `concurrency`, so a typo cannot start thousands of validations at once. */
export const MAX_CONCURRENCY = 256;

/**
 * Validates many signature files with bounded concurrency and one shared `ValidationCache` (the caller's, or a
 * fresh one for the batch), so keys, CA certificate checks and CRLs are reused across files. Results are in input
 * order. A file that is not a readable signature gives `{ ok: false, error }` for that file only.
 *
 * @param inputs - the files, each with optional per-file options
 * @param options - the shared options (trust list, CRLs, time, policy, cache) and `concurrency`
 * @returns one result per input, in order
 * @throws TypeError for misuse of the shared options: no trust list, an invalid `concurrency`
 * @example
 * ```ts
 * const results = await validateMany(
 *   files.map((f) => ({ input: f.p7s, options: { content: f.pdf } })),
 *   { trustList, crls, concurrency: 8 },
 * );
 * for (const r of results) if (r.ok) console.log(r.report.signatures[0]?.verdict);
 * ```
 */
export async function validateMany(inputs: readonly BatchInput[], options: ValidateManyOptions): Promise<BatchResult[]> {
  // Loaded once for the whole batch when given as JSON.
  const trustList = asTrustList(typeof options === "object" && options !== null ? options.trustList : undefined);
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new TypeError(`options.concurrency must be an integer from 1 to ${MAX_CONCURRENCY}`);
  }
  const base: ValidateOptions = { ...options, trustList, cache: options.cache ?? createValidationCache() };
  const results: BatchResult[] = new Array<BatchResult>(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    // Each worker takes the next unclaimed index; the loop ends after at most inputs.length claims overall.
    while (next < inputs.length) {
      const i = next++;
      const item = inputs[i]!;
      try {
        results[i] = { ok: true, report: await validate(item.input, { ...base, ...item.options }) };
      } catch (error) {
        // One unreadable file (or bad per-file options) must not sink the batch: its error is its result.
        results[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
  return results;
}
