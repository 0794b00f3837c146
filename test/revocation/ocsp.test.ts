import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeTlv } from "../../src/asn1/encode.js";
import { isDecree130Error } from "../../src/errors.js";
import { decodeOcspResponse } from "../../src/model/ocsp-response.js";
import { at, TestPki, type IndexLine, type Issued } from "./fixtures.js";

const INDEX: IndexLine[] = [
  { serial: "1001", subject: "/CN=EE 1001" },
  { serial: "1002", subject: "/CN=EE 1002", revoked: "240105000000Z,superseded" },
];

function failure(f: () => unknown): { code?: string; message?: string } {
  try {
    f();
  } catch (err) {
    return isDecree130Error(err) ? { code: err.code, message: err.message } : { code: `not a Decree130Error: ${String(err)}` };
  }
  return {};
}

let pki: TestPki;
let ca: Issued;
let responder: Issued;
let ee1: Issued;
let ee2: Issued;

beforeAll(() => {
  pki = new TestPki();
  ca = pki.ca("/C=VN/O=Test/CN=Test CA");
  responder = pki.issue(ca, "/CN=Responder", "5001", ["basicConstraints=CA:FALSE", "extendedKeyUsage=OCSPSigning"]);
  ee1 = pki.issue(ca, "/CN=EE 1001", "1001");
  ee2 = pki.issue(ca, "/CN=EE 1002", "1002");
});
afterAll(() => pki.dispose());

describe("decodeOcspResponse", () => {
  it("reads a CA-signed good response: responder by name, CertID, times", () => {
    const r = pki.ocsp(ca, ca, ee1, INDEX);
    expect(r.responderId.byName?.key).toBe(ca.cert.subject.key);
    expect(r.responderId.byKeyHash).toBeUndefined();
    expect(r.responses).toHaveLength(1);
    const s = r.responses[0]!;
    expect(s).toMatchObject({ hashAlgorithm: "1.3.14.3.2.26", serialHex: "1001", status: "good" });
    expect(s.issuerNameHash).toHaveLength(20);
    expect(s.nextUpdate! - s.thisUpdate).toBe(7 * 24 * 3_600_000);
    expect(r.producedAt).toBeGreaterThanOrEqual(s.thisUpdate - 1000);
    expect(r.signatureAlgorithm.oid).toBe("1.2.840.113549.1.1.11");
    // openssl includes the signer's certificate.
    expect(r.certificates.map((c) => c.serialHex)).toEqual([ca.cert.serialHex]);
  });

  it("reads a revoked status with reason, and a responder ID by key", () => {
    const r = pki.ocsp(ca, responder, ee2, INDEX, { keyId: true });
    expect(r.responderId.byKeyHash).toHaveLength(20);
    expect(r.responses[0]).toMatchObject({ status: "revoked", revocationTime: at("2024-01-05T00:00:00Z"), reason: "superseded" });
    expect(r.certificates[0]!.subject.key).toBe(responder.cert.subject.key);
  });

  it("refuses a non-successful status, naming it", () => {
    const tryLater = encodeTlv(0x30, encodeTlv(0x0a, Uint8Array.of(3)));
    expect(failure(() => decodeOcspResponse(tryLater))).toMatchObject({ code: "MALFORMED_OCSP", message: expect.stringMatching(/tryLater/) });
    const unauthorized = encodeTlv(0x30, encodeTlv(0x0a, Uint8Array.of(6)));
    expect(failure(() => decodeOcspResponse(unauthorized)).message).toMatch(/unauthorized/);
  });

  it("refuses a response type other than id-pkix-ocsp-basic", () => {
    const oid = Uint8Array.of(0x06, 0x03, 0x2a, 0x03, 0x04);
    const der = encodeTlv(0x30, encodeTlv(0x0a, Uint8Array.of(0)), encodeTlv(0xa0, encodeTlv(0x30, oid, encodeTlv(0x04, Uint8Array.of(5, 0)))));
    expect(failure(() => decodeOcspResponse(der))).toMatchObject({ code: "MALFORMED_OCSP", message: expect.stringMatching(/1\.2\.3\.4/) });
  });

  it("garbage, truncation, trailing bytes and a successful status without body are MALFORMED_OCSP", () => {
    const der = pki.ocspDer(ca, ca, ee1, INDEX);
    expect(failure(() => decodeOcspResponse(new Uint8Array())).code).toBe("MALFORMED_OCSP");
    expect(failure(() => decodeOcspResponse(Uint8Array.of(1, 2, 3, 4))).code).toBe("MALFORMED_OCSP");
    expect(failure(() => decodeOcspResponse(der.subarray(0, der.length - 3))).code).toBe("MALFORMED_OCSP");
    expect(failure(() => decodeOcspResponse(Uint8Array.of(...der, 0))).code).toBe("MALFORMED_OCSP");
    expect(failure(() => decodeOcspResponse(encodeTlv(0x30, encodeTlv(0x0a, Uint8Array.of(0))))).code).toBe("MALFORMED_OCSP");
    expect(failure(() => decodeOcspResponse(ca.cert.der)).code).toBe("MALFORMED_OCSP");
  });

  it("every single-byte corruption either decodes or fails with MALFORMED_OCSP, never another error", () => {
    const der = pki.ocspDer(ca, responder, ee2, INDEX);
    for (let i = 0; i < der.length; i++) {
      const bad = der.slice();
      bad[i] = bad[i]! ^ 0xff;
      const code = failure(() => decodeOcspResponse(bad)).code;
      expect(code === undefined || code === "MALFORMED_OCSP").toBe(true);
    }
  });
});
