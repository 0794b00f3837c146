import type { PathFailure } from "./types.js";

/**
 * Why one check rejected a path: the RFC 5280 reason, the index in the path (signing certificate 0) and an explanation.
 *
 * @example
 * ```ts
 * const issue: PathIssue = { reason: "NOT_A_CA", index: 1, detail: "basicConstraints cA is false" };
 * ```
 */
export interface PathIssue {
  readonly reason: PathFailure;
  readonly index: number;
  readonly detail: string;
}
