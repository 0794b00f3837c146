// The PDF adapter on the one engine: content hashed in parts (the two ByteRange views, never joined), DSS items that do
// not decode, and document timestamps judged by the timestamp rules as proofs of existence for what they cover.
import { describe, expect, it } from "vitest";
import { encodeTlv } from "../../src/asn1/encode.js";
import { loadTrustList } from "../../src/index.js";
import type { DigestFunction } from "../../src/index.js";
import { validatePdf, type ValidatePdfOptions } from "../../src/formats/pdf/index.js";
import { dictOf } from "../../src/formats/pdf/objects.js";
import {
  addSignatureTimestamp,
  appendIncrementalUpdate,
  createCrl,
  createTestPdf,
  createTestPki,
  createTimestampingAuthority,
  createTimestampToken,
  issueCertificate,
  signCms,
  signPdf,
  type TestIdentity,
} from "../../src/testing/index.js";
import { readBase, writeValue } from "../../src/testing/pdf-write.js";
import { judge, pdfKit, SIGNED_AT } from "./kit.js";

describe("content in parts", () => {
  it("hashes the two ByteRange views as parts of one digest, without joining them", async () => {
    const { signer } = await pdfKit();
    const pdf = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    const calls: number[][] = [];
    const spy: DigestFunction = async (algorithm, parts) => {
      calls.push(parts.map((p) => p.length));
      const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) whole.set(p, (at += p.length) - p.length);
      return new Uint8Array(await crypto.subtle.digest(algorithm, whole));
    };
    const r = await judge(pdf, { digest: spy });
    const [, b, c, d] = r.signatures[0]!.pdf.byteRange!;
    expect(r.signatures[0]!.verdict).toBe("SECURE");
    expect(calls).toContainEqual([b, d]);
    expect(c! + d!).toBe(pdf.length);
  });
});

describe("revocation data the signer archived (adbe-revocationInfoArchival)", () => {
  it("counts as supplied evidence; one that does not frame is a warning", async () => {
    const { signer, pki } = await pdfKit();
    const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-06-15T00:00:00Z", nextUpdate: "2025-07-15T00:00:00Z" });
    const archival = (value: Uint8Array) => ({ cms: { extraSignedAttributes: [{ oid: "1.2.840.113583.1.1.8", values: [value] }] } });
    const good = encodeTlv(0x30, encodeTlv(0xa0, encodeTlv(0x30, crl)));
    const require = { policy: { revocation: "require" as const } };
    const plain = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    expect((await judge(plain, require)).signatures[0]!.conditions.validityPeriod.code).toBe("REVOCATION_UNKNOWN");
    const archived = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT, ...archival(good) });
    expect((await judge(archived, require)).signatures[0]!.conditions.validityPeriod.code).toBe("CERT_VALID_AT_SIGNING");
    const broken = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT, ...archival(encodeTlv(0x30, encodeTlv(0xa0, Uint8Array.of(0x04, 0x00)))) });
    const s = (await judge(broken, require)).signatures[0]!;
    expect(s.conditions.keyCorrespondence.code).toBe("SIGNATURE_VALID");
    expect(s.warnings.filter((w) => w.code === "EVIDENCE_REJECTED").map((w) => w.message.en).join(" ")).toMatch(/adbe-revocationInfoArchival/);
  });
});

describe("the document security store", () => {
  it("an item that does not decode is a warning (EVIDENCE_REJECTED), never the file's failure", async () => {
    const { signer } = await pdfKit();
    const signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    const base = await readBase(signed);
    const catalog = writeValue(dictOf(base.view.object(1)!.value)!).replace(/ >>$/, " /DSS 40 0 R >>");
    const withDss = await appendIncrementalUpdate(signed, {
      replaceObjects: { 1: catalog },
      addObjects: {
        40: "<< /Certs [41 0 R] /CRLs [42 0 R] >>",
        41: { dict: "<< >>", data: "not a certificate" },
        42: { dict: "<< >>", data: "not a CRL" },
      },
    });
    const r = await judge(withDss);
    const s = r.signatures[0]!;
    expect(s.verdict).toBe("SECURE");
    const rejected = s.warnings.filter((w) => w.code === "EVIDENCE_REJECTED").map((w) => w.message.en);
    expect(rejected).toHaveLength(2);
    expect(rejected.join(" ")).toMatch(/document security store: certificate 0/);
  });
});

