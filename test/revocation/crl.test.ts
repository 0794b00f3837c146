import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeTlv } from "../../src/asn1/encode.js";
import { isDecree130Error } from "../../src/errors.js";
import { decodeCrl } from "../../src/model/crl.js";
import { at, TestPki, type Issued } from "./fixtures.js";
import { CORPORA } from "../corpora.js";

const PKITS_CRLS = `${CORPORA}/suites/pkits/crls`;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return isDecree130Error(err) ? err.code : `not a Decree130Error: ${String(err)}`;
  }
  return undefined;
}

let pki: TestPki;
let ca: Issued;

beforeAll(() => {
  pki = new TestPki();
  ca = pki.ca("/C=VN/O=Test/CN=Test CA");
});
afterAll(() => pki.dispose());

describe("decodeCrl", () => {
  it("reads a v2 CRL from openssl ca: times, number, entries, reasons, invalidity date", () => {
    const crl = pki.crl(
      ca,
      [
        { serial: "0A1B", subject: "/CN=A", revoked: "240105000000Z,keyTime,20231220000000Z" },
        { serial: "1002", subject: "/CN=B", revoked: "240106000000Z,superseded" },
        { serial: "1003", subject: "/CN=C" },
      ],
      "20240201000000Z",
      "20240301000000Z",
      { noNumber: true, crlExt: ["authorityKeyIdentifier=keyid:always", "crlNumber=DER:02020100"] },
    );
    expect(crl.version).toBe(2);
    expect(crl.thisUpdate).toBe(at("2024-02-01T00:00:00Z"));
    expect(crl.nextUpdate).toBe(at("2024-03-01T00:00:00Z"));
    expect(crl.issuer.key).toBe(ca.cert.subject.key);
    expect(crl.signatureAlgorithm.oid).toBe("1.2.840.113549.1.1.11");
    expect(crl.entries.size).toBe(2);
    expect(crl.entries.get("0A1B")).toEqual({
      serialHex: "0A1B",
      revocationDate: at("2024-01-05T00:00:00Z"),
      reason: "keyCompromise",
      invalidityDate: at("2023-12-20T00:00:00Z"),
    });
    expect(crl.entries.get("1002")).toEqual({ serialHex: "1002", revocationDate: at("2024-01-06T00:00:00Z"), reason: "superseded" });
    expect(crl.unknownCriticalExtensions).toEqual([]);
    expect(crl.deltaBase).toBeUndefined();
    expect(crl.crlNumber).toBe(256n);
    // tbs and der are views of the input, the bytes the signature covers.
    expect(crl.der.length).toBeGreaterThan(crl.tbs.length);
  });

  it("reads a v1 CRL (no extensions anywhere)", () => {
    const crl = pki.crl(ca, [{ serial: "1001", subject: "/CN=A", revoked: "240105000000Z" }], "20240201000000Z", "20240301000000Z", { noNumber: true });
    expect(crl.version).toBe(1);
    expect(crl.extensions).toEqual([]);
    expect(crl.entries.get("1001")?.reason).toBe("unspecified");
  });

  it("reads cRLNumber and deltaCRLIndicator as bigints", () => {
    const crl = pki.crl(ca, [], "20240201000000Z", "20240301000000Z", { crlExt: ["2.5.29.20=DER:020207D0", "2.5.29.27=critical,DER:020105"] });
    expect(crl.crlNumber).toBe(2000n);
    expect(crl.deltaBase).toBe(5n);
  });

  it("bounds the number of entries", () => {
    const lines = Array.from({ length: 5 }, (_, i) => ({ serial: `10${i}0`, subject: `/CN=${i}`, revoked: "240105000000Z" }));
    const crl = pki.crl(ca, lines, "20240201000000Z", "20240301000000Z");
    expect(decodeCrl(crl.der, { maxEntries: 5 }).entries.size).toBe(5);
    expect(codeOf(() => decodeCrl(crl.der, { maxEntries: 4 }))).toBe("LIMIT_EXCEEDED");
  });

  it("garbage, truncation, trailing bytes and a certificate are MALFORMED_CRL", () => {
    const crl = pki.crl(ca, [], "20240201000000Z", "20240301000000Z");
    expect(codeOf(() => decodeCrl(new Uint8Array()))).toBe("MALFORMED_CRL");
    expect(codeOf(() => decodeCrl(new TextEncoder().encode("-----BEGIN X509 CRL-----")))).toBe("MALFORMED_CRL");
    expect(codeOf(() => decodeCrl(crl.der.subarray(0, crl.der.length - 1)))).toBe("MALFORMED_CRL");
    expect(codeOf(() => decodeCrl(Uint8Array.of(...crl.der, 0)))).toBe("MALFORMED_CRL");
    expect(codeOf(() => decodeCrl(ca.cert.der))).toBe("MALFORMED_CRL");
    expect(codeOf(() => decodeCrl(encodeTlv(0x30, encodeTlv(0x30), encodeTlv(0x30), encodeTlv(0x03, Uint8Array.of(0)))))).toBe("MALFORMED_CRL");
  });

  it("every single-byte corruption either decodes or fails with a typed error", () => {
    const crl = pki.crl(ca, [{ serial: "1001", subject: "/CN=A", revoked: "240105000000Z,keyTime,20231220000000Z" }], "20240201000000Z", "20240301000000Z");
    for (let i = 0; i < crl.der.length; i++) {
      const bad = crl.der.slice();
      bad[i] = bad[i]! ^ 0xff;
      const code = codeOf(() => decodeCrl(bad));
      expect([undefined, "MALFORMED_CRL", "LIMIT_EXCEEDED"]).toContain(code);
    }
  });

  it("decodes every PKITS CRL without throwing, flagging the unknown critical extensions and deltas", () => {
    const files = readdirSync(PKITS_CRLS).filter((f) => f.endsWith(".crl"));
    expect(files.length).toBe(173);
    const flagged: Record<string, string> = {};
    for (const f of files) {
      const crl = decodeCrl(new Uint8Array(readFileSync(join(PKITS_CRLS, f))));
      if (crl.unknownCriticalExtensions.length) flagged[f] = "crl-ext";
      if (crl.unknownCriticalEntryExtensions.length) flagged[f] = "entry-ext";
      if (crl.deltaBase !== undefined) flagged[f] = "delta";
      if (crl.hasCertificateIssuerEntries) flagged[f] = "indirect-entries";
    }
    expect(flagged).toEqual({
      "UnknownCRLEntryExtensionCACRL.crl": "entry-ext",
      "UnknownCRLExtensionCACRL.crl": "crl-ext",
      "deltaCRLCA1deltaCRL.crl": "delta",
      "deltaCRLCA2deltaCRL.crl": "delta",
      "deltaCRLCA3deltaCRL.crl": "delta",
      "deltaCRLIndicatorNoBaseCACRL.crl": "delta",
      "indirectCRLCA5CRL.crl": "indirect-entries",
    });
  });

  it("keys PKITS negative and long serials the way certificates spell them", () => {
    const neg = decodeCrl(new Uint8Array(readFileSync(join(PKITS_CRLS, "NegativeSerialNumberCACRL.crl"))));
    expect([...neg.entries.keys()]).toEqual(["FF"]);
    const long = decodeCrl(new Uint8Array(readFileSync(join(PKITS_CRLS, "LongSerialNumberCACRL.crl"))));
    expect([...long.entries.keys()]).toEqual(["7F0102030405060708090A0B0C0D0E0F10111213"]);
  });
});
