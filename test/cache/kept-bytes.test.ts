import { describe, expect, it } from "vitest";
import { fingerprint, fingerprintAt } from "../../src/lib/fingerprint.js";
import { bufferView, keepBytes, matchesKept } from "../../src/cache/kept-bytes.js";

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe("kept bytes", () => {
  it("match the same octets at any offset of a larger buffer, for lengths that are not a multiple of four", () => {
    for (const n of [0, 1, 3, 4, 5, 31, 32, 33, 1021]) {
      const original = bytes(n, n + 1);
      const kept = keepBytes(original);
      for (const offset of [0, 1, 2, 3, 7]) {
        const host = bytes(n + offset + 9, 99);
        host.set(original, offset);
        expect(matchesKept(kept, host, offset, offset + n, bufferView(host))).toBe(true);
        // A view that starts inside its buffer: offsets are relative to the view.
        if (offset >= 1) {
          const inner = host.subarray(1);
          expect(matchesKept(kept, inner, offset - 1, offset - 1 + n, bufferView(inner))).toBe(true);
        }
      }
    }
  });

  it("refuse a change of any single octet, and another length", () => {
    const original = bytes(67, 5);
    const kept = keepBytes(original);
    for (let i = 0; i < original.length; i++) {
      const changed = new Uint8Array(original);
      changed[i] = changed[i]! ^ 0x01;
      expect(matchesKept(kept, changed, 0, changed.length, bufferView(changed))).toBe(false);
    }
    expect(matchesKept(kept, original, 0, 66, bufferView(original))).toBe(false);
  });

  it("are a copy: later changes to the caller's buffer do not reach them", () => {
    const original = bytes(40, 8);
    const kept = keepBytes(original, 4, 36);
    const expected = original.slice(4, 36);
    original.fill(0);
    expect(kept.bytes).toEqual(expected);
    expect(kept.bytes.buffer).not.toBe(original.buffer);
  });

  it("fingerprintAt gives what fingerprint gives for the same octets", () => {
    const host = bytes(600, 3);
    for (const [s, e] of [[0, 600], [5, 105], [17, 18], [100, 100], [3, 599]] as const) {
      expect(fingerprintAt(host, s, e)).toBe(fingerprint(host.subarray(s, e)));
    }
  });
});
