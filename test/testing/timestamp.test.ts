// The kit's test TSA: RFC 3161 tokens checked by OpenSSL (`openssl ts`), a verifier nobody here wrote, and read back
// with the strict DER reader to check the shape RFC 3161 and RFC 5652 require.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { children, ctx, fields, oid, readRoot, time, valueOf } from "../../src/asn1/der.js";
import {
  addSignatureTimestamp,
  createTestPki,
  createTimestampingAuthority,
  createTimestampResponse,
  createTimestampToken,
  issueCertificate,
  signCms,
  tamperSignature,
  TEST_TSA_POLICY,
  type KeyAlgorithm,
  type TestIdentity,
  type TestPki,
} from "../../src/testing/index.js";
import { attributes, signedDataFields, signerInfoParts, signerInfos } from "./der-walk.js";
import { epoch, openssl, Scratch } from "./openssl.js";

const OID = {
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  contentTimestamp: "1.2.840.113549.1.9.16.2.20",
  timeStamping: "1.3.6.1.5.5.7.3.8",
};
const AT = epoch("2025-06-02T00:00:00Z");
const GEN = "2025-06-01T08:00:05Z";
const data = new TextEncoder().encode("Hợp đồng mua bán số 01/2025");

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
}

/** The TSTInfo fields of a token: version, policy, messageImprint, serialNumber, genTime, then the optional ones. */
function tstInfo(token: Uint8Array) {
  const sd = signedDataFields(token);
  const [eType, eContent] = fields(sd[2]!, 2, 2, "encapContentInfo");
  const f = fields(readRoot(valueOf(children(eContent!)[0]!)), 5, 10, "TSTInfo");
  const [alg, hashed] = fields(f[2]!, 2, 2, "MessageImprint");
  return { eContentType: oid(eType!), version: valueOf(f[0]!)[0], policy: oid(f[1]!), algorithm: oid(children(alg!)[0]!), imprint: valueOf(hashed!), serial: valueOf(f[3]!), genTime: time(f[4]!), rest: f.slice(5) };
}

/** The first line of `openssl ts -text`'s hex dump: "fb a6 98 0a d5 2d 17 81-43 ab ...". */
const hexdump = (b: Uint8Array): string => {
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0"));
  return `${h.slice(0, 8).join(" ")}-${h.slice(8).join(" ")}`;
};

/** The values of one attribute in a signedAttrs [0] or unsignedAttrs [1] element. */
const attributeValues = (attrs: Parameters<typeof attributes>[0] | undefined, type: string) =>
  attrs ? (attributes(attrs).find((a) => a.oid === type)?.values ?? []) : [];

