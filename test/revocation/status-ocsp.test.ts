import { sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { children, rawOf, readRoot, valueOf } from "../../src/asn1/der.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import type { Env } from "../../src/crypto/types.js";
import { decodeOcspResponse, type OcspResponse as DecodedOcspResponse } from "../../src/model/ocsp-response.js";
import { revocationStatus } from "../../src/revocation/status.js";
import type { Crl, OcspResponse, RevocationFinding } from "../../src/revocation/types.js";
import { at, TestPki, testEnv, type IndexLine, type Issued } from "./fixtures.js";

const EE = (serial: string): IndexLine => ({ serial, subject: `/CN=EE ${serial}` });
const INDEX = [
  EE("1001"),
  { ...EE("1002"), revoked: "240105000000Z,keyCompromise" },
  { ...EE("1004"), revoked: "240120000000Z,holdInstruction,1.2.840.10040.2.2" },
];
const HOUR = 3_600_000;
const RESPONDER_EXT = ["basicConstraints=CA:FALSE", "keyUsage=critical,digitalSignature", "extendedKeyUsage=OCSPSigning"];

let pki: TestPki;
let env: Env;
let ca: Issued;
let responder: Issued;
let ee: Record<string, Issued>;

beforeAll(() => {
  pki = new TestPki();
  env = testEnv();
  ca = pki.ca("/C=VN/O=Test/CN=Test CA");
  responder = pki.issue(ca, "/CN=Test OCSP Responder", "5001", RESPONDER_EXT);
  ee = {};
  for (const s of ["1001", "1002", "1004", "1099"]) ee[s] = pki.issue(ca, `/CN=EE ${s}`, s);
});
afterAll(() => pki.dispose());

function status(
  cert: Issued,
  responses: readonly OcspResponse[],
  time: number,
  now: number,
  opts: { crls?: readonly Crl[]; algorithms?: "default" | "strict" } = {},
): Promise<RevocationFinding> {
  return revocationStatus({
    certificate: cert.cert,
    issuer: ca.cert,
    time,
    now,
    sources: {
      crls: (opts.crls ?? []).map((crl) => ({ crl, origin: "caller" as const })),
      ocsp: responses.map((response) => ({ response, origin: "embedded" as const })),
    },
    env,
    ...(opts.algorithms ? { algorithms: opts.algorithms } : {}),
  });
}

const thisUpdateOf = (r: DecodedOcspResponse): number => r.responses[0]!.thisUpdate;

/** Re-signs a response with `key`, optionally replacing its ResponderID element, keeping everything else. */
function resign(der: Uint8Array, keyPem: string, responderId?: Uint8Array): Uint8Array {
  const [statusTlv, wrapper] = children(readRoot(der));
  const [typeTlv, octet] = children(children(wrapper!)[0]!);
  const [tbs, alg, , certs] = children(readRoot(valueOf(octet!)));
  const tbsParts = children(tbs!).map((f) => (responderId && (f.tag === 0xa1 || f.tag === 0xa2) ? responderId : rawOf(f)));
  const newTbs = encodeTlv(0x30, ...tbsParts);
  const sig = new Uint8Array(sign("sha256", newTbs, keyPem));
  const basic = encodeTlv(0x30, newTbs, rawOf(alg!), encodeTlv(0x03, Uint8Array.of(0), sig), ...(certs ? [rawOf(certs)] : []));
  return encodeTlv(0x30, rawOf(statusTlv!), encodeTlv(0xa0, encodeTlv(0x30, rawOf(typeTlv!), encodeTlv(0x04, basic))));
}

describe("revocationStatus with OCSP", () => {
  it("good, signed by the CA itself: known for a time up to thisUpdate, and while current", async () => {
    const r = pki.ocsp(ca, ca, ee["1001"]!, INDEX);
    const t = thisUpdateOf(r);
    const f = await status(ee["1001"]!, [r], t - HOUR, t + 24 * HOUR);
    expect(f.known).toBe(true);
    expect(f.revocation).toBeUndefined();
    expect(f.evidence).toEqual([
      { type: "ocsp", origin: "embedded", issuer: "C=VN, O=Test, CN=Test CA", thisUpdate: new Date(t).toISOString(), nextUpdate: new Date(t + 7 * 24 * HOUR).toISOString() },
    ]);
    // After thisUpdate: known only while the response is current (openssl gave it 7 days).
    expect((await status(ee["1001"]!, [r], t + HOUR, t + 2 * 24 * HOUR)).known).toBe(true);
    expect((await status(ee["1001"]!, [r], t + HOUR, t + 8 * 24 * HOUR)).known).toBe(false);
  });

  it("revoked with keyCompromise", async () => {
    const r = pki.ocsp(ca, ca, ee["1002"]!, INDEX);
    const f = await status(ee["1002"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r));
    expect(f.known).toBe(true);
    expect(f.revocation).toEqual({ at: at("2024-01-05T00:00:00Z"), reason: "keyCompromise", compromiseAt: at("2024-01-05T00:00:00Z") });
  });

  it("unknown status: accepted evidence, but it does not make the status known", async () => {
    const r = pki.ocsp(ca, ca, ee["1099"]!, INDEX);
    expect(r.responses[0]!.status).toBe("unknown");
    const f = await status(ee["1099"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r));
    expect(f.known).toBe(false);
    expect(f.revocation).toBeUndefined();
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]!.rejected).toBeUndefined();
  });

  it("revoked with certificateHold is a suspension; an older CRL that omits it does not lift it", async () => {
    const r = pki.ocsp(ca, ca, ee["1004"]!, INDEX);
    const t = thisUpdateOf(r);
    const oldCrl = pki.crl(ca, [], "20240301000000Z", "20240401000000Z");
    const f = await status(ee["1004"]!, [r], t - HOUR, t, { crls: [oldCrl] });
    expect(f.revocation).toEqual({ at: at("2024-01-20T00:00:00Z"), reason: "certificateHold" });
  });

  it("a CRL hold lifted by a later OCSP good answer: holdUntil is the OCSP thisUpdate", async () => {
    const crl = pki.crl(ca, [{ ...EE("1001"), revoked: "240120000000Z,holdInstruction,1.2.840.10040.2.2" }], "20240201000000Z", "20240301000000Z");
    const r = pki.ocsp(ca, ca, ee["1001"]!, INDEX);
    const f = await status(ee["1001"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r), { crls: [crl] });
    expect(f.revocation).toEqual({ at: at("2024-01-20T00:00:00Z"), reason: "certificateHold", holdUntil: thisUpdateOf(r) });
  });

  it("delegated responder with id-kp-OCSPSigning, responder ID by key: accepted", async () => {
    const r = pki.ocsp(ca, responder, ee["1001"]!, INDEX, { keyId: true });
    expect(r.responderId.byKeyHash).toBeDefined();
    const f = await status(ee["1001"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r));
    expect(f.known).toBe(true);
    expect(f.evidence[0]!.rejected).toBeUndefined();
  });

  it("delegated responder without the OCSPSigning EKU: rejected", async () => {
    const noEku = pki.issue(ca, "/CN=Not A Responder", "5002", ["basicConstraints=CA:FALSE", "keyUsage=critical,digitalSignature"]);
    const r = pki.ocsp(ca, noEku, ee["1002"]!, INDEX);
    const f = await status(ee["1002"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r));
    expect(f.known).toBe(false);
    expect(f.revocation).toBeUndefined();
    expect(f.evidence[0]!.rejected).toMatch(/OCSPSigning/);
  });

  it("delegated responder certified by another key under the CA's name: rejected", async () => {
    const impostorCa = pki.ca("/C=VN/O=Test/CN=Test CA");
    const impostor = pki.issue(impostorCa, "/CN=Rogue Responder", "5003", RESPONDER_EXT);
    const r = pki.ocsp(ca, impostor, ee["1001"]!, INDEX);
    const f = await status(ee["1001"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r));
    expect(f.known).toBe(false);
    expect(f.evidence[0]!.rejected).toMatch(/responder certificate does not verify/);
  });

  it("responder ID that names the CA on a response the delegated responder signed: rejected", async () => {
    const der = pki.ocspDer(ca, responder, ee["1001"]!, INDEX);
    const key = readFileSync(responder.key, "utf8");
    const t = decodeOcspResponse(der).responses[0]!.thisUpdate;
    // Control: re-signing without changing the ID is accepted, so the rejection below is the ID's doing.
    const control = await status(ee["1001"]!, [decodeOcspResponse(resign(der, key))], t - HOUR, t);
    expect(control.known).toBe(true);
    const mismatched = decodeOcspResponse(resign(der, key, encodeTlv(0xa1, ca.cert.subject.der)));
    const f = await status(ee["1001"]!, [mismatched], t - HOUR, t);
    expect(f.known).toBe(false);
    expect(f.evidence[0]!.rejected).toMatch(/responder ID/);
  });

  it("responder ID naming nobody present: rejected", async () => {
    const der = pki.ocspDer(ca, responder, ee["1001"]!, INDEX);
    const stranger = encodeTlv(0xa1, encodeTlv(0x30, encodeTlv(0x31, encodeTlv(0x30, Uint8Array.of(6, 3, 85, 4, 3), encodeTlv(0x0c, new TextEncoder().encode("Nobody"))))));
    const r = decodeOcspResponse(resign(der, readFileSync(responder.key, "utf8"), stranger));
    const f = await status(ee["1001"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r));
    expect(f.evidence[0]!.rejected).toMatch(/matches neither the issuer nor a certificate/);
  });

  it("a response about another issuer's certificate with the same serial is not about this one", async () => {
    const other = pki.ca("/CN=Other CA");
    const theirs = pki.issue(other, "/CN=EE 1001", "1001");
    const r = pki.ocsp(other, other, theirs, INDEX);
    const f = await status(ee["1001"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r));
    expect(f).toEqual({ known: false, evidence: [] });
  });

  it("strict policy still accepts a SHA-256 signed response whose CertID uses SHA-1 (an identifier, not a signature)", async () => {
    const r = pki.ocsp(ca, ca, ee["1001"]!, INDEX);
    expect(r.responses[0]!.hashAlgorithm).toBe("1.3.14.3.2.26");
    const f = await status(ee["1001"]!, [r], thisUpdateOf(r) - HOUR, thisUpdateOf(r), { algorithms: "strict" });
    expect(f.known).toBe(true);
  });
});
