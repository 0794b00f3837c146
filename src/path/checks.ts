import { OID } from "../asn1/oids.js";
import type { VerifyFailure } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import { UNDERSTOOD_EXTENSIONS } from "../model/extensions.js";
import { formatName, sameName } from "../model/name.js";
import type { TrustService } from "../model/trust-list.js";
import { checkNameConstraints } from "./name-constraints.js";
import type { PathIssue } from "./path-issue.js";
import type { SignatureChecker } from "./signatures.js";
import { checkPolicyTree } from "./policy-tree.js";
import { checkExtensionForms, checkNonEmptyNames } from "./profile-checks.js";
import type { PathFailure, PathRequest } from "./types.js";

/** What every check of one candidate path sees. */
export interface PathContext {
  /** Signing certificate first, the anchor's certificate last. */
  readonly path: readonly Certificate[];
  readonly service: TrustService;
  readonly sigs: SignatureChecker;
  /** Weakest signature strength met so far; the signature check lowers it. */
  strength: "ok" | "legacy";
  /** The caller's policy inputs and usage requirements; absent: the defaults. */
  readonly options?: PathOptions;
}

/** The parts of a {@link PathRequest} the checks read beyond the path itself. */
export type PathOptions = Pick<PathRequest, "policy" | "requiredExtendedKeyUsage" | "requiredKeyUsage">;

/** One RFC 5280 step over the whole path: `null` when the path passes it. */
export type PathCheck = (ctx: PathContext) => PathIssue | null | Promise<PathIssue | null>;

/** How a verifier failure is reported on a path. */
const SIGNATURE_REASON: Readonly<Record<VerifyFailure, PathFailure>> = {
  SIGNATURE_INVALID: "SIGNATURE_INVALID",
  MALFORMED_SIGNATURE: "SIGNATURE_INVALID",
  MALFORMED_KEY: "SIGNATURE_INVALID",
  ALGORITHM_KEY_MISMATCH: "SIGNATURE_INVALID",
  UNSUPPORTED_ALGORITHM: "UNSUPPORTED_ALGORITHM",
  WEAK_ALGORITHM: "WEAK_ALGORITHM",
};

/** Extensions a relying party must understand when critical: the model's list (this module adds none of its own). */
const UNDERSTOOD = UNDERSTOOD_EXTENSIONS;

