// Wycheproof signature vectors through verifySignature, the verifier CMS SignerInfos and certificates go through (strict
// DER for ECDSA); the P1363 files through verifyRaw, the same verifier without the DER step.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { VerifyRequest } from "../../src/crypto/types.js";
import { verifyRaw, verifySignature } from "../../src/crypto/verify.js";
import { freshEnv, hex } from "../../test/crypto/helpers.js";
import { signatureAlgorithmOf, type Suite } from "../../test/crypto/wycheproof-vectors.js";
import { SUITES_DIR, tally, timed, type CaseResult, type SuiteResult, type Verdict } from "../lib.js";

/** Curves skipped, with why: WebCrypto has none of them and the library refuses them (UNSUPPORTED_ALGORITHM). */
const SKIPPED_CURVES: Readonly<Record<string, string>> = {
  secp256k1: "secp256k1 is not a WebCrypto curve: refused as UNSUPPORTED_ALGORITHM (fail closed), not implemented by hand",
};

/**
 * Runs every vector of the 18 files; `acceptable` vectors agree whatever the outcome.
 *
 * @returns the suite's tally
 * @example
 * ```ts
 * const r = await runWycheproof(); // r.disagree === 0
 * ```
 */
export async function runWycheproof(): Promise<SuiteResult> {
  const dir = join(SUITES_DIR, "wycheproof");
  const out: (CaseResult & { verdict: Verdict })[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const suite = JSON.parse(readFileSync(join(dir, file), "utf8")) as Suite;
    const p1363 = suite.schema.includes("p1363");
    const env = freshEnv();
    for (const g of suite.testGroups) {
      const spki = hex(g.publicKeyDer ?? g.keyDer!);
      const curve = (g.publicKey ?? g.key)?.curve ?? "";
      const signatureAlgorithm = signatureAlgorithmOf(suite, g);
      for (const v of g.tests) {
        const id = `${file.replace(/\.json$/, "")}#${v.tcId}`;
        const skip = SKIPPED_CURVES[curve];
        if (skip) {
          out.push({ id, expected: v.result, actual: "skipped", reason: skip, verdict: "skipped" });
          continue;
        }
        const req: VerifyRequest = { signatureAlgorithm, spki, signature: hex(v.sig), data: hex(v.msg) };
        const t = await timed(() => (p1363 ? verifyRaw(req, env) : verifySignature(req, env)));
        if (t.hung) {
          out.push({ id, expected: v.result, actual: "hung", ms: t.ms, verdict: "hung" });
          continue;
        }
        const o = t.value;
        const actual = o === undefined ? "error" : o.ok ? "valid" : "invalid";
        const verdict: Verdict = v.result === "acceptable" || actual === v.result ? "agree" : "disagree";
        const reason = o === undefined ? `untyped error: ${String(t.error)}` : o.ok ? undefined : o.code;
        out.push({ id, expected: v.result, actual, ...(reason ? { reason } : {}), ms: t.ms, verdict });
      }
    }
  }
  return tally(out);
}
