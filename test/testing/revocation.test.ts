// CRLs and OCSP responses the kit writes, read back field by field.
import { beforeAll, describe, expect, it } from "vitest";
import { children, ctx, fields, integerBytes, oid, readRoot, readTlv, smallInt, Tag, time, valueOf, type Tlv } from "../../src/asn1/der.js";
import {
  createCrl,
  createOcspResponder,
  createOcspResponse,
  createTestPki,
  issueCertificate,
  revocationsAt,
  revoke,
  type TestIdentity,
  type TestPki,
} from "../../src/testing/index.js";

const NB = "2025-01-01T00:00:00Z";
const NA = "2027-01-01T00:00:00Z";
let pki: TestPki;
let alice: TestIdentity;
let bob: TestIdentity;
let carol: TestIdentity;

interface CrlView {
  version: number;
  thisUpdate: number;
  nextUpdate?: number;
  entries: { serial: Uint8Array; at: number; extensions: Map<string, Tlv> }[];
  extensions: Map<string, { critical: boolean; value: Tlv }>;
}

function extensionMap(seq: Tlv): Map<string, { critical: boolean; value: Tlv }> {
  const out = new Map<string, { critical: boolean; value: Tlv }>();
  for (const e of children(seq)) {
    const f = children(e);
    const octets = f.at(-1)!;
    out.set(oid(f[0]!), { critical: f.length === 3, value: readTlv(octets.buf, octets.valueStart, octets.valueEnd) });
  }
  return out;
}

function readCrl(der: Uint8Array): CrlView {
  const [tbs] = fields(readRoot(der), 3, 3, "CertificateList");
  const f = children(tbs!);
  let i = 3;
  const view: CrlView = { version: smallInt(f[0]!) + 1, thisUpdate: time(f[i++]!), entries: [], extensions: new Map() };
  if (f[i]?.tag === Tag.UTC_TIME || f[i]?.tag === Tag.GENERALIZED_TIME) view.nextUpdate = time(f[i++]!);
  if (f[i]?.tag === Tag.SEQUENCE) {
    for (const e of children(f[i++]!)) {
      const [serial, at, exts] = children(e);
      const m = new Map<string, Tlv>();
      if (exts) for (const [k, v] of extensionMap(exts)) m.set(k, v.value);
      view.entries.push({ serial: integerBytes(serial!), at: time(at!), extensions: m });
    }
  }
  if (f[i]?.tag === ctx(0)) view.extensions = extensionMap(children(f[i]!)[0]!);
  return view;
}

beforeAll(async () => {
  pki = await createTestPki();
  const issue = (cn: string) => issueCertificate(pki.publicCa, { subject: { commonName: cn }, notBefore: NB, notAfter: NA });
  [alice, bob, carol] = await Promise.all([issue("Alice"), issue("Bob"), issue("Carol")]);
  revoke(pki.publicCa, alice, { at: "2025-03-01T00:00:00Z", reason: "keyCompromise", invalidityDate: "2025-02-20T00:00:00Z" });
  revoke(pki.publicCa, bob, { at: "2025-04-01T00:00:00Z", reason: "certificateHold" });
  revoke(pki.publicCa, bob.certificate, { at: "2025-04-10T00:00:00Z", reason: "removeFromCRL" });
  revoke(pki.publicCa, carol, { at: "2025-05-01T00:00:00Z" });
});

describe("createCrl", () => {
  it("lists what was revoked by thisUpdate, with reason codes and invalidity dates", async () => {
    const crl = readCrl(await createCrl(pki.publicCa, { thisUpdate: "2025-04-05T00:00:00Z", nextUpdate: "2025-04-12T00:00:00Z" }));
    expect(crl.version).toBe(2);
    expect(crl.thisUpdate).toBe(Date.parse("2025-04-05T00:00:00Z"));
    expect(crl.nextUpdate).toBe(Date.parse("2025-04-12T00:00:00Z"));
    expect(crl.entries.map((e) => e.serial)).toEqual([alice.serial, bob.serial]);
    const [a, b] = crl.entries;
    expect(valueOf(a!.extensions.get("2.5.29.21")!)).toEqual(new Uint8Array([1]));
    expect(time(a!.extensions.get("2.5.29.24")!)).toBe(Date.parse("2025-02-20T00:00:00Z"));
    expect(valueOf(b!.extensions.get("2.5.29.21")!)).toEqual(new Uint8Array([6]));
    expect(valueOf(crl.extensions.get("2.5.29.35")!.value)).toEqual(new Uint8Array([0x80, 20, ...pki.publicCa.subjectKeyId]));
    expect(crl.extensions.has("2.5.29.20")).toBe(true);
  });

  it("shows a released hold as removeFromCRL, and writes no reason code for `unspecified`", async () => {
    const crl = readCrl(await createCrl(pki.publicCa, { thisUpdate: "2025-05-02T00:00:00Z", nextUpdate: "2025-05-09T00:00:00Z" }));
    expect(crl.entries.map((e) => e.serial)).toEqual([alice.serial, bob.serial, carol.serial]);
    expect(valueOf(crl.entries[1]!.extensions.get("2.5.29.21")!)).toEqual(new Uint8Array([8]));
    expect(crl.entries[2]!.extensions.size).toBe(0);
    expect(revocationsAt(pki.publicCa, Date.parse("2025-02-01T00:00:00Z"))).toEqual([]);
  });

  it("omits an empty revoked list and nextUpdate on request, numbers CRLs by time, and marks delta CRLs", async () => {
    const early = readCrl(await createCrl(pki.publicCa, { thisUpdate: "2025-02-01T00:00:00Z" }));
    expect(early.entries).toEqual([]);
    expect(early.nextUpdate).toBeUndefined();
    const later = readCrl(await createCrl(pki.publicCa, { thisUpdate: "2025-02-02T00:00:00Z" }));
    const num = (c: CrlView) => smallInt(c.extensions.get("2.5.29.20")!.value, Number.MAX_SAFE_INTEGER);
    expect(num(later)).toBeGreaterThan(num(early));
    const delta = readCrl(await createCrl(pki.publicCa, { thisUpdate: "2025-02-02T00:00:00Z", crlNumber: 7, deltaOf: 5, entries: [] }));
    expect(delta.extensions.get("2.5.29.27")).toMatchObject({ critical: true });
    expect(num(delta)).toBe(7);
  });
});

