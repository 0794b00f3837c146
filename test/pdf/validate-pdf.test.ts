// validatePdf end to end: SubFilter dispatch, /M as the claimed time, document timestamps, unreadable /Contents,
// typed errors, policy, and the report's shape.
import { describe, expect, it } from "vitest";
import { encodeTlv } from "../../src/asn1/encode.js";
import { isDecree130Error } from "../../src/index.js";
import { dispatchOf, parsePdfDate, validatePdf } from "../../src/formats/pdf/index.js";
import { appendIncrementalUpdate, createCrl, createTestPdf, signCms, signPdf } from "../../src/testing/index.js";
import { readBase, writeValue } from "../../src/testing/pdf-write.js";
import { dictOf } from "../../src/formats/pdf/objects.js";
import { deflate } from "./build.js";
import { bytes, judge, pdfKit, SIGNED_AT } from "./kit.js";

async function errorCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return isDecree130Error(err) ? err.code : `untyped: ${String(err)}`;
  }
  return undefined;
}

describe("SubFilter dispatch", () => {
  it("maps pdf.md's four SubFilters and nothing else", () => {
    expect(dispatchOf("adbe.pkcs7.detached")).toBe("detached");
    expect(dispatchOf("ETSI.CAdES.detached")).toBe("detached");
    expect(dispatchOf("adbe.pkcs7.sha1")).toBe("sha1");
    expect(dispatchOf("ETSI.RFC3161")).toBe("document-timestamp");
    expect(dispatchOf("adbe.x509.rsa_sha1")).toBe("unsupported");
    expect(dispatchOf("toString")).toBe("unsupported");
    expect(dispatchOf(undefined)).toBe("unsupported");
  });

  it("ETSI.CAdES.detached: a detached CMS over the ByteRange bytes", async () => {
    const { signer } = await pdfKit();
    const r = await judge(await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT, subFilter: "ETSI.CAdES.detached" }));
    expect(r.signatures[0]!.verdict).toBe("SECURE");
    expect(r.signatures[0]!.pdf.subFilter).toBe("ETSI.CAdES.detached");
  });

  it("adbe.pkcs7.sha1: the CMS encapsulates the SHA-1 of the ByteRange bytes, and a wrong one is HASH_MISMATCH", async () => {
    const { signer } = await pdfKit();
    const good = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT, subFilter: "adbe.pkcs7.sha1" });
    expect((await judge(good)).signatures[0]!.conditions.keyCorrespondence.code).toBe("SIGNATURE_VALID");
    const wrong = await signPdf(createTestPdf(), {
      subFilter: "adbe.pkcs7.sha1",
      contents: () => signCms(new Uint8Array(20), signer, { digest: "SHA-1", signingTime: SIGNED_AT }),
    });
    expect((await judge(wrong)).signatures[0]!.conditions.keyCorrespondence.code).toBe("HASH_MISMATCH");
  });

  it("an unsupported SubFilter is INDETERMINATE on every condition, decided before /Contents is read", async () => {
    const pdf = await signPdf(createTestPdf(), { subFilter: "adbe.x509.rsa_sha1", contents: () => bytes("not a CMS at all") });
    const s = (await judge(pdf)).signatures[0]!;
    expect(Object.values(s.conditions).map((c) => c.code)).toEqual(Array(4).fill("UNSUPPORTED_SUBFILTER"));
    expect(s.verdict).toBe("INDETERMINATE");
  });

  it("a /Contents that is no CMS: keyCorrespondence MALFORMED_SIGNATURE, the document NOT_SECURE", async () => {
    const pdf = await signPdf(createTestPdf(), { contents: () => bytes("0123456789") });
    const r = await judge(pdf);
    expect(r.signatures[0]!.conditions.keyCorrespondence).toMatchObject({ status: "FAILED", code: "MALFORMED_SIGNATURE" });
    expect(r.document.code).toBe("SIGNATURE_NOT_SECURE");
  });

  it("a CMS with two SignerInfos is not a PDF signature: MALFORMED_SIGNATURE", async () => {
    const { signer } = await pdfKit();
    const pdf = await signPdf(createTestPdf(), { contents: (b) => signCms(b, [signer, signer], { detached: true }) });
    expect((await judge(pdf)).signatures[0]!.conditions.keyCorrespondence.code).toBe("MALFORMED_SIGNATURE");
  });
});

