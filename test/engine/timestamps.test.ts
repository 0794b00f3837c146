// RFC 3161 timestamps as proof of existence (the timestamp rules): each rule has a case that fails without it. Tokens
// come from the testing kit's TSA and, for an independent check, from OpenSSL's (test/fixtures/tsa, README there).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTrustList, validate, type SignatureReport } from "decree130";
import {
  addSignatureTimestamp,
  addUnsignedAttribute,
  createCrl,
  createTestPki,
  createTimestampingAuthority,
  createTimestampToken,
  issueCertificate,
  revoke,
  signCms,
  type TestIdentity,
  type TestPki,
} from "decree130/testing";

const NOW = new Date("2026-06-01T00:00:00Z");
const SIGNED = "2024-06-01T08:00:00Z";
const STAMPED = "2024-06-01T08:00:05Z";
const content = new TextEncoder().encode("Hợp đồng mua bán số 42/2024");

let pki: TestPki;
let tsa: TestIdentity;
let signer: TestIdentity;
let cms: Uint8Array;
/**
 * CRLs dated after the stamp: the public CA's speaks for the signer and the TSA at genTime, the national root's for the
 * public CA (a listed CA the root certified is judged like the CAs below it).
 */
let crls: Uint8Array[];
let rootCrl: Uint8Array;

beforeAll(async () => {
  pki = await createTestPki({ timestampingAuthority: { notBefore: "2023-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" } });
  tsa = pki.timestampingAuthority!;
  signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "Trần Thị B", CCCD: "001190001234" },
    notBefore: "2024-01-01T00:00:00Z",
    notAfter: "2025-01-01T00:00:00Z",
  });
  cms = await signCms(content, signer, { signingTime: SIGNED });
  rootCrl = await createCrl(pki.nationalRoot, { thisUpdate: "2024-06-02T00:00:00Z", nextUpdate: "2024-07-02T00:00:00Z" });
  crls = [await createCrl(pki.publicCa, { thisUpdate: "2024-06-02T00:00:00Z", nextUpdate: "2024-07-02T00:00:00Z" }), rootCrl];
});

const judge = (p7s: Uint8Array, extra: Partial<Parameters<typeof validate>[1]> = {}): Promise<SignatureReport> =>
  validate(p7s, { trustList: loadTrustList(pki.trustList), crls, now: NOW, ...extra }).then((r) => r.signatures[0]!);

