// OpenSSL (a verifier nobody here wrote) must accept what the kit makes, and reject what its tamper helpers break.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCrl,
  createImpostor,
  createOcspResponder,
  createOcspResponse,
  createTestPki,
  issueCertificate,
  malformSignatureEncoding,
  revoke,
  signCms,
  substituteCertificate,
  tamperContent,
  tamperSignature,
  toPem,
  type KeyAlgorithm,
  type TestIdentity,
  type TestPki,
} from "../../src/testing/index.js";
import { epoch, openssl, Scratch } from "./openssl.js";

const NB = "2025-01-01T00:00:00Z";
const NA = "2027-01-01T00:00:00Z";
const AT = epoch("2025-06-01T00:00:00Z");
const content = new TextEncoder().encode("Hợp đồng mua bán số 01/2025 — bên A và bên B");

describe.each<KeyAlgorithm>(["ECDSA-P256", "RSA-2048", "RSA-PSS"])("OpenSSL interoperability, %s", (keyAlgorithm) => {
  const tmp = new Scratch();
  let pki: TestPki;
  let signer: TestIdentity;
  let govSigner: TestIdentity;
  const f: Record<string, string> = {};

  beforeAll(async () => {
    pki = await createTestPki({ keyAlgorithm });
    signer = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345", title: "Giám đốc", organization: "Công ty TNHH Thử nghiệm", MST: "0101234567" },
      notBefore: NB,
      notAfter: NA,
      crlUrl: "http://ca.test/public.crl",
      ocspUrl: "http://ca.test/ocsp",
    });
    govSigner = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "Trần Thị B", CCCD: "079190000001" }, notBefore: NB, notAfter: NA });
    f.nationalRoot = tmp.file("national-root.pem", pki.nationalRoot.pem);
    f.publicCa = tmp.file("public-ca.pem", pki.publicCa.pem);
    f.signer = tmp.file("signer.pem", signer.pem);
    f.content = tmp.file("content.txt", content);
    // OpenSSL 3.0's `cms -verify` builds chains only from the CAfile and the certificates inside the CMS.
    f.trusted = tmp.file("trusted.pem", pki.nationalRoot.pem + pki.publicCa.pem + pki.governmentRoot.pem + pki.governmentSubCa.pem);
  });
  afterAll(() => tmp.remove());

  const cmsVerify = (p7: Uint8Array, ...extra: string[]) =>
    openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", tmp.file("sig.p7s", p7), "-CAfile", f.trusted!, "-purpose", "any", "-attime", AT, "-out", tmp.file("out.bin", ""), ...extra);

  it("verifies every CA path with `openssl verify -attime`", async () => {
    const cases: [TestIdentity, TestIdentity][] = [];
    for (const ca of [pki.publicCa, pki.governmentSubCa, pki.specializedCa, pki.unlistedCa, pki.nationalRoot, pki.governmentRoot]) {
      cases.push([ca, await issueCertificate(ca, { subject: { commonName: `Signer under ${ca.notBefore}`, MST: "0312345678" }, notBefore: NB, notAfter: NA })]);
    }
    for (const [ca, ee] of cases) {
      const root = ca.chain.length ? ca.chain[ca.chain.length - 1]! : ca.certificate;
      const untrusted = ca.chain.length ? ["-untrusted", tmp.file("untrusted.pem", ca.pem)] : [];
      const r = openssl("verify", "-attime", AT, "-CAfile", tmp.file("root.pem", toPem(root)), ...untrusted, tmp.file("ee.pem", ee.pem));
      expect(r.out).toContain("ee.pem: OK");
      expect(r.code).toBe(0);
    }
  });

  it("rejects the signer outside its validity and under the wrong root", () => {
    const late = openssl("verify", "-attime", epoch("2027-06-01T00:00:00Z"), "-CAfile", f.nationalRoot!, "-untrusted", f.publicCa!, f.signer!);
    expect(late.code).not.toBe(0);
    expect(late.out).toContain("certificate has expired");
    const wrong = openssl("verify", "-attime", AT, "-CAfile", tmp.file("gov.pem", pki.governmentRoot.pem), "-untrusted", f.publicCa!, f.signer!);
    expect(wrong.code).not.toBe(0);
  });

  it("verifies an attached CMS with signed attributes and returns the content", async () => {
    const p7 = await signCms(content, signer, { signingTime: "2025-05-01T08:00:00Z" });
    const r = cmsVerify(p7);
    expect(r.out).toContain("Verification successful");
    expect(r.code).toBe(0);
  });

  it("verifies a detached CMS with the chain embedded and the subject key identifier as sid", async () => {
    const p7 = await signCms(content, signer, { detached: true, includeChain: true, sid: "subjectKeyIdentifier" });
    const root = tmp.file("root-only.pem", pki.nationalRoot.pem);
    const r = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", tmp.file("d.p7s", p7), "-content", f.content!, "-CAfile", root, "-purpose", "any", "-attime", AT, "-out", tmp.file("o", ""));
    expect(r.out).toContain("Verification successful");
    expect(cmsVerify(p7).code).not.toBe(0); // detached: without the content there is nothing to verify
  });

  it("verifies two signers, no signed attributes, and SHA-384 / SHA-1 digests", async () => {
    const p7 = await signCms(content, [signer, { signer: govSigner, options: { digest: "SHA-384" } }], { signingTime: "2025-05-01T08:00:00Z" });
    expect(cmsVerify(p7).out).toContain("Verification successful");
    expect(cmsVerify(await signCms(content, signer, { signedAttributes: false })).out).toContain("Verification successful");
    expect(cmsVerify(await signCms(content, signer, { digest: "SHA-1" })).out).toContain("Verification successful");
  });

  it("writes ESS signingCertificateV2 / signingCertificate that `-cades` checks", async () => {
    expect(cmsVerify(await signCms(content, signer, { signingCertificateV2: true }), "-cades").out).toContain("Verification successful");
    expect(cmsVerify(await signCms(content, signer, { signingCertificate: true }), "-cades").out).toContain("Verification successful");
    const wrong = cmsVerify(await signCms(content, signer, { signingCertificateV2: pki.publicCa }), "-cades");
    expect(wrong.code).not.toBe(0);
  });

  it("makes CRLs that `openssl crl -verify` accepts and `verify -crl_check` applies", async () => {
    const victim = await issueCertificate(pki.publicCa, { subject: { commonName: "Lê Văn C", CCCD: "001200000003" }, notBefore: NB, notAfter: NA, keyLabel: "crl-victim" });
    revoke(pki.publicCa, victim, { at: "2025-05-01T00:00:00Z", reason: "keyCompromise", invalidityDate: "2025-04-20T00:00:00Z" });
    const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-05-15T00:00:00Z", nextUpdate: "2025-06-15T00:00:00Z" });
    const der = tmp.file("crl.der", crl);
    const r = openssl("crl", "-inform", "DER", "-in", der, "-CAfile", f.publicCa!, "-verify", "-noout", "-text");
    expect(r.out).toContain("verify OK");
    expect(r.out).toContain("Key Compromise");
    expect(r.out).toMatch(/Invalidity Date:\s*\n\s*Apr 20 00:00:00 2025 GMT/);
    const crlPem = tmp.file("crl.pem", toPem(crl, "X509 CRL"));
    const check = (cert: TestIdentity) =>
      openssl("verify", "-crl_check", "-CRLfile", crlPem, "-attime", AT, "-CAfile", f.nationalRoot!, "-untrusted", f.publicCa!, tmp.file("c.pem", cert.pem));
    expect(check(victim).out).toContain("certificate revoked");
    expect(check(signer).out).toContain("c.pem: OK");
    const broken = openssl("crl", "-inform", "DER", "-in", tmp.file("bad.der", tamperSignature(crl)), "-CAfile", f.publicCa!, "-verify", "-noout");
    expect(broken.out).toContain("verify failure");
  });

  it("makes OCSP responses (CA-signed and delegated) that `openssl ocsp` verifies: good, revoked, unknown", async () => {
    const victim = await issueCertificate(pki.publicCa, { subject: { commonName: "Phạm Văn D", CCCD: "001200000004" }, notBefore: NB, notAfter: NA, keyLabel: "ocsp-victim" });
    revoke(pki.publicCa, victim, { at: "2025-05-01T00:00:00Z", reason: "superseded" });
    const responder = await createOcspResponder(pki.publicCa, { notBefore: NB, notAfter: NA });
    const times = { thisUpdate: "2025-05-15T00:00:00Z", nextUpdate: "2025-05-22T00:00:00Z" };
    const ask = (resp: Uint8Array, cert: TestIdentity) =>
      openssl("ocsp", "-respin", tmp.file("r.der", resp), "-issuer", f.publicCa!, "-cert", tmp.file("q.pem", cert.pem), "-CAfile", f.trusted!, "-attime", AT, "-no_nonce", "-validity_period", "999999999");
    const good = ask(await createOcspResponse(pki.publicCa, signer, times), signer);
    expect(good.out).toContain("Response verify OK");
    expect(good.out).toContain("q.pem: good");
    const revoked = ask(await createOcspResponse(pki.publicCa, victim, { ...times, responder }), victim);
    expect(revoked.out).toContain("Response verify OK");
    expect(revoked.out).toContain("q.pem: revoked");
    expect(revoked.out).toContain("Reason: superseded");
    const unknown = ask(await createOcspResponse(pki.publicCa, signer, { ...times, status: "unknown", responderId: "key" }), signer);
    expect(unknown.out).toContain("Response verify OK");
    expect(unknown.out).toContain("q.pem: unknown");
    const broken = ask(tamperSignature(await createOcspResponse(pki.publicCa, signer, times)), signer);
    expect(broken.out).toContain("Response Verify Failure");
  });

  it("tamper helpers really break OpenSSL's verification", async () => {
    const p7 = await signCms(content, signer, { signingTime: "2025-05-01T08:00:00Z" });
    expect(cmsVerify(p7).code).toBe(0);
    expect(cmsVerify(tamperSignature(p7)).code).not.toBe(0);
    expect(cmsVerify(tamperContent(p7)).out).toContain("CMS_SignerInfo_verify_content"); // messageDigest mismatch
    const impostor = await createImpostor(pki.publicCa, signer, { notBefore: NB, notAfter: NA });
    expect(cmsVerify(substituteCertificate(p7, impostor)).code).not.toBe(0);
    // Not checked here: `signedAttributesOrder: "unsorted"`. OpenSSL verifies over the attributes as received, while
    // RFC 5652 §5.4 and semantics.md re-encode them as DER first; cms-structure.test.ts proves that case instead.
    expect(cmsVerify(malformSignatureEncoding(p7, "trailing-bytes")).code).not.toBe(0);
    if (keyAlgorithm === "ECDSA-P256") expect(cmsVerify(malformSignatureEncoding(p7, "long-length")).code).not.toBe(0);
    else {
      expect(() => malformSignatureEncoding(p7, "long-length")).toThrow(TypeError);
      // One RSA signature in 256 starts with 0x30, as a SEQUENCE does: still not an ECDSA signature.
      expect(() => malformSignatureEncoding(withRsaSignatureStartingLikeASequence(p7), "long-length")).toThrow(TypeError);
    }
    const badCert = openssl("verify", "-attime", AT, "-CAfile", f.nationalRoot!, "-untrusted", f.publicCa!, tmp.file("bad.pem", toPem(tamperSignature(signer.certificate))));
    expect(badCert.out).toContain("certificate signature failure");
  });
});

/** The same SignedData with its 256-octet RSA signature value's first octet set to 0x30. */
function withRsaSignatureStartingLikeASequence(p7: Uint8Array): Uint8Array {
  const header = [0x04, 0x82, 0x01, 0x00]; // OCTET STRING, 256 octets: the signature value, last in the SignerInfo
  let at = -1;
  for (let i = p7.length - 260; i >= 0 && at < 0; i--) if (header.every((b, k) => p7[i + k] === b)) at = i;
  if (at < 0) throw new Error("no 256-octet signature value found");
  const copy = p7.slice();
  copy[at + 4] = 0x30;
  return copy;
}