describe("document timestamps", () => {
  it("are listed apart from signatures; one whose imprint is not the ByteRange bytes' hash is invalid and never makes the document fail", async () => {
    const { signer } = await pdfKit();
    const signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    // A TSTInfo: version, policy 1.2.3.4, messageImprint (sha-256, zeros), serial, genTime.
    const tst = encodeTlv(
      0x30,
      Uint8Array.of(0x02, 0x01, 0x01),
      Uint8Array.of(0x06, 0x03, 0x2a, 0x03, 0x04),
      encodeTlv(0x30, encodeTlv(0x30, Uint8Array.of(0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01)), encodeTlv(0x04, new Uint8Array(32))),
      Uint8Array.of(0x02, 0x01, 0x07),
      encodeTlv(0x18, bytes("20250602080000Z")),
    );
    const stamped = await signPdf(signed, {
      subFilter: "ETSI.RFC3161",
      contents: () => signCms(tst, signer, { contentType: "1.2.840.113549.1.9.16.1.4" }),
    });
    const r = await judge(stamped);
    expect(r.signatures).toHaveLength(1);
    expect(r.documentTimestamps).toEqual([
      expect.objectContaining({ genTime: "2025-06-02T08:00:00.000Z", revision: 3, valid: false, reason: "the messageImprint is not the SHA-256 of what the token must cover", coversWholeDocument: true }),
    ]);
    expect(r.signatures[0]!.pdf.changesAfter).toMatchObject({ status: "ALLOWED", classes: ["extension"] });
    expect(r.document.code).toBe("ALL_SECURE");
  });
});

describe("signing time", () => {
  it("is the CMS signingTime when there is one", async () => {
    const { signer } = await pdfKit();
    const s = (await judge(await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT, m: "2025-05-01T00:00:00Z" }))).signatures[0]!;
    expect(s.signingTime).toEqual({ value: "2025-06-01T08:00:00.000Z", source: "claimed" });
    expect(s.pdf.signingTimeFrom).toBe("cms-signingTime");
  });

  it("is /M when the CMS has none (as pdfsig writes), and /M after notAfter is SIGNED_AFTER_EXPIRY", async () => {
    const { signer } = await pdfKit();
    const base = createTestPdf();
    const inTime = (await judge(await signPdf(base, { signer, signingTime: SIGNED_AT, cmsSigningTime: false }))).signatures[0]!;
    expect(inTime.signingTime).toEqual({ value: "2025-06-01T08:00:00.000Z", source: "claimed" });
    expect(inTime.pdf.signingTimeFrom).toBe("pdf-M");
    expect(inTime.conditions.validityPeriod.evidence["claimedSigningTime"]).toBe("2025-06-01T08:00:00.000Z");
    const late = await signPdf(base, { signer, signingTime: "2027-02-01T00:00:00Z", cmsSigningTime: false });
    const s = (await judge(late, { now: new Date("2027-03-01T00:00:00Z") })).signatures[0]!;
    expect(s.conditions.validityPeriod.code).toBe("SIGNED_AFTER_EXPIRY");
    expect(s.verdict).toBe("NOT_SECURE");
  });

  it("disregards /M later than the proof (a caller's signing time) with CLAIMED_TIME_CONTRADICTED", async () => {
    const { signer } = await pdfKit();
    const pdf = await signPdf(createTestPdf(), { signer, signingTime: "2025-06-20T00:00:00Z", cmsSigningTime: false });
    const s = (await judge(pdf, { signingTime: new Date("2025-06-10T00:00:00Z") })).signatures[0]!;
    expect(s.warnings.map((w) => w.code)).toContain("CLAIMED_TIME_CONTRADICTED");
    expect(s.pdf.signingTimeFrom).toBe("caller");
  });

  it("reads PDF dates: parts optional, no zone = UTC, offsets with or without apostrophes", () => {
    expect(parsePdfDate("D:20250601150000+07'00'")).toBe(Date.parse("2025-06-01T08:00:00Z"));
    expect(parsePdfDate("D:20250601150000+07'00")).toBe(Date.parse("2025-06-01T08:00:00Z"));
    expect(parsePdfDate("D:20250601010000-0230")).toBe(Date.parse("2025-06-01T03:30:00Z"));
    expect(parsePdfDate("D:20250601080000")).toBe(Date.parse("2025-06-01T08:00:00Z"));
    expect(parsePdfDate("D:20250601080000Z")).toBe(Date.parse("2025-06-01T08:00:00Z"));
    expect(parsePdfDate("D:2025")).toBe(Date.parse("2025-01-01T00:00:00Z"));
    expect(parsePdfDate("20250601")).toBe(Date.parse("2025-06-01T00:00:00Z"));
    for (const bad of ["D:20250231", "D:2025130101", "yesterday", "D:20250601250000Z", ""]) expect(parsePdfDate(bad)).toBeUndefined();
  });
});

