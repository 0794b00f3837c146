import { describe, expect, it } from "vitest";
import { createKeyCache } from "../../src/cache/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import { verifySignature } from "../../src/crypto/verify.js";
import { alg, NULL, OIDS } from "../crypto/helpers.js";

/** A fake WebCrypto whose importKey counts calls and fails while `fail` is set. */
function countingImports() {
  let imports = 0;
  let fail = false;
  const crypto = {
    subtle: {
      importKey: async (): Promise<CryptoKey> => {
        imports++;
        if (fail) throw new Error("engine failure");
        return { type: "public" } as CryptoKey;
      },
    },
  } as unknown as Crypto;
  return { crypto, imports: () => imports, failing: (f: boolean) => (fail = f) };
}

const P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const spkiOf = (n: number): Uint8Array => Uint8Array.of(0x30, 3, 2, 1, n);

describe("createKeyCache", () => {
  it("never holds more than maxEntries and forgets the least recently used", async () => {
    const c = countingImports();
    const keys = createKeyCache(3);
    // New views each time: the view memo cannot answer, only the bounded table can.
    for (const n of [1, 2, 3]) await keys.importKey(c.crypto, spkiOf(n), P256);
    expect(c.imports()).toBe(3);
    await keys.importKey(c.crypto, spkiOf(1), P256); // a hit, now the most recent
    expect(c.imports()).toBe(3);
    await keys.importKey(c.crypto, spkiOf(4), P256); // evicts 2
    await keys.importKey(c.crypto, spkiOf(2), P256);
    expect(c.imports()).toBe(5);
  });

  it("keeps the same SPKI apart under other import parameters and another WebCrypto", async () => {
    const c = countingImports();
    const d = countingImports();
    const keys = createKeyCache();
    await keys.importKey(c.crypto, spkiOf(1), P256);
    await keys.importKey(c.crypto, spkiOf(1), { name: "ECDSA", namedCurve: "P-384" });
    await keys.importKey(d.crypto, spkiOf(1), P256);
    expect([c.imports(), d.imports()]).toEqual([2, 1]);
  });

  it("shares a pending import, and forgets one that failed so the next use asks again", async () => {
    const c = countingImports();
    const keys = createKeyCache();
    const view = spkiOf(7);
    c.failing(true);
    await expect(Promise.all([keys.importKey(c.crypto, view, P256), keys.importKey(c.crypto, view, P256)])).rejects.toThrow("engine failure");
    expect(c.imports()).toBe(1);
    expect(keys.started(c.crypto, view)).toBeUndefined();
    c.failing(false);
    await expect(keys.importKey(c.crypto, view, P256)).resolves.toMatchObject({ type: "public" });
    expect(c.imports()).toBe(2);
    expect(keys.started(c.crypto, view)).toBeDefined();
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
