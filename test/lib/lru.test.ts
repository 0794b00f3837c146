import { describe, expect, it } from "vitest";
import { bytesEqual } from "../../src/lib/bytes.js";
import { createLru } from "../../src/lib/lru.js";
import { fingerprint } from "../../src/lib/fingerprint.js";

describe("createLru", () => {
  it("keeps at most maxEntries, dropping the least recently used", () => {
    const lru = createLru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // "b" is now the least recently used
    lru.set("c", 3);
    expect(lru.size).toBe(2);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
  });

  it("never evicts an entry used at least once every maxEntries / 2 insertions", () => {
    const lru = createLru<string, number>(8);
    lru.set("hot", 0);
    for (let i = 0; i < 200; i++) {
      lru.set(`cold${i}`, i);
      if (i % 4 === 3) expect(lru.get("hot")).toBe(0);
    }
    expect(lru.size).toBe(8);
    expect(lru.get("cold0")).toBeUndefined();
  });

  it("treats a bound below 1 or not finite as 1", () => {
    for (const bound of [0, -5, Number.NaN, 0.5]) {
      const lru = createLru<string, number>(bound);
      lru.set("a", 1);
      lru.set("b", 2);
      expect(lru.size).toBe(1);
      expect(lru.get("b")).toBe(2);
    }
  });

  it("deletes", () => {
    const lru = createLru<string, number>(3);
    lru.set("a", 1);
    lru.delete("a");
    expect(lru.get("a")).toBeUndefined();
    expect(lru.size).toBe(0);
  });
});

describe("fingerprint and bytesEqual", () => {
  it("fingerprints by length and content", () => {
    expect(fingerprint(new Uint8Array([1, 2, 3]))).toBe(fingerprint(new Uint8Array([1, 2, 3])));
    expect(fingerprint(new Uint8Array([1, 2, 3]))).not.toBe(fingerprint(new Uint8Array([1, 2, 4])));
    expect(fingerprint(new Uint8Array([0]))).not.toBe(fingerprint(new Uint8Array([0, 0])));
  });

  it("hashes only both ends of a long input, so only the byte comparison can tell a changed middle", () => {
    const a = new Uint8Array(4096).fill(7);
    const b = a.slice();
    b[2048] = 8;
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(bytesEqual(a, b)).toBe(false);
    const c = a.slice();
    c[4095] = 8;
    expect(fingerprint(a)).not.toBe(fingerprint(c));
  });

  it("compares octet for octet", () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});
