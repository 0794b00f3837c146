import { bytesKey } from "../asn1/bytes-key.js";
import type { Env, KeyCache, VerifyOutcome } from "../crypto/types.js";
import { verifyCertificateSignature } from "../crypto/verify.js";
import type { Certificate } from "../model/certificate.js";
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
): SignatureChecker {
  let candidates = 0;
  let signatures = 0;
  let exhausted = false;
  const meter: BudgetMeter = {
    takeCandidate() {
      if (++candidates > budget.maxCandidates) exhausted = true;
      return !exhausted;
    },
    get exhausted() {
      return exhausted;
    },
  };
  // Keyed by the Certificate object, so the cache dies with the certificates; inner key: the issuer key's bytes, looked
  // up first by the view object (one per certificate decode, no string to build), then by value.
  const cache = new WeakMap<Certificate, { byView: Map<Uint8Array, Promise<VerifyOutcome>>; byBytes: Map<string, Promise<VerifyOutcome>> }>();
  return {
    meter,
    verify(cert, issuerSpki) {
      let known = cache.get(cert);
      if (!known) cache.set(cert, (known = { byView: new Map(), byBytes: new Map() }));
      const seen = known.byView.get(issuerSpki);
      if (seen) return seen;
      const key = bytesKey(issuerSpki);
      const hit = known.byBytes.get(key);
      if (hit) {
        known.byView.set(issuerSpki, hit);
        return hit;
      }
      const proven = provenOutcome(cert, issuerSpki, env, algorithms);
      if (proven !== undefined) {
        const outcome = Promise.resolve(proven);
        known.byView.set(issuerSpki, outcome);
        return outcome;
      }
      if (++signatures > budget.maxSignatureChecks) {
        exhausted = true;
        return Promise.resolve(null);
      }
      const outcome = check(cert, issuerSpki, env, algorithms);
      void outcome.then((o) => o.ok && remember(cert, issuerSpki, env, algorithms, o));
      known.byBytes.set(key, outcome);
      known.byView.set(issuerSpki, outcome);
      return outcome;
    },
  };
}

/** A signature found valid, and under which crypto, key cache, issuer key view and algorithm policy. */
interface Proof {
  readonly crypto: Crypto;
  readonly keys: KeyCache;
  readonly spki: Uint8Array;
  readonly algorithms: "default" | "strict";
  readonly outcome: VerifyOutcome;
}

/**
 * Valid certificate signatures, across builds, by certificate object. A decoded certificate and an issuer's `spki` view
 * do not change (cached certificates and trust-list entries own their bytes; one-off decodes die with their validation),
 * so a certificate verified once with a key is valid with it the next time: no algorithm lookup, key parsing or
 * verification memo needed. Failures are not kept: a verifier's error is not an answer.
 */
const proofs = new WeakMap<Certificate, Proof[]>();

/** Most issuer keys remembered per certificate: a certificate is verified against one key, rarely a few. */
const MAX_PROOFS = 4;

function provenOutcome(cert: Certificate, spki: Uint8Array, env: Env, algorithms: "default" | "strict"): VerifyOutcome | undefined {
  const list = proofs.get(cert);
  if (list === undefined) return undefined;
  for (const p of list) {
    if (p.spki === spki && p.crypto === env.crypto && p.keys === env.keys && p.algorithms === algorithms) return p.outcome;
  }
  return undefined;
}

function remember(cert: Certificate, spki: Uint8Array, env: Env, algorithms: "default" | "strict", outcome: VerifyOutcome): void {
  let list = proofs.get(cert);
  if (list === undefined) proofs.set(cert, (list = []));
  if (list.length >= MAX_PROOFS) list.shift();
  list.push({ crypto: env.crypto, keys: env.keys, spki, algorithms, outcome });
}

async function check(cert: Certificate, spki: Uint8Array, env: Env, algorithms: "default" | "strict"): Promise<VerifyOutcome> {
  try {
    const outcome = await verifyCertificateSignature(cert, spki, env, { algorithms });
    // Refuse legacy algorithms here too, so strict mode never depends on the verifier's reading of the option.
    if (outcome.ok && outcome.strength === "legacy" && algorithms === "strict") {
      return { ok: false, code: "WEAK_ALGORITHM", detail: "legacy algorithm refused under algorithms: strict", algorithms: outcome.algorithms };
    }
    return outcome;
  } catch (err) {
    // A verifier that throws proves nothing: a failed check, never a pass.
    return { ok: false, code: "MALFORMED_SIGNATURE", detail: `verification failed: ${(err as Error).message}` };
  }
}
