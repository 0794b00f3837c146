// Issue 19 items 6 and 9, fixed earlier without a test of their own (items 3, 4, 5 and 8 have theirs: test/cli/bad-files,
// test/policy/own-properties and test/trust/own-properties, test/time/parse-time, test/cli/times, test/trust/iso-time).
// Each case is built with the testing kit and fails on the code before its fix.
import { describe, expect, it } from "vitest";
import { children, readRoot } from "../../src/asn1/der.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import { loadTrustList, validate, type ValidateOptions } from "../../src/index.js";
import { assembleSignedData, createPkiCrls, createTestPki, issueCertificate, parseSignedData, signCms, type TestIdentity } from "../../src/testing/index.js";

const CONTENT = new TextEncoder().encode("HÓA ĐƠN GTGT số 0000123");
const MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const SHA1_ALG = Uint8Array.of(0x30, 0x07, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a);
const octetString = (b: Uint8Array): Uint8Array => encodeTlv(0x04, b);
const digest = async (name: "SHA-1" | "SHA-256", b: Uint8Array): Promise<Uint8Array> => new Uint8Array(await crypto.subtle.digest(name, b as Uint8Array<ArrayBuffer>));

let signer: TestIdentity;
let options: ValidateOptions;

async function world(): Promise<void> {
  if (signer) return;
  const pki = await createTestPki();
  signer = await issueCertificate(pki.publicCa, { subject: { commonName: "CÔNG TY TNHH KIỂM THỬ", MST: "0109999999" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
  const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  options = { trustList: loadTrustList(JSON.stringify(pki.trustList)), crls, now: new Date("2025-06-01T00:00:00Z") };
}

/** A SignedData whose signer's messageDigest attribute holds `values`, signed (ECDSA with SHA-256) over those attributes. */
function signWithDigestValues(values: readonly Uint8Array[]): Promise<Uint8Array> {
  return signCms(CONTENT, signer, {
    signingTime: "2025-03-01T10:00:00Z",
    omitSignedAttributes: ["messageDigest"],
    extraSignedAttributes: [{ oid: MESSAGE_DIGEST, values: values.map(octetString) }],
  });
}

describe("issue 19 item 6: a SHA-1 content digest under an ECDSA-SHA256 signature", () => {
  it("is SECURE with LEGACY_ALGORITHM, and refused under the strict algorithm policy", async () => {
    await world();
    const signed = await signWithDigestValues([await digest("SHA-1", CONTENT)]);
    // digestAlgorithm SHA-1, in the SignerInfo and in the SignedData: neither is covered by the signature.
    const parts = parseSignedData(signed);
    const fields = children(readRoot(parts.signerInfos[0]!));
    const raw = (i: number): Uint8Array => fields[i]!.buf.subarray(fields[i]!.start, fields[i]!.end);
    const signerInfo = encodeTlv(0x30, raw(0), raw(1), SHA1_ALG, ...fields.slice(3).map((_, i) => raw(i + 3)));
    const cms = assembleSignedData({ ...parts, digestAlgorithms: [SHA1_ALG], signerInfos: [signerInfo] });
    const report = await validate(cms, options);
    const s = report.signatures[0]!;
    expect(s.conditions.keyCorrespondence.code).toBe("SIGNATURE_VALID");
    expect(s.verdict).toBe("SECURE");
    expect(s.warnings.map((w) => w.code)).toContain("LEGACY_ALGORITHM");
    const strict = await validate(cms, { ...options, policy: { algorithms: "strict" } });
    expect(strict.signatures[0]!.verdict).not.toBe("SECURE");
  });
});

describe("issue 19 item 9: a messageDigest attribute with two values", () => {
  it("gives MALFORMED_SIGNED_ATTRIBUTES whichever value comes first", async () => {
    await world();
    const right = await digest("SHA-256", CONTENT);
    // A SET OF is written in DER order, so the wrong value comes first when it sorts lower, last when it sorts higher.
    const lower = right.map((b, i) => (i === 0 ? 0x00 : b));
    const higher = right.map((b, i) => (i === 0 ? 0xff : b));
    expect(right[0]).not.toBe(0x00);
    expect(right[0]).not.toBe(0xff);
    for (const values of [[right, lower], [right, higher]]) {
      const report = await validate(await signWithDigestValues(values), options);
      expect(report.signatures[0]!.conditions.keyCorrespondence.code).toBe("MALFORMED_SIGNED_ATTRIBUTES");
      expect(report.signatures[0]!.verdict).toBe("NOT_SECURE");
    }
  });
});
