// The loopback test PKI server: what it publishes, how its OCSP responder answers, and its fault modes.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCertificate } from "decree130";
import { createOcspResponder, issueCertificate } from "decree130/testing";
import { encodeOcspRequest } from "decree130/fetch";
import { decodeCrl } from "../../src/model/crl.js";
import { decodeOcspResponse } from "../../src/model/ocsp-response.js";
import { readCertificates } from "../../src/formats/certificates.js";
import { NEXT_UPDATE, NOT_AFTER, NOT_BEFORE, onlinePki, PATHS, THIS_UPDATE, type OnlinePki } from "./fixtures.js";

interface Got {
  readonly status: number;
  readonly type: string | undefined;
  readonly location: string | undefined;
  readonly body: Uint8Array;
}

/** One plain request with node:http, independent of the fetcher under test. */
function get(url: string, init: { method?: string; body?: Uint8Array; headers?: Record<string, string> } = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], location: res.headers.location, body: new Uint8Array(Buffer.concat(chunks)) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const ocspPost = (o: OnlinePki, body: Uint8Array, path = "/ocsp"): Promise<Got> =>
  get(o.server.urlOf(path), { method: "POST", body, headers: { "Content-Type": "application/ocsp-request" } });

describe("servePki", () => {
  let o: OnlinePki;
  beforeAll(async () => {
    o = await onlinePki();
  });
  afterAll(() => o.server.close());

  it("listens on 127.0.0.1 and publishes CRLs and issuer certificates with their media types", async () => {
    expect(o.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const crl = await get(o.server.urlOf(PATHS.crl));
    expect([crl.status, crl.type]).toEqual([200, "application/pkix-crl"]);
    expect(decodeCrl(crl.body).entries.has(decodeCertificate(o.revoked.certificate).serialHex)).toBe(true);
    const der = await get(o.server.urlOf(PATHS.caDer));
    expect([der.status, der.type]).toEqual([200, "application/pkix-cert"]);
    const p7c = await get(o.server.urlOf(PATHS.caP7c));
    expect([p7c.status, p7c.type]).toEqual([200, "application/pkcs7-mime"]);
    expect(readCertificates(p7c.body).map((c) => c.subject.key)).toEqual(
      [o.pki.publicCa, o.pki.nationalRoot].map((c) => decodeCertificate(c.certificate).subject.key),
    );
    expect((await get(o.server.urlOf("/nothing-here"))).status).toBe(404);
  });

  it("answers OCSP requests by POST and by GET (RFC 6960 Appendix A) for the serial asked", async () => {
    const issuer = decodeCertificate(o.pki.publicCa.certificate);
    for (const [who, status] of [[o.signer, "good"], [o.revoked, "revoked"]] as const) {
      const req = await encodeOcspRequest(decodeCertificate(who.certificate), issuer, { crypto });
      const post = await ocspPost(o, req.der);
      expect(post.type).toBe("application/ocsp-response");
      const single = decodeOcspResponse(post.body).responses[0]!;
      expect([single.serialHex, single.status]).toEqual([req.certId.serialHex, status]);
      const b64 = encodeURIComponent(Buffer.from(req.der).toString("base64"));
      const viaGet = decodeOcspResponse((await get(`${o.server.ocspUrl}/${b64}`)).body).responses[0]!;
      expect([viaGet.serialHex, viaGet.status]).toEqual([req.certId.serialHex, status]);
    }
  });

  it("answers `unauthorized` for an issuer or a serial it does not serve, `malformedRequest` for garbage", async () => {
    const stranger = await issueCertificate(o.pki.publicCa, { subject: { commonName: "Unknown" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
    const otherCa = await issueCertificate(o.pki.specializedCa, { subject: { commonName: "Other CA's" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
    for (const [cert, issuer] of [[stranger, o.pki.publicCa], [otherCa, o.pki.specializedCa]] as const) {
      const req = await encodeOcspRequest(decodeCertificate(cert.certificate), decodeCertificate(issuer.certificate), { crypto });
      const body = (await ocspPost(o, req.der)).body;
      expect(() => decodeOcspResponse(body)).toThrow(/unauthorized/);
    }
    const garbage = (await ocspPost(o, new TextEncoder().encode("hello"))).body;
    expect(() => decodeOcspResponse(garbage)).toThrow(/malformedRequest/);
  });

  it("signs through a delegated responder when given one", async () => {
    const responder = await createOcspResponder(o.pki.publicCa, { notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
    o.server.update({ ocsp: { issuer: o.pki.publicCa, responder, certificates: [o.signer], response: { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE } } });
    try {
      const req = await encodeOcspRequest(decodeCertificate(o.signer.certificate), decodeCertificate(o.pki.publicCa.certificate), { crypto });
      const resp = decodeOcspResponse((await ocspPost(o, req.der)).body);
      expect(resp.certificates.map((c) => c.subject.key)).toEqual([decodeCertificate(responder.certificate).subject.key]);
    } finally {
      o.server.update({ ocsp: { issuer: o.pki.publicCa, certificates: [o.signer, o.revoked], response: { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE } } });
    }
  });

  it("gives wrong OCSP answers on demand: about another certificate, or stale", async () => {
    o.server.update({ faults: { "/ocsp": { kind: "other-certificate", certificate: o.revoked } } });
    const req = await encodeOcspRequest(decodeCertificate(o.signer.certificate), decodeCertificate(o.pki.publicCa.certificate), { crypto });
    const other = decodeOcspResponse((await ocspPost(o, req.der)).body).responses[0]!;
    expect(other.serialHex).not.toBe(req.certId.serialHex);
    expect(other.serialHex).toBe(decodeCertificate(o.revoked.certificate).serialHex);
    o.server.update({ faults: { "/ocsp": { kind: "stale", thisUpdate: "2025-01-10T00:00:00Z", nextUpdate: "2025-01-17T00:00:00Z" } } });
    const stale = decodeOcspResponse((await ocspPost(o, req.der)).body);
    expect([stale.producedAt, stale.responses[0]!.thisUpdate, stale.responses[0]!.nextUpdate]).toEqual(
      ["2025-01-10T00:00:00Z", "2025-01-10T00:00:00Z", "2025-01-17T00:00:00Z"].map(Date.parse),
    );
    expect(stale.responses[0]!.serialHex).toBe(req.certId.serialHex);
    o.server.update({ faults: { "/ocsp": { kind: "stale", thisUpdate: "2025-01-10T00:00:00Z" } } });
    expect(decodeOcspResponse((await ocspPost(o, req.der)).body).responses[0]!.nextUpdate).toBeUndefined();
    o.server.update({ faults: { "/ocsp": null } });
    expect(decodeOcspResponse((await ocspPost(o, req.der)).body).responses[0]!.thisUpdate).toBe(Date.parse(THIS_UPDATE));
  });

  it("misbehaves on demand: HTTP status, wrong content, redirects", async () => {
    o.server.update({
      faults: {
        "/500": { kind: "status", status: 500 },
        "/html": { kind: "wrong-content" },
        "/to-file": { kind: "redirect", location: "file:///etc/passwd" },
        "/moved": { kind: "redirect", location: "/public.crl", status: 301 },
      },
    });
    expect((await get(o.server.urlOf("/500"))).status).toBe(500);
    const html = await get(o.server.urlOf("/html"));
    expect([html.status, html.type]).toEqual([200, "text/html; charset=utf-8"]);
    expect(() => decodeCrl(html.body)).toThrow(expect.objectContaining({ name: "Decree130Error", code: "MALFORMED_CRL" }));
    expect(await get(o.server.urlOf("/to-file"))).toMatchObject({ status: 302, location: "file:///etc/passwd" });
    expect(await get(o.server.urlOf("/moved"))).toMatchObject({ status: 301, location: "/public.crl" });
  });

  it("logs every request with its method, headers and body", async () => {
    const before = o.server.requests.length;
    await get(o.server.urlOf("/public.crl?x=1"), { headers: { "X-Test": "1" } });
    const seen = o.server.requests[before]!;
    expect(seen).toMatchObject({ method: "GET", path: "/public.crl?x=1" });
    expect(seen.headers["x-test"]).toBe("1");
    expect(seen.body.length).toBe(0);
  });
});

describe("servePki: held responses", () => {
  it("ends slow and endless responses when it closes", { timeout: 5_000 }, async () => {
    const o = await onlinePki();
    o.server.update({ faults: { "/slow": { kind: "slow" }, "/endless": { kind: "endless" } } });
    const slow = get(o.server.urlOf("/slow")).then(() => "answered", () => "cut");
    let received = 0;
    const endless = new Promise<number>((resolve) => {
      request(o.server.urlOf("/endless"), (res) => {
        res.on("data", (c: Buffer) => (received += c.length));
        res.on("error", () => resolve(received));
        res.on("close", () => resolve(received));
      }).end();
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(o.server.requests.map((r) => r.path)).toEqual(["/slow", "/endless"]);
    await o.server.close();
    expect(await slow).toBe("cut");
    expect(await endless).toBeGreaterThan(64 * 1024);
  });
});