describe("a valid signature timestamp is a proof of existence", () => {
  it("without it the expired certificate leaves the signature unplaced (EXPIRED_NO_POE)", async () => {
    const s = await judge(cms);
    expect(s.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
    expect(s.timestamps).toEqual([]);
  });

  it("with it the signature is placed at genTime, and is SECURE", async () => {
    const stamped = await addSignatureTimestamp(cms, tsa, { genTime: STAMPED });
    const s = await judge(stamped);
    expect(s.timestamps).toEqual([
      { kind: "signature", genTime: "2024-06-01T08:00:05.000Z", tsa: "TEST Timestamping Authority", provider: expect.any(String), valid: true, reason: null },
    ]);
    expect(s.signingTime).toEqual({ value: "2024-06-01T08:00:05.000Z", source: "timestamp" });
    expect(s.conditions.validityPeriod.code).toBe("CERT_VALID_AT_SIGNING");
    expect(s.verdict).toBe("SECURE");
  });

  it("several valid tokens: the earliest genTime is the proof", async () => {
    const once = await addSignatureTimestamp(cms, tsa, { genTime: "2024-06-01T09:00:00Z" });
    const twice = await addSignatureTimestamp(once, tsa, { genTime: STAMPED });
    const s = await judge(twice);
    expect(s.timestamps.map((t) => t.valid)).toEqual([true, true]);
    expect(s.signingTime.value).toBe("2024-06-01T08:00:05.000Z");
  });
  it("reads at most 8 tokens, and says how many more there were", async () => {
    let many = cms;
    for (let i = 0; i < 10; i++) many = await addSignatureTimestamp(many, tsa, { genTime: STAMPED });
    const s = await judge(many);
    expect(s.timestamps).toHaveLength(9);
    expect(s.timestamps.slice(0, 8).every((t) => t.valid)).toBe(true);
    expect(s.timestamps[8]).toMatchObject({ valid: false, reason: "2 more token(s) beyond the first 8 were not read" });
    expect(s.verdict).toBe("SECURE");
  });
});

describe("a token that breaks a rule proves nothing, and never makes the signature fail", () => {
  const invalidBecause = async (stamped: Uint8Array, reason: RegExp, extra: Partial<Parameters<typeof validate>[1]> = {}) => {
    const s = await judge(stamped, extra);
    expect(s.timestamps[0]).toMatchObject({ valid: false });
    expect(s.timestamps[0]!.reason).toMatch(reason);
    expect(s.warnings.map((w) => w.code)).toContain("TIMESTAMP_INVALID");
    expect(s.signingTime.source).not.toBe("timestamp");
    expect(s.verdict).toBe("INDETERMINATE");
    expect(s.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
  };

  it("its messageImprint is not the hash of the signature value", async () => {
    const token = await createTimestampToken(new TextEncoder().encode("something else"), tsa, { genTime: STAMPED });
    await invalidBecause(addUnsignedAttribute(cms, { oid: "1.2.840.113549.1.9.16.2.14", values: [token] }), /messageImprint/);
  });

  it("its own signature does not verify (a TSTInfo octet changed)", async () => {
    const stamped = await addSignatureTimestamp(cms, tsa, { genTime: STAMPED });
    // genTime's last digit before the Z, inside the TSTInfo the token signs: "…080005Z" becomes "…080006Z".
    const at = Buffer.from(stamped).lastIndexOf(Buffer.from("20240601080005Z"));
    expect(at).toBeGreaterThan(0);
    const tampered = new Uint8Array(stamped);
    tampered[at + 13] = 0x36;
    await invalidBecause(tampered, /signature does not hold/);
  });

  it("its certificate's extended key usage is not critical", async () => {
    const loose = await issueCertificate(pki.publicCa, {
      subject: { commonName: "TEST Loose TSA" },
      notBefore: "2023-01-01T00:00:00Z",
      notAfter: "2030-01-01T00:00:00Z",
      keyUsage: ["digitalSignature"],
      extendedKeyUsage: ["timeStamping"],
      extendedKeyUsageCritical: false,
    });
    await invalidBecause(await addSignatureTimestamp(cms, loose, { genTime: STAMPED }), /not critical/);
  });

  it("its certificate has no timeStamping usage at all", async () => {
    const plain = await issueCertificate(pki.publicCa, {
      subject: { commonName: "TEST Not A TSA" },
      notBefore: "2023-01-01T00:00:00Z",
      notAfter: "2030-01-01T00:00:00Z",
    });
    await invalidBecause(await addSignatureTimestamp(cms, plain, { genTime: STAMPED }), /no extended key usage timeStamping/);
  });

  it("no ESS signing-certificate attribute names its certificate", async () => {
    await invalidBecause(await addSignatureTimestamp(cms, tsa, { genTime: STAMPED, essCertIdV2: false }), /ESS signing-certificate/);
  });

  it("its TSA chains to a provider listed for signing only", async () => {
    const json = pki.trustList;
    const signingOnly = { ...json, providers: json.providers.map((p) => ({ ...p, services: ["signing"] })) };
    const stamped = await addSignatureTimestamp(cms, tsa, { genTime: STAMPED });
    await invalidBecause(stamped, /provider offering timestamping|no certification path/, { trustList: loadTrustList(signingOnly) });
  });

  it("its certificate was revoked before genTime; revoked after, the token still counts", async () => {
    const early = await createTimestampingAuthority(pki.publicCa, { notBefore: "2023-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z", commonName: "TEST TSA revoked early" });
    const late = await createTimestampingAuthority(pki.publicCa, { notBefore: "2023-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z", commonName: "TEST TSA revoked late" });
    revoke(pki.publicCa, early, { at: "2024-05-01T00:00:00Z", reason: "keyCompromise" });
    revoke(pki.publicCa, late, { at: "2024-06-01T12:00:00Z", reason: "keyCompromise" });
    const crlAfter = await createCrl(pki.publicCa, { thisUpdate: "2024-06-02T00:00:00Z", nextUpdate: "2024-07-02T00:00:00Z" });
    await invalidBecause(await addSignatureTimestamp(cms, early, { genTime: STAMPED }), /REVOKED/, { crls: [crlAfter, rootCrl] });
    const s = await judge(await addSignatureTimestamp(cms, late, { genTime: STAMPED }), { crls: [crlAfter, rootCrl] });
    expect(s.timestamps[0]).toMatchObject({ valid: true });
    expect(s.signingTime.source).toBe("timestamp");
  });

  it("its certificate had expired at genTime", async () => {
    const old = await createTimestampingAuthority(pki.publicCa, { notBefore: "2020-01-01T00:00:00Z", notAfter: "2024-01-01T00:00:00Z", commonName: "TEST TSA expired" });
    await invalidBecause(await addSignatureTimestamp(cms, old, { genTime: STAMPED }), /EXPIRED|AFTER_EXPIRY/);
  });

  it("its TSA's revocation at genTime is unknown (no evidence speaks for it)", async () => {
    await invalidBecause(await addSignatureTimestamp(cms, tsa, { genTime: STAMPED }), /REVOCATION_UNKNOWN/, { crls: [] });
  });

  it("a token that does not decode is reported, and an otherwise secure signature stays SECURE", async () => {
    const recent = await issueCertificate(pki.publicCa, { subject: { commonName: "Lê Văn C" }, notBefore: "2026-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" });
    const fresh = await signCms(content, recent, { signingTime: "2026-05-31T08:00:00Z" });
    const garbage = addUnsignedAttribute(fresh, { oid: "1.2.840.113549.1.9.16.2.14", values: [Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05)] });
    const dates = { thisUpdate: "2026-05-31T12:00:00Z", nextUpdate: "2026-06-30T00:00:00Z" };
    const current = [await createCrl(pki.publicCa, dates), await createCrl(pki.nationalRoot, dates)];
    const s = (await validate(garbage, { trustList: loadTrustList(pki.trustList), crls: current, now: NOW })).signatures[0]!;
    expect(s.verdict).toBe("SECURE");
    expect(s.timestamps[0]).toMatchObject({ kind: "signature", valid: false, genTime: null });
    expect(s.warnings.map((w) => w.code)).toContain("TIMESTAMP_INVALID");
  });
});

describe("a content timestamp", () => {
  it("after the certificate expired, makes validityPeriod FAILED (SIGNED_AFTER_EXPIRY)", async () => {
    const late = await signCms(content, signer, { signingTime: SIGNED, contentTimestamp: { tsa, genTime: "2025-03-01T00:00:00Z" } });
    const lateDates = { thisUpdate: "2025-03-02T00:00:00Z", nextUpdate: "2025-04-02T00:00:00Z" };
    const crlLate = [await createCrl(pki.publicCa, lateDates), await createCrl(pki.nationalRoot, lateDates)];
    const s = await judge(late, { crls: [...crls, ...crlLate] });
    expect(s.timestamps[0]).toMatchObject({ kind: "content", valid: true });
    expect(s.conditions.validityPeriod.code).toBe("SIGNED_AFTER_EXPIRY");
    expect(s.verdict).toBe("NOT_SECURE");
  });

  it("inside the certificate's validity, changes nothing", async () => {
    const early = await signCms(content, signer, { signingTime: SIGNED, contentTimestamp: { tsa, genTime: "2024-05-31T00:00:00Z" } });
    const s = await judge(early);
    expect(s.timestamps[0]).toMatchObject({ kind: "content", valid: true });
    expect(s.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
  });
});

describe("an independent TSA (OpenSSL ts -reply, test/fixtures/tsa)", () => {
  const fixture = (f: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/tsa/${f}`, import.meta.url)));
  const pem = (f: string): string => readFileSync(new URL(`../fixtures/tsa/${f}`, import.meta.url), "utf8");

  it("its signature timestamp over the OpenSSL signature is valid, and places the signature at its genTime", async () => {
    const trustList = loadTrustList({
      schema: "decree130/trust-list@1",
      name: "OpenSSL test TSA",
      providers: [{ name: "OpenSSL test root", category: "public", certificates: [pem("tsa-root.pem")], services: ["signing", "timestamping"] }],
    });
    const stamped = addUnsignedAttribute(fixture("signed.p7s"), { oid: "1.2.840.113549.1.9.16.2.14", values: [fixture("signature-ec.tst")] });
    const s = (await validate(stamped, { trustList, now: NOW, policy: { revocation: "ignore" } })).signatures[0]!;
    expect(s.timestamps).toEqual([
      expect.objectContaining({ kind: "signature", genTime: "2025-06-01T08:00:05.000Z", valid: true, provider: "OpenSSL test root" }),
    ]);
    expect(s.signingTime).toEqual({ value: "2025-06-01T08:00:05.000Z", source: "timestamp" });
  });
});
