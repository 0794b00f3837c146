import { describe, expect, it } from "vitest";
import {
  CURVES,
  DIGESTS,
  KEY_ALGORITHMS,
  resolveSignatureAlgorithm,
  rsaKeyStrength,
  SIGNATURE_FAMILIES,
  SIGNATURES,
  weakest,
} from "../../src/policy/algorithms.js";
import { alg, encodePssParams, NULL, OIDS } from "./helpers.js";

describe("digest table", () => {
  it.each([
    [OIDS.md5, "MD5", "weak", false],
    ["1.2.840.113549.2.2", "MD2", "weak", false],
    [OIDS.sha1, "SHA-1", "legacy", true],
    [OIDS.sha224, "SHA-224", "ok", false],
    [OIDS.sha256, "SHA-256", "ok", true],
    [OIDS.sha384, "SHA-384", "ok", true],
    [OIDS.sha512, "SHA-512", "ok", true],
    [OIDS.sha3_256, "SHA3-256", "ok", false],
  ])("%s is %s (%s), WebCrypto: %s", (oid, name, strength, webcrypto) => {
    const e = DIGESTS.get(oid)!;
    expect(e.name).toBe(name);
    expect(e.strength).toBe(strength);
    expect(e.webcrypto !== undefined).toBe(webcrypto);
  });
});

