// Wycheproof signature vectors through verifySignature, the verifier CMS SignerInfos and certificates go through (strict
// DER for ECDSA); the P1363 files through verifyRaw, the same verifier without the DER step.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { VerifyRequest } from "../../src/crypto/types.js";
import { verifyRaw, verifySignature } from "../../src/crypto/verify.js";
import type { AlgorithmIdentifier } from "../../src/model/algorithm.js";
import { alg, encodePssParams, freshEnv, hex, NULL, OIDS } from "../../test/crypto/helpers.js";
import { SUITES_DIR, tally, timed, type CaseResult, type SuiteResult, type Verdict } from "../lib.js";

interface Vector { tcId: number; msg: string; sig: string; result: "valid" | "invalid" | "acceptable"; comment: string }
interface Group {
  publicKeyDer?: string;
  keyDer?: string;
  sha?: string;
  mgfSha?: string;
  sLen?: number;
  publicKey?: { curve?: string };
  key?: { curve?: string };
  tests: Vector[];
}
interface Suite { algorithm: string; schema: string; testGroups: Group[] }

const ECDSA_BY_HASH: Record<string, string> = { "SHA-256": OIDS.ecdsaSha256, "SHA-384": OIDS.ecdsaSha384, "SHA-512": OIDS.ecdsaSha512 };
const RSA_BY_HASH: Record<string, string> = { "SHA-256": OIDS.sha256WithRSA, "SHA-384": OIDS.sha384WithRSA, "SHA-512": OIDS.sha512WithRSA };
const HASH_OID: Record<string, string> = { "SHA-256": OIDS.sha256, "SHA-384": OIDS.sha384, "SHA-512": OIDS.sha512 };

/** Curves skipped, with why: WebCrypto has none of them and the library refuses them (UNSUPPORTED_ALGORITHM). */
const SKIPPED_CURVES: Readonly<Record<string, string>> = {
  secp256k1: "secp256k1 is not a WebCrypto curve: refused as UNSUPPORTED_ALGORITHM (fail closed), not implemented by hand",
};

function signatureAlgorithmOf(suite: Suite, g: Group): AlgorithmIdentifier {
  switch (suite.algorithm) {
    case "ECDSA":
      return alg(ECDSA_BY_HASH[g.sha!]!);
    case "RSASSA-PKCS1-v1_5":
      return alg(RSA_BY_HASH[g.sha!]!, NULL);
    case "RSASSA-PSS":
      return alg(OIDS.pss, encodePssParams({ hash: HASH_OID[g.sha!], mgfHash: HASH_OID[g.mgfSha!], salt: g.sLen! }));
    case "EDDSA":
      return alg(OIDS.ed25519);
    default:
      throw new Error(`no mapping for ${suite.algorithm}`);
  }
}

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
