import type { ConditionResult, Verdict } from "./types.js";

/**
 * The verdict from the four conditions: `NOT_SECURE` if any failed, `SECURE` if all passed, else `INDETERMINATE`.
 *
 * @param conditions - the four results
 * @returns the verdict
 * @example
 * ```ts
 * verdictOf(report.conditions); // "SECURE"
 * ```
 */
export function verdictOf(conditions: Readonly<Record<string, Pick<ConditionResult, "status">>>): Verdict {
  const statuses = Object.values(conditions).map((c) => c.status);
  if (statuses.length !== 4) return "INDETERMINATE";
  if (statuses.includes("FAILED")) return "NOT_SECURE";
  return statuses.every((s) => s === "PASSED") ? "SECURE" : "INDETERMINATE";
}
