// Real Vietnamese certificates and signatures from test/corpora/vn-pki (sources and quirks in its INDEX.md), judged
// against the built-in trust list. Each expectation below is deliberate; the reason is written beside it.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validate } from "decree130";
import { vietnamTrustList } from "decree130/trust/vn";
import { issuerType } from "../../src/conditions/issuer-type.js";
import { CONDITION_CODES } from "../../src/conditions/codes.js";
import type { SignatureFacts } from "../../src/conditions/context.js";
import { createKeyCache } from "../../src/cache/key-cache.js";
import { readCertificates } from "../../src/formats/certificates.js";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import { checkPath } from "../../src/revocation/path-status.js";
import { DEFAULT_POLICY } from "../../src/policy/policy.js";
import { resolveTimes } from "../../src/time/signing-time.js";

const VN = new URL("../corpora/vn-pki/", import.meta.url);
const read = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(p, VN)));
const certFiles = (dir: string): string[] =>
  readdirSync(new URL(`${dir}/`, VN)).filter((f) => /\.(cer|crt)$/.test(f)).map((f) => `${dir}/${f}`);
const trustList = vietnamTrustList();
const env = { crypto: globalThis.crypto, keys: createKeyCache() };
const pool: Certificate[] = ["roots", "subca", "gov", "ee"].flatMap(certFiles).map((f) => decodeCertificate(read(f)));

async function classify(file: string, pathPool: readonly Certificate[] = pool) {
  const leaf = decodeCertificate(read(file));
  const t = leaf.notBefore + 86_400_000;
  const path = await checkPath({
    leaf,
    candidates: pathPool,
    trustList,
    service: "signing",
    time: t,
    now: t,
    revocation: null,
    env,
    algorithms: "default",
  });
  const times = resolveTimes({ now: t, claimed: undefined, proofs: [], clockSkewMs: 300_000 });
  const facts = { signingCertificate: leaf, path, cas: path.status === "valid" ? path.cas : [], times, policy: DEFAULT_POLICY } as unknown as SignatureFacts;
  const o = issuerType(facts);
  return { path, result: { code: o.code, status: CONDITION_CODES[o.code].status, category: o.facts.category, provider: o.facts.provider } };
}

describe("organisation certificates classify at a time inside their validity", () => {
  const rows: [file: string, code: string, category: string | null, provider: string | null, why: string][] = [
    ["ee/ee-vnpt-smartca-rs-org-mst-0101498046.cer", "RECOGNIZED_PROVIDER", "public", "VNPT SmartCA", "issued by the listed VNPT SmartCA RS"],
    ["ee/ee-fpt-ca-tct-test01-mst-0100231226-998.cer", "RECOGNIZED_PROVIDER", "public", "FPT-CA", "FPT-CA 2019 under the MIC root"],
    ["ee/ee-fpt-ca-sha1-license-signer-mst-09331231237.cer", "RECOGNIZED_PROVIDER", "public", "FPT-CA", "CN equal to its issuer's CN (quirk 12) is still an end entity"],
    ["ee/ee-vnpt-ca-sha1-org-mst-0302345459-rsa1024-2020.cer", "CA_EXPIRED_NO_POE", "public", "VNPT-CA", "the listed VNPT-CA 2009 certificate the path reaches expired 2019-12-16, before this one was issued; its renewed certificate is not public (quirk 8): a listed CA the root certified is judged by the time rules"],
    ["ee/ee-vnpt-ca-sha1-codesigning-vnpt-software-2018.cer", "RECOGNIZED_PROVIDER", "public", "VNPT-CA", "SHA-1 chain (quirk 6)"],
    ["gov/ee-vgca-g2-tong-cuc-thue-cqt-2021.cer", "RECOGNIZED_PROVIDER", "government", "Ban Cơ yếu Chính phủ (VGCA)", "VGCA G2 sub-CA"],
    ["ee/ee-fpt-ca-tct-org-mst-0100231226-2019.cer", "NO_CERTIFICATE_PATH", null, null, "issued by an older FPT-CA key whose certificate is not public (INDEX.md 'not found')"],
    ["ee/ee-newtel-ca-v2-test-mst-0123456789-2019.cer", "NO_CERTIFICATE_PATH", null, null, "NEWTEL-CA v2 certificate not found"],
    ["ee/ee-safe-ca-2020-test-org-mst-0106324653.cer", "NO_CERTIFICATE_PATH", null, null, "SAFE-CA 2020 certificate not found"],
    ["ee/ee-smartsign-2021-test-org-mst-0313032391.cer", "NO_CERTIFICATE_PATH", null, null, "SmartSign 2021 key's certificate not found"],
    ["ee/ee-viettel-ca-sha1-org-mst-0104831030-091-2020.cer", "NO_CERTIFICATE_PATH", null, null, "Viettel-CA v3 certificate not found"],
    ["ee/ee-tct-test01-cyberlotus-ca-test.cer", "NO_CERTIFICATE_PATH", null, null, "CYBERLOTUS-CA is a test CA nobody publishes"],
    ["gov/ee-vgca-btc-org-chi-cuc-thue-hong-bang-an-duong-2019.cer", "NO_CERTIFICATE_PATH", null, null, "VGCA G1 'Bo Tai chinh' sub-CA not found"],
    ["gov/ee-vgca-g1-cp-mobile-test-03-2016.cer", "NO_CERTIFICATE_PATH", null, null, "VGCA G1 'Chinh phu' sub-CA not found"],
  ];
  for (const [file, code, category, provider, why] of rows) {
    it(`${file}: ${code} (${why})`, async () => {
      const { result } = await classify(file);
      expect(result.code).toBe(code);
      expect(result.category).toBe(category);
      if (provider) expect(result.provider).toBe(provider);
    });
  }

  it("the table covers every certificate in ee/ and gov/", () => {
    const listed = new Set(rows.map((r) => r[0]));
    const endEntities = [...certFiles("ee"), ...certFiles("gov")].filter((f) => !decodeCertificate(read(f)).basicConstraints?.ca);
    expect(endEntities.filter((f) => !listed.has(f))).toEqual([]);
  });
});