describe("signature table", () => {
  it("points every entry at a known digest, family and key kind", () => {
    for (const [oid, e] of SIGNATURES) {
      if (!["from-digest-algorithm", "from-pss-params", "intrinsic"].includes(e.digest)) {
        expect(DIGESTS.has(e.digest), `${oid} digest`).toBe(true);
      }
      const verifiable = SIGNATURE_FAMILIES.has(e.family);
      expect(verifiable, oid).toBe(!["DSA", "GOST"].includes(e.family));
      expect([...KEY_ALGORITHMS.values()].some((k) => k.family === e.key), `${oid} key`).toBe(true);
    }
  });

  it.each([
    ["sha1WithRSAEncryption", alg(OIDS.sha1WithRSA, NULL), "RSASSA-PKCS1-v1_5", "SHA-1", "legacy"],
    ["sha256WithRSAEncryption, NULL", alg(OIDS.sha256WithRSA, NULL), "RSASSA-PKCS1-v1_5", "SHA-256", "ok"],
    ["sha256WithRSAEncryption, absent", alg(OIDS.sha256WithRSA), "RSASSA-PKCS1-v1_5", "SHA-256", "ok"],
    ["sha384WithRSAEncryption", alg(OIDS.sha384WithRSA, NULL), "RSASSA-PKCS1-v1_5", "SHA-384", "ok"],
    ["sha512WithRSAEncryption", alg(OIDS.sha512WithRSA, NULL), "RSASSA-PKCS1-v1_5", "SHA-512", "ok"],
    ["ecdsa-with-SHA1", alg(OIDS.ecdsaSha1), "ECDSA", "SHA-1", "legacy"],
    ["ecdsa-with-SHA256", alg(OIDS.ecdsaSha256), "ECDSA", "SHA-256", "ok"],
    ["ecdsa-with-SHA384", alg(OIDS.ecdsaSha384), "ECDSA", "SHA-384", "ok"],
    ["ecdsa-with-SHA512", alg(OIDS.ecdsaSha512), "ECDSA", "SHA-512", "ok"],
    ["Ed25519", alg(OIDS.ed25519), "Ed25519", "SHA-512", "ok"],
  ])("resolves %s", (_, sigAlg, family, digest, strength) => {
    const r = resolveSignatureAlgorithm(sigAlg);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ family, digest, strength });
  });

  it("takes the digest of plain rsaEncryption and id-ecPublicKey from the CMS digestAlgorithm", () => {
    const rsa = resolveSignatureAlgorithm(alg(OIDS.rsaEncryption, NULL), alg(OIDS.sha384));
    expect(rsa).toMatchObject({ ok: true, value: { family: "RSASSA-PKCS1-v1_5", hash: "SHA-384", key: "RSA" } });
    const ec = resolveSignatureAlgorithm(alg(OIDS.ecPublicKey), alg(OIDS.sha256, NULL));
    expect(ec).toMatchObject({ ok: true, value: { family: "ECDSA", hash: "SHA-256", key: "EC" } });
    expect(resolveSignatureAlgorithm(alg(OIDS.rsaEncryption, NULL))).toMatchObject({ ok: false, code: "UNSUPPORTED_ALGORITHM" });
    expect(resolveSignatureAlgorithm(alg(OIDS.rsaEncryption, NULL), alg(OIDS.md5))).toMatchObject({ ok: false, code: "WEAK_ALGORITHM" });
    const oddParams = alg(OIDS.sha256, Uint8Array.of(6, 1, 42));
    expect(resolveSignatureAlgorithm(alg(OIDS.rsaEncryption, NULL), oddParams)).toMatchObject({ ok: false, code: "UNSUPPORTED_ALGORITHM" });
  });

  it.each([
    ["md2WithRSAEncryption", alg("1.2.840.113549.1.1.2", NULL), "WEAK_ALGORITHM"],
    ["md5WithRSAEncryption", alg(OIDS.md5WithRSA, NULL), "WEAK_ALGORITHM"],
    ["sha224WithRSAEncryption", alg(OIDS.sha224WithRSA, NULL), "UNSUPPORTED_ALGORITHM"],
    ["ecdsa-with-SHA224", alg("1.2.840.10045.4.3.1"), "UNSUPPORTED_ALGORITHM"],
    ["RSA with SHA3-256", alg("2.16.840.1.101.3.4.3.14"), "UNSUPPORTED_ALGORITHM"],
    ["dsa-with-sha1", alg("1.2.840.10040.4.3"), "UNSUPPORTED_ALGORITHM"],
    ["dsa-with-sha256", alg(OIDS.dsaSha256), "UNSUPPORTED_ALGORITHM"],
    ["GOST R 34.10-2012", alg(OIDS.gost2012), "UNSUPPORTED_ALGORITHM"],
    ["an unknown OID", alg("1.2.3.4"), "UNSUPPORTED_ALGORITHM"],
    ["sha256WithRSAEncryption with an OID parameter", alg(OIDS.sha256WithRSA, Uint8Array.of(6, 1, 42)), "UNSUPPORTED_ALGORITHM"],
    ["Ed25519 with parameters", alg(OIDS.ed25519, NULL), "UNSUPPORTED_ALGORITHM"],
    ["id-RSASSA-PSS without parameters", alg(OIDS.pss), "UNSUPPORTED_ALGORITHM"],
    ["RSASSA-PSS, MGF1 hash differs", alg(OIDS.pss, encodePssParams({ hash: OIDS.sha256, mgfHash: OIDS.sha384, salt: 32 })), "UNSUPPORTED_ALGORITHM"],
    ["RSASSA-PSS, trailer field 2", alg(OIDS.pss, encodePssParams({ hash: OIDS.sha256, mgfHash: OIDS.sha256, trailer: 2 })), "UNSUPPORTED_ALGORITHM"],
    ["RSASSA-PSS with MD5", alg(OIDS.pss, encodePssParams({ hash: OIDS.md5, mgfHash: OIDS.md5 })), "WEAK_ALGORITHM"],
    ["RSASSA-PSS, malformed params", alg(OIDS.pss, Uint8Array.of(0x30, 0x03, 0xa2, 0x01, 0x00)), "UNSUPPORTED_ALGORITHM"],
  ])("refuses %s", (_, sigAlg, code) => {
    expect(resolveSignatureAlgorithm(sigAlg)).toMatchObject({ ok: false, code });
  });

  it("decodes RSASSA-PSS parameters, defaults included", () => {
    const full = resolveSignatureAlgorithm(alg(OIDS.pss, encodePssParams({ hash: OIDS.sha256, mgfHash: OIDS.sha256, salt: 32 })));
    expect(full).toMatchObject({ ok: true, value: { family: "RSA-PSS", hash: "SHA-256", pss: { saltLength: 32, trailerField: 1 } } });
    const defaults = resolveSignatureAlgorithm(alg(OIDS.pss, Uint8Array.of(0x30, 0x00)));
    expect(defaults).toMatchObject({ ok: true, value: { hash: "SHA-1", strength: "legacy", pss: { saltLength: 20 } } });
  });
});

describe("key rules", () => {
  it.each([
    [512, "weak"],
    [1023, "weak"],
    [1024, "legacy"],
    [2047, "legacy"],
    [2048, "ok"],
    [4096, "ok"],
  ])("RSA-%i is %s", (bits, strength) => {
    expect(rsaKeyStrength(bits)).toBe(strength);
  });

  it("supports P-256, P-384 and P-521 only", () => {
    const supported = [...CURVES.values()].filter((c) => c.webcrypto !== undefined).map((c) => c.name);
    expect(supported).toEqual(["P-256", "P-384", "P-521"]);
    expect(CURVES.get(OIDS.secp256k1)?.webcrypto).toBeUndefined();
  });

  it("finds the weakest class", () => {
    expect(weakest("ok", "legacy", "ok")).toBe("legacy");
    expect(weakest("legacy", "weak")).toBe("weak");
    expect(weakest()).toBe("ok");
  });
});
