import { Decree130Error } from "../errors.js";
import type { KeyProtection } from "../model/trust-list.js";

/**
 * Which certificate profile a path is held to: `relying-party` (default) applies the RFC 5280 §6 validation steps;
 * `rfc5280-strict` also enforces the §4 issuance rules (key identifiers, serial form, criticality, name syntax).
 */
export type CertificateProfile = "relying-party" | "rfc5280-strict";


/** The strictness choices semantics.md names; each has a default. */
export interface Policy {
  /** `require`: revocation evidence is needed (default). `ignore`: judged as if nothing were revoked, with a warning. */
  readonly revocation: "require" | "ignore";
  /** `default`: SHA-1 and RSA 1024–2047 pass with a warning. `strict`: they fail. */
  readonly algorithms: "default" | "strict";
  /** `presumed`: sole control is presumed absent contrary evidence (default). `require-evidence`: key-storage evidence is needed. */
  readonly soleControl: "presumed" | "require-evidence";
  /** How far a claimed time may lie after the proven one before it counts as contradicted, in milliseconds. */
  readonly clockSkewMs: number;
  /** Certificate policy OIDs the caller accepts as proof that keys are hardware-protected (sole-control evidence). */
  readonly hardwarePolicies: readonly string[];
  /** Key-storage evidence the caller vouches for (e.g. a remote-signing service's receipt). */
  readonly keyProtection: KeyProtection | null;
  /**
   * `relying-party`: RFC 5280 §6 path validation (default). `rfc5280-strict`: the §4 issuance rules bind too (key
   * identifiers, serial form, criticality, name syntax); a path that breaks one fails `PROFILE_VIOLATION`.
   */
  readonly certificateProfile: CertificateProfile;
}

/** The default policy of semantics.md. */
export const DEFAULT_POLICY: Policy = {
  revocation: "require",
  algorithms: "default",
  soleControl: "presumed",
  clockSkewMs: 5 * 60 * 1000,
  hardwarePolicies: [],
  keyProtection: null,
  certificateProfile: "relying-party",
};

type Check = (value: unknown) => boolean;
const oneOf =
  (...allowed: readonly unknown[]): Check =>
  (v) =>
    allowed.includes(v);

/**
 * Each setting and the values it accepts: one table, so the CLI's `--policy` file and the API agree. Looked up only
 * through `Object.hasOwn`: `"__proto__"`, `"constructor"` or `"toString"` are unknown settings, not the prototype's.
 */
const SETTINGS: Readonly<Record<keyof Policy, Check>> = {
  revocation: oneOf("require", "ignore"),
  algorithms: oneOf("default", "strict"),
  soleControl: oneOf("presumed", "require-evidence"),
  clockSkewMs: (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 86_400_000,
  hardwarePolicies: (v) => Array.isArray(v) && v.every((s) => typeof s === "string" && /^\d+(\.\d+)+$/.test(s)),
  keyProtection: oneOf("usb-token", "remote-signing-hsm", "mobile-pki", null),
  certificateProfile: oneOf("relying-party", "rfc5280-strict"),
};

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

/**
 * Checks a policy object (from the API or a `--policy` JSON file) and fills in the defaults. Only the object's own
 * properties are read; a key that names no setting (`"__proto__"`, `"constructor"`, a misspelling) is refused.
 *
 * @param input - a partial policy; `undefined` gives the default
 * @returns the complete policy
 * @throws {@link Decree130Error} `POLICY_INVALID` naming the setting
 * @example
 * ```ts
 * const policy = resolvePolicy({ algorithms: "strict" });
 * ```
 */
export function resolvePolicy(input: unknown): Policy {
  if (input === undefined || input === null) return DEFAULT_POLICY;
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new Decree130Error("POLICY_INVALID", "policy must be an object");
  }
  const out: Record<string, unknown> = { ...DEFAULT_POLICY };
  // The input's own keys only, each looked up as an own key of the table: nothing an application added to
  // Object.prototype is read, and "__proto__" (an own key in parsed JSON) is an unknown setting.
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(SETTINGS, key)) throw new Decree130Error("POLICY_INVALID", `unknown policy setting ${JSON.stringify(key)}`);
    const value: unknown = (input as Record<string, unknown>)[key];
    if (!SETTINGS[key as keyof Policy](value)) {
      throw new Decree130Error("POLICY_INVALID", `policy setting "${key}" has an invalid value: ${describeValue(value)}`);
    }
    out[key] = value;
  }
  return out as unknown as Policy;
}
