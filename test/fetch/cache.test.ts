// The cache of fetched bytes shared across validations: validity until the caller's moment, bounds, owned copies.
import { describe, expect, it } from "vitest";
import { createFetchCache } from "decree130/fetch";

const T = Date.parse("2025-06-01T00:00:00Z");
const bytes = (n: number, fill = 1): Uint8Array => new Uint8Array(n).fill(fill);

describe("createFetchCache", () => {
  it("gives the bytes back until validUntil (inclusive), then drops them", () => {
    const cache = createFetchCache(4);
    expect(cache.set({ url: "http://a.vn/ca.crl" }, bytes(3), T + 1000, T)).toBe(true);
    expect(cache.get({ url: "http://a.vn/ca.crl" }, T)).toEqual(bytes(3));
    expect(cache.get({ url: "http://a.vn/ca.crl" }, T + 1000)).toEqual(bytes(3));
    expect(cache.get({ url: "http://a.vn/ca.crl" }, T + 1001)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get({ url: "http://a.vn/ca.crl" }, T)).toBeUndefined();
  });

  it("refuses what is already expired, and replaces an entry set again", () => {
    const cache = createFetchCache(4);
    expect(cache.set({ url: "u" }, bytes(1), T - 1, T)).toBe(false);
    expect(cache.set({ url: "u" }, bytes(1, 1), T + 10, T)).toBe(true);
    expect(cache.set({ url: "u" }, bytes(2, 2), T + 20, T)).toBe(true);
    expect([cache.size, cache.bytes]).toEqual([1, 2]);
    expect(cache.get({ url: "u" }, T + 15)).toEqual(bytes(2, 2));
    expect(cache.set({ url: "u" }, bytes(2, 2), T - 5, T)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it("files a POST under its URL and body", () => {
    const cache = createFetchCache(4);
    cache.set({ url: "http://ocsp.a.vn", body: Uint8Array.of(1, 2) }, bytes(1, 7), T + 10, T);
    expect(cache.get({ url: "http://ocsp.a.vn", body: Uint8Array.of(1, 2) }, T)).toEqual(bytes(1, 7));
    expect(cache.get({ url: "http://ocsp.a.vn", body: Uint8Array.of(1, 3) }, T)).toBeUndefined();
    expect(cache.get({ url: "http://ocsp.a.vn" }, T)).toBeUndefined();
  });

  it("owns copies: neither the stored nor the returned array reaches the entry", () => {
    const cache = createFetchCache(4);
    const mine = bytes(4, 5);
    cache.set({ url: "u" }, mine, T + 10, T);
    mine.fill(0);
    const hit = cache.get({ url: "u" }, T)!;
    expect(hit).toEqual(bytes(4, 5));
    hit.fill(0);
    expect(cache.get({ url: "u" }, T)).toEqual(bytes(4, 5));
  });

  it("drops the least recently used entry past maxEntries", () => {
    const cache = createFetchCache(2);
    cache.set({ url: "a" }, bytes(1), T + 10, T);
    cache.set({ url: "b" }, bytes(1), T + 10, T);
    cache.get({ url: "a" }, T); // a is now the most recent
    cache.set({ url: "c" }, bytes(1), T + 10, T);
    expect([cache.get({ url: "a" }, T) !== undefined, cache.get({ url: "b" }, T) !== undefined, cache.get({ url: "c" }, T) !== undefined]).toEqual([true, false, true]);
  });

  it("holds at most maxBytes in all, and never an entry larger than that", () => {
    const cache = createFetchCache(100, 10);
    cache.set({ url: "a" }, bytes(4), T + 10, T);
    cache.set({ url: "b" }, bytes(4), T + 10, T);
    cache.set({ url: "c" }, bytes(4), T + 10, T);
    expect([cache.size, cache.bytes]).toEqual([2, 8]);
    expect(cache.get({ url: "a" }, T)).toBeUndefined();
    expect(cache.set({ url: "huge" }, bytes(11), T + 10, T)).toBe(false);
    expect(cache.bytes).toBe(8);
  });

  it("refuses bounds that are not positive (TypeError)", () => {
    expect(() => createFetchCache(0)).toThrow(TypeError);
    expect(() => createFetchCache(Number.NaN)).toThrow(TypeError);
    expect(() => createFetchCache(4, 0)).toThrow(TypeError);
  });
});
