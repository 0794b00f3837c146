import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifyRequest } from "../../src/crypto/types.js";
import { verifySignature } from "../../src/crypto/verify.js";
import { alg, encodePssParams, freshEnv, NULL, OIDS } from "./helpers.js";

// Real signatures made by OpenSSL 3 at test time, in a fresh temporary folder.
const OPENSSL = "/usr/bin/openssl";
let dir = "";
const data = new TextEncoder().encode("Tờ khai thuế tháng 11/2026, MST 0100231226-998\n");
const env = freshEnv();

const openssl = (...args: string[]): void => {
  execFileSync(OPENSSL, args, { stdio: "pipe" });
};
const file = (name: string): string => join(dir, name);

function genKey(name: string, ...opts: string[]): Uint8Array {
  openssl("genpkey", ...opts, "-out", file(`${name}.pem`));
  openssl("pkey", "-in", file(`${name}.pem`), "-pubout", "-outform", "DER", "-out", file(`${name}.spki`));
  return new Uint8Array(readFileSync(file(`${name}.spki`)));
}

function sign(key: string, out: string, ...opts: string[]): Uint8Array {
  openssl("dgst", ...opts, "-sign", file(`${key}.pem`), "-out", file(out), file("data.bin"));
  return new Uint8Array(readFileSync(file(out)));
}

