import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { digest } from "../../src/crypto/digest.js";
import { keyName, readKeyInfo } from "../../src/crypto/key-info.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import { alg, encodeAlgorithm, encodeOid, hex, NULL, OIDS } from "./helpers.js";
import { CORPORA } from "../corpora.js";

const WYCHEPROOF = `${CORPORA}/suites/wycheproof`;
const firstKey = (file: string): Uint8Array => {
  const g = (JSON.parse(readFileSync(`${WYCHEPROOF}/${file}`, "utf8")) as { testGroups: { publicKeyDer: string }[] }).testGroups[0]!;
  return hex(g.publicKeyDer);
};

describe("readKeyInfo", () => {
  it.each([
    ["rsa_signature_2048_sha256_test.json", "RSA-2048"],
    ["rsa_signature_3072_sha256_test.json", "RSA-3072"],
    ["rsa_signature_4096_sha512_test.json", "RSA-4096"],
    ["ecdsa_secp256r1_sha256_test.json", "EC P-256"],
    ["ecdsa_secp384r1_sha384_test.json", "EC P-384"],
    ["ecdsa_secp521r1_sha512_test.json", "EC P-521"],
    ["ed25519_test.json", "Ed25519"],
    ["rsa_pss_2048_sha256_mgf1_32_params_test.json", "RSA-PSS-2048"],
  ])("%s holds an %s key", (file, name) => {
    expect(keyName(readKeyInfo(firstKey(file)))).toBe(name);
  });

  it("names curves outside the table by OID, and unknown key algorithms as such", () => {
    const point = encodeTlv(0x03, Uint8Array.of(0, 4, ...new Array<number>(64).fill(1)));
    const k1 = encodeTlv(0x30, encodeAlgorithm(OIDS.ecPublicKey, encodeOid(OIDS.secp256k1)), point);
    expect(readKeyInfo(k1)).toMatchObject({ family: "EC", curveOid: OIDS.secp256k1, curve: { name: "secp256k1" } });
    const brainpool = encodeTlv(0x30, encodeAlgorithm(OIDS.ecPublicKey, encodeOid("1.3.36.3.3.2.8.1.1.14")), point);
    expect(keyName(readKeyInfo(brainpool))).toBe("EC 1.3.36.3.3.2.8.1.1.14");
    const dsa = encodeTlv(0x30, encodeAlgorithm("1.2.840.10040.4.1"), encodeTlv(0x03, Uint8Array.of(0, 2, 1, 1)));
    expect(readKeyInfo(dsa).family).toBe("DSA");
    const other = encodeTlv(0x30, encodeAlgorithm("1.2.3.4"), encodeTlv(0x03, Uint8Array.of(0, 1)));
    expect(keyName(readKeyInfo(other))).toBe("unknown key 1.2.3.4");
  });

  it("refuses malformed keys", () => {
    const rsa = firstKey("rsa_signature_2048_sha256_test.json");
    expect(() => readKeyInfo(Uint8Array.of(...rsa, 0))).toThrow();
    expect(() => readKeyInfo(rsa.subarray(0, rsa.length - 1))).toThrow();
    const negative = encodeTlv(0x30, encodeAlgorithm(OIDS.rsaEncryption, NULL), encodeTlv(0x03, Uint8Array.of(0, ...encodeTlv(0x30, Uint8Array.of(2, 1, 0x80, 2, 1, 3)))));
    expect(() => readKeyInfo(negative)).toThrow(/negative/);
    const noCurve = encodeTlv(0x30, encodeAlgorithm(OIDS.ecPublicKey), encodeTlv(0x03, Uint8Array.of(0, 4)));
    expect(() => readKeyInfo(noCurve)).toThrow();
  });
});

describe("digest", () => {
  const abc = new TextEncoder().encode("abc");

  it("hashes with SHA-256 and reports the class", async () => {
    const d = await digest(alg(OIDS.sha256, NULL), abc, crypto);
    expect(d.ok && Buffer.from(d.bytes).toString("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await digest(alg(OIDS.sha1), abc, crypto)).toMatchObject({ ok: true, name: "SHA-1", strength: "legacy" });
  });

  it.each([
    ["MD5", alg(OIDS.md5), {}, "WEAK_ALGORITHM"],
    ["SHA-1 under strict", alg(OIDS.sha1), { algorithms: "strict" as const }, "WEAK_ALGORITHM"],
    ["SHA-224", alg(OIDS.sha224), {}, "UNSUPPORTED_ALGORITHM"],
    ["SHA3-256", alg(OIDS.sha3_256), {}, "UNSUPPORTED_ALGORITHM"],
    ["an unknown OID", alg("1.2.3"), {}, "UNSUPPORTED_ALGORITHM"],
    ["SHA-256 with an OID parameter", alg(OIDS.sha256, Uint8Array.of(6, 1, 42)), {}, "UNSUPPORTED_ALGORITHM"],
  ])("refuses %s", async (_, a, options, code) => {
    expect(await digest(a, abc, crypto, options)).toMatchObject({ ok: false, code });
  });
});
