// What signCms writes, read back with the library's strict DER reader and checked with WebCrypto.
import { beforeAll, describe, expect, it } from "vitest";
import { bytesEqual } from "../../src/lib/bytes.js";
import { children, ctx, readRoot, Tag, time, valueOf } from "../../src/asn1/der.js";
import { toDer } from "../../src/asn1/encode.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import {
  addSigner,
  createCrl,
  createImpostor,
  createTestPki,
  detachContent,
  issueCertificate,
  malformSignatureEncoding,
  parseSignedData,
  replaceCertificates,
  replaceCrls,
  signCms,
  substituteCertificate,
  tamperContent,
  tamperSignature,
  type TestIdentity,
  type TestPki,
} from "../../src/testing/index.js";
import { attributes, ecdsaRaw, signedDataFields, signerInfoParts, signerInfos } from "./der-walk.js";

const OID = {
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
};
const content = new TextEncoder().encode("Biên bản nghiệm thu");
let pki: TestPki;
let signer: TestIdentity;
let other: TestIdentity;

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data as BufferSource));
}

async function verifiesOver(who: TestIdentity, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, who.publicKey, ecdsaRaw(signature) as BufferSource, data as BufferSource);
}

/** The signed attributes as the signature covers them: the [0] element with the SET OF tag. */
const asSet = (attrs: { buf: Uint8Array; start: number; end: number }): Uint8Array => {
  const bytes = attrs.buf.slice(attrs.start, attrs.end);
  bytes[0] = Tag.SET;
  return bytes;
};

