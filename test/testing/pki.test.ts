// The test PKI, read back with the library's strict certificate decoder.
import { describe, expect, it } from "vitest";
import { children, readRoot, Tag, time } from "../../src/asn1/der.js";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import { attributeValues } from "../../src/model/name.js";
import {
  createCrl,
  createOcspResponse,
  createRootCa,
  createTestPki,
  issueCertificate,
  signCms,
  testKeyPair,
  type TestIdentity,
} from "../../src/testing/index.js";

const UID = "0.9.2342.19200300.100.1.1";
const NB = "2025-01-01T00:00:00Z";
const NA = "2027-01-01T00:00:00Z";

const decode = (id: TestIdentity): Certificate => decodeCertificate(id.certificate);
const pemToDer = (pem: string): Uint8Array =>
  Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, "")), (c) => c.charCodeAt(0));

function isPositiveMinimal(serial: Uint8Array): boolean {
  if ((serial[0]! & 0x80) !== 0) return false;
  return !(serial.length > 1 && serial[0] === 0 && (serial[1]! & 0x80) === 0);
}

describe("createTestPki", () => {
  it("makes six CA certificates that decode strictly, with CA extensions and chained key identifiers", async () => {
    const pki = await createTestPki();
    const cas = [pki.nationalRoot, pki.publicCa, pki.governmentRoot, pki.governmentSubCa, pki.specializedCa, pki.unlistedCa];
    for (const ca of cas) {
      const c = decode(ca);
      expect(c.version).toBe(3);
      expect(c.basicConstraints?.ca).toBe(true);
      expect(c.extensions.find((e) => e.oid === "2.5.29.19")?.critical).toBe(true);
      expect([...c.keyUsage!].sort()).toEqual(["cRLSign", "keyCertSign"]);
      expect(c.extensions.find((e) => e.oid === "2.5.29.15")?.critical).toBe(true);
      expect(c.subjectKeyId).toEqual(ca.subjectKeyId);
      expect(isPositiveMinimal(c.serial)).toBe(true);
      expect(attributeValues(c.subject, "2.5.4.6")).toEqual(["VN"]);
      const issuer = ca.issuer ?? ca;
      expect(c.authorityKeyId?.keyId).toEqual(issuer.subjectKeyId);
      expect(c.issuer.key).toBe(decode(issuer).subject.key);
    }
    for (const root of [pki.nationalRoot, pki.governmentRoot, pki.specializedCa, pki.unlistedCa]) expect(decode(root).selfIssued).toBe(true);
    expect(pki.publicCa.issuer).toBe(pki.nationalRoot);
    expect(pki.governmentSubCa.issuer).toBe(pki.governmentRoot);
    expect(decode(pki.publicCa).basicConstraints?.pathLen).toBe(0);
    expect(decode(pki.governmentRoot).subject.rdns.flat().map((a) => a.value)).toContain("TEST Ban Cơ yếu Chính phủ");
  });

  it("writes the trust list of interfaces.md §3, without the unlisted CA or the government sub-CA", async () => {
    const pki = await createTestPki();
    const list = JSON.parse(JSON.stringify(pki.trustList));
    expect(list.schema).toBe("decree130/trust-list@1");
    expect(list.providers.map((p: { category: string }) => p.category)).toEqual(["national-root", "public", "government", "specialized"]);
    const listed = list.providers.flatMap((p: { certificates: string[] }) => p.certificates.map(pemToDer));
    expect(listed).toEqual([pki.nationalRoot, pki.publicCa, pki.governmentRoot, pki.specializedCa].map((c) => c.certificate));
    for (const absent of [pki.unlistedCa, pki.governmentSubCa]) expect(listed).not.toContainEqual(absent.certificate);
    const pub = list.providers[1];
    expect(pub.licenses).toEqual([{ from: "2020-01-01T00:00:00Z", to: null }]);
    expect(list.providers[0].licenses).toBeUndefined();
    expect(Object.keys(pub).sort()).toEqual(["category", "certificates", "licenses", "name"]);
  });

  it("takes licences, keyProtection, extra providers, names and validity windows as options", async () => {
    const tsaRoot = await createRootCa({ subject: { commonName: "TEST TSA Root" }, notBefore: "2020-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" });
    const pki = await createTestPki({
      notBefore: "2019-06-01T00:00:00Z",
      validity: { publicCa: { notBefore: new Date(Date.UTC(2021, 0, 1)), notAfter: Date.UTC(2031, 0, 1) } },
      subjects: { publicCa: { commonName: "TEST VNPT-CA", MST: "0100684378" } },
      licenses: { publicCa: [{ from: "2021-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z" }, { from: "2024-06-01T00:00:00Z" }], nationalRoot: null },
      keyProtection: { publicCa: "usb-token" },
      extraProviders: [{ name: "TEST TSA", category: "public", certificates: [tsaRoot.certificate], services: ["timestamping"] }],
      trustListName: "custom",
    });
    const pub = pki.trustList.providers[1]!;
    expect(pub.name).toBe("TEST VNPT-CA");
    expect(pub.licenses).toEqual([
      { from: "2021-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z" },
      { from: "2024-06-01T00:00:00Z", to: null },
    ]);
    expect(pub.keyProtection).toBe("usb-token");
    expect(pki.trustList.providers.at(-1)).toMatchObject({ name: "TEST TSA", services: ["timestamping"] });
    expect(pki.trustList.name).toBe("custom");
    const c = decode(pki.publicCa);
    expect(c.notBefore).toBe(Date.UTC(2021, 0, 1));
    expect(c.notAfter).toBe(Date.UTC(2031, 0, 1));
    expect(decode(pki.nationalRoot).notBefore).toBe(Date.parse("2019-06-01T00:00:00Z"));
    expect(attributeValues(c.subject, UID)).toEqual(["MST:0100684378"]);
  });

  it("reuses generated keys within a process", async () => {
    const a = await createTestPki();
    const b = await createTestPki({ notBefore: "2018-01-01T00:00:00Z" });
    expect(b.publicCa.keyPair.spki).toEqual(a.publicCa.keyPair.spki);
    expect(b.publicCa.certificate).not.toEqual(a.publicCa.certificate);
    expect(a.publicCa.keyPair.spki).not.toEqual(a.nationalRoot.keyPair.spki);
    expect(await testKeyPair("ECDSA-P256", "pki/publicCa")).toBe(a.publicCa.keyPair);
  });

  it("uses the injected WebCrypto and never reads the clock", async () => {
    let calls = 0;
    const subtle = new Proxy(globalThis.crypto.subtle, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== "function") return v;
        return (...args: unknown[]) => {
          calls++;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const injected = { subtle, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
    const RealDate = globalThis.Date;
    class NoClockDate extends RealDate {
      constructor(...args: [] | [string | number | Date]) {
        if (args.length === 0) throw new Error("the clock was read");
        super(args[0]);
      }
      static override now(): number {
        throw new Error("the clock was read");
      }
    }
    globalThis.Date = NoClockDate as DateConstructor;
    try {
      const pki = await createTestPki({ crypto: injected });
      const ee = await issueCertificate(pki.publicCa, { subject: { commonName: "Clockless" }, notBefore: NB, notAfter: NA });
      await signCms(new Uint8Array([1, 2, 3]), ee, { signingTime: "2025-02-01T00:00:00Z", signingCertificateV2: true });
      await createCrl(pki.publicCa, { thisUpdate: "2025-02-01T00:00:00Z", nextUpdate: "2025-02-08T00:00:00Z" });
      await createOcspResponse(pki.publicCa, ee, { thisUpdate: "2025-02-01T00:00:00Z" });
    } finally {
      globalThis.Date = RealDate;
    }
    expect(calls).toBeGreaterThan(10);
  });
});

describe("issueCertificate", () => {
  it("follows Vietnamese subject conventions: C=VN, T, CN, UID=MST:…, UID=CCCD:…, UID=CMND:…", async () => {
    const pki = await createTestPki();
    const ee = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Nguyễn Thị Hoa", organization: "Công ty Cổ phần Thử nghiệm", title: "Kế toán trưởng", MST: "0101234567-001", CCCD: "001190012345", CMND: "012345678", province: "Hà Nội", email: "hoa@example.vn" },
      notBefore: NB,
      notAfter: NA,
    });
    const c = decode(ee);
    expect(attributeValues(c.subject, UID)).toEqual(["MST:0101234567-001", "CCCD:001190012345", "CMND:012345678"]);
    expect(attributeValues(c.subject, "2.5.4.12")).toEqual(["Kế toán trưởng"]);
    expect(attributeValues(c.subject, "2.5.4.3")).toEqual(["Nguyễn Thị Hoa"]);
    expect(attributeValues(c.subject, "2.5.4.8")).toEqual(["Hà Nội"]);
    // C is a PrintableString (RFC 5280), the UIDs UTF8Strings.
    const rdns = children(readRoot(c.subject.der));
    const valueTag = (i: number) => children(children(rdns[i]!)[0]!)[1]!.tag;
    expect(valueTag(0)).toBe(Tag.PRINTABLE_STRING);
    const uidIndex = c.subject.rdns.findIndex((r) => r[0]!.type === UID);
    expect(valueTag(uidIndex)).toBe(Tag.UTF8_STRING);
    expect([...c.keyUsage!].sort()).toEqual(["digitalSignature", "nonRepudiation"]);
    expect(c.basicConstraints).toBeUndefined();
    expect(c.authorityKeyId?.keyId).toEqual(pki.publicCa.subjectKeyId);
    expect(c.notBefore).toBe(Date.parse(NB));
    expect(ee.chain).toEqual([pki.publicCa.certificate, pki.nationalRoot.certificate]);
  });

  it("writes the optional extensions and refuses to write one twice", async () => {
    const pki = await createTestPki();
    const tsa = await issueCertificate(pki.publicCa, {
      subject: { commonName: "TEST TSA" },
      notBefore: NB,
      notAfter: NA,
      keyUsage: ["digitalSignature"],
      extendedKeyUsage: ["timeStamping"],
      crlUrl: "http://ca.test/crl",
      ocspUrl: "http://ca.test/ocsp",
      policies: ["1.3.6.1.4.1.99999.1.1"],
      qcSSCD: true,
      extensions: [{ oid: "1.3.6.1.4.1.99999.7", critical: true, value: new Uint8Array([0x05, 0x00]) }],
    });
    const c = decode(tsa);
    expect(c.extKeyUsage).toEqual(["1.3.6.1.5.5.7.3.8"]);
    expect(c.extensions.find((e) => e.oid === "2.5.29.37")?.critical).toBe(true);
    expect(c.policies).toEqual(["1.3.6.1.4.1.99999.1.1"]);
    expect(c.qcStatements).toEqual(["0.4.0.1862.1.4"]);
    expect(c.extensions.map((e) => e.oid)).toEqual(expect.arrayContaining(["2.5.29.31", "1.3.6.1.5.5.7.1.1", "1.3.6.1.4.1.99999.7"]));
    const dup = issueCertificate(pki.publicCa, { subject: { commonName: "x" }, notBefore: NB, notAfter: NA, extensions: [{ oid: "2.5.29.15", value: new Uint8Array([3, 1, 0]) }] });
    await expect(dup).rejects.toThrow(TypeError);
  });

  it("takes explicit serials, key labels, no key identifiers, and dates beyond 2049 (GeneralizedTime)", async () => {
    const pki = await createTestPki();
    const a = await issueCertificate(pki.publicCa, { subject: { commonName: "Same" }, notBefore: NB, notAfter: "2055-01-01T00:00:00Z", serial: 0x80 });
    const b = await issueCertificate(pki.publicCa, { subject: { commonName: "Same" }, notBefore: NB, notAfter: NA, keyLabel: "another key", omitKeyIdentifiers: true });
    const ca = decode(a);
    expect(ca.serial).toEqual(new Uint8Array([0x00, 0x80]));
    expect(ca.notAfter).toBe(Date.parse("2055-01-01T00:00:00Z"));
    const validity = children(children(children(readRoot(a.certificate))[0]!)[4]!);
    expect(validity.map((t) => t.tag)).toEqual([Tag.UTC_TIME, Tag.GENERALIZED_TIME]);
    expect(time(validity[1]!)).toBe(Date.parse("2055-01-01T00:00:00Z"));
    expect(b.keyPair.spki).not.toEqual(a.keyPair.spki);
    expect(decode(b).subjectKeyId).toBeUndefined();
    expect(decode(b).authorityKeyId).toBeUndefined();
    await expect(issueCertificate(pki.publicCa, { subject: { commonName: "x" }, notBefore: "not a date", notAfter: NA })).rejects.toThrow(TypeError);
    await expect(issueCertificate(pki.publicCa, { subject: { commonName: "x" }, notBefore: NB, notAfter: NA, serial: 0 })).rejects.toThrow(RangeError);
  });

  it("makes RSA-2048 and RSA-PSS certificates the strict decoder reads", async () => {
    for (const keyAlgorithm of ["RSA-2048", "RSA-PSS"] as const) {
      const root = await createRootCa({ subject: { commonName: `TEST ${keyAlgorithm} root` }, notBefore: NB, notAfter: NA, keyAlgorithm });
      const ee = await issueCertificate(root, { subject: { commonName: "RSA signer" }, notBefore: NB, notAfter: NA, digest: "SHA-512" });
      const c = decode(ee);
      expect(c.publicKeyAlgorithm.oid).toBe("1.2.840.113549.1.1.1");
      expect(c.signatureAlgorithm.oid).toBe(keyAlgorithm === "RSA-PSS" ? "1.2.840.113549.1.1.10" : "1.2.840.113549.1.1.13");
    }
  });
});
