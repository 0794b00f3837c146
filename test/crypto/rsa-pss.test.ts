import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodePssParams, keyPssParams } from "../../src/model/rsa-pss-params.js";
import { pssKeyAllows, toRsaEncryptionSpki } from "../../src/crypto/rsa-pss.js";
import { readKeyInfo } from "../../src/crypto/key-info.js";
import { alg, encodeAlgorithm, encodePssParams, hex, NULL, OIDS } from "./helpers.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import { CORPORA } from "../corpora.js";

const WYCHEPROOF = `${CORPORA}/suites/wycheproof`;
const firstKey = (file: string): string =>
  (JSON.parse(readFileSync(`${WYCHEPROOF}/${file}`, "utf8")) as { testGroups: { publicKeyDer: string }[] }).testGroups[0]!.publicKeyDer;

describe("decodePssParams", () => {
  it("fills in RFC 4055 defaults for an empty SEQUENCE", () => {
    expect(decodePssParams(Uint8Array.of(0x30, 0x00))).toEqual({ hash: OIDS.sha1, mgfHash: OIDS.sha1, saltLength: 20, trailerField: 1 });
  });

  it("reads every field, with NULL or absent hash parameters", () => {
    for (const hashNull of [true, false]) {
      const der = encodePssParams({ hash: OIDS.sha384, mgfHash: OIDS.sha384, salt: 48, trailer: 1, hashNull });
      expect(decodePssParams(der)).toEqual({ hash: OIDS.sha384, mgfHash: OIDS.sha384, saltLength: 48, trailerField: 1 });
    }
  });

  it.each([
    ["fields out of order", encodeTlv(0x30, encodeTlv(0xa2, Uint8Array.of(2, 1, 32)), encodeTlv(0xa0, encodeAlgorithm(OIDS.sha256)))],
    ["a repeated field", encodeTlv(0x30, encodeTlv(0xa2, Uint8Array.of(2, 1, 32)), encodeTlv(0xa2, Uint8Array.of(2, 1, 32)))],
    ["an unknown field [4]", encodeTlv(0x30, encodeTlv(0xa4, Uint8Array.of(2, 1, 1)))],
    ["a mask generator other than MGF1", encodeTlv(0x30, encodeTlv(0xa1, encodeAlgorithm("1.2.3.4", encodeAlgorithm(OIDS.sha256))))],
    ["MGF1 without its hash", encodeTlv(0x30, encodeTlv(0xa1, encodeAlgorithm(OIDS.mgf1)))],
    ["a hash with an OID parameter", encodeTlv(0x30, encodeTlv(0xa0, encodeAlgorithm(OIDS.sha256, Uint8Array.of(6, 1, 42))))],
    ["a negative salt length", encodeTlv(0x30, encodeTlv(0xa2, Uint8Array.of(2, 1, 0xff)))],
    ["trailing bytes", Uint8Array.of(0x30, 0x00, 0x00)],
    ["a NULL instead of a SEQUENCE", NULL],
  ])("rejects %s", (_, der) => {
    expect(() => decodePssParams(der)).toThrow();
  });
});

describe("id-RSASSA-PSS keys", () => {
  it("treats absent or NULL key parameters as unrestricted", () => {
    expect(keyPssParams(alg(OIDS.pss))).toBeUndefined();
    expect(keyPssParams(alg(OIDS.pss, NULL))).toBeUndefined();
  });

  it("enforces the key's hash, MGF hash and minimum salt (RFC 4055 §3.3)", () => {
    const key = { hash: OIDS.sha256, mgfHash: OIDS.sha256, saltLength: 32, trailerField: 1 };
    expect(pssKeyAllows(key, key)).toBeUndefined();
    expect(pssKeyAllows(key, { ...key, saltLength: 64 })).toBeUndefined();
    expect(pssKeyAllows(key, { ...key, saltLength: 20 })).toMatch(/salt/);
    expect(pssKeyAllows(key, { ...key, hash: OIDS.sha384 })).toMatch(/hash/);
    expect(pssKeyAllows(key, { ...key, mgfHash: OIDS.sha384 })).toMatch(/MGF1/);
  });

  it("re-encodes a Wycheproof id-RSASSA-PSS key as the identical rsaEncryption key", () => {
    const pssSpki = hex(firstKey("rsa_pss_2048_sha256_mgf1_32_params_test.json"));
    const plainSpki = hex(firstKey("rsa_pss_2048_sha256_mgf1_32_test.json"));
    expect(Buffer.from(toRsaEncryptionSpki(pssSpki)).toString("hex")).toBe(Buffer.from(plainSpki).toString("hex"));
    const info = readKeyInfo(pssSpki);
    expect(info).toMatchObject({ family: "RSA", bits: 2048, pssOnly: true, pssParams: { hash: OIDS.sha256, saltLength: 32 } });
  });
});