describe.each<KeyAlgorithm>(["ECDSA-P256", "RSA-2048", "RSA-PSS"])("the test TSA, %s, checked by OpenSSL", (keyAlgorithm) => {
  const tmp = new Scratch();
  let pki: TestPki;
  let tsa: TestIdentity;
  let signer: TestIdentity;
  const f: Record<string, string> = {};

  beforeAll(async () => {
    pki = await createTestPki({ keyAlgorithm, timestampingAuthority: true });
    tsa = pki.timestampingAuthority!;
    signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" });
    f.ca = tmp.file("ca.pem", pki.nationalRoot.pem + pki.publicCa.pem);
    f.data = tmp.file("data.txt", data);
  });
  afterAll(() => tmp.remove());

  // `openssl ts -verify` checks the token through OpenSSL's PKCS #7 code, which verifies RSA signatures as PKCS #1 v1.5
  // only; for RSA-PSS it checks the CMS signature with `openssl cms -verify` instead, and the imprint by hand.
  const pss = keyAlgorithm === "RSA-PSS";
  const verify = (token: Uint8Array, ...input: string[]) => {
    if (!pss) return openssl("ts", "-verify", "-in", tmp.file("token.der", token), "-token_in", ...input, "-CAfile", f.ca!, "-attime", AT);
    const cms = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", tmp.file("token.der", token), "-CAfile", f.ca!, "-purpose", "timestampsign", "-attime", AT, "-out", tmp.file("tst.der", ""));
    return cms;
  };

  it("makes a token `openssl ts -verify` accepts, over the data and over a given digest, in a response or alone", async () => {
    const token = await createTimestampToken(data, tsa, { genTime: GEN, nonce: 0x1234567890n, accuracy: { seconds: 1, millis: 500 }, tsaName: true });
    const alone = verify(token, "-data", f.data!);
    expect(alone.code).toBe(0);
    if (!pss) {
      expect(alone.out).toContain("Verification: OK");
      const reply = openssl("ts", "-verify", "-in", tmp.file("reply.tsr", createTimestampResponse(token)), "-data", f.data!, "-CAfile", f.ca!, "-attime", AT);
      expect(reply.out).toContain("Verification: OK");
    }
    const text = openssl("ts", "-reply", "-in", tmp.file("reply.tsr", createTimestampResponse(token)), "-text");
    expect(text.out).toContain("Status: Granted.");
    expect(text.out).toContain(`Policy OID: ${TEST_TSA_POLICY}`);
    expect(text.out).toContain("Time stamp: Jun  1 08:00:05 2025 GMT");
    expect(text.out).toContain("Nonce: 0x1234567890");
    expect(text.out).toContain("Accuracy: 0x01 seconds, 0x01F4 millis, unspecified micros");
    expect(text.out).toContain("TSA: DirName:/C=VN/CN=TEST Timestamping Authority");
    expect(text.out).toContain(`Message data:\n    0000 - ${hexdump((await sha256(data)).subarray(0, 16))}`);
    const digest = await sha256(data);
    const byDigest = await createTimestampToken({ digest }, tsa, { genTime: GEN });
    expect(verify(byDigest, "-digest", Buffer.from(digest).toString("hex")).code).toBe(0);
  });

  it("stamps a SignerInfo's signature value (signature timestamp) and the content (content timestamp)", async () => {
    const p7 = await signCms(data, signer, { signingTime: "2025-06-01T08:00:00Z", contentTimestamp: { tsa, genTime: "2025-06-01T07:59:00Z" } });
    const stamped = await addSignatureTimestamp(p7, tsa, { genTime: GEN });
    const before = signerInfoParts(signerInfos(p7)[0]!);
    const after = signerInfoParts(signerInfos(stamped)[0]!);
    // Everything signed stays as it was: the token only adds an unsigned attribute.
    expect(after.signature).toEqual(before.signature);
    expect(after.signedAttrs!.buf.subarray(after.signedAttrs!.start, after.signedAttrs!.end)).toEqual(before.signedAttrs!.buf.subarray(before.signedAttrs!.start, before.signedAttrs!.end));
    const [sigToken] = attributeValues(after.unsignedAttrs, OID.signatureTimeStampToken);
    const [contentToken] = attributeValues(after.signedAttrs, OID.contentTimestamp);
    const bytes = (t: NonNullable<typeof sigToken>) => t.buf.slice(t.start, t.end);
    expect(verify(bytes(sigToken!), "-data", tmp.file("signature.bin", after.signature)).code).toBe(0);
    expect(verify(bytes(contentToken!), "-data", f.data!).code).toBe(0);
    expect(tstInfo(bytes(sigToken!)).imprint).toEqual(await sha256(after.signature));
    expect(tstInfo(bytes(contentToken!)).imprint).toEqual(await sha256(data));
    if (!pss) expect(verify(bytes(sigToken!), "-data", f.data!).code).not.toBe(0);
    // The signed CMS itself still verifies.
    const cms = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", tmp.file("stamped.p7s", stamped), "-CAfile", f.ca!, "-purpose", "any", "-attime", AT, "-out", tmp.file("out.bin", ""));
    expect(cms.code).toBe(0);
  });

  it("is refused by OpenSSL when tampered with, over other data, without ESS, or from a TSA whose EKU is not critical", async () => {
    const token = await createTimestampToken(data, tsa, { genTime: GEN });
    expect(verify(tamperSignature(token), "-data", f.data!).code).not.toBe(0);
    if (pss) return;
    expect(verify(token, "-data", tmp.file("other.txt", "other")).code).not.toBe(0);
    expect(verify(await createTimestampToken(data, tsa, { genTime: GEN, essCertIdV2: false }), "-data", f.data!).code).not.toBe(0);
    const lax = await issueCertificate(pki.publicCa, {
      subject: { commonName: "TEST TSA, EKU not critical" },
      notBefore: "2020-01-01T00:00:00Z",
      notAfter: "2045-01-01T00:00:00Z",
      extendedKeyUsage: ["timeStamping"],
      extendedKeyUsageCritical: false,
    });
    const r = verify(await createTimestampToken(data, lax, { genTime: GEN }), "-data", f.data!);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("unsuitable certificate purpose");
  });
});

