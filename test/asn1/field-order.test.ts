// The cursor reader enforces field order and cardinality: a structure with an optional field twice, out of its place, or
// a BIT STRING with unused bits set, is refused with a typed error. Each case starts from a well-formed object made by
// the testing kit and moves or repeats one field (the signature then no longer matters: decoding refuses it first).
import { beforeAll, describe, expect, it } from "vitest";
import { DerCursor } from "../../src/asn1/cursor.js";
import { children, ctx, rawOf, readRoot, Tag, type Tlv } from "../../src/asn1/der.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import { isDecree130Error } from "../../src/errors.js";
import { decodeSignedData } from "../../src/formats/cms/decode.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { concat } from "../../src/lib/bytes.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import { decodeCrl } from "../../src/model/crl.js";
import { decodeExtensions } from "../../src/model/extensions.js";
import { decodeOcspResponse } from "../../src/model/ocsp-response.js";
import { createCrl, createOcspResponse, createTestPki, issueCertificate, signCms, type TestIdentity } from "../../src/testing/index.js";

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return isDecree130Error(err) ? err.code : `untyped: ${String(err)}`;
  }
};
const messageOf = (f: () => unknown): string => {
  try {
    f();
    return "";
  } catch (err) {
    return (err as Error).message;
  }
};

/** Rebuilds a SEQUENCE (or other constructed element) from a new list of children, keeping its tag. */
const rebuild = (tag: number, parts: readonly Tlv[]): Uint8Array => encodeTlv(tag, concat(parts.map(rawOf)));
/** Replaces the child at `path` (indices, outermost first) by `edit` of that element's children. */
function editAt(der: Uint8Array, path: readonly number[], edit: (kids: Tlv[]) => Uint8Array[], encoding: "der" | "ber" = "der"): Uint8Array {
  const walk = (tlv: Tlv, depth: number): Uint8Array => {
    const kids = children(tlv, encoding);
    if (depth === path.length) return encodeTlv(tlv.tag, concat(edit(kids)));
    return encodeTlv(tlv.tag, concat(kids.map((k, i) => (i === path[depth] ? walk(k, depth + 1) : rawOf(k)))));
  };
  return walk(readRoot(der, encoding), 0);
}

