import type { Certificate } from "../model/certificate.js";
import type { TrustService } from "../model/trust-list.js";
import {
  checkCaCertificates,
  checkCriticalExtensions,
  checkNameChaining,
  checkNames,
  checkPathLength,
  checkPolicies,
  checkProfile,
  checkRequiredUsage,
  checkServiceUsage,
  checkSignatures,
  type PathCheck,
  type PathContext,
  type PathOptions,
} from "./checks.js";
import type { PathIssue } from "./path-issue.js";
import { STRICT_PROFILE_CHECKS } from "./profile-checks.js";
import type { SignatureChecker } from "./signatures.js";

/**
 * The RFC 5280 §6.1 steps, run in this order; the first failure is reported. Time rules (validity dates, revocation)
 * are not here: the caller judges them. Certificate-policy processing (§6.1.3(d)-(f), §6.1.4(a)-(j)) is `checkPolicies`.
 *
 * @example
 * ```ts
 * await validatePath(path, "signing", sigs, [...PATH_CHECKS, checkPolicies]);
 * ```
 */
export const PATH_CHECKS: readonly PathCheck[] = [
  checkSignatures,
  checkNameChaining,
  checkProfile,
  checkCaCertificates,
  checkPathLength,
  checkCriticalExtensions,
  checkNames,
  checkPolicies,
  checkServiceUsage,
  checkRequiredUsage,
];

/**
 * The `rfc5280-strict` profile's steps: every §6 step of {@link PATH_CHECKS}, then the §4 issuance rules, so a path that
 * fails a §6 step reports the same reason under either profile.
 *
 * @example
 * ```ts
 * await validatePath(path, "signing", sigs, STRICT_PATH_CHECKS);
 * ```
 */
export const STRICT_PATH_CHECKS: readonly PathCheck[] = [...PATH_CHECKS, ...STRICT_PROFILE_CHECKS];

/** The outcome of validating one candidate path: the weakest signature strength, or the first failure. */
export type PathValidation = { readonly ok: true; readonly strength: "ok" | "legacy" } | ({ readonly ok: false } & PathIssue);

/**
 * Validates a built path per RFC 5280 §6.1, except the time rules.
 *
 * @param path - signing certificate first, the anchor's certificate last
 * @param service - `timestamping` also requires id-kp-timeStamping on the signing certificate
 * @param sigs - the build's signature checker (cached, budgeted)
 * @param checks - the steps to run (default {@link PATH_CHECKS})
 * @param options - policy inputs and usage requirements (default: none)
 * @returns `ok` with the weakest signature strength, or the first failure
 * @example
 * ```ts
 * const v = await validatePath([leaf, ca, root], "signing", sigs);
 * if (!v.ok) console.log(v.reason, v.index);
 * ```
 */
export async function validatePath(
  path: readonly Certificate[],
  service: TrustService,
  sigs: SignatureChecker,
  checks: readonly PathCheck[] = PATH_CHECKS,
  options: PathOptions = {},
): Promise<PathValidation> {
  const ctx: PathContext = { path, service, sigs, strength: "ok", options };
  for (const check of checks) {
    const issue = await check(ctx);
    if (issue) return { ok: false, ...issue };
  }
  return { ok: true, strength: ctx.strength };
}
