import { describe, expect, it } from "vitest";
import { encodeTlv } from "../../src/asn1/encode.js";
import { ecdsaDerToP1363 } from "../../src/crypto/ecdsa-signature.js";
import { isDecree130Error } from "../../src/errors.js";
import { verifyRaw, verifySignature } from "../../src/crypto/verify.js";
import { alg, freshEnv, OIDS } from "./helpers.js";

const int = (...b: number[]): Uint8Array => encodeTlv(0x02, Uint8Array.from(b));
const seq = (...parts: Uint8Array[]): Uint8Array => encodeTlv(0x30, ...parts);

function rejects(der: Uint8Array, size = 32): string {
  try {
    ecdsaDerToP1363(der, size);
  } catch (err) {
    expect(isDecree130Error(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error("accepted");
}

describe("ecdsaDerToP1363", () => {
  it("pads r and s to the curve size and drops the sign octet", () => {
    const out = ecdsaDerToP1363(seq(int(0x01, 0x02), int(0x00, 0xff)), 4);
    expect([...out]).toEqual([0, 0, 1, 2, 0, 0, 0, 0xff]);
  });

  it("accepts r and s of exactly the order size, with the sign octet", () => {
    const r = [0x00, ...new Array<number>(32).fill(0x80)];
    const out = ecdsaDerToP1363(seq(int(...r), int(0x7f)), 32);
    expect(out.length).toBe(64);
    expect(out[0]).toBe(0x80);
    expect(out[63]).toBe(0x7f);
  });

  it.each([
    ["long-form length below 128", Uint8Array.of(0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01)],
    ["non-minimal length octets", Uint8Array.of(0x30, 0x82, 0x00, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01)],
    ["long-form integer length", Uint8Array.of(0x30, 0x07, 0x02, 0x81, 0x01, 0x01, 0x02, 0x01, 0x01)],
    ["indefinite length", Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00)],
    ["a trailing byte after the SEQUENCE", Uint8Array.of(...seq(int(1), int(1)), 0x00)],
    ["a trailing element inside the SEQUENCE", seq(int(1), int(1), int(1))],
    ["a trailing zero byte inside the SEQUENCE", Uint8Array.of(0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00)],
    ["an unnecessary leading zero", seq(int(0x00, 0x01), int(1))],
    ["a negative r", seq(int(0xff), int(1))],
    ["a negative s", seq(int(1), int(0x80, 0x01))],
    ["a zero r", seq(int(0), int(1))],
    ["a zero s", seq(int(1), int(0))],
    ["r longer than the order", seq(int(...new Array<number>(33).fill(0x11)), int(1))],
    ["s longer than the order, with sign octet", seq(int(1), int(0x00, ...new Array<number>(33).fill(0x81)))],
    ["one integer only", seq(int(1))],
    ["a BIT STRING in place of s", seq(int(1), encodeTlv(0x03, Uint8Array.of(0, 1)))],
    ["a SET instead of a SEQUENCE", encodeTlv(0x31, int(1), int(1))],
    ["an empty integer", seq(encodeTlv(0x02, new Uint8Array()), int(1))],
  ])("rejects %s", (_, der) => {
    expect(rejects(der)).toMatch(/./);
  });
});

describe("ECDSA through verifySignature", () => {
  const data = new TextEncoder().encode("hợp đồng số 42");

  async function signed(): Promise<{ spki: Uint8Array; p1363: Uint8Array }> {
    const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
    const p1363 = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, data));
    return { spki, p1363 };
  }

  /** Minimal DER for a positive big-endian integer. */
  function derInt(v: Uint8Array): Uint8Array {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0 && (v[i + 1]! & 0x80) === 0) i++;
    const body = v.subarray(i);
    return encodeTlv(0x02, body[0]! & 0x80 ? Uint8Array.of(0, ...body) : body);
  }

  it("verifies a DER signature and refuses its long-form re-encoding", async () => {
    const { spki, p1363 } = await signed();
    const der = seq(derInt(p1363.subarray(0, 32)), derInt(p1363.subarray(32)));
    const env = freshEnv();
    const base = { signatureAlgorithm: alg(OIDS.ecdsaSha256), spki, data };
    expect(await verifySignature({ ...base, signature: der }, env)).toMatchObject({
      ok: true,
      strength: "ok",
      algorithms: { digest: "SHA-256", signature: "ECDSA", key: "EC P-256" },
    });
    expect(await verifyRaw({ ...base, signature: p1363 }, env)).toMatchObject({ ok: true });
    const longForm = Uint8Array.of(0x30, 0x81, der[1]!, ...der.subarray(2));
    expect(await verifySignature({ ...base, signature: longForm }, env)).toMatchObject({ ok: false, code: "MALFORMED_SIGNATURE" });
    const trailing = Uint8Array.of(...der, 0);
    expect(await verifySignature({ ...base, signature: trailing }, env)).toMatchObject({ ok: false, code: "MALFORMED_SIGNATURE" });
    expect(await verifyRaw({ ...base, signature: p1363.subarray(1) }, env)).toMatchObject({ ok: false, code: "MALFORMED_SIGNATURE" });
    const other = new TextEncoder().encode("hợp đồng số 43");
    expect(await verifySignature({ ...base, data: other, signature: der }, env)).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
  });

  it("pairs any WebCrypto hash with the curve, and refuses an RSA signature algorithm", async () => {
    const { spki, p1363 } = await signed();
    const env = freshEnv();
    const der = seq(derInt(p1363.subarray(0, 32)), derInt(p1363.subarray(32)));
    // A P-256 key with SHA-512 is a combination WebCrypto verifies; this signature was made with SHA-256, so it fails.
    expect(await verifySignature({ signatureAlgorithm: alg(OIDS.ecdsaSha512), spki, signature: der, data }, env)).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
    });
    expect(await verifySignature({ signatureAlgorithm: alg(OIDS.sha256WithRSA), spki, signature: der, data }, env)).toMatchObject({
      ok: false,
      code: "ALGORITHM_KEY_MISMATCH",
    });
  });
});