let pki: Awaited<ReturnType<typeof createTestPki>>;
let leaf: TestIdentity;
beforeAll(async () => {
  pki = await createTestPki();
  leaf = await issueCertificate(pki.publicCa, {
    subject: { commonName: "Nguyễn Văn A" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2027-01-01T00:00:00Z",
  });
});

describe("certificates", () => {
  it("decode as made", () => {
    expect(decodeCertificate(leaf.certificate).version).toBe(3);
  });
  it("refuse extensions [3] twice", () => {
    const twice = editAt(leaf.certificate, [0], (k) => [...k.map(rawOf), rawOf(k[k.length - 1]!)]);
    expect(codeOf(() => decodeCertificate(twice))).toBe("MALFORMED_CERTIFICATE");
    expect(messageOf(() => decodeCertificate(twice))).toMatch(/tbsCertificate: unexpected field 0xa3/);
  });
  it("refuse a subjectUniqueID after the extensions", () => {
    const uid = readRoot(Uint8Array.of(0x82, 0x02, 0x00, 0x20));
    const after = editAt(leaf.certificate, [0], (k) => [...k.map(rawOf), rawOf(uid)]);
    expect(codeOf(() => decodeCertificate(after))).toBe("MALFORMED_CERTIFICATE");
    const before = editAt(leaf.certificate, [0], (k) => [...k.slice(0, -1).map(rawOf), rawOf(uid), rawOf(k[k.length - 1]!)]);
    expect(decodeCertificate(before).version).toBe(3);
  });
  it("refuse the validity and subject swapped", () => {
    const swapped = editAt(leaf.certificate, [0], (k) => k.map((t, i) => rawOf(i === 4 ? k[5]! : i === 5 ? k[4]! : t)));
    expect(codeOf(() => decodeCertificate(swapped))).toBe("MALFORMED_CERTIFICATE");
  });
  it("refuse a BIT STRING whose unused bits are set (keyUsage 03 02 05 A1)", () => {
    const tbs = children(readRoot(leaf.certificate))[0]!;
    const kids = children(tbs);
    const exts = children(children(kids[kids.length - 1]!)[0]!);
    const ku = exts.findIndex((e) => children(e).some((f) => f.tag === Tag.OID && rawOf(f).join() === "6,3,85,29,15"));
    expect(ku).toBeGreaterThanOrEqual(0);
    const badKu = encodeTlv(Tag.SEQUENCE, concat([Uint8Array.of(6, 3, 85, 29, 15), Uint8Array.of(1, 1, 0xff), encodeTlv(Tag.OCTET_STRING, Uint8Array.of(3, 2, 5, 0xa1))]));
    const bad = editAt(leaf.certificate, [0, kids.length - 1, 0], (e) => e.map((x, i) => (i === ku ? badKu : rawOf(x))));
    expect(messageOf(() => decodeCertificate(bad))).toMatch(/unused bits set/);
    const goodKu = encodeTlv(Tag.SEQUENCE, concat([Uint8Array.of(6, 3, 85, 29, 15), Uint8Array.of(1, 1, 0xff), encodeTlv(Tag.OCTET_STRING, Uint8Array.of(3, 2, 5, 0xa0))]));
    const good = editAt(leaf.certificate, [0, kids.length - 1, 0], (e) => e.map((x, i) => (i === ku ? goodKu : rawOf(x))));
    expect(decodeCertificate(good).keyUsage?.has("digitalSignature")).toBe(true);
  });
  it("refuse an authorityKeyIdentifier with its serial before its key identifier", () => {
    const aki = encodeTlv(Tag.SEQUENCE, concat([encodeTlv(0x82, Uint8Array.of(1)), encodeTlv(0x80, Uint8Array.of(1, 2, 3))]));
    const ext = encodeTlv(Tag.SEQUENCE, encodeTlv(Tag.SEQUENCE, concat([Uint8Array.of(6, 3, 85, 29, 35), encodeTlv(Tag.OCTET_STRING, aki)])));
    const decoded = decodeExtensions(readRoot(ext));
    expect(messageOf(() => DerCursor.over(readRoot(decoded[0]!.value)).end("x"))).toMatch(/unexpected field 0x82/);
  });
});

describe("CRLs", () => {
  it("refuse crlExtensions before revokedCertificates, and crlExtensions twice", async () => {
    const der = await createCrl(pki.publicCa, {
      thisUpdate: "2025-06-01T00:00:00Z",
      nextUpdate: "2025-07-01T00:00:00Z",
      entries: [{ serial: leaf.serial, at: Date.parse("2025-05-01T00:00:00Z"), reason: "keyCompromise" }],
    });
    expect(decodeCrl(der).entries.size).toBe(1);
    const tbs = children(children(readRoot(der))[0]!);
    const extIndex = tbs.findIndex((t) => t.tag === ctx(0));
    const revokedIndex = tbs.findIndex((t, i) => i > 2 && t.tag === Tag.SEQUENCE);
    const misordered = editAt(der, [0], (k) => k.map((t, i) => rawOf(i === revokedIndex ? k[extIndex]! : i === extIndex ? k[revokedIndex]! : t)));
    expect(codeOf(() => decodeCrl(misordered))).toBe("MALFORMED_CRL");
    const twice = editAt(der, [0], (k) => [...k.map(rawOf), rawOf(k[extIndex]!)]);
    expect(messageOf(() => decodeCrl(twice))).toMatch(/tbsCertList: unexpected field 0xa0/);
  });
});

describe("OCSP responses", () => {
  it("refuse responseExtensions twice", async () => {
    const der = await createOcspResponse(pki.publicCa, leaf, { thisUpdate: "2025-06-01T00:00:00Z", status: "good" });
    expect(decodeOcspResponse(der).responses).toHaveLength(1);
    // OCSPResponse → [0] → ResponseBytes → OCTET STRING holding BasicOCSPResponse → tbsResponseData.
    const outer = children(readRoot(der));
    const rb = children(children(outer[1]!)[0]!);
    const basic = readRoot(rb[1]!.buf.subarray(rb[1]!.valueStart, rb[1]!.valueEnd));
    const basicKids = children(basic);
    const tbsKids = children(basicKids[0]!);
    // A nonce extension (id-pkix-ocsp-nonce), once and then twice.
    const nonce = encodeTlv(Tag.SEQUENCE, concat([Uint8Array.of(6, 9, 43, 6, 1, 5, 5, 7, 48, 1, 2), encodeTlv(Tag.OCTET_STRING, Uint8Array.of(4, 2, 1, 2))]));
    const exts = readRoot(encodeTlv(ctx(1), encodeTlv(Tag.SEQUENCE, nonce)));
    const response = (tbsParts: Tlv[]): Uint8Array => {
      const basic2 = encodeTlv(Tag.SEQUENCE, concat([rebuild(Tag.SEQUENCE, tbsParts), ...basicKids.slice(1).map(rawOf)]));
      const rb2 = encodeTlv(Tag.SEQUENCE, concat([rawOf(rb[0]!), encodeTlv(Tag.OCTET_STRING, basic2)]));
      return encodeTlv(Tag.SEQUENCE, concat([rawOf(outer[0]!), encodeTlv(ctx(0), rb2)]));
    };
    expect(decodeOcspResponse(response([...tbsKids, exts])).unknownCriticalExtensions).toEqual([]);
    const twice = response([...tbsKids, exts, exts]);
    expect(codeOf(() => decodeOcspResponse(twice))).toBe("MALFORMED_OCSP");
    expect(messageOf(() => decodeOcspResponse(twice))).toMatch(/ResponseData: unexpected field 0xa1/);
  });
});

describe("CMS SignedData", () => {
  it("refuses crls [1] before certificates [0], certificates twice, and unsigned attributes before the signature", async () => {
    const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-06-01T00:00:00Z", nextUpdate: "2025-07-01T00:00:00Z" });
    const cms = await signCms(new TextEncoder().encode("hợp đồng"), leaf, { signingTime: "2025-06-01T08:00:00Z", crls: [crl] });
    expect(decodeSignedData(cms, DEFAULT_LIMITS).signers).toHaveLength(1);
    const sd = children(children(readRoot(cms, "ber"), "ber")[1]!, "ber")[0]!;
    const kids = children(sd, "ber");
    const certs = kids.findIndex((t) => t.tag === ctx(0));
    const crls = kids.findIndex((t) => t.tag === ctx(1));
    const wrap = (sdBytes: Uint8Array): Uint8Array =>
      encodeTlv(Tag.SEQUENCE, concat([rawOf(children(readRoot(cms))[0]!), encodeTlv(ctx(0), sdBytes)]));
    const swapped = wrap(rebuild(Tag.SEQUENCE, kids.map((t, i) => (i === certs ? kids[crls]! : i === crls ? kids[certs]! : t))));
    expect(codeOf(() => decodeSignedData(swapped, DEFAULT_LIMITS))).toBe("MALFORMED_DER");
    const twice = wrap(rebuild(Tag.SEQUENCE, [...kids.slice(0, certs + 1), kids[certs]!, ...kids.slice(certs + 1)]));
    expect(messageOf(() => decodeSignedData(twice, DEFAULT_LIMITS))).toMatch(/unexpected field|signerInfos/);
    const signerSet = kids[kids.length - 1]!;
    const signer = children(signerSet)[0]!;
    const sKids = children(signer);
    const unsigned = readRoot(encodeTlv(ctx(1), encodeTlv(Tag.SEQUENCE, concat([Uint8Array.of(6, 3, 42, 3, 4), encodeTlv(Tag.SET, Uint8Array.of(5, 0))]))));
    const early = rebuild(Tag.SEQUENCE, [...sKids.slice(0, -1), unsigned, sKids[sKids.length - 1]!]);
    const sdEarly = rebuild(Tag.SEQUENCE, [...kids.slice(0, -1), readRoot(encodeTlv(Tag.SET, early))]);
    expect(messageOf(() => decodeSignedData(wrap(sdEarly), DEFAULT_LIMITS))).toMatch(/SignerInfo 0/);
  });
});