describe("the document security store", () => {
  it("its CRLs count as supplied evidence (compressed streams, VRI entries), and adding it is an extension", async () => {
    const { signer, pki } = await pdfKit();
    const signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT });
    const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-06-15T00:00:00Z", nextUpdate: "2025-07-15T00:00:00Z" });
    const base = await readBase(signed);
    const catalog = writeValue(dictOf(base.view.object(1)!.value)!).replace(/ >>$/, " /DSS 40 0 R >>");
    const withDss = await appendIncrementalUpdate(signed, {
      replaceObjects: { 1: catalog },
      addObjects: {
        40: "<< /CRLs [41 0 R] /VRI << /ABCD << /CRL [41 0 R] >> >> >>",
        41: { dict: "<< /Filter /FlateDecode >>", data: await deflate(crl) },
      },
    });
    const require = { policy: { revocation: "require" as const } };
    expect((await judge(signed, require)).signatures[0]!.conditions.validityPeriod.code).toBe("REVOCATION_UNKNOWN");
    const r = await judge(withDss, require);
    expect(r.signatures[0]!.conditions.validityPeriod.code).toBe("CERT_VALID_AT_SIGNING");
    expect(r.signatures[0]!.pdf.changesAfter).toMatchObject({ status: "ALLOWED", classes: ["extension"] });
  });
});

describe("input and options", () => {
  it("throws typed errors for bytes that are not a PDF, and TypeError for misuse", async () => {
    const { options } = await pdfKit();
    expect(await errorCode(validatePdf(bytes("%PDF-1.7\nnothing else"), options))).toBe("MALFORMED_PDF");
    expect(await errorCode(validatePdf(new Uint8Array(0), options))).toBe("INPUT_EMPTY");
    await expect(validatePdf("x" as unknown as Uint8Array, options)).rejects.toThrow(TypeError);
    await expect(validatePdf(createTestPdf(), {} as never)).rejects.toThrow(TypeError);
  });

  it("says what the reader tolerated in document warnings (PDF_TOLERATED)", async () => {
    const pdf = bytes(`garbage${new TextDecoder("latin1").decode(createTestPdf())}`);
    const r = await judge(pdf);
    expect(r.document.warnings.map((w) => w.code)).toContain("PDF_TOLERATED");
    expect(r.document.warnings[0]!.message.en).toContain("bytes before the %PDF- header");
  });

  it("a PDF without signatures is no error: NO_SIGNATURES, INDETERMINATE", async () => {
    const r = await judge(createTestPdf({ signatureFields: ["Empty"] }));
    expect(r.document).toMatchObject({ verdict: "INDETERMINATE", code: "NO_SIGNATURES", revisions: 1 });
    expect(r.signatures).toEqual([]);
  });

  it("checks policy.pdf like the rest of the policy", async () => {
    const { signer } = await pdfKit();
    const pdf = await signPdf(createTestPdf(), { signer });
    expect(await errorCode(judge(pdf, { policy: { pdf: { annotationsAfterSigning: "maybe" as "allow" } } }))).toBe("POLICY_INVALID");
    expect(await errorCode(judge(pdf, { policy: { pdf: { other: 1 } as never } }))).toBe("POLICY_INVALID");
    expect(await errorCode(judge(pdf, { policy: { pdf: JSON.parse('{"constructor": "allow"}') as never } }))).toBe("POLICY_INVALID");
    expect(await errorCode(judge(pdf, { policy: { algorithms: "lax" as "strict" } }))).toBe("POLICY_INVALID");
  });

  it("reports the pdf block of pdf.md and document messages in both languages", async () => {
    const { signer } = await pdfKit();
    const r = await judge(await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT, fieldName: "Giam doc", reason: "Phe duyet" }));
    expect(r.document).toMatchObject({ verdict: "SECURE", code: "ALL_SECURE", revisions: 2 });
    expect(r.document.message.vi.length).toBeGreaterThan(10);
    expect(r.signatures[0]!.pdf).toMatchObject({
      field: "Giam doc",
      subFilter: "adbe.pkcs7.detached",
      revision: 2,
      coversWholeDocument: true,
      certification: null,
      changesAfter: { status: "NONE", classes: [], details: [] },
      signingTimeFrom: "cms-signingTime",
      removed: false,
      reason: "Phe duyet",
    });
  });
});
