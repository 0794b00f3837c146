import type { MessageParams } from "../conditions/outcome.js";
import { ARTICLES, CONDITION_CODES, type ConditionCode, type WarningCode } from "./codes.js";
import { MESSAGES_EN } from "./messages.en.js";
import { MESSAGES_VI } from "./messages.vi.js";
import type { ConditionName, ConditionResult, Message, Warning } from "./types.js";

export type { MessageParams } from "../conditions/outcome.js";

/** Templates split once into text and placeholder names (odd indices), since every report fills several. */
const compiled = new Map<string, readonly string[]>();

function fill(template: string, params: MessageParams, lang: keyof Message): string {
  let parts = compiled.get(template);
  if (parts === undefined) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const v = params[parts[i]!];
    out += (v === undefined || v === null ? "—" : typeof v === "object" ? v[lang] : String(v)) + parts[i + 1]!;
  }
  return out;
}

/**
 * The message for a code in both languages.
 *
 * @param code - a condition or warning code
 * @param params - values for the placeholders
 * @returns the Vietnamese and English texts
 */
export function messageFor(code: ConditionCode | WarningCode, params: MessageParams = {}): Message {
  return { vi: fill(MESSAGES_VI[code], params, "vi"), en: fill(MESSAGES_EN[code], params, "en") };
}

/**
 * A condition result from its code: the status comes from the code table, so a code can never carry the wrong status.
 *
 * @param condition - which condition reports
 * @param code - the code
 * @param evidence - the facts used
 * @param params - values for the message placeholders
 * @returns the result
 */
export function finding(
  condition: ConditionName,
  code: ConditionCode,
  evidence: Readonly<Record<string, unknown>> = {},
  params: MessageParams = {},
): ConditionResult {
  return {
    status: CONDITION_CODES[code].status,
    code,
    article: ARTICLES[condition],
    message: messageFor(code, params),
    evidence,
  };
}

/**
 * A warning from its code.
 *
 * @param code - the warning code
 * @param params - values for the message placeholders
 * @returns the warning
 */
export function warning(code: WarningCode, params: MessageParams = {}): Warning {
  return { code, message: messageFor(code, params) };
}