interface TsKit {
  readonly tsa: TestIdentity;
  readonly signer: TestIdentity;
  readonly options: ValidatePdfOptions;
}

let tsKit: Promise<TsKit> | undefined;

/** A PKI whose public CA offers timestamping and certifies a TSA; a signer whose certificate expires at 2026's start. */
function timestampKit(): Promise<TsKit> {
  tsKit ??= (async () => {
    const pki = await createTestPki({ timestampingAuthority: true });
    const signer = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Trần Thị B" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2026-01-01T00:00:00Z",
    });
    const options: ValidatePdfOptions = { trustList: loadTrustList(JSON.stringify(pki.trustList)), now: new Date("2025-07-01T00:00:00Z"), policy: { revocation: "ignore" } };
    return { tsa: pki.timestampingAuthority!, signer, options };
  })();
  return tsKit;
}

/** Adds a document timestamp (a revision whose /Contents is an RFC 3161 token over its ByteRange bytes). */
function stamp(pdf: Uint8Array, tsa: TestIdentity, genTime: string, over?: (b: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  return signPdf(pdf, { subFilter: "ETSI.RFC3161", m: null, contents: (b) => createTimestampToken(over ? over(b) : b, tsa, { genTime }) });
}

/** The last ByteRange's second range made two bytes shorter (same width, so no offset moves): it ends at no revision. */
function shortenLastByteRange(pdf: Uint8Array): Uint8Array {
  const text = new TextDecoder("latin1").decode(pdf);
  const at = text.lastIndexOf("/ByteRange [");
  const [whole, d] = /(\d+)\]/.exec(text.slice(at))!;
  const shorter = String(Number(d) - 2).padStart(d!.length, "0");
  return Uint8Array.from(text.slice(0, at) + text.slice(at).replace(whole, `${shorter}]`), (ch) => ch.charCodeAt(0));
}

describe("a signature the engine does not judge", () => {
  it("an unsupported SubFilter whose ByteRange breaks the rules still fails keyCorrespondence (BYTE_RANGE_INVALID)", async () => {
    const { signer } = await pdfKit();
    const pdf = await signPdf(createTestPdf(), { signer, subFilter: "adbe.x509.rsa_sha1" });
    const s = (await judge(shortenLastByteRange(pdf))).signatures[0]!;
    expect(s.conditions.keyCorrespondence).toMatchObject({ status: "FAILED", code: "BYTE_RANGE_INVALID" });
    expect(s.conditions.validityPeriod.code).toBe("UNSUPPORTED_SUBFILTER");
    expect(s.verdict).toBe("NOT_SECURE");
  });
});