describe("the test TSA's tokens, read back", () => {
  let pki: TestPki;
  let tsa: TestIdentity;
  beforeAll(async () => {
    pki = await createTestPki({ timestampingAuthority: { commonName: "TEST TSA Hà Nội", notBefore: "2024-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" } });
    tsa = pki.timestampingAuthority!;
  });

  it("is a SignedData v3 over an id-ct-TSTInfo, signed with contentType, messageDigest and signingCertificateV2", async () => {
    const token = await createTimestampToken(data, tsa, { genTime: GEN, serial: 77, policy: "1.2.3.4" });
    const t = tstInfo(token);
    expect(t.eContentType).toBe(OID.tstInfo);
    expect(t.version).toBe(1);
    expect(t.policy).toBe("1.2.3.4");
    expect(t.algorithm).toBe("2.16.840.1.101.3.4.2.1");
    expect(t.imprint).toEqual(await sha256(data));
    expect(t.serial).toEqual(Uint8Array.of(77));
    expect(t.genTime).toBe(Date.parse(GEN));
    expect(t.rest).toHaveLength(0);
    expect(valueOf(signedDataFields(token)[0]!)[0]).toBe(3);
    const info = signerInfoParts(signerInfos(token)[0]!);
    const attrs = attributes(info.signedAttrs!);
    expect(attrs.map((a) => a.oid).sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(oid(attrs.find((a) => a.oid === OID.contentType)!.values[0]!)).toBe(OID.tstInfo);
    expect(signedDataFields(token)[3]!.tag).toBe(ctx(0));
    const bare = await createTimestampToken(data, tsa, { genTime: GEN, includeCertificate: false, essCertIdV2: false });
    expect(signedDataFields(bare)[3]!.tag).not.toBe(ctx(0));
    expect(attributes(signerInfoParts(signerInfos(bare)[0]!).signedAttrs!).map((a) => a.oid)).not.toContain(OID.signingCertificateV2);
  });

  it("counts serials per TSA, takes a SHA-512 imprint, and refuses a digest of the wrong length", async () => {
    const a = tstInfo(await createTimestampToken(data, tsa, { genTime: GEN }));
    const b = tstInfo(await createTimestampToken(data, tsa, { genTime: GEN }));
    expect(b.serial).not.toEqual(a.serial);
    const c = tstInfo(await createTimestampToken(data, tsa, { genTime: GEN, digest: "SHA-512" }));
    expect(c.algorithm).toBe("2.16.840.1.101.3.4.2.3");
    expect(c.imprint).toHaveLength(64);
    await expect(createTimestampToken({ digest: new Uint8Array(20) }, tsa, { genTime: GEN })).rejects.toThrow(TypeError);
    await expect(addSignatureTimestamp(await signCms(data, tsa), tsa, { genTime: GEN, signerIndex: 3 })).rejects.toThrow(TypeError);
  });

  it("issues the TSA with a critical extendedKeyUsage timeStamping alone, and lists its CA for timestamping", async () => {
    const { decodeCertificate } = await import("../../src/model/certificate.js");
    const cert = decodeCertificate(tsa.certificate);
    const eku = cert.extensions.find((e) => e.oid === "2.5.29.37")!;
    expect(eku.critical).toBe(true);
    expect(oid(children(readRoot(eku.value))[0]!)).toBe(OID.timeStamping);
    expect(children(readRoot(eku.value))).toHaveLength(1);
    expect(tsa.issuer).toBe(pki.publicCa);
    const listed = pki.trustList.providers.find((p) => p.certificates.includes(pki.publicCa.pem))!;
    expect(listed.services).toEqual(["signing", "timestamping"]);
    const plain = await createTestPki();
    expect(plain.timestampingAuthority).toBeUndefined();
    expect(plain.trustList.providers.every((p) => p.services === undefined)).toBe(true);
    const other = await createTimestampingAuthority(pki.governmentSubCa, { notBefore: "2024-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
    expect(other.issuer).toBe(pki.governmentSubCa);
  });

  it("wraps a rejection without a token", () => {
    const rejected = createTimestampResponse(null, "rejection");
    const [status] = fields(readRoot(rejected), 1, 2, "TimeStampResp");
    expect(valueOf(children(status!)[0]!)[0]).toBe(2);
  });
});
