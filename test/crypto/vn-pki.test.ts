import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifySignature, type VerifyOptions } from "../../src/crypto/verify.js";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import type { Env } from "../../src/crypto/types.js";
import { freshEnv, OIDS } from "./helpers.js";
import { CORPORA } from "../corpora.js";

// Public Vietnamese PKI samples (see test/corpora/vn-pki/INDEX.md for provenance).
const PKI = `${CORPORA}/vn-pki`;
/**
 * Sub-CAs in subca/ whose issuer is in roots/: 52 of 53 (counted with `openssl x509 -issuer/-subject`; the odd one out,
 * vnpt-ca-operator-sha1-2010, is issued by VNPT Certification Authority). Pinned so a silent drop shows.
 */
const MATCHED_SUBCAS = 52;
const load = (path: string): Certificate => decodeCertificate(new Uint8Array(readFileSync(path)));
const certsIn = (folder: string): [string, Certificate][] =>
  readdirSync(join(PKI, folder))
    .filter((f) => f.endsWith(".cer"))
    .sort()
    .map((f) => [f, load(join(PKI, folder, f))]);

describe("Vietnamese PKI data", () => {
  it("verifies the e-tax raw SHA256withRSA sample with the TCT Test01 certificate", async () => {
    const cert = load(join(PKI, "ee/ee-fpt-ca-tct-test01-mst-0100231226-998.cer"));
    const data = new Uint8Array(readFileSync(join(PKI, "signed/etax-raw-rsa-sha256-sample.data.txt")));
    const signature = new Uint8Array(readFileSync(join(PKI, "signed/etax-raw-rsa-sha256-sample.sig")));
    const req = { signatureAlgorithm: { oid: "1.2.840.113549.1.1.11" }, spki: cert.spki, signature, data };
    const env = freshEnv();
    expect(await verifySignature(req, env)).toEqual({
      ok: true,
      strength: "ok",
      algorithms: { digest: "SHA-256", signature: "RSASSA-PKCS1-v1_5", key: "RSA-2048" },
    });
    const tampered = Uint8Array.of(...data.subarray(0, -1), data[data.length - 1]! ^ 1);
    expect(await verifySignature({ ...req, data: tampered }, env)).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
    // The issuer's key is not the signer's key.
    const fpt = load(join(PKI, "subca/fpt-certification-authority-sha1-2019-mic.cer"));
    expect(await verifySignature({ ...req, spki: fpt.spki }, env)).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
  });

  // A certificate's signature checked with a presumed issuer's key, as path building checks it.
  const verifyCertificateSignature = (cert: Certificate, spki: Uint8Array, env: Env, options: VerifyOptions = {}) =>
    verifySignature({ signatureAlgorithm: cert.signatureAlgorithm, spki, signature: cert.signature, data: cert.tbs }, env, options);

  const roots = certsIn("roots");
  const subcas = certsIn("subca");

  it("verifies every root's self-signature", async () => {
    const env = freshEnv();
    for (const [name, root] of roots) {
      const out = await verifyCertificateSignature(root, root.spki, env);
      expect(out.ok, name).toBe(true);
    }
  });

  it("verifies every sub-CA whose issuing root is present, and no sub-CA with another root's key", async () => {
    const env = freshEnv();
    const bySubject = new Map(roots.map(([, r]) => [r.subject.key, r]));
    let matched = 0;
    for (const [name, sub] of subcas) {
      const root = bySubject.get(sub.issuer.key);
      if (root === undefined) continue;
      matched++;
      const out = await verifyCertificateSignature(sub, root.spki, env);
      expect(out, name).toMatchObject({ ok: true });
      const strict = await verifyCertificateSignature(sub, root.spki, env, { algorithms: "strict" });
      // SHA-1 signatures (the MIC National Root CA era) are legacy: refused only under strict.
      const sha1 = sub.signatureAlgorithm.oid === OIDS.sha1WithRSA;
      expect(strict.ok, name).toBe(!sha1);
      if (sha1) expect(out).toMatchObject({ strength: "legacy" });
      const wrongRoot = roots.find(([, r]) => r !== root)![1];
      expect((await verifyCertificateSignature(sub, wrongRoot.spki, env)).ok, `${name} with a wrong key`).toBe(false);
    }
    expect(matched).toBeGreaterThan(0);
    expect(matched).toBe(MATCHED_SUBCAS);
  });
});