beforeAll(async () => {
  pki = await createTestPki();
  signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" });
  other = await issueCertificate(pki.specializedCa, { subject: { commonName: "Bên B", MST: "0309999999" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" });
});

describe("signCms", () => {
  it("writes DER-sorted signed attributes with contentType, messageDigest and a UTCTime signingTime, and signs their DER", async () => {
    const p7 = await signCms(content, signer, { signingTime: "2025-05-01T08:30:00Z", signingCertificateV2: true });
    const info = signerInfoParts(signerInfos(p7)[0]!);
    expect(info.version).toBe(1);
    const set = asSet(info.signedAttrs!);
    expect(bytesEqual(toDer(readRoot(set)), set)).toBe(true); // already DER: sorted SET OF
    const attrs = attributes(info.signedAttrs!);
    expect(attrs.map((a) => a.oid).sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingTime, OID.signingCertificateV2].sort());
    const byOid = new Map(attrs.map((a) => [a.oid, a.values]));
    expect(byOid.get(OID.messageDigest)!.map(valueOf)[0]).toEqual(await sha256(content));
    const st = byOid.get(OID.signingTime)![0]!;
    expect(st.tag).toBe(Tag.UTC_TIME);
    expect(time(st)).toBe(Date.parse("2025-05-01T08:30:00Z"));
    // ESS certHash is the SHA-256 of the signer's certificate.
    const essCertId = children(children(byOid.get(OID.signingCertificateV2)![0]!)[0]!)[0]!;
    expect(valueOf(children(essCertId)[0]!)).toEqual(await sha256(signer.certificate));
    expect(await verifiesOver(signer, info.signature, set)).toBe(true);
  });

  it("writes a signingTime from 2050 on as GeneralizedTime", async () => {
    const p7 = await signCms(content, signer, { signingTime: new Date(Date.UTC(2051, 0, 2)) });
    const st = attributes(signerInfoParts(signerInfos(p7)[0]!).signedAttrs!).find((a) => a.oid === OID.signingTime)!.values[0]!;
    expect(st.tag).toBe(Tag.GENERALIZED_TIME);
    expect(new TextDecoder().decode(valueOf(st))).toBe("20510102000000Z");
  });

  it("signs in a non-DER order on request, so a validator that re-encodes as DER must fail it", async () => {
    const p7 = await signCms(content, signer, { signingTime: "2025-05-01T08:30:00Z", signedAttributesOrder: "unsorted" });
    const info = signerInfoParts(signerInfos(p7)[0]!);
    const stored = asSet(info.signedAttrs!);
    const der = toDer(readRoot(stored));
    expect(bytesEqual(der, stored)).toBe(false);
    expect(await verifiesOver(signer, info.signature, stored)).toBe(true);
    expect(await verifiesOver(signer, info.signature, der)).toBe(false);
  });

  it("signs the content itself without signed attributes, and names the signer by subject key identifier (v3)", async () => {
    const p7 = await signCms(content, signer, { signedAttributes: false, sid: "subjectKeyIdentifier" });
    const info = signerInfoParts(signerInfos(p7)[0]!);
    expect(info.signedAttrs).toBeUndefined();
    expect(info.version).toBe(3);
    expect(info.sid.tag).toBe(0x80);
    expect(valueOf(info.sid)).toEqual(decodeCertificate(signer.certificate).subjectKeyId);
    expect(await verifiesOver(signer, info.signature, content)).toBe(true);
    expect(valueOf(signedDataFields(p7)[0]!)[0]).toBe(3); // SignedData v3 when a SignerInfo is v3
  });

  it("names the signer by issuer and serial by default", async () => {
    const info = signerInfoParts(signerInfos(await signCms(content, signer))[0]!);
    const [issuer, serial] = children(info.sid);
    const cert = decodeCertificate(signer.certificate);
    expect(issuer!.buf.subarray(issuer!.start, issuer!.end)).toEqual(cert.issuer.der);
    expect(valueOf(serial!)).toEqual(cert.serial);
  });

  it("embeds certificates, chain and CRLs as asked, and leaves the content out when detached", async () => {
    const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-05-01T00:00:00Z", nextUpdate: "2025-05-08T00:00:00Z" });
    const full = parseSignedData(await signCms(content, signer, { includeChain: true, crls: [crl], detached: true }));
    expect(full.content).toBeNull();
    expect(full.certificates).toEqual([signer.certificate, pki.publicCa.certificate, pki.nationalRoot.certificate]);
    expect(full.crls).toEqual([crl]);
    const bare = parseSignedData(await signCms(content, signer, { includeCertificates: false }));
    expect(bare.certificates).toEqual([]);
    expect(bare.content).toEqual(content);
  });

  it("keeps duplicate extra attributes and leaves out mandatory ones on request (malformed-attribute tests)", async () => {
    const extra = { oid: OID.signingTime, values: [new Uint8Array([0x17, 0x0d, ...new TextEncoder().encode("250101000000Z")])] };
    const p7 = await signCms(content, signer, { signingTime: "2025-05-01T00:00:00Z", extraSignedAttributes: [extra], omitSignedAttributes: ["contentType"] });
    const oids = attributes(signerInfoParts(signerInfos(p7)[0]!).signedAttrs!).map((a) => a.oid);
    expect(oids.filter((o) => o === OID.signingTime)).toHaveLength(2);
    expect(oids).not.toContain(OID.contentType);
  });

  it("writes unsigned attributes (room for timestamp tokens)", async () => {
    const p7 = await signCms(content, signer, { unsignedAttributes: [{ oid: "1.2.840.113549.1.9.16.2.14", values: [new Uint8Array([0x05, 0x00])] }] });
    const info = signerInfoParts(signerInfos(p7)[0]!);
    expect(info.unsignedAttrs?.tag).toBe(ctx(1));
  });

  it("keeps SignerInfo order for several signers, and addSigner appends one", async () => {
    const two = await signCms(content, [signer, { signer: other, options: { digest: "SHA-384" } }], { signingTime: "2025-05-01T00:00:00Z" });
    const infos = signerInfos(two).map(signerInfoParts);
    expect(infos.map((i) => i.digestAlgorithm)).toEqual(["2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.2"]);
    expect(children(signedDataFields(two)[1]!)).toHaveLength(2);
    const three = await addSigner(two, pki.governmentSubCa);
    expect(signerInfos(three)).toHaveLength(3);
    expect(parseSignedData(three).certificates).toContainEqual(pki.governmentSubCa.certificate);
    const detached = await signCms(content, signer, { detached: true });
    await expect(addSigner(detached, other)).rejects.toThrow(TypeError);
    const added = signerInfoParts(signerInfos(await addSigner(detached, other, { content }))[1]!);
    const digest = attributes(added.signedAttrs!).find((a) => a.oid === OID.messageDigest)!.values[0]!;
    expect(valueOf(digest)).toEqual(await sha256(content));
  });

  it("refuses an empty signer list", async () => {
    await expect(signCms(content, [])).rejects.toThrow(TypeError);
  });
});

describe("tamper helpers", () => {
  const differingOffsets = (a: Uint8Array, b: Uint8Array) => [...a].flatMap((x, i) => (x === b[i] ? [] : [i]));

  it("tamperSignature flips one bit inside the signature value only", async () => {
    const p7 = await signCms(content, [signer, other]);
    const bad = tamperSignature(p7, 1);
    expect(bad.length).toBe(p7.length);
    const diff = differingOffsets(p7, bad);
    expect(diff).toHaveLength(1);
    const sig = signerInfos(p7)[1]!;
    expect(diff[0]!).toBeGreaterThan(sig.start);
    expect(diff[0]!).toBeLessThan(sig.end);
    expect(signerInfoParts(signerInfos(bad)[0]!).signature).toEqual(signerInfoParts(signerInfos(p7)[0]!).signature);
    expect(() => tamperSignature(p7, 5)).toThrow(TypeError);
  });

  it("tamperSignature breaks a certificate's signature and nothing else it decodes", async () => {
    const bad = decodeCertificate(tamperSignature(signer.certificate));
    const good = decodeCertificate(signer.certificate);
    expect(bad.tbs).toEqual(good.tbs);
    expect(bad.signature).not.toEqual(good.signature);
  });

  it("tamperContent changes the content so the messageDigest no longer matches; refuses detached", async () => {
    const p7 = await signCms(content, signer);
    const changed = parseSignedData(tamperContent(p7)).content!;
    expect(changed).not.toEqual(content);
    expect(changed.length).toBe(content.length);
    expect(() => tamperContent(detachContent(p7))).toThrow(TypeError);
  });

  it("substituteCertificate swaps in an impostor with the same issuer and serial", async () => {
    const p7 = await signCms(content, signer, { includeChain: true });
    const impostor = await createImpostor(pki.publicCa, signer, { notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" });
    const a = decodeCertificate(impostor.certificate);
    const b = decodeCertificate(signer.certificate);
    expect(a.serialHex).toBe(b.serialHex);
    expect(a.issuer.der).toEqual(b.issuer.der);
    expect(a.spki).not.toEqual(b.spki);
    const certs = parseSignedData(substituteCertificate(p7, impostor)).certificates;
    expect(certs[0]).toEqual(impostor.certificate);
    expect(certs.slice(1)).toEqual([pki.publicCa.certificate, pki.nationalRoot.certificate]);
    expect(() => substituteCertificate(p7, other)).toThrow(TypeError);
  });

  it("malformSignatureEncoding keeps the signature's value but breaks its strict encoding", async () => {
    const p7 = await signCms(content, signer);
    const original = signerInfoParts(signerInfos(p7)[0]!).signature;
    const long = signerInfoParts(signerInfos(malformSignatureEncoding(p7, "long-length"))[0]!).signature;
    expect(() => readRoot(long)).toThrow(); // strict DER refuses it ...
    expect(toDer(readRoot(long, "ber"))).toEqual(original); // ... though it holds the same r and s
    const trailing = signerInfoParts(signerInfos(malformSignatureEncoding(p7, "trailing-bytes"))[0]!).signature;
    expect(trailing).toEqual(new Uint8Array([...original, 0]));
    expect(() => malformSignatureEncoding(p7, "trailing-bytes", 3)).toThrow(TypeError);
  });

  it("replaceCertificates, replaceCrls and detachContent rebuild the SignedData around the same SignerInfos", async () => {
    const p7 = await signCms(content, signer);
    const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-05-01T00:00:00Z" });
    const rebuilt = parseSignedData(detachContent(replaceCrls(replaceCertificates(p7, []), [crl])));
    expect(rebuilt.certificates).toEqual([]);
    expect(rebuilt.crls).toEqual([crl]);
    expect(rebuilt.content).toBeNull();
    expect(rebuilt.signerInfos).toEqual(parseSignedData(p7).signerInfos);
  });
});
