import type { Certificate } from "../model/certificate.js";
import type { KeyUsageName } from "../model/extensions.js";
import type { TrustAnchor, TrustList, TrustService } from "../model/trust-list.js";
import type { Env } from "../crypto/types.js";
import type { CertificateProfile } from "../policy/policy.js";
export type { CertificateProfile } from "../policy/policy.js";
import type { Lru } from "../lib/lru.js";
import type { PathSession } from "./session.js";

/** RFC 5280 reasons a built path is rejected (stable: they appear in reports as `evidence.reason`). */
export type PathFailure =
  | "SIGNATURE_INVALID"
  | "NAME_CHAINING"
  | "NOT_A_CA"
  | "PATH_LENGTH_EXCEEDED"
  | "KEY_CERT_SIGN_MISSING"
  | "UNKNOWN_CRITICAL_EXTENSION"
  | "NAME_CONSTRAINTS_VIOLATED"
  | "POLICY_CONSTRAINTS"
  | "WEAK_ALGORITHM"
  | "UNSUPPORTED_ALGORITHM"
  | "EKU_NOT_ALLOWED"
  | "KEY_USAGE_NOT_ALLOWED"
  | "MALFORMED_EXTENSION"
  /** An RFC 5280 §4 issuance rule is broken; reported only under the `rfc5280-strict` certificate profile. */
  | "PROFILE_VIOLATION";

/** Limits on path building, so crafted inputs cannot make it hang. */
export interface PathBudget {
  /** Most certificates in a path, anchor included; self-issued intermediates are not counted (up to twice this in all). */
  readonly maxDepth: number;
  /** Most candidate issuer certificates examined overall. */
  readonly maxCandidates: number;
  /** Most signature verifications overall. */
  readonly maxSignatureChecks: number;
}

export const DEFAULT_PATH_BUDGET: PathBudget = { maxDepth: 10, maxCandidates: 200, maxSignatureChecks: 100 };

/** The outcome of building and validating a path. */
export type PathResult =
  | {
      /** A path reached a listed certificate and passed every RFC 5280 check except the time rules. */
      readonly status: "valid";
      /** Signing certificate first, the anchor's certificate last. */
      readonly path: readonly Certificate[];
      readonly anchor: TrustAnchor;
      /** Weakest algorithm strength met on the path's signatures. */
      readonly strength: "ok" | "legacy";
    }
  | {
      /** A path reached a listed certificate but a check failed. */
      readonly status: "invalid";
      readonly path: readonly Certificate[];
      readonly anchor: TrustAnchor;
      readonly reason: PathFailure;
      /** Index in `path` of the certificate that failed. */
      readonly index: number;
      readonly detail: string;
    }
  | {
      /** The path ends at a self-signed certificate (or the signing certificate is self-signed) that is not listed. */
      readonly status: "untrusted-root";
      readonly path: readonly Certificate[];
    }
  | {
      /** An issuer certificate is missing, or the budget ran out. */
      readonly status: "no-path";
      readonly path: readonly Certificate[];
      readonly detail: string;
    };

/**
 * RFC 5280 §6.1.1 (c), (e)-(g) policy inputs. Defaults: any policy acceptable, no explicit policy required, mapping and
 * anyPolicy allowed — under which certificate policies never reject a path unless a CA's own constraints demand it.
 */
export interface PolicyInputs {
  /** Acceptable policy OIDs; default `["2.5.29.32.0"]` (anyPolicy). */
  readonly initialPolicySet?: readonly string[];
  /** Require a valid policy for the whole path. Default `false`. */
  readonly initialExplicitPolicy?: boolean;
  /** Forbid policy mapping. Default `false`. */
  readonly initialPolicyMappingInhibit?: boolean;
  /** Do not let anyPolicy in a certificate match a specific policy. Default `false`. */
  readonly initialAnyPolicyInhibit?: boolean;
}

/** A path that passed every RFC 5280 check but the time rules: the value a path search returns on success. */
export type ValidPath = Extract<PathResult, { status: "valid" }>;

/**
 * What a path search reads. The search reads no time and no revocation evidence (dates and revocation of the path's
 * certificates are judged afterwards, by the time rules and the revocation stage), so a path found once is found again
 * for the same request: every field here is part of the key a found path is remembered under (path/search-key.ts).
 */
export interface PathRequest {
  readonly leaf: Certificate;
  /** Certificates from the signature and the caller, in any order (duplicates allowed). */
  readonly candidates: readonly Certificate[];
  readonly trustList: TrustList;
  /** `signing` for signatures, `timestamping` for TSA certificates. */
  readonly service: TrustService;
  readonly budget?: PathBudget;
  readonly env: Env;
  /** `strict` refuses legacy algorithms (SHA-1, RSA 1024-2047) on the path. */
  readonly algorithms: "default" | "strict";
  /** Certificate-policy inputs (RFC 5280 policy-tree processing); absent: the defaults of {@link PolicyInputs}. */
  readonly policy?: PolicyInputs;
  /** Extended key usages the signing certificate must allow (an absent EKU extension allows all; anyExtendedKeyUsage too). */
  readonly requiredExtendedKeyUsage?: readonly string[];
  /** keyUsage bits the signing certificate must have, when it has the extension. */
  readonly requiredKeyUsage?: readonly KeyUsageName[];
  /** The certificate profile; absent: `relying-party`. */
  readonly profile?: CertificateProfile;
  /** Where found paths are remembered (a validation cache's table); not part of what the search reads. */
  readonly remembered?: Lru<string, unknown>;
  /**
   * The file's path session: one budget and one set of indexes and signature outcomes for all the searches of a file
   * (every signer, timestamp and CRL signer). Absent: this search has only its own `budget`.
   */
  readonly session?: PathSession;
}