/**
 * §6.1.3(a)(1): each certificate verifies with the key of the one above; the anchor's own signature is not checked.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkSignatures({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkSignatures: PathCheck = async (ctx) => {
  const { path } = ctx;
  for (let i = path.length - 2; i >= 0; i--) {
    const outcome = await ctx.sigs.verify(path[i]!, path[i + 1]!.spki);
    if (outcome === null) return { reason: "SIGNATURE_INVALID", index: i, detail: "budget exhausted before the signature was checked" };
    if (!outcome.ok) return { reason: SIGNATURE_REASON[outcome.code], index: i, detail: `${outcome.code}: ${outcome.detail}` };
    if (outcome.strength === "legacy") ctx.strength = "legacy";
  }
  return null;
};

/**
 * §6.1.3(a)(4): each issuer name equals the subject name of the certificate above.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkNameChaining({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkNameChaining: PathCheck = ({ path }) => {
  for (let i = 0; i < path.length - 1; i++) {
    if (!sameName(path[i]!.issuer, path[i + 1]!.subject)) {
      return { reason: "NAME_CHAINING", index: i, detail: `issuer "${formatName(path[i]!.issuer)}" differs from the next subject` };
    }
  }
  return null;
};

/**
 * §6.1.4(k), (n): every CA below the anchor is a v3 certificate with cA true and, when keyUsage is present, keyCertSign.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkCaCertificates({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkCaCertificates: PathCheck = ({ path }) => {
  for (let i = 1; i < path.length - 1; i++) {
    const cert = path[i]!;
    if (cert.version < 3) return { reason: "NOT_A_CA", index: i, detail: `version ${cert.version} certificate used as a CA` };
    if (!cert.basicConstraints?.ca) {
      const why = cert.basicConstraints ? "basicConstraints cA is false" : "no basicConstraints extension";
      return { reason: "NOT_A_CA", index: i, detail: why };
    }
    if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) {
      return { reason: "KEY_CERT_SIGN_MISSING", index: i, detail: "keyUsage lacks keyCertSign" };
    }
  }
  return null;
};

/**
 * §6.1.4(l)-(m), starting from the anchor's own pathLenConstraint; self-issued intermediates do not count.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkPathLength({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkPathLength: PathCheck = ({ path }) => {
  if (path.length < 2) return null;
  let max = path[path.length - 1]!.basicConstraints?.pathLen ?? Number.POSITIVE_INFINITY;
  for (let i = path.length - 2; i >= 1; i--) {
    const cert = path[i]!;
    if (!cert.selfIssued) {
      if (max <= 0) return { reason: "PATH_LENGTH_EXCEEDED", index: i, detail: "more CA certificates than a pathLenConstraint above allows" };
      max--;
    }
    const own = cert.basicConstraints?.pathLen;
    if (own !== undefined && own < max) max = own;
  }
  return null;
};

/**
 * §6.1.3, §4.2: no certificate on the path, signing certificate and anchor included, has a critical extension nobody here reads.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkCriticalExtensions({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkCriticalExtensions: PathCheck = ({ path }) => {
  for (let i = 0; i < path.length; i++) {
    const unknown = path[i]!.extensions.find((e) => e.critical && !UNDERSTOOD.has(e.oid));
    if (unknown) return { reason: "UNKNOWN_CRITICAL_EXTENSION", index: i, detail: `critical extension ${unknown.oid} is not understood` };
  }
  return null;
};

/**
 * Name constraints, anchor's included (see name-constraints.ts).
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkNames({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkNames: PathCheck = ({ path }) => checkNameConstraints(path);

/**
 * A timestamp authority's certificate must name id-kp-timeStamping in its extended key usage.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkServiceUsage({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkServiceUsage: PathCheck = ({ path, service }) => {
  if (service !== "timestamping") return null;
  if (path[0]!.extKeyUsage?.includes(OID.kpTimeStamping)) return null;
  return { reason: "EKU_NOT_ALLOWED", index: 0, detail: "a timestamping certificate without extended key usage id-kp-timeStamping" };
};

/**
 * §6.1.3(d)-(f), §6.1.4(a)-(j), §6.1.5: certificate policies (see policy-tree.ts), with the request's policy inputs.
 *
 * @param ctx - the path (signing certificate first, anchor last), the build's state and options
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkPolicies({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkPolicies: PathCheck = ({ path, options }) => checkPolicyTree(path, options?.policy);

/** anyExtendedKeyUsage (RFC 5280 §4.2.1.12). */
const ANY_EKU = "2.5.29.37.0";

/**
 * The usages the caller requires of the signing certificate: each required extended key usage listed (an absent
 * extension or anyExtendedKeyUsage allows all), each required keyUsage bit set when the extension is present. An
 * extKeyUsage extension with no purpose at all is malformed (SIZE (1..MAX)).
 *
 * @param ctx - the path (signing certificate first, anchor last), the build's state and options
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkRequiredUsage({ path, service: "signing", sigs, strength: "ok",
 *   options: { requiredExtendedKeyUsage: ["1.3.6.1.5.5.7.3.4"] } });
 * ```
 */
export const checkRequiredUsage: PathCheck = ({ path, options }) => {
  const leaf = path[0]!;
  const eku = leaf.extKeyUsage;
  if (eku !== undefined && eku.length === 0) return { reason: "MALFORMED_EXTENSION", index: 0, detail: "extKeyUsage lists no purpose" };
  for (const required of options?.requiredExtendedKeyUsage ?? []) {
    if (eku && !eku.includes(required) && !eku.includes(ANY_EKU)) {
      return { reason: "EKU_NOT_ALLOWED", index: 0, detail: `extended key usage ${required} is not allowed by the certificate` };
    }
  }
  for (const bit of options?.requiredKeyUsage ?? []) {
    if (leaf.keyUsage && !leaf.keyUsage.has(bit)) return { reason: "KEY_USAGE_NOT_ALLOWED", index: 0, detail: `keyUsage lacks ${bit}` };
  }
  return null;
};

/**
 * Profile rules a relying party can check cheaply and that no honest certificate breaks: names present, extensions
 * that decode (see profile-checks.ts).
 *
 * @param ctx - the path (signing certificate first, anchor last) and the build's state
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = await checkProfile({ path: [leaf, ca, root], service: "signing", sigs, strength: "ok" });
 * ```
 */
export const checkProfile: PathCheck = ({ path }) => checkNonEmptyNames(path) ?? checkExtensionForms(path);
