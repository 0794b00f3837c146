import { viewKey } from "../cache/spki-key.js";
import type { Env, VerifyOutcome } from "../crypto/types.js";
import { verifyOnce } from "../cache/verify-once.js";
import type { Certificate } from "../model/certificate.js";
import { sessionChecks, type PathSession } from "./session.js";
import type { PathBudget } from "./types.js";

/** What is left of a build's budget; once a limit is passed, `exhausted` stays set. */
export interface BudgetMeter {
  /** Counts one more candidate examined; `false` when that passes the limit. */
  takeCandidate(): boolean;
  /** Whether any limit was passed. */
  readonly exhausted: boolean;
}

/** Verifies certificate signatures for one build, each (certificate, issuer key) pair at most once. */
export interface SignatureChecker {
  /**
   * The outcome of checking `cert`'s signature with `issuerSpki`; `null` when the signature budget is spent.
   *
   * @param cert - the signed certificate
   * @param issuerSpki - the presumed issuer's SubjectPublicKeyInfo
   */
  verify(cert: Certificate, issuerSpki: Uint8Array): Promise<VerifyOutcome | null>;
  readonly meter: BudgetMeter;
}

/**
 * Creates the budget meter and signature checker of one build.
 *
 * @param budget - the limits
 * @param env - WebCrypto and the key cache (keys are imported through `env.keys` by the verifier)
 * @param algorithms - `strict` refuses legacy algorithms
 * @param session - the file's path session: its budget is spent as well as this build's, and its signature outcomes are
 *   shared with the file's other searches
 * @returns the checker, with its meter
 * @example
 * ```ts
 * const sigs = createSignatureChecker(DEFAULT_PATH_BUDGET, env, "default");
 * const outcome = await sigs.verify(leaf, ca.spki);
 * ```
 */
export function createSignatureChecker(
  budget: PathBudget,
  env: Env,
  algorithms: "default" | "strict",
  session?: PathSession,
): SignatureChecker {
  let candidates = 0;
  let signatures = 0;
  let exhausted = false;
  const spent = session?.spent;
  const meter: BudgetMeter = {
    takeCandidate() {
      if (++candidates > budget.maxCandidates) exhausted = true;
      if (spent && ++spent.candidates > session.budget.maxCandidates) spent.exhausted = true;
      return !(exhausted || spent?.exhausted === true);
    },
    get exhausted() {
      return exhausted || spent?.exhausted === true;
    },
  };
  // Keyed by the Certificate object, so the cache dies with the certificates; inner key: the issuer key's bytes, looked
  // up first by the view object (one per certificate decode, no string to build), then by value. With a session, the
  // outcomes by value are the file's: a certificate met by every signer's search is verified once.
  const views = new WeakMap<Certificate, Map<Uint8Array, Promise<VerifyOutcome>>>();
  const byBytes = session ? sessionChecks(session, algorithms, env.crypto) : new WeakMap<Certificate, Map<string, Promise<VerifyOutcome>>>();
  return {
    meter,
    verify(cert, issuerSpki) {
      let byView = views.get(cert);
      if (!byView) views.set(cert, (byView = new Map()));
      const seen = byView.get(issuerSpki);
      if (seen) return seen;
      let known = byBytes.get(cert);
      if (!known) byBytes.set(cert, (known = new Map()));
      const key = viewKey(issuerSpki);
      const hit = known.get(key);
      if (hit) {
        byView.set(issuerSpki, hit);
        return hit;
      }
      if (++signatures > budget.maxSignatureChecks) exhausted = true;
      if (spent && ++spent.signatures > session.budget.maxSignatureChecks) spent.exhausted = true;
      if (meter.exhausted) return Promise.resolve(null);
      const outcome = checkCertificateSignature(cert, issuerSpki, env, algorithms);
      known.set(key, outcome);
      byView.set(issuerSpki, outcome);
      return outcome;
    },
  };
}

/**
 * Checks a certificate's signature with an issuer key, once per (certificate object, key, algorithm policy) for as long
 * as the certificate lives, through the same cache as CRL and OCSP signatures: a decoded certificate and an issuer's
 * `spki` never change (cached certificates and trust-list entries own their bytes; one-off decodes die with their
 * validation), so a warm validation finds its path's signatures already checked. Only valid signatures are kept.
 *
 * @param cert - the signed certificate
 * @param spki - the presumed issuer's SubjectPublicKeyInfo
 * @param env - WebCrypto and the key cache
 * @param algorithms - `strict` refuses legacy algorithms
 * @returns the outcome; never rejects, and a verifier that throws gives a failure
 * @example
 * ```ts
 * const outcome = await checkCertificateSignature(leaf, ca.spki, env, "default");
 * ```
 */
export async function checkCertificateSignature(
  cert: Certificate,
  spki: Uint8Array,
  env: Env,
  algorithms: "default" | "strict",
): Promise<VerifyOutcome> {
  const req = { signatureAlgorithm: cert.signatureAlgorithm, spki, signature: cert.signature, data: cert.tbs };
  const outcome = await verifyOnce(cert, req, env, algorithms);
  // Refuse legacy algorithms here too, so strict mode never depends on the verifier's reading of the option.
  if (outcome.ok && outcome.strength === "legacy" && algorithms === "strict") {
    return { ok: false, code: "WEAK_ALGORITHM", detail: "legacy algorithm refused under algorithms: strict", algorithms: outcome.algorithms };
  }
  return outcome;
}