describe("look-alike CAs (same names, other keys) never classify", () => {
  for (const file of certFiles("lookalike")) {
    it(file, async () => {
      const lookalikes = certFiles("lookalike").map((f) => decodeCertificate(read(f)));
      const { result } = await classify(file, [...pool, ...lookalikes]);
      expect(result.status).not.toBe("PASSED");
      expect(result.category).toBeNull();
    });
  }
});

describe("certificate quirks (INDEX.md) with a deliberate outcome", () => {
  it("quirk 7: a critical AIA extension makes a path through the FPT timestamping CA invalid", async () => {
    const tsa = decodeCertificate(read("subca/fpt-certification-authority-timestamping.cer"));
    expect(tsa.extensions.find((e) => e.oid === "1.3.6.1.5.5.7.1.1")?.critical).toBe(true);
    // RFC 5280 §4.2.2.1: AIA MUST be non-critical; an extension we do not process and that is critical fails closed.
    const path = await checkPath({
      leaf: tsa,
      candidates: pool,
      trustList,
      service: "timestamping",
      time: tsa.notBefore + 86_400_000,
      now: tsa.notBefore + 86_400_000,
      revocation: null,
      env,
      algorithms: "default",
    });
    expect(path.status).toBe("invalid");
    expect(path.status === "invalid" && path.reason).toBe("UNKNOWN_CRITICAL_EXTENSION");
  });

  it("quirk 10: every NEAC .p7b bundle, DER or PEM-armoured BER with indefinite lengths, yields its certificates", () => {
    const files = readdirSync(new URL("p7b-official/", VN)).filter((f) => f.endsWith(".p7b"));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) expect(readCertificates(read(`p7b-official/${f}`)).length, f).toBeGreaterThan(0);
  });

  it("quirk 5: a CN longer than 64 characters decodes and is reported whole", () => {
    const long = pool.find((c) => c.subject.rdns.flat().some((a) => a.type === "2.5.4.3" && a.value.length > 64));
    expect(long).toBeDefined();
  });
});

describe("real signatures", () => {
  it("VNPT SmartCA signature extracted from a PDF: signer, provider, category; content not supplied", async () => {
    const report = await validate(read("signed/pdf-haui-sig2-extracted.p7s"), {
      trustList,
      now: new Date("2026-07-01T00:00:00Z"),
    });
    const [s] = report.signatures;
    expect(s.signer.identifiers.MST).toBe("0101498046");
    expect(s.provider).toEqual({ name: "VNPT SmartCA", category: "public" });
    // The listed VNPT SmartCA RS certificate is certified by the national root: without the root's CRL its status is unknown.
    expect(s.conditions.issuerType.code).toBe("CA_REVOCATION_UNKNOWN");
    expect(s.conditions.keyCorrespondence).toMatchObject({ status: "INDETERMINATE", code: "SIGNED_DATA_NOT_FOUND" });
    expect(s.conditions.validityPeriod.code).toBe("REVOCATION_UNKNOWN");
    expect(s.verdict).toBe("INDETERMINATE");
  });
  it("the same signature after its certificate expired (2026-11-17): what is missing first is a proof of when it was signed", async () => {
    const report = await validate(read("signed/pdf-haui-sig2-extracted.p7s"), { trustList, now: new Date("2026-12-02T00:00:00Z") });
    const [s] = report.signatures;
    expect(s.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
    // The evidence says revocation at T_up is unknown too; asking for a CRL would send the user the wrong way.
    expect(s.conditions.validityPeriod.evidence["revocation"]).toMatchObject({ checked: true, known: false });
    expect(s.conditions.validityPeriod.message.en).toMatch(/nothing proves the signature existed before/);
  });
  it("the e-tax PkiPath bundle (MIC → FPT-CA → Tổng Cục Thuế Test01) is not a signature", async () => {
    await expect(validate(read("signed/etax-pkipath-mic-fpt-tcttest01.der"), { trustList })).rejects.toMatchObject({
      name: "Decree130Error",
    });
  });
});
