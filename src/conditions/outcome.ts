import type { Message } from "../model/message.js";
import type { ConditionCode } from "./codes.js";

/** Values a message may name: the report fills each code's template with them, in both languages. */
export type MessageParams = Readonly<Record<string, string | number | Message | null | undefined>>;

/**
 * What a condition concluded, as a value the report stage turns into a finding: the code (whose status the code table
 * fixes), the evidence used, the message's values, and typed facts for the rest of the report.
 *
 * @typeParam F - the facts this condition hands on (none for most)
 */
export interface Outcome<F = undefined> {
  readonly code: ConditionCode;
  /** The facts used, JSON-ready, as the report shows them. Fields are added over time, never renamed. */
  readonly evidence: Readonly<Record<string, unknown>>;
  /** Values for the code's message. */
  readonly params: MessageParams;
  /** Typed facts later stages read (never the evidence's string keys). */
  readonly facts: F;
}

/**
 * An outcome without facts.
 *
 * @param code - the code
 * @param evidence - the facts used
 * @param params - values for the message
 * @returns the outcome
 * @example
 * ```ts
 * return outcome("SIGNING_CERT_NOT_FOUND");
 * ```
 */
export function outcome(code: ConditionCode, evidence: Readonly<Record<string, unknown>> = {}, params: MessageParams = {}): Outcome {
  return { code, evidence, params, facts: undefined };
}
