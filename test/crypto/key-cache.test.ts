import { describe, expect, it } from "vitest";
import { createKeyCache, keyCacheKey } from "../../src/crypto/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import { verifySignature } from "../../src/crypto/verify.js";
import { alg, NULL, OIDS } from "./helpers.js";

const dummy = (): Promise<CryptoKey> => new Promise<CryptoKey>(() => undefined);

describe("createKeyCache", () => {
  it("never holds more than maxEntries and evicts the least recently used", () => {
    const cache = createKeyCache(3);
    const values = new Map<string, Promise<CryptoKey>>();
    for (const k of ["a", "b", "c"]) {
      values.set(k, dummy());
      cache.set(k, values.get(k)!);
    }
    expect(cache.get("a")).toBe(values.get("a")); // "a" is now the most recent
    cache.set("d", dummy());
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(values.get("a"));
    expect(cache.get("c")).toBe(values.get("c"));
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, dummy());
    const alive = ["a", "c", "d", ...Array.from({ length: 100 }, (_, i) => `k${i}`)].filter((k) => cache.get(k) !== undefined);
    expect(alive).toEqual(["k97", "k98", "k99"]);
  });

  it("keeps at least one entry", () => {
    const cache = createKeyCache(0);
    const v = dummy();
    cache.set("x", v);
    expect(cache.get("x")).toBe(v);
  });
});

describe("keyCacheKey", () => {
  it("separates SPKIs and import algorithms", () => {
    const a = Uint8Array.of(1, 2, 3);
    const b = Uint8Array.of(1, 2, 4);
    expect(keyCacheKey(a, "ECDSA/P-256")).not.toBe(keyCacheKey(b, "ECDSA/P-256"));
    expect(keyCacheKey(a, "RSA-PSS/SHA-256")).not.toBe(keyCacheKey(a, "RSA-PSS/SHA-384"));
    expect(keyCacheKey(a, "ECDSA/P-256")).toBe(keyCacheKey(Uint8Array.of(1, 2, 3), "ECDSA/P-256"));
    const big = new Uint8Array(40_000).map((_, i) => i & 0xff);
    expect(keyCacheKey(big, "x").length).toBe(40_002);
  });
});

describe("key imports", () => {
  it("imports each key at most once per cache and import algorithm", async () => {
    const pair = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
    const data = Uint8Array.of(1, 2, 3);
    const signature = new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, data));
    let imports = 0;
    const subtle = new Proxy(crypto.subtle, {
      get(target, prop) {
        if (prop === "importKey") {
          return (...args: Parameters<SubtleCrypto["importKey"]>) => {
            imports++;
            return target.importKey(...args);
          };
        }
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const env: Env = { crypto: { subtle } as Crypto, keys: createKeyCache() };
    const req = { signatureAlgorithm: alg(OIDS.sha256WithRSA, NULL), spki, signature, data };
    const outs = await Promise.all([verifySignature(req, env), verifySignature(req, env), verifySignature(req, env)]);
    expect(outs.map((o) => o.ok)).toEqual([true, true, true]);
    expect(imports).toBe(1);
    // Another hash binds another WebCrypto key, so it is one more import.
    const other = await verifySignature({ ...req, signatureAlgorithm: alg(OIDS.sha384WithRSA, NULL) }, env);
    expect(other).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
    expect(imports).toBe(2);
  });
});
