/**
 * Why a fetch gave no bytes, and whether it was refused before anything was sent (`refused`) or tried and failed.
 * The engine reports a refused fetch as `FETCH_REFUSED` and a failed one as `FETCH_FAILED`, naming the URL and reason.
 *
 * | reason | refused | meaning |
 * | --- | --- | --- |
 * | `INVALID_URL` | yes | the URL does not parse |
 * | `REFUSED_SCHEME` | yes | not `http:` or `https:` |
 * | `REFUSED_CREDENTIALS` | yes | the URL carries a user name or password |
 * | `REFUSED_ADDRESS` | yes | loopback, private, link-local, CGNAT, unspecified or otherwise non-public address, written in the URL or resolved |
 * | `REFUSED_REDIRECT` | yes | a redirect to another scheme, or one whose target cannot be seen |
 * | `BUDGET` | yes | the validation's fetch count or time budget is spent |
 * | `TOO_MANY_REDIRECTS` | no | more redirects than allowed |
 * | `TIMEOUT` | no | no complete answer within the time allowed |
 * | `TOO_LARGE` | no | the response is larger than allowed |
 * | `HTTP_STATUS` | no | the server answered with a status other than 200 |
 * | `NETWORK` | no | DNS, connection or TLS failure, or a fetcher error without a reason |
 * | `ABORTED` | no | the caller aborted |
 *
 * @example
 * ```ts
 * const warning = FETCH_FAILURE_REASONS[err.reason].refused ? "FETCH_REFUSED" : "FETCH_FAILED";
 * ```
 */
export const FETCH_FAILURE_REASONS = Object.freeze({
  INVALID_URL: { refused: true },
  REFUSED_SCHEME: { refused: true },
  REFUSED_CREDENTIALS: { refused: true },
  REFUSED_ADDRESS: { refused: true },
  REFUSED_REDIRECT: { refused: true },
  BUDGET: { refused: true },
  TOO_MANY_REDIRECTS: { refused: false },
  TIMEOUT: { refused: false },
  TOO_LARGE: { refused: false },
  HTTP_STATUS: { refused: false },
  NETWORK: { refused: false },
  ABORTED: { refused: false },
} as const);

/** A reason code from {@link FETCH_FAILURE_REASONS}. */
export type FetchFailureReason = keyof typeof FETCH_FAILURE_REASONS;

/**
 * The error a fetcher rejects with: the URL asked for, a stable reason, and whether the fetch was refused before
 * anything was sent. A fetch failure is never an error of `validate()`: the engine turns it into a warning.
 *
 * @example
 * ```ts
 * try {
 *   await fetcher("http://10.0.0.1/ca.crl", { kind: "crl", signal });
 * } catch (err) {
 *   if (isFetchError(err) && err.reason === "REFUSED_ADDRESS") console.log(err.message);
 * }
 * ```
 */
export class FetchError extends Error {
  override readonly name = "FetchError";
  /** Why: see {@link FETCH_FAILURE_REASONS}. */
  readonly reason: FetchFailureReason;
  /** The URL asked for (a redirect's target, if that was the problem, is in the message). */
  readonly url: string;
  /** Whether nothing was sent: refused by policy or budget, not tried. */
  readonly refused: boolean;

  /**
   * @param reason - the stable reason
   * @param url - the URL asked for
   * @param message - an English explanation for people
   * @param options - the underlying cause, if any
   */
  constructor(reason: FetchFailureReason, url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.url = url;
    this.refused = FETCH_FAILURE_REASONS[reason].refused;
  }
}

/**
 * Tells whether a value is a {@link FetchError}, also across realms and duplicated packages.
 *
 * @param value - anything caught
 * @returns `true` when it carries the name `FetchError`, a known reason and a URL
 * @example
 * ```ts
 * if (isFetchError(err)) console.log(err.reason, err.url);
 * ```
 */
export function isFetchError(value: unknown): value is FetchError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { name?: unknown; reason?: unknown; url?: unknown };
  return v.name === "FetchError" && typeof v.url === "string" && typeof v.reason === "string" && Object.hasOwn(FETCH_FAILURE_REASONS, v.reason);
}
