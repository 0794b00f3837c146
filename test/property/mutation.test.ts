// Property: no single-byte or structural change to the signed parts of a valid signature yields SECURE. Bytes no signature
// covers (version numbers, the digestAlgorithms set, the SignerInfo's sid) are left out: changing them is not tampering.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { isDecree130Error, validate } from "../../src/index.js";
import { fcParams, isProtected, signedSample, type Signed } from "./kit.js";

let s: Signed;
beforeAll(async () => {
  s = await signedSample();
});

/** The verdicts of a mutated input, or the typed error code; anything else (an untyped error) is rethrown. */
async function outcome(bytes: Uint8Array): Promise<string[]> {
  try {
    return (await validate(bytes, s.options)).signatures.map((x) => x.verdict);
  } catch (err) {
    if (isDecree130Error(err)) return [`error:${err.code}`];
    throw err;
  }
}

const offset = (): fc.Arbitrary<number> => fc.nat({ max: s.cms.length - 1 }).filter((i) => isProtected(s, i));

describe("mutations of a valid kit signature", () => {
  it("control: the unmutated signature is SECURE", async () => {
    expect(await outcome(s.cms)).toEqual(["SECURE"]);
  });

  it("a changed byte in a signed part never yields SECURE", async () => {
    await fc.assert(
      fc.asyncProperty(offset(), fc.integer({ min: 1, max: 255 }), async (i, xor) => {
        const m = s.cms.slice();
        m[i] = m[i]! ^ xor;
        expect(await outcome(m)).not.toContain("SECURE");
      }),
      fcParams(300),
    );
  });

  it("every single-bit flip of a signed byte, exhaustively, never yields SECURE", async () => {
    // Cheap enough to run in full (about 1 000 validations); a bit-flip at every offset leaves no byte unvisited.
    const secure: number[] = [];
    for (let i = 0; i < s.cms.length; i++) {
      if (!isProtected(s, i)) continue;
      const m = s.cms.slice();
      m[i] = m[i]! ^ 0x01;
      if ((await outcome(m)).includes("SECURE")) secure.push(i);
    }
    expect(secure).toEqual([]);
  });

  it("deleting, duplicating or inserting bytes at a signed offset never yields SECURE", async () => {
    const structural = fc.oneof(
      fc.record({ kind: fc.constant("delete" as const), at: offset(), len: fc.integer({ min: 1, max: 64 }) }),
      fc.record({ kind: fc.constant("duplicate" as const), at: offset(), len: fc.integer({ min: 1, max: 64 }) }),
      fc.record({ kind: fc.constant("insert" as const), at: offset(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
      fc.record({ kind: fc.constant("swap" as const), at: offset(), len: fc.integer({ min: 1, max: 32 }) }),
    );
    await fc.assert(
      fc.asyncProperty(structural, async (m) => {
        const c = s.cms;
        let out: Uint8Array;
        if (m.kind === "delete") out = Uint8Array.of(...c.subarray(0, m.at), ...c.subarray(m.at + m.len));
        else if (m.kind === "duplicate") out = Uint8Array.of(...c.subarray(0, m.at + m.len), ...c.subarray(m.at, m.at + m.len), ...c.subarray(m.at + m.len));
        else if (m.kind === "insert") out = Uint8Array.of(...c.subarray(0, m.at), ...m.bytes, ...c.subarray(m.at));
        else {
          // Swap two adjacent runs of bytes (a reordering that keeps the length); equal runs would be no change.
          const a = c.subarray(m.at, m.at + m.len);
          const b = c.subarray(m.at + m.len, m.at + 2 * m.len);
          fc.pre(b.length === a.length && a.some((x, k) => x !== b[k]));
          out = Uint8Array.of(...c.subarray(0, m.at), ...b, ...a, ...c.subarray(m.at + 2 * m.len));
        }
        expect(await outcome(out)).not.toContain("SECURE");
      }),
      fcParams(300),
    );
  });
});
