import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encodeTlv } from "../../src/asn1/encode.js";
import { createKeyCache } from "../../src/cache/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import { verifyRaw, verifySignature } from "../../src/crypto/verify.js";
import { alg, encodeAlgorithm, encodeOid, hex, OIDS } from "./helpers.js";
import { CORPORA } from "../corpora.js";

const WYCHEPROOF = `${CORPORA}/suites/wycheproof`;
const firstGroup = (f: string) =>
  (JSON.parse(readFileSync(`${WYCHEPROOF}/${f}`, "utf8")) as {
    testGroups: { publicKeyDer: string; tests: { msg: string; sig: string; result: string }[] }[];
  }).testGroups[0]!;

const env = (): Env => ({ crypto: globalThis.crypto, keys: createKeyCache() });

describe("verifySignature failure values", () => {
  const ed = firstGroup("ed25519_test.json");
  const edValid = ed.tests.find((t) => t.result === "valid")!;

  it("maps a runtime without Ed25519 to UNSUPPORTED_ALGORITHM", async () => {
    const noEd: Env = {
      crypto: {
        subtle: {
          importKey: () => Promise.reject(new DOMException("Unrecognized algorithm name", "NotSupportedError")),
        } as unknown as SubtleCrypto,
      } as Crypto,
      keys: createKeyCache(),
    };
    const r = { signatureAlgorithm: alg(OIDS.ed25519), spki: hex(ed.publicKeyDer), signature: hex(edValid.sig), data: hex(edValid.msg) };
    expect(await verifySignature(r, noEd)).toMatchObject({ ok: false, code: "UNSUPPORTED_ALGORITHM" });
    expect(await verifySignature(r, env())).toMatchObject({ ok: true });
  });

  it("fails closed when the engine throws during verify", async () => {
    const throwing: Env = {
      crypto: {
        subtle: {
          importKey: globalThis.crypto.subtle.importKey.bind(globalThis.crypto.subtle),
          verify: () => {
            throw new Error("engine failure");
          },
        } as unknown as SubtleCrypto,
      } as Crypto,
      keys: createKeyCache(),
    };
    const r = { signatureAlgorithm: alg(OIDS.ed25519), spki: hex(ed.publicKeyDer), signature: hex(edValid.sig), data: hex(edValid.msg) };
    expect(await verifySignature(r, throwing)).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
  });

  it("returns MALFORMED_KEY for an SPKI that does not decode or import", async () => {
    const g = firstGroup("ecdsa_secp256r1_sha256_p1363_test.json");
    const t = g.tests.find((x) => x.result === "valid")!;
    const spki = hex(g.publicKeyDer);
    const base = { signatureAlgorithm: alg(OIDS.ecdsaSha256), signature: hex(t.sig), data: hex(t.msg) };
    expect(await verifyRaw({ ...base, spki }, env())).toMatchObject({ ok: true });
    expect(await verifyRaw({ ...base, spki: spki.subarray(0, 40) }, env())).toMatchObject({ ok: false, code: "MALFORMED_KEY" });
    const offCurve = Uint8Array.from(spki);
    offCurve[offCurve.length - 1] ^= 1; // the point is no longer on P-256
    expect(await verifyRaw({ ...base, spki: offCurve }, env())).toMatchObject({ ok: false, code: "MALFORMED_KEY" });
  });

  it("refuses curves outside the table and keys of unsupported families", async () => {
    const point = encodeTlv(0x03, Uint8Array.of(0, 4, ...new Array<number>(64).fill(1)));
    const k1 = encodeTlv(0x30, encodeAlgorithm(OIDS.ecPublicKey, encodeOid(OIDS.secp256k1)), point);
    const sig = new Uint8Array(64).fill(1);
    const data = Uint8Array.of(1);
    expect(await verifyRaw({ signatureAlgorithm: alg(OIDS.ecdsaSha256), spki: k1, signature: sig, data }, env())).toMatchObject({
      ok: false,
      code: "UNSUPPORTED_ALGORITHM",
      algorithms: { key: "EC secp256k1" },
    });
    const dsaKey = encodeTlv(0x30, encodeAlgorithm("1.2.840.10040.4.1"), encodeTlv(0x03, Uint8Array.of(0, 2, 1, 1)));
    expect(await verifySignature({ signatureAlgorithm: alg(OIDS.dsaSha256), spki: dsaKey, signature: sig, data }, env())).toMatchObject({
      ok: false,
      code: "UNSUPPORTED_ALGORITHM",
    });
    expect(await verifySignature({ signatureAlgorithm: alg(OIDS.ecdsaSha256), spki: dsaKey, signature: sig, data }, env())).toMatchObject({
      ok: false,
      code: "ALGORITHM_KEY_MISMATCH",
    });
  });
});
