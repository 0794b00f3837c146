// Cases OpenSSL cannot make on the command line, built with the testing kit (decree130/testing) and judged through the
// public API: malformed signed attributes, an unsupported digest, timestamp tokens, omitted attributes, input limits.
import { beforeAll, describe, expect, it } from "vitest";
import { isDecree130Error, loadTrustList, validate, type ValidateOptions } from "decree130";
import { createPkiCrls, createTestPki, issueCertificate, signCms, type TestIdentity, type TestPki } from "decree130/testing";

const enc = new TextEncoder();
const content = enc.encode("HÓA ĐƠN GTGT số 0000123 — 1.000.000 VND");
const NOW = new Date("2025-06-01T00:00:00Z");
const SIGNED_AT = "2025-03-01T10:00:00Z";
const utcTime = (iso: string): Uint8Array => {
  const s = iso.replace(/[-:T]/g, "").slice(2, 14) + "Z";
  return Uint8Array.of(0x17, s.length, ...enc.encode(s));
};

let pki: TestPki;
let signer: TestIdentity;
let options: ValidateOptions;

beforeAll(async () => {
  pki = await createTestPki();
  signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "CÔNG TY TNHH KIỂM THỬ", MST: "0109999999" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2026-01-01T00:00:00Z",
  });
  const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  options = { trustList: loadTrustList(JSON.stringify(pki.trustList)), crls, now: NOW };
});

async function judge(cms: Uint8Array, extra: Partial<ValidateOptions> = {}) {
  const [s] = (await validate(cms, { ...options, ...extra })).signatures;
  return s!;
}

describe("kit-made signatures", () => {
  it("control: a plain kit signature is SECURE", async () => {
    expect((await judge(await signCms(content, signer, { signingTime: SIGNED_AT }))).verdict).toBe("SECURE");
  });

  it("a duplicate signingTime attribute fails keyCorrespondence with MALFORMED_SIGNED_ATTRIBUTES", async () => {
    const cms = await signCms(content, signer, {
      signingTime: SIGNED_AT,
      extraSignedAttributes: [{ oid: "1.2.840.113549.1.9.5", values: [utcTime("2025-03-02T10:00:00Z")] }],
    });
    const s = await judge(cms);
    expect(s.conditions.keyCorrespondence).toMatchObject({ status: "FAILED", code: "MALFORMED_SIGNED_ATTRIBUTES" });
    expect(s.verdict).toBe("NOT_SECURE");
  });

  it("a multi-valued signingTime attribute fails with MALFORMED_SIGNED_ATTRIBUTES", async () => {
    const cms = await signCms(content, signer, {
      extraSignedAttributes: [{ oid: "1.2.840.113549.1.9.5", values: [utcTime(SIGNED_AT), utcTime("2025-03-02T10:00:00Z")] }],
    });
    expect((await judge(cms)).conditions.keyCorrespondence.code).toBe("MALFORMED_SIGNED_ATTRIBUTES");
  });

  it("a missing messageDigest attribute fails with MALFORMED_SIGNED_ATTRIBUTES", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT, omitSignedAttributes: ["messageDigest"] });
    expect((await judge(cms)).conditions.keyCorrespondence.code).toBe("MALFORMED_SIGNED_ATTRIBUTES");
  });

  it("signed attributes stored unsorted are re-encoded as DER first, so a signature over the unsorted form fails", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT, signingCertificateV2: true, signedAttributesOrder: "unsorted" });
    const s = await judge(cms);
    expect(s.conditions.keyCorrespondence).toMatchObject({ status: "FAILED", code: "SIGNATURE_INVALID" });
    expect(s.conditions.keyCorrespondence.evidence["signedAttributesReencoded"]).toBe(true);
  });

  it("a digest WebCrypto lacks (SHA-224) makes keyCorrespondence INDETERMINATE with UNSUPPORTED_ALGORITHM", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT });
    // Same length OID: sha256 (…04 02 01) → sha224 (…04 02 04) in digestAlgorithms and the SignerInfo.
    const sha256 = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    const edited = cms.slice();
    let replaced = 0;
    for (let i = 0; i + sha256.length <= edited.length; i++) {
      if (sha256.every((b, k) => edited[i + k] === b)) {
        edited[i + sha256.length - 1] = 0x04;
        replaced++;
      }
    }
    expect(replaced).toBeGreaterThanOrEqual(2);
    const s = await judge(edited);
    expect(s.conditions.keyCorrespondence).toMatchObject({ status: "INDETERMINATE", code: "UNSUPPORTED_ALGORITHM" });
    expect(s.verdict).toBe("INDETERMINATE");
  });

  it("a signature timestamp token is disregarded with TIMESTAMP_INVALID and never counts as proof", async () => {
    const token = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00);
    const cms = await signCms(content, signer, {
      signingTime: SIGNED_AT,
      unsignedAttributes: [{ oid: "1.2.840.113549.1.9.16.2.14", values: [token] }],
    });
    const s = await judge(cms, { now: new Date("2026-06-01T00:00:00Z") });
    expect(s.warnings.map((w) => w.code)).toContain("TIMESTAMP_INVALID");
    expect(s.signingTime.source).toBe("claimed");
    expect(s.timestamps).toEqual([expect.objectContaining({ kind: "signature", valid: false, genTime: null })]);
    // Nothing places the signature before the certificate expired: expiry without proof of time is what is missing.
    expect(s.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
  });

  it("the signer's QcSSCD statement is sole-control evidence under require-evidence", async () => {
    const qc = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Trần Thị B", CCCD: "001190012345" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2026-01-01T00:00:00Z",
      qcSSCD: true,
    });
    const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
    const s = await judge(await signCms(content, qc, { signingTime: SIGNED_AT }), {
      crls,
      policy: { soleControl: "require-evidence" },
    });
    expect(s.conditions.soleControl.code).toBe("KEY_PROTECTION_EVIDENCED");
    expect(s.signer.identifiers).toEqual({ CCCD: "001190012345" });
  });
});

describe("input limits", () => {
  async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
    try {
      await p;
      return undefined;
    } catch (err) {
      return isDecree130Error(err) ? err.code : `untyped: ${String(err)}`;
    }
  }
  it("INPUT_TOO_LARGE above limits.maxInputBytes", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT });
    expect(await codeOf(validate(cms, { ...options, limits: { maxInputBytes: cms.length - 1 } }))).toBe("INPUT_TOO_LARGE");
  });
  it("LIMIT_EXCEEDED above limits.maxSigners", async () => {
    const cms = await signCms(content, [signer, signer], { signingTime: SIGNED_AT });
    expect(await codeOf(validate(cms, { ...options, limits: { maxSigners: 1 } }))).toBe("LIMIT_EXCEEDED");
  });
  it("LIMIT_EXCEEDED above limits.maxCertificates", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT, includeChain: true });
    expect(await codeOf(validate(cms, { ...options, limits: { maxCertificates: 1 } }))).toBe("LIMIT_EXCEEDED");
  });
  it("a missing trust list is misuse: TypeError", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT });
    await expect(validate(cms, {} as ValidateOptions)).rejects.toThrow(TypeError);
  });
});
