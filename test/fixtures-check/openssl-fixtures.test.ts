/**
 * Proves the OpenSSL fixtures with OpenSSL itself, so the expected outcomes in test/fixtures/openssl/manifest.json do not
 * rest on decree130's own code: SECURE cases verify with `openssl cms -verify` at their signing time against the trust-list anchors, and each failure
 * case fails (or shows the revocation / path fact it depends on) under OpenSSL's own checks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { byId, DIR, manifest, signatures } from "./manifest-codes.js";
import { anchors, cleanUp, cmsVerify, crlVerify, epoch, run, signerCert } from "./openssl-kit.js";

afterAll(cleanUp);

const secure = manifest.filter((c) => signatures(c).length > 0 && signatures(c).every((s) => s.verdict === "SECURE"));

describe("SECURE cases verify with openssl cms -verify at their judged time", () => {
  it.each(secure.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const r = cmsVerify(c, { chain: true, cades: c.file.includes("cades") });
    expect(r.out).toContain("Verification successful");
    expect(r.ok).toBe(true);
  });
});

describe("signature-level failures fail openssl's own signature check", () => {
  const sigFail = manifest.filter((c) => signatures(c).some((s) => ["HASH_MISMATCH", "SIGNATURE_INVALID"].includes(s.conditions.keyCorrespondence)));
  it.each(sigFail.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const r = cmsVerify(c, { chain: false });
    expect(r.out).toContain("Verification failure");
    expect(r.ok).toBe(false);
  });

  it("signing-cert-mismatch: signature verifies but the CAdES certificate reference does not", () => {
    const c = byId.get("signing-cert-mismatch")!;
    expect(cmsVerify(c, { chain: true }).ok).toBe(true);
    const r = cmsVerify(c, { chain: true, cades: true });
    expect(r.ok).toBe(false);
    expect(r.out).toContain("ess cert id not found");
  });

  it("detached-no-content: openssl cannot verify without the content", () => {
    expect(cmsVerify(byId.get("detached-no-content")!, { chain: false }).ok).toBe(false);
  });

  it("signer-cert-missing: the signer certificate is absent from the CMS", () => {
    const r = cmsVerify(byId.get("signer-cert-missing")!, { chain: false });
    expect(r.out).toContain("signer certificate not found");
  });

  it("key-usage-keyencipherment: openssl's S/MIME signing purpose check refuses the certificate", () => {
    const c = byId.get("key-usage-keyencipherment")!;
    expect(cmsVerify(c, { chain: true, purposeAny: true }).ok).toBe(true);
    expect(cmsVerify(c, { chain: true }).out).toContain("unsuitable certificate purpose");
  });

  it.each([
    ["weak-md5", "md5"],
    ["weak-rsa512", "512 bit"],
    ["legacy-rsa1024-sha1", "1024 bit"],
    ["legacy-rsa1024-sha1", "sha1"],
  ])("%s carries %s", (id, needle) => {
    const c = byId.get(id)!;
    const text = run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", join(DIR, c.file)]).out + run(["x509", "-noout", "-text", "-in", signerCert(c)]).out;
    expect(text.toLowerCase()).toContain(needle);
  });
});

describe("time and path failures fail openssl's certificate check at the judged time", () => {
  it.each([
    ["signed-after-expiry", "certificate has expired"],
    ["signed-before-validity", "certificate is not yet valid"],
    ["signed-before-validity-poe", "certificate is not yet valid"],
    ["expired-ca-signed-after", "certificate has expired"],
    ["ca-signed-before-validity", "certificate is not yet valid"],
    ["pathlen-violated", "path length constraint exceeded"],
    ["ca-without-keycertsign", "invalid CA certificate"],
    ["unlisted-issuer", "self-signed certificate in certificate chain"],
    ["self-signed-signer", "self-signed certificate"],
    ["missing-intermediate", "unable to get local issuer certificate"],
  ])("%s: %s", (id, message) => {
    const r = cmsVerify(byId.get(id)!, { chain: true });
    expect(r.out).toContain(message);
    expect(r.ok).toBe(false);
  });

  it("expired-no-poe: valid at the claimed time, expired at now", () => {
    const c = byId.get("expired-no-poe")!;
    expect(cmsVerify(c, { chain: true }).ok).toBe(true);
    expect(cmsVerify(c, { chain: true, at: c.now }).out).toContain("certificate has expired");
  });

  it("expired-ca-no-poe: the CA was valid at the claimed time and expired at now", () => {
    const c = byId.get("expired-ca-no-poe")!;
    expect(cmsVerify(c, { chain: true }).ok).toBe(true);
    expect(cmsVerify(c, { chain: true, at: c.now }).out).toContain("certificate has expired");
  });
});

describe("revocation evidence says what the manifest relies on (openssl verify -crl_check_all at now)", () => {
  it.each([
    ["secure-attached-ecdsa", "leaf"],
    ["secure-attached-rsa", "all"],
    ["secure-unlisted-intermediate", "all"],
  ] as const)("%s: not listed (%s)", (id, scope) => {
    const r = crlVerify(byId.get(id)!, scope);
    expect(r.ok, r.out).toBe(true);
  });

  it.each([
    ["revoked-after-signing-no-poe", "leaf"],
    ["revoked-at-signing", "leaf"],
    ["hold-at-signing", "leaf"],
    ["key-compromised-before-claim", "leaf"],
    ["revoked-ca-path", "all"],
  ] as const)("%s: a certificate on the path is revoked (%s)", (id, scope) => {
    const r = crlVerify(byId.get(id)!, scope);
    expect(r.out).toContain("certificate revoked");
    expect(r.ok).toBe(false);
  });

  it.each(["nokcs-ca", "expired-ca", "unlisted-ca", "pathlen-sub-ca", "specialized-ca", "gov-root"])(
    "crl/%s.crl verifies with its CA's key and lists nothing",
    (ca) => {
      const r = run(["crl", "-inform", "DER", "-in", `crl/${ca}.crl`, "-CAfile", `certs/${ca}.pem`, "-noout", "-text"]);
      expect(r.out).toContain("verify OK");
      expect(r.out).toContain("No Revoked Certificates");
    },
  );

  it("revoked-ca-signed-before: the CA was valid and unrevoked at the claimed time, revoked at now", () => {
    const c = byId.get("revoked-ca-signed-before")!;
    expect(cmsVerify(c, { chain: true }).ok).toBe(true);
    expect(crlVerify(c, "all").out).toContain("certificate revoked");
  });

  it("revoked-ca-path: the signer itself is not listed by its CA", () => {
    expect(crlVerify(byId.get("revoked-ca-path")!, "leaf").ok).toBe(true);
  });

  it.each([
    ["public-ca.crl", "Key Compromise", "Invalidity Date"],
    ["public-ca.crl", "Superseded", "Revocation Date: Apr  1 00:00:00 2025 GMT"],
    ["public-ca.crl", "Certificate Hold", "Revocation Date: Feb 15 00:00:00 2025 GMT"],
    ["national-root.crl", "CA Compromise", "Jan  1 00:00:00 2025 GMT"],
  ])("crl/%s lists %s", (crl, reason, detail) => {
    const out = run(["crl", "-inform", "DER", "-in", `crl/${crl}`, "-noout", "-text"]).out;
    expect(out).toContain(reason);
    expect(out).toContain(detail);
  });

  it("the stale CRL has expired at now", () => {
    expect(crlVerify(byId.get("crl-stale")!, "leaf").out).toContain("CRL has expired");
  });

  it("the wrong-key CRL does not verify with the public CA's key, the genuine one does", () => {
    expect(run(["crl", "-inform", "DER", "-in", "crl/public-ca-wrong-key.crl", "-CAfile", "certs/public-ca.pem", "-noout"]).out).toContain("verify failure");
    expect(run(["crl", "-inform", "DER", "-in", "crl/public-ca.crl", "-CAfile", "certs/public-ca.pem", "-noout"]).out).toContain("verify OK");
  });

  it.each([
    ["ee-public-good-ca", "ee-public", true, "good"],
    ["ee-public-good-delegated", "ee-public", true, "good"],
    ["ee-public-unknown-ca", "ee-public", true, "unknown"],
    ["ee-superseded-revoked-delegated", "ee-superseded", true, "revoked"],
    ["ee-compromised-revoked-ca", "ee-compromised", true, "revoked"],
    ["ee-public-good-wrong-key", "ee-public", false, "Response Verify Failure"],
  ] as const)("ocsp/%s.der for %s", (resp, cert, verifies, status) => {
    const r = run([
      "ocsp", "-respin", `ocsp/${resp}.der`, "-CAfile", anchors("trust-list.json"), "-verify_other", "certs/public-ca.pem",
      "-issuer", "certs/public-ca.pem", "-cert", `certs/${cert}.pem`, "-attime", epoch("2025-06-01T00:00:00Z"),
    ]);
    expect(r.out).toContain(verifies ? "Response verify OK" : "Response Verify Failure");
    expect(r.out).toContain(status);
  });
});

describe("inputs that are not a signature", () => {
  it.each(["input-empty", "input-truncated", "input-random", "input-certificate"])("%s: openssl cannot read a CMS", (id) => {
    expect(run(["cms", "-cmsout", "-inform", "DER", "-in", byId.get(id)!.file, "-out", "/dev/null"]).ok).toBe(false);
  });

  it("input-nesting-too-deep: openssl gives up on the recursion depth", () => {
    const r = run(["asn1parse", "-inform", "DER", "-in", "input/nesting-too-deep.p7s"]);
    expect(r.out).toContain("pkcs7-signedData");
    expect(r.out).toContain("BAD RECURSION DEPTH");
  });

  it("input-too-many-signers: a readable SignedData with 65 SignerInfos", () => {
    const out = run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", "input/too-many-signers.p7s"]).out;
    expect(out.match(/signatureAlgorithm:/g)?.length).toBe(65);
  });

  it("input-data-contentinfo is a ContentInfo of type data", () => {
    expect(run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", "input/data-contentinfo.p7m"]).out).toContain("contentType: pkcs7-data");
  });

  it("input-degenerate-no-signers is SignedData with no SignerInfo", () => {
    const out = run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", "input/degenerate-no-signers.p7b"]).out;
    expect(out).toContain("pkcs7-signedData");
    expect(out).toMatch(/signerInfos:\s*<EMPTY>/);
  });

  it("input-empty is empty and input-random does not start like DER or PEM", () => {
    expect(readFileSync(join(DIR, "input/empty.p7s")).length).toBe(0);
    const random = readFileSync(join(DIR, "input/random.bin"));
    expect(random[0]).toBe(0);
    expect(random.length).toBe(256);
  });
});