const spki: Record<string, Uint8Array> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "decree130-crypto-"));
  writeFileSync(file("data.bin"), data);
  spki.rsa2048 = genKey("rsa2048", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
  spki.rsa1024 = genKey("rsa1024", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024");
  spki.rsa512 = genKey("rsa512", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512");
  spki.p384 = genKey("p384", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");
  spki.ed25519 = genKey("ed25519", "-algorithm", "ED25519");
  spki.pssKey = genKey(
    "psskey",
    "-algorithm",
    "RSA-PSS",
    "-pkeyopt",
    "rsa_keygen_bits:2048",
    "-pkeyopt",
    "rsa_pss_keygen_md:sha256",
    "-pkeyopt",
    "rsa_pss_keygen_mgf1_md:sha256",
    "-pkeyopt",
    "rsa_pss_keygen_saltlen:32",
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const req = (signatureAlgorithm: VerifyRequest["signatureAlgorithm"], key: Uint8Array, signature: Uint8Array, extra: Partial<VerifyRequest> = {}): VerifyRequest => ({
  signatureAlgorithm,
  spki: key,
  signature,
  data,
  ...extra,
});

describe("OpenSSL-made RSA PKCS#1 v1.5 signatures", () => {
  it("accepts SHA-256 with RSA-2048 and rejects tampering", async () => {
    const sig = sign("rsa2048", "sha256.sig", "-sha256");
    expect(await verifySignature(req(alg(OIDS.sha256WithRSA, NULL), spki.rsa2048!, sig), env)).toEqual({
      ok: true,
      strength: "ok",
      algorithms: { digest: "SHA-256", signature: "RSASSA-PKCS1-v1_5", key: "RSA-2048" },
    });
    // CMS form: plain rsaEncryption plus the SignerInfo digestAlgorithm.
    const cms = req(alg(OIDS.rsaEncryption, NULL), spki.rsa2048!, sig, { digestAlgorithm: alg(OIDS.sha256) });
    expect(await verifySignature(cms, env)).toMatchObject({ ok: true });
    const flipped = Uint8Array.from(sig);
    flipped[100] ^= 1;
    expect(await verifySignature(req(alg(OIDS.sha256WithRSA, NULL), spki.rsa2048!, flipped), env)).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
    });
    const otherData = req(alg(OIDS.sha256WithRSA, NULL), spki.rsa2048!, sig, { data: Uint8Array.of(...data, 0) });
    expect(await verifySignature(otherData, env)).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
    // The hash named by the algorithm must be the one used: WebCrypto checks the DigestInfo.
    expect(await verifySignature(req(alg(OIDS.sha512WithRSA, NULL), spki.rsa2048!, sig), env)).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
    });
  });

  it("returns MALFORMED_SIGNATURE when the length differs from the modulus", async () => {
    const sig = sign("rsa2048", "sha256b.sig", "-sha256");
    for (const bad of [sig.subarray(1), Uint8Array.of(0, ...sig), new Uint8Array()]) {
      expect(await verifySignature(req(alg(OIDS.sha256WithRSA, NULL), spki.rsa2048!, bad), env)).toMatchObject({
        ok: false,
        code: "MALFORMED_SIGNATURE",
      });
    }
  });

  it("accepts SHA-1 as legacy, refuses it under strict", async () => {
    const sig = sign("rsa2048", "sha1.sig", "-sha1");
    const r = req(alg(OIDS.sha1WithRSA, NULL), spki.rsa2048!, sig);
    expect(await verifySignature(r, env)).toMatchObject({ ok: true, strength: "legacy", algorithms: { digest: "SHA-1" } });
    expect(await verifySignature(r, env, { algorithms: "strict" })).toMatchObject({ ok: false, code: "WEAK_ALGORITHM" });
  });

  it("accepts RSA-1024 as legacy, refuses it under strict", async () => {
    const sig = sign("rsa1024", "rsa1024.sig", "-sha256");
    expect(sig.length).toBe(128);
    const r = req(alg(OIDS.sha256WithRSA, NULL), spki.rsa1024!, sig);
    expect(await verifySignature(r, env)).toMatchObject({ ok: true, strength: "legacy", algorithms: { key: "RSA-1024" } });
    expect(await verifySignature(r, env, { algorithms: "strict" })).toMatchObject({ ok: false, code: "WEAK_ALGORITHM" });
  });

  it("refuses MD5 and RSA-512 as weak even under the default policy, before any crypto", async () => {
    const md5 = sign("rsa2048", "md5.sig", "-md5");
    expect(await verifySignature(req(alg(OIDS.md5WithRSA, NULL), spki.rsa2048!, md5), env)).toMatchObject({
      ok: false,
      code: "WEAK_ALGORITHM",
      algorithms: { digest: "MD5" },
    });
    const small = sign("rsa512", "rsa512.sig", "-sha256");
    const noCrypto = { crypto: {} as Crypto, keys: env.keys };
    expect(await verifySignature(req(alg(OIDS.sha256WithRSA, NULL), spki.rsa512!, small), noCrypto)).toMatchObject({
      ok: false,
      code: "WEAK_ALGORITHM",
      algorithms: { key: "RSA-512" },
    });
  });

  it("refuses an RSA key with an ECDSA algorithm", async () => {
    const sig = sign("rsa2048", "mismatch.sig", "-sha256");
    expect(await verifySignature(req(alg(OIDS.ecdsaSha256), spki.rsa2048!, sig), env)).toMatchObject({
      ok: false,
      code: "ALGORITHM_KEY_MISMATCH",
    });
  });
});

describe("OpenSSL-made RSA-PSS signatures", () => {
  const pssAlg = (salt: number) => alg(OIDS.pss, encodePssParams({ hash: OIDS.sha256, mgfHash: OIDS.sha256, salt }));

  it("verifies with the salt length of the parameters only", async () => {
    const sig = sign("rsa2048", "pss.sig", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32");
    expect(await verifySignature(req(pssAlg(32), spki.rsa2048!, sig), env)).toMatchObject({
      ok: true,
      algorithms: { signature: "RSA-PSS", digest: "SHA-256" },
    });
    expect(await verifySignature(req(pssAlg(20), spki.rsa2048!, sig), env)).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
    // A PSS signature is not a PKCS#1 v1.5 one.
    expect(await verifySignature(req(alg(OIDS.sha256WithRSA, NULL), spki.rsa2048!, sig), env)).toMatchObject({ ok: false });
  });

  it("imports an id-RSASSA-PSS key and enforces its parameters", async () => {
    const sig = sign("psskey", "psskey.sig", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32");
    expect(await verifySignature(req(pssAlg(32), spki.pssKey!, sig), env)).toMatchObject({
      ok: true,
      algorithms: { key: "RSA-PSS-2048" },
    });
    expect(await verifySignature(req(pssAlg(20), spki.pssKey!, sig), env)).toMatchObject({ ok: false, code: "ALGORITHM_KEY_MISMATCH" });
    const sha384 = alg(OIDS.pss, encodePssParams({ hash: OIDS.sha384, mgfHash: OIDS.sha384, salt: 32 }));
    expect(await verifySignature(req(sha384, spki.pssKey!, sig), env)).toMatchObject({ ok: false, code: "ALGORITHM_KEY_MISMATCH" });
    expect(await verifySignature(req(alg(OIDS.sha256WithRSA, NULL), spki.pssKey!, sig), env)).toMatchObject({
      ok: false,
      code: "ALGORITHM_KEY_MISMATCH",
    });
  });
});

describe("OpenSSL-made ECDSA and Ed25519 signatures", () => {
  it("verifies DER ECDSA P-384, also as id-ecPublicKey with a digestAlgorithm", async () => {
    const sig = sign("p384", "p384.sig", "-sha384");
    expect(await verifySignature(req(alg(OIDS.ecdsaSha384), spki.p384!, sig), env)).toMatchObject({
      ok: true,
      algorithms: { key: "EC P-384", signature: "ECDSA" },
    });
    const cms = req(alg(OIDS.ecPublicKey), spki.p384!, sig, { digestAlgorithm: alg(OIDS.sha384) });
    expect(await verifySignature(cms, env)).toMatchObject({ ok: true });
    const sha1 = sign("p384", "p384-sha1.sig", "-sha1");
    const legacy = req(alg(OIDS.ecdsaSha1), spki.p384!, sha1);
    expect(await verifySignature(legacy, env)).toMatchObject({ ok: true, strength: "legacy" });
    expect(await verifySignature(legacy, env, { algorithms: "strict" })).toMatchObject({ ok: false, code: "WEAK_ALGORITHM" });
  });

  it("verifies Ed25519", async () => {
    openssl("pkeyutl", "-sign", "-rawin", "-inkey", file("ed25519.pem"), "-in", file("data.bin"), "-out", file("ed.sig"));
    const sig = new Uint8Array(readFileSync(file("ed.sig")));
    expect(await verifySignature(req(alg(OIDS.ed25519), spki.ed25519!, sig), env)).toMatchObject({
      ok: true,
      algorithms: { signature: "Ed25519", key: "Ed25519" },
    });
    expect(await verifySignature(req(alg(OIDS.ed25519), spki.ed25519!, sig.subarray(0, 63)), env)).toMatchObject({
      ok: false,
      code: "MALFORMED_SIGNATURE",
    });
    expect(await verifySignature(req(alg(OIDS.ecdsaSha256), spki.ed25519!, sig), env)).toMatchObject({
      ok: false,
      code: "ALGORITHM_KEY_MISMATCH",
    });
  });
});
