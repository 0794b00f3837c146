import { describe, expect, it } from "vitest";
import { fastImport } from "../../src/crypto/import-format.js";
import { importKeyNow, type ImportAlgorithm } from "../../src/crypto/import-key.js";

const subtle = globalThis.crypto.subtle;
const data = new TextEncoder().encode("Hóa đơn điện tử số 0000123");

interface Case {
  readonly name: string;
  readonly generate: RsaHashedKeyGenParams | EcKeyGenParams;
  readonly import: ImportAlgorithm;
  readonly sign: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  readonly format: "jwk" | "raw";
}

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);
const CASES: readonly Case[] = [
  {
    name: "RSA-2048 PKCS#1 v1.5",
    generate: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: RSA_EXPONENT, hash: "SHA-256" },
    import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    sign: { name: "RSASSA-PKCS1-v1_5" },
    format: "jwk",
  },
  {
    name: "RSA-3072 PSS",
    generate: { name: "RSA-PSS", modulusLength: 3072, publicExponent: RSA_EXPONENT, hash: "SHA-384" },
    import: { name: "RSA-PSS", hash: "SHA-384" },
    sign: { name: "RSA-PSS", saltLength: 48 },
    format: "jwk",
  },
  ...(["P-256", "P-384", "P-521"] as const).map(
    (namedCurve): Case => ({
      name: `ECDSA ${namedCurve}`,
      generate: { name: "ECDSA", namedCurve },
      import: { name: "ECDSA", namedCurve },
      sign: { name: "ECDSA", hash: "SHA-256" },
      format: "raw",
    }),
  ),
];

async function keyPair(c: Case) {
  const pair = (await subtle.generateKey(c.generate, true, ["sign", "verify"])) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle.exportKey("spki", pair.publicKey));
  const signature = new Uint8Array(await subtle.sign(c.sign, pair.privateKey, data));
  return { spki, signature };
}

describe("fastImport", () => {
  for (const c of CASES) {
    it(`gives ${c.name} keys as ${c.format}, the same key as the SPKI: it verifies what the SPKI key verifies`, async () => {
      const { spki, signature } = await keyPair(c);
      const fast = fastImport(spki, c.import);
      expect(fast?.format).toBe(c.format);
      const key =
        fast!.format === "jwk"
          ? await subtle.importKey("jwk", fast!.keyData, c.import, false, ["verify"])
          : await subtle.importKey("raw", fast!.keyData, c.import, false, ["verify"]);
      expect(await subtle.verify(c.sign, key, signature, data)).toBe(true);
      const other = new Uint8Array(data);
      other[0] ^= 1;
      expect(await subtle.verify(c.sign, key, signature, other)).toBe(false);
      // A different key of the same kind does not verify it.
      const stranger = fastImport((await keyPair(c)).spki, c.import)!;
      const strangerKey =
        stranger.format === "jwk"
          ? await subtle.importKey("jwk", stranger.keyData, c.import, false, ["verify"])
          : await subtle.importKey("raw", stranger.keyData, c.import, false, ["verify"]);
      expect(await subtle.verify(c.sign, strangerKey, signature, data)).toBe(false);
    });
  }

  it("leaves to the SPKI import: Ed25519, another curve than asked for, a compressed point, and what is not an SPKI", async () => {
    const ed = await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
    const edSpki = new Uint8Array(await subtle.exportKey("spki", (ed as CryptoKeyPair).publicKey));
    expect(fastImport(edSpki, { name: "Ed25519" })).toBeUndefined();

    const p256 = (await keyPair(CASES[2]!)).spki;
    expect(fastImport(p256, { name: "ECDSA", namedCurve: "P-384" })).toBeUndefined();
    expect(fastImport(p256, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" })).toBeUndefined();

    // The same P-256 SPKI with its point compressed (0x02/0x03 || X): 26-octet header, 33-octet point.
    const compressed = new Uint8Array(p256.length - 32);
    compressed.set(p256.subarray(0, p256.length - 65));
    compressed[1] = p256[1]! - 32; // SEQUENCE length
    compressed[p256.length - 65 - 2] = 34; // BIT STRING length: unused-bits octet + 33
    compressed[compressed.length - 33] = 0x02 | (p256[p256.length - 1]! & 1);
    compressed.set(p256.subarray(p256.length - 64, p256.length - 32), compressed.length - 32);
    // Valid: the SPKI import takes it.
    await subtle.importKey("spki", compressed, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    expect(fastImport(compressed, { name: "ECDSA", namedCurve: "P-256" })).toBeUndefined();

    expect(fastImport(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), { name: "ECDSA", namedCurve: "P-256" })).toBeUndefined();
    expect(fastImport(new Uint8Array(0), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" })).toBeUndefined();
  });
});

describe("importKeyNow", () => {
  it("imports the SPKI when the engine refuses the faster form, and reports the SPKI import's error when both fail", async () => {
    const c = CASES[0]!;
    const { spki, signature } = await keyPair(c);
    const formats: string[] = [];
    const picky = (accept: (format: string) => boolean) =>
      ({
        subtle: {
          importKey: (...a: Parameters<SubtleCrypto["importKey"]>) => {
            formats.push(a[0]);
            return accept(a[0]) ? subtle.importKey(...a) : Promise.reject(new DOMException(`no ${a[0]} here`, "NotSupportedError"));
          },
        },
      }) as unknown as Crypto;

    const key = await importKeyNow(picky((f) => f === "spki"), spki, c.import);
    expect(formats).toEqual(["jwk", "spki"]);
    expect(await subtle.verify(c.sign, key, signature, data)).toBe(true);

    formats.length = 0;
    await expect(importKeyNow(picky(() => false), spki, c.import)).rejects.toThrow("no spki here");
    expect(formats).toEqual(["jwk", "spki"]);
  });
});
