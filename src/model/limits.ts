/** Bounds on what one validation accepts, so hostile input costs bounded time and memory. */
export interface Limits {
  /** Largest signature file, in bytes. */
  readonly maxInputBytes: number;
  /** Most certificates, embedded and supplied together. */
  readonly maxCertificates: number;
  /** Most SignerInfos in one SignedData. */
  readonly maxSigners: number;
  /** Most CRLs and OCSP responses, embedded and supplied together. */
  readonly maxRevocationObjects: number;
  /**
   * Most candidate issuer certificates examined by all the path searches of one file together (every signer, timestamp
   * and CRL signer); past it, the searches still running end as "budget exhausted" (no path, so INDETERMINATE).
   */
  readonly maxPathCandidates: number;
  /** Most certificate signature verifications by all the path searches of one file together; past it, as above. */
  readonly maxPathSignatureChecks: number;
}

/**
 * The default limits: generous for real documents (a Vietnamese e-invoice carries 1–3 signatures and 2–4 certificates),
 * small enough that a crafted file cannot exhaust a browser tab.
 */
export const DEFAULT_LIMITS: Limits = {
  maxInputBytes: 32 * 1024 * 1024,
  maxCertificates: 200,
  maxSigners: 64,
  maxRevocationObjects: 64,
  maxPathCandidates: 1000,
  maxPathSignatureChecks: 500,
};

/**
 * One table of limits in force: the defaults, with the caller's own values for the table's keys over them. Keys of
 * other tables are left to them (one `limits` object serves the CMS, PDF and XML readers); a value left `undefined`
 * keeps its default. A value that is not a positive safe integer, or above its ceiling, is misuse: a limit is never
 * silently switched off (`NaN` or a string compared with a count would let every count through).
 *
 * @param defaults - the table's keys and default values
 * @param given - the caller's limits, if any
 * @param ceilings - the highest value a key may take, where the reader needs one
 * @returns the complete table
 * @throws TypeError for `given` that is not an object, or a value that is not a positive safe integer within its ceiling
 * @example
 * ```ts
 * resolveLimitTable(DEFAULT_LIMITS, { maxSigners: 8, maxDepth: 64 }).maxSigners; // 8 (maxDepth is another table's)
 * ```
 */
export function resolveLimitTable<T extends { readonly [K in keyof T]: number }>(
  defaults: T,
  given: unknown,
  ceilings: { readonly [K in keyof T]?: number } = {},
): T {
  if (given === undefined || given === null) return { ...defaults };
  if (typeof given !== "object") throw new TypeError("options.limits must be an object");
  const out: Record<string, number> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    if (!Object.hasOwn(given, key)) continue;
    const value: unknown = (given as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`limits.${key} must be a positive integer`);
    }
    const ceiling = ceilings[key as keyof T];
    if (ceiling !== undefined && value > ceiling) throw new TypeError(`limits.${key} must be at most ${ceiling}`);
    out[key] = value;
  }
  return out as unknown as T;
}

/**
 * The CMS and engine limits in force: {@link DEFAULT_LIMITS} with the caller's values over them.
 *
 * @param given - the caller's limits, if any (keys of the PDF or XML readers are left to them)
 * @returns the complete limits
 * @throws TypeError for a value that is not a positive safe integer
 * @example
 * ```ts
 * resolveLimits({ maxCertificates: 50 }).maxSigners; // 64
 * ```
 */
export function resolveLimits(given: unknown): Limits {
  return resolveLimitTable(DEFAULT_LIMITS, given);
}
