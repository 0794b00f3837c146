import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { VerifyOutcome, VerifyRequest } from "../../src/crypto/types.js";
import { verifyRaw, verifySignature } from "../../src/crypto/verify.js";
import { freshEnv, hex } from "./helpers.js";
import { signatureAlgorithmOf, type Suite } from "./wycheproof-vectors.js";
import { CORPORA } from "../corpora.js";

// Wycheproof (C2SP/wycheproof testvectors_v1), copied read-only into the shared data folder.
const DIR = `${CORPORA}/suites/wycheproof`;

// secp256k1 is not a WebCrypto curve and the policy table lists it as unsupported: its "valid" vectors (only in the
// legacy webcrypto file) must come back as the fail-closed refusal UNSUPPORTED_ALGORITHM, counted apart.
const UNSUPPORTED_CURVES = new Set(["secp256k1"]);

const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

describe("Wycheproof vectors through verifySignature", () => {
  it("finds all 18 files", () => {
    expect(files).toHaveLength(18);
  });

  it.each(files)("%s: no disagreement, every vector checked", async (file) => {
    const suite = JSON.parse(readFileSync(join(DIR, file), "utf8")) as Suite;
    const p1363 = suite.schema.includes("p1363");
    const env = freshEnv();
    const total = suite.testGroups.reduce((n, g) => n + g.tests.length, 0);
    let checked = 0;
    let acceptable = 0;
    let refusedCurve = 0;
    const disagreements: string[] = [];
    for (const g of suite.testGroups) {
      const spki = hex(g.publicKeyDer ?? g.keyDer!);
      const curve = (g.publicKey ?? g.key)?.curve ?? "";
      const signatureAlgorithm = signatureAlgorithmOf(suite, g);
      for (const t of g.tests) {
        const req: VerifyRequest = { signatureAlgorithm, spki, signature: hex(t.sig), data: hex(t.msg) };
        const out: VerifyOutcome = p1363 ? await verifyRaw(req, env) : await verifySignature(req, env);
        checked++;
        if (UNSUPPORTED_CURVES.has(curve)) {
          refusedCurve++;
          if (out.ok || out.code !== "UNSUPPORTED_ALGORITHM") disagreements.push(`tcId ${t.tcId}: ${curve} not refused`);
          continue;
        }
        if (t.result === "acceptable") {
          acceptable++;
          continue;
        }
        if (out.ok !== (t.result === "valid")) {
          disagreements.push(`tcId ${t.tcId} (${t.comment}): expected ${t.result}, got ${out.ok ? "ok" : `${out.code}: ${out.detail}`}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBe(total);
    expect(refusedCurve).toBe(file === "legacy_v0_ecdsa_webcrypto_test.json" ? 22 : 0);
    // Acceptable vectors (legacy MissingNull, weak hash, odd P1363 sizes) may go either way; their number is pinned.
    const expectedAcceptable = file.startsWith("rsa_signature_") ? 1 : file === "legacy_v0_ecdsa_webcrypto_test.json" ? 10 : 0;
    expect(acceptable).toBe(expectedAcceptable);
  });
});