describe("document timestamps (ETSI.RFC3161)", () => {
  it("a valid one reports its TSA and is a proof of existence: a signature whose certificate expired since is not EXPIRED_NO_POE", async () => {
    const { tsa, signer, options } = await timestampKit();
    const signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    const stamped = await stamp(signed, tsa, "2025-06-02T08:00:00Z");
    const later = { ...options, now: new Date("2026-06-01T00:00:00Z") };

    const without = (await validatePdf(signed, later)).signatures[0]!;
    expect(without.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");

    const r = await validatePdf(stamped, later);
    expect(r.documentTimestamps).toEqual([
      expect.objectContaining({ genTime: "2025-06-02T08:00:00.000Z", revision: 3, valid: true, tsa: "TEST Timestamping Authority", reason: null, coversWholeDocument: true }),
    ]);
    const s = r.signatures[0]!;
    expect(s.conditions.validityPeriod.code).toBe("CERT_VALID_AT_SIGNING");
    expect(s.verdict).toBe("SECURE");
    expect(s.signingTime).toEqual({ value: "2025-06-02T08:00:00.000Z", source: "timestamp" });
    expect(s.pdf.signingTimeFrom).toBe("document-timestamp");
    expect(s.pdf.changesAfter).toMatchObject({ status: "ALLOWED", classes: ["extension"] });
    expect(r.document.code).toBe("ALL_SECURE");
  });

  it("beside a signature timestamp in the CMS, the earliest proof decides, and signingTimeFrom names it", async () => {
    const { tsa, signer, options } = await timestampKit();
    const withToken = (genTime: string) => (b: Uint8Array) =>
      signCms(b, signer, { detached: true, signingTime: SIGNED_AT }).then((cms) => addSignatureTimestamp(cms, tsa, { genTime }));
    const later = { ...options, now: new Date("2026-06-01T00:00:00Z") };
    const early = await stamp(await signPdf(createTestPdf(), { contents: withToken("2025-06-01T08:05:00Z") }), tsa, "2025-06-02T08:00:00Z");
    const s = (await validatePdf(early, later)).signatures[0]!;
    expect(s.signingTime).toEqual({ value: "2025-06-01T08:05:00.000Z", source: "timestamp" });
    expect(s.pdf.signingTimeFrom).toBe("timestamp");
    const late = await stamp(await signPdf(createTestPdf(), { contents: withToken("2025-06-03T08:00:00Z") }), tsa, "2025-06-02T08:00:00Z");
    const t = (await validatePdf(late, later)).signatures[0]!;
    expect(t.signingTime).toEqual({ value: "2025-06-02T08:00:00.000Z", source: "timestamp" });
    expect(t.pdf.signingTimeFrom).toBe("document-timestamp");
  });

  it("proves nothing for a signature made after it (not covered by its ByteRange)", async () => {
    const { tsa, signer, options } = await timestampKit();
    const stamped = await stamp(createTestPdf(), tsa, "2025-06-02T08:00:00Z");
    const signed = await signPdf(stamped, { signer, signingTime: "2025-06-03T08:00:00Z" });
    const r = await validatePdf(signed, { ...options, now: new Date("2026-06-01T00:00:00Z") });
    expect(r.documentTimestamps[0]!.valid).toBe(true);
    expect(r.signatures[0]!.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
    expect(r.signatures[0]!.pdf.signingTimeFrom).toBe("cms-signingTime");
  });

  it("one whose imprint is not the hash of its ByteRange bytes is invalid, and proves nothing", async () => {
    const { tsa, signer, options } = await timestampKit();
    const signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    const stamped = await stamp(signed, tsa, "2025-06-02T08:00:00Z", (b) => b.subarray(1));
    const r = await validatePdf(stamped, { ...options, now: new Date("2026-06-01T00:00:00Z") });
    expect(r.documentTimestamps[0]).toMatchObject({ valid: false, reason: expect.stringMatching(/messageImprint/) });
    expect(r.signatures[0]!.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
  });

  it("one by a TSA no listed provider offers timestamping for is invalid; it never makes a signature fail", async () => {
    const { signer, options } = await timestampKit();
    const other = await createTestPki({ timestampingAuthority: false });
    const rogue = await createTimestampingAuthority(other.unlistedCa, { notBefore: "2025-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z", commonName: "Rogue TSA" });
    const signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    const r = await validatePdf(await stamp(signed, rogue, "2025-06-02T08:00:00Z"), options);
    expect(r.documentTimestamps[0]).toMatchObject({ valid: false, tsa: "Rogue TSA" });
    expect(r.documentTimestamps[0]!.reason).toMatch(/chain|path/);
    expect(r.signatures[0]!.verdict).toBe("SECURE");
    expect(r.document.code).toBe("ALL_SECURE");
  });

  it("one whose ByteRange breaks the rules is invalid with the rules named", async () => {
    const { tsa, signer, options } = await timestampKit();
    const signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    const stamped = await stamp(signed, tsa, "2025-06-02T08:00:00Z");
    const r = await validatePdf(shortenLastByteRange(stamped), options);
    expect(r.documentTimestamps[0]).toMatchObject({ valid: false, reason: expect.stringMatching(/^byte range invalid: .*not-revision-end/) });
    expect(r.documentTimestamps[0]!.genTime).toBe("2025-06-02T08:00:00.000Z");
  });
});
