// Issue 19 item 1: the cost of path search is bounded for crafted files. Each recipe is generated at test time and timed
// against a baseline validation in the same test (the same number of signers, nothing hostile): only ratios are
// asserted, with wide margins, since the machine may be busy. Before the fix these ratios were in the hundreds or
// thousands (pairwise de-duplication of candidates in every search, per signer and per CRL-signer search).
import { describe, expect, it } from "vitest";
import { loadTrustList, validate, type ValidateOptions } from "../../src/index.js";
import { garbageCasWithCrl, manySameNameAnchors, meshOfSameNameCas, plainSigners, type Recipe } from "./hostile-inputs.js";
import { countingEnv } from "./helpers.js";

/** Median milliseconds of a validation, after one warm-up run. */
async function timed(r: Recipe, options: ValidateOptions = r.options, reps = 3): Promise<number> {
  await validate(r.cms, options);
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await validate(r.cms, options);
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

const verdicts = async (r: Recipe, options: ValidateOptions = r.options): Promise<string[]> =>
  [...new Set((await validate(r.cms, options)).signatures.map((s) => s.verdict))];

const ratio = (hostile: number, baseline: number): number => hostile / Math.max(baseline, 1);

describe("path search cost is bounded for crafted files (issue 19 item 1)", () => {
  it("100 same-name CAs (10,000-character OU, one serial, 20 keys) and 16 signers: INDETERMINATE, in a bounded multiple of a plain file", async () => {
    const [hostile, plain] = await Promise.all([meshOfSameNameCas(100, 10_000, 20, 16), plainSigners(16)]);
    expect(await verdicts(hostile)).toEqual(["INDETERMINATE"]);
    const report = await validate(hostile.cms, hostile.options);
    expect(report.signatures[0]!.conditions.issuerType.code).toBe("NO_CERTIFICATE_PATH");
    const r = ratio(await timed(hostile), await timed(plain));
    if (process.env.LINEAR_DEBUG) console.log(`mesh of same-name CAs: ${r.toFixed(1)}x a plain file`);
    // The hostile file is 2.4 MB against a few kilobytes: its hashing and decoding alone cost a few plain validations.
    expect(r).toBeLessThan(60);
  }, 120_000);

  it("a valid chain, 100 garbage-signed same-name CAs and a garbage CRL naming them, 32 signers: SECURE, close to a plain file", async () => {
    const [hostile, plain] = await Promise.all([garbageCasWithCrl(100, 32), plainSigners(32)]);
    expect(await verdicts(hostile)).toEqual(["SECURE"]);
    const r = ratio(await timed(hostile), await timed(plain));
    if (process.env.LINEAR_DEBUG) console.log(`garbage CAs and CRL: ${r.toFixed(1)}x a plain file`);
    expect(r).toBeLessThan(15);
  }, 120_000);

  it("a trust list with 3,000 same-name anchors sharing a serial: loads, and validates SECURE, in a bounded multiple of the plain list", async () => {
    const { recipe, plain, json } = await manySameNameAnchors(3_000);
    // Loading is linear too: repeats are found by digest, not by comparing every pair of certificates.
    const text = JSON.stringify(json);
    const t0 = performance.now();
    loadTrustList(text);
    const loading = performance.now() - t0;
    if (process.env.LINEAR_DEBUG) console.log(`loading 3,000 anchors: ${loading.toFixed(0)} ms`);
    expect(ratio(loading, await timed(plain))).toBeLessThan(400);
    expect(await verdicts(recipe)).toEqual(["SECURE"]);
    const r = ratio(await timed(recipe), await timed(plain));
    if (process.env.LINEAR_DEBUG) console.log(`3,000 same-name anchors: ${r.toFixed(1)}x the plain list`);
    expect(r).toBeLessThan(30);
  }, 120_000);

  it("spends one path budget for the whole file: every signer's search and every CRL-signer search together", async () => {
    const hostile = await meshOfSameNameCas(40, 100, 10, 16);
    const env = countingEnv();
    const limits = { maxPathSignatureChecks: 20, maxPathCandidates: 40 };
    const report = await validate(hostile.cms, { ...hostile.options, crypto: env.crypto, limits });
    expect(report.signatures).toHaveLength(16);
    for (const s of report.signatures) {
      expect(s.verdict).toBe("INDETERMINATE");
      expect(s.conditions.issuerType.code).toBe("NO_CERTIFICATE_PATH");
    }
    // The file's certificate checks (20) besides each SignerInfo's own signature and the CRLs': not 16 budgets' worth.
    expect(env.verifies()).toBeLessThanOrEqual(20 + 16 + 8);
  }, 120_000);
});