interface OcspView {
  status: number;
  responderTag?: number;
  producedAt?: number;
  certStatusTag?: number;
  revoked?: { at: number; reason?: number };
  thisUpdate?: number;
  nextUpdate?: number;
  certIdSerial?: Uint8Array;
  certs?: number;
}

function readOcsp(der: Uint8Array): OcspView {
  const top = children(readRoot(der));
  const view: OcspView = { status: smallInt(top[0]!, 10, Tag.ENUMERATED) };
  if (!top[1]) return view;
  const [type, octets] = children(children(top[1])[0]!);
  expect(oid(type!)).toBe("1.3.6.1.5.5.7.48.1.1");
  const basic = children(readTlv(octets!.buf, octets!.valueStart, octets!.valueEnd));
  const [responderId, producedAt, responses] = children(basic[0]!);
  const [certId, status, thisUpdate, next] = children(children(responses!)[0]!);
  view.responderTag = responderId!.tag;
  view.producedAt = time(producedAt!);
  view.certStatusTag = status!.tag;
  if (status!.tag === 0xa1) {
    const [at, reason] = children(status!);
    view.revoked = { at: time(at!), ...(reason ? { reason: smallInt(children(reason)[0]!, 10, Tag.ENUMERATED) } : {}) };
  }
  view.thisUpdate = time(thisUpdate!);
  if (next) view.nextUpdate = time(children(next)[0]!);
  view.certIdSerial = integerBytes(children(certId!)[3]!);
  view.certs = basic[3] ? children(children(basic[3])[0]!).length : 0;
  return view;
}

describe("createOcspResponse", () => {
  const times = { thisUpdate: "2025-05-02T00:00:00Z", nextUpdate: "2025-05-03T00:00:00Z", producedAt: "2025-05-02T00:00:05Z" };

  it("answers from the issuer's records: revoked with time and reason, good after a released hold", async () => {
    const a = readOcsp(await createOcspResponse(pki.publicCa, alice, times));
    expect(a).toMatchObject({ status: 0, certStatusTag: 0xa1, revoked: { at: Date.parse("2025-03-01T00:00:00Z"), reason: 1 } });
    expect(a.certIdSerial).toEqual(alice.serial);
    expect(a.producedAt).toBe(Date.parse("2025-05-02T00:00:05Z"));
    expect(a.nextUpdate).toBe(Date.parse("2025-05-03T00:00:00Z"));
    expect(readOcsp(await createOcspResponse(pki.publicCa, bob, times)).certStatusTag).toBe(0x80);
    const before = readOcsp(await createOcspResponse(pki.publicCa, alice, { thisUpdate: "2025-02-01T00:00:00Z" }));
    expect(before.certStatusTag).toBe(0x80);
    expect(before.nextUpdate).toBeUndefined();
  });

  it("writes explicit statuses, responder forms, the delegated responder's certificate, and error statuses", async () => {
    const unknown = readOcsp(await createOcspResponse(pki.publicCa, carol, { ...times, status: "unknown", responderId: "key" }));
    expect(unknown).toMatchObject({ certStatusTag: 0x82, responderTag: ctx(2), certs: 0 });
    const responder = await createOcspResponder(pki.publicCa, { notBefore: NB, notAfter: NA });
    const forced = readOcsp(await createOcspResponse(pki.publicCa, bob, { ...times, status: "revoked", revocationTime: "2025-04-20T00:00:00Z", reason: "superseded", responder }));
    expect(forced).toMatchObject({ certStatusTag: 0xa1, responderTag: ctx(1), certs: 1, revoked: { at: Date.parse("2025-04-20T00:00:00Z"), reason: 4 } });
    expect(readOcsp(await createOcspResponse(pki.publicCa, bob, { ...times, responseStatus: "tryLater" }))).toEqual({ status: 3 });
  });
});
