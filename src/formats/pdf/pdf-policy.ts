import { Decree130Error } from "../../errors.js";

/** The PDF policy setting of pdf.md (policy `{"pdf": {...}}`). */
export interface PdfPolicy {
  /** `allow` (default): comments added after signing are reported, allowed. `reject`: they make the changes `DISALLOWED`. */
  readonly annotationsAfterSigning: "allow" | "reject";
}

/** The default PDF policy. */
export const DEFAULT_PDF_POLICY: PdfPolicy = { annotationsAfterSigning: "allow" };

const SETTINGS: Readonly<Record<keyof PdfPolicy, readonly unknown[]>> = {
  annotationsAfterSigning: ["allow", "reject"],
};

/**
 * Checks the `pdf` part of a policy and fills in the defaults.
 *
 * @param input - the `pdf` object of a policy, or `undefined`
 * @returns the complete PDF policy
 * @throws {@link Decree130Error} `POLICY_INVALID` naming the setting
 * @example
 * ```ts
 * resolvePdfPolicy({ annotationsAfterSigning: "reject" });
 * ```
 */
export function resolvePdfPolicy(input: unknown): PdfPolicy {
  if (input === undefined || input === null) return DEFAULT_PDF_POLICY;
  if (typeof input !== "object" || Array.isArray(input)) throw new Decree130Error("POLICY_INVALID", "policy.pdf must be an object");
  const out: Record<string, unknown> = { ...DEFAULT_PDF_POLICY };
  for (const [key, value] of Object.entries(input)) {
    const allowed = Object.hasOwn(SETTINGS, key) ? SETTINGS[key as keyof PdfPolicy] : undefined;
    if (!allowed) throw new Decree130Error("POLICY_INVALID", `unknown policy setting "pdf.${key}"`);
    if (!allowed.includes(value)) throw new Decree130Error("POLICY_INVALID", `policy setting "pdf.${key}" has an invalid value: ${JSON.stringify(value)}`);
    out[key] = value;
  }
  return out as unknown as PdfPolicy;
}
