// Property (issue 19): for random path-building inputs (many certificates under one name, long names, loops, many
// signers, garbage signatures beside a valid chain), a validation costs at most a bounded multiple of a plain validation
// with as many signers, the bound growing with the input's size: never with its square. Only ratios measured in the same
// test are asserted, with wide margins for a busy machine.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validate } from "../../src/index.js";
import { garbageCasWithCrl, meshOfSameNameCas, plainSigners, type Recipe } from "../path/hostile-inputs.js";
import { fcParams } from "./kit.js";

async function median(r: Recipe, reps = 3): Promise<number> {
  await validate(r.cms, r.options);
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await validate(r.cms, r.options);
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

describe("path-building cost stays proportional to input size", () => {
  it("for random meshes of same-name CAs and garbage CAs beside a valid chain", async () => {
    const input = fc.record({
      kind: fc.constantFrom("mesh" as const, "garbage" as const),
      count: fc.integer({ min: 10, max: 80 }),
      ouLength: fc.integer({ min: 0, max: 8_000 }),
      keys: fc.integer({ min: 1, max: 8 }),
      signers: fc.integer({ min: 1, max: 16 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ kind, count, ouLength, keys, signers }) => {
        const hostile = kind === "mesh" ? await meshOfSameNameCas(count, ouLength, keys, signers) : await garbageCasWithCrl(count, signers);
        const plain = await plainSigners(signers);
        const verdicts = new Set((await validate(hostile.cms, hostile.options)).signatures.map((s) => s.verdict));
        // Nothing in a mesh reaches the trust list; beside a valid chain, garbage changes nothing.
        expect([...verdicts]).toEqual([kind === "mesh" ? "INDETERMINATE" : "SECURE"]);
        const ratio = (await median(hostile)) / Math.max(await median(plain), 1);
        const sizeRatio = hostile.cms.length / plain.cms.length;
        if (process.env.LINEAR_DEBUG) console.log(`${kind} n=${count} ou=${ouLength} keys=${keys} signers=${signers}: ${ratio.toFixed(1)}x time, ${sizeRatio.toFixed(1)}x size`);
        expect(ratio).toBeLessThan(15 + 3 * sizeRatio);
      }),
      fcParams(6),
    );
  }, 300_000);
});
