// createHttpFetcher against a real loopback server (decree130/testing/server), through both transports: Node's
// http/https with checked DNS answers, and the Fetch API a browser would use. No test may hang: every fault has a short
// fetcher timeout and a test timeout far below the default.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCertificate } from "decree130";
import { createHttpFetcher, encodeOcspRequest, isFetchError, type Fetcher, type FetchError, type FetchRequest, type HttpFetcherOptions } from "decree130/fetch";
import { readCertificates } from "../../src/formats/certificates.js";
import { decodeCrl } from "../../src/model/crl.js";
import { decodeOcspResponse } from "../../src/model/ocsp-response.js";
import { openssl, Scratch } from "../testing/openssl.js";
import { NEVER, onlinePki, PATHS, type OnlinePki } from "./fixtures.js";

const FAST = { timeout: 5_000 };
const crlRequest: FetchRequest = { kind: "crl", signal: NEVER };

/** The FetchError a fetch rejects with (fails the test if it resolves). */
async function failure(fetcher: Fetcher, url: string, request: FetchRequest = crlRequest): Promise<FetchError> {
  const err: unknown = await fetcher(url, request).then(
    () => new Error(`${url} was fetched`),
    (e: unknown) => e,
  );
  if (!isFetchError(err)) throw err;
  return err;
}

let o: OnlinePki;
beforeAll(async () => {
  o = await onlinePki();
  o.server.update({
    faults: {
      "/slow": { kind: "slow" },
      "/endless": { kind: "endless" },
      "/500": { kind: "status", status: 500 },
      "/html": { kind: "wrong-content" },
      "/to-file": { kind: "redirect", location: "file:///etc/passwd" },
      "/to-https": { kind: "redirect", location: `https://127.0.0.1:${new URL(o.server.url).port}/public.crl` },
      "/to-ftp": { kind: "redirect", location: "ftp://127.0.0.1/public.crl" },
      "/moved": { kind: "redirect", location: PATHS.crl, status: 301 },
      "/to-other-host": { kind: "redirect", location: `http://localhost:${new URL(o.server.url).port}${PATHS.crl}` },
      "/loop": { kind: "redirect", location: "/loop" },
      "/ocsp-307": { kind: "redirect", location: "/ocsp", status: 307 },
      "/ocsp-303": { kind: "redirect", location: "/ocsp", status: 303 },
    },
  });
});
afterAll(() => o.server.close());

describe.each<"node" | "fetch">(["node", "fetch"])("createHttpFetcher, %s transport", (transport) => {
  const open = (options: HttpFetcherOptions = {}): Fetcher => createHttpFetcher({ transport, allowPrivateNetwork: true, timeoutMs: 2_000, ...options });
  const closed = (options: HttpFetcherOptions = {}): Fetcher => createHttpFetcher({ transport, timeoutMs: 2_000, ...options });

  it("fetches a CRL", async () => {
    const bytes = await open()(o.server.urlOf(PATHS.crl), crlRequest);
    expect(bytes).toEqual(o.crl);
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(decodeCrl(bytes).nextUpdate).toBe(Date.parse("2025-06-08T00:00:00Z"));
  });

  it("POSTs an OCSP request as application/ocsp-request and returns the response", async () => {
    const req = await encodeOcspRequest(decodeCertificate(o.revoked.certificate), decodeCertificate(o.pki.publicCa.certificate), { crypto });
    const before = o.server.requests.length;
    const bytes = await open()(o.server.ocspUrl, { kind: "ocsp", signal: NEVER, body: req.der });
    const seen = o.server.requests[before]!;
    expect([seen.method, seen.headers["content-type"], seen.body]).toEqual(["POST", "application/ocsp-request", req.der]);
    expect(seen.headers["accept"]).toMatch(/^application\/ocsp-response/);
    const single = decodeOcspResponse(bytes).responses[0]!;
    expect([single.serialHex, single.status, single.reason]).toEqual([req.certId.serialHex, "revoked", "keyCompromise"]);
  });

  it("fetches issuer certificates from caIssuers: DER and PKCS#7", async () => {
    const der = await open()(o.server.urlOf(PATHS.caDer), { kind: "ca-issuers", signal: NEVER });
    expect(der).toEqual(o.pki.publicCa.certificate);
    const p7c = await open()(o.server.urlOf(PATHS.caP7c), { kind: "ca-issuers", signal: NEVER });
    expect(readCertificates(p7c).map((c) => c.der)).toEqual([o.pki.publicCa.certificate, o.pki.nationalRoot.certificate]);
  });

  it("sends no cookie, credentials or referrer", async () => {
    const before = o.server.requests.length;
    await open()(o.server.urlOf(PATHS.crl), crlRequest);
    const headers = o.server.requests[before]!.headers;
    for (const h of ["cookie", "authorization", "referer", "proxy-authorization"]) expect(headers[h], h).toBeUndefined();
  });

  it("follows a redirect on the same scheme, to the same or another host", async () => {
    expect(await open()(o.server.urlOf("/moved"), crlRequest)).toEqual(o.crl);
    expect(await open()(o.server.urlOf("/to-other-host"), crlRequest)).toEqual(o.crl);
  });

  it("keeps an OCSP POST through a 307, and turns it into a GET after a 303", async () => {
    const req = await encodeOcspRequest(decodeCertificate(o.signer.certificate), decodeCertificate(o.pki.publicCa.certificate), { crypto });
    const before = o.server.requests.length;
    const bytes = await open()(o.server.urlOf("/ocsp-307"), { kind: "ocsp", signal: NEVER, body: req.der });
    expect(decodeOcspResponse(bytes).responses[0]!.status).toBe("good");
    expect(o.server.requests.slice(before).map((r) => [r.method, r.path, r.body.length])).toEqual([
      ["POST", "/ocsp-307", req.der.length],
      ["POST", "/ocsp", req.der.length],
    ]);
    const after303 = o.server.requests.length;
    await open()(o.server.urlOf("/ocsp-303"), { kind: "ocsp", signal: NEVER, body: req.der });
    expect(o.server.requests.slice(after303).map((r) => [r.method, r.body.length])).toEqual([["POST", req.der.length], ["GET", 0]]);
  });

  it("refuses a redirect to file: or to another scheme (REFUSED_REDIRECT)", FAST, async () => {
    for (const path of ["/to-file", "/to-https", "/to-ftp"]) {
      const err = await failure(open(), o.server.urlOf(path));
      expect([err.reason, err.refused, err.url], path).toEqual(["REFUSED_REDIRECT", true, o.server.urlOf(path)]);
    }
    expect((await failure(open(), o.server.urlOf("/to-file"))).message).toContain("file:///etc/passwd");
  });

  it("stops after maxRedirects (TOO_MANY_REDIRECTS)", FAST, async () => {
    const before = o.server.requests.length;
    const err = await failure(open({ maxRedirects: 3 }), o.server.urlOf("/loop"));
    expect([err.reason, err.refused]).toEqual(["TOO_MANY_REDIRECTS", false]);
    expect(o.server.requests.length - before).toBe(4);
  });

  it("gives up on a server that never answers (TIMEOUT)", FAST, async () => {
    const err = await failure(open({ timeoutMs: 300 }), o.server.urlOf("/slow"));
    expect([err.reason, err.refused]).toEqual(["TIMEOUT", false]);
  });

  it("cuts an endless body at maxBytes (TOO_LARGE)", FAST, async () => {
    const err = await failure(open({ maxBytes: 1024 * 1024 }), o.server.urlOf("/endless"));
    expect([err.reason, err.refused]).toEqual(["TOO_LARGE", false]);
  });

  it("refuses a body whose declared length is over the limit, the request's own limit included (TOO_LARGE)", FAST, async () => {
    expect((await failure(open({ maxBytes: o.crl.length - 1 }), o.server.urlOf(PATHS.crl))).reason).toBe("TOO_LARGE");
    expect((await failure(open(), o.server.urlOf(PATHS.crl), { ...crlRequest, maxBytes: 10 })).reason).toBe("TOO_LARGE");
    expect(await open({ maxBytes: o.crl.length })(o.server.urlOf(PATHS.crl), crlRequest)).toEqual(o.crl);
  });

  it("reports a status other than 200 (HTTP_STATUS)", FAST, async () => {
    const err = await failure(open(), o.server.urlOf("/500"));
    expect([err.reason, err.refused]).toEqual(["HTTP_STATUS", false]);
    expect(err.message).toContain("500");
    expect((await failure(open(), o.server.urlOf("/missing.crl"))).message).toContain("404");
  });

  it("returns wrong content as it came: judging it is the decoder's work", FAST, async () => {
    const bytes = await open()(o.server.urlOf("/html"), crlRequest);
    expect(new TextDecoder().decode(bytes)).toContain("<!doctype html>");
    expect(() => decodeCrl(bytes)).toThrow(expect.objectContaining({ code: "MALFORMED_CRL" }));
  });

  it("honours the caller's abort signal (ABORTED)", FAST, async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await failure(open(), o.server.urlOf("/slow"), { kind: "crl", signal: controller.signal });
    expect(err.reason).toBe("ABORTED");
    expect((await failure(open(), o.server.urlOf(PATHS.crl), { kind: "crl", signal: controller.signal })).reason).toBe("ABORTED");
  });

  it("refuses loopback without permission, in every spelling, and sends nothing (REFUSED_ADDRESS)", FAST, async () => {
    const port = new URL(o.server.url).port;
    const before = o.server.requests.length;
    for (const host of ["127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "[::1]", "localhost"]) {
      const url = `http://${host}:${port}${PATHS.crl}`;
      const err = await failure(closed(), url);
      expect([err.reason, err.refused, err.url], url).toEqual(["REFUSED_ADDRESS", true, url]);
    }
    expect(o.server.requests.length).toBe(before);
  });

  it("refuses credentials and other schemes before connecting", FAST, async () => {
    const before = o.server.requests.length;
    const withCredentials = o.server.urlOf(PATHS.crl).replace("http://", "http://admin:secret@");
    expect((await failure(open(), withCredentials)).reason).toBe("REFUSED_CREDENTIALS");
    expect((await failure(open(), "ldap://127.0.0.1/cn=CA?certificateRevocationList")).reason).toBe("REFUSED_SCHEME");
    expect((await failure(open(), "file:///etc/passwd")).reason).toBe("REFUSED_SCHEME");
    expect((await failure(open(), "http://[::1")).reason).toBe("INVALID_URL");
    expect(o.server.requests.length).toBe(before);
  });

  it("reports a connection refused (NETWORK)", FAST, async () => {
    const err = await failure(open(), "http://127.0.0.1:1/ca.crl");
    expect([err.reason, err.refused]).toEqual(["NETWORK", false]);
  });
});

describe("createHttpFetcher, node transport: what names resolve to", () => {
  const port = (): string => new URL(o.server.url).port;

  it("refuses localhost through DNS, naming the address it resolved to, and sends nothing", FAST, async () => {
    const before = o.server.requests.length;
    const err = await failure(createHttpFetcher({ transport: "node" }), `http://localhost:${port()}${PATHS.crl}`);
    expect(err.reason).toBe("REFUSED_ADDRESS");
    expect(err.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address$/);
    await new Promise((r) => setTimeout(r, 50));
    expect(o.server.requests.length).toBe(before);
  });

  it("refuses a name whose answer holds a private address, even beside a public one, and sends nothing", FAST, async () => {
    const before = o.server.requests.length;
    const answers = [
      [{ address: "127.0.0.1", family: 4 }],
      [{ address: "10.20.30.40", family: 4 }],
      [{ address: "203.162.4.190", family: 4 }, { address: "127.0.0.1", family: 4 }],
      [{ address: "2402:800::1", family: 6 }, { address: "::ffff:169.254.169.254", family: 6 }],
      [{ address: "fd12:3456::1", family: 6 }],
    ] as const;
    for (const answer of answers) {
      const fetcher = createHttpFetcher({ transport: "node", lookup: () => Promise.resolve(answer) });
      const err = await failure(fetcher, `http://crl.example.vn:${port()}${PATHS.crl}`);
      expect(err.reason, JSON.stringify(answer)).toBe("REFUSED_ADDRESS");
      expect(err.message).toMatch(/^crl\.example\.vn resolves to /);
    }
    expect(o.server.requests.length).toBe(before);
  });

  it("connects to exactly the address it checked (no second resolution to rebind)", FAST, async () => {
    let lookups = 0;
    const fetcher = createHttpFetcher({
      transport: "node",
      allowPrivateNetwork: true,
      lookup: () => {
        lookups++;
        return Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
      },
    });
    const before = o.server.requests.length;
    expect(await fetcher(`http://crl.example.vn:${port()}${PATHS.crl}`, crlRequest)).toEqual(o.crl);
    expect(lookups).toBe(1);
    expect(o.server.requests[before]!.headers["host"]).toBe(`crl.example.vn:${port()}`);
  });

  it("reports a name that does not resolve (NETWORK)", FAST, async () => {
    const fetcher = createHttpFetcher({ transport: "node", lookup: () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })) });
    const err = await failure(fetcher, "http://crl.example.vn/ca.crl");
    expect([err.reason, err.message]).toEqual(["NETWORK", "ENOTFOUND: getaddrinfo ENOTFOUND"]);
  });

  it("sends a User-Agent and asks for no content coding", async () => {
    const before = o.server.requests.length;
    await createHttpFetcher({ transport: "node", allowPrivateNetwork: true, userAgent: "portal/1.0" })(o.server.urlOf(PATHS.crl), crlRequest);
    expect(o.server.requests[before]!.headers).toMatchObject({ "user-agent": "portal/1.0", "accept-encoding": "identity" });
  });
});

describe("createHttpFetcher: every redirect hop is checked again", () => {
  // A public name the fetch transport allows, routed to the loopback server: the redirects it gives then lead to
  // addresses the fetcher must refuse, though the first hop was allowed.
  const PUBLIC = "http://pki.example.com";
  const routed = (options: HttpFetcherOptions = {}): Fetcher =>
    createHttpFetcher({
      transport: "fetch",
      timeoutMs: 2_000,
      fetch: (url, init) => globalThis.fetch(url.replace(PUBLIC, o.server.url), init),
      ...options,
    });

  it("fetches through the routed public name", async () => {
    expect(await routed()(`${PUBLIC}${PATHS.crl}`, crlRequest)).toEqual(o.crl);
  });

  it("refuses a redirect to a loopback address, a local name or credentials, without following it", FAST, async () => {
    const port = new URL(o.server.url).port;
    o.server.update({
      faults: {
        "/to-loopback": { kind: "redirect", location: `http://127.0.0.1:${port}${PATHS.crl}` },
        "/to-decimal": { kind: "redirect", location: `http://2130706433:${port}${PATHS.crl}` },
        "/to-metadata": { kind: "redirect", location: "http://169.254.169.254/latest/meta-data/" },
        "/to-localhost": { kind: "redirect", location: `http://localhost:${port}${PATHS.crl}` },
        "/to-credentials": { kind: "redirect", location: `${PUBLIC}/x`.replace("http://", "http://u:p@") },
      },
    });
    const cases = [
      ["/to-loopback", "REFUSED_ADDRESS"],
      ["/to-decimal", "REFUSED_ADDRESS"],
      ["/to-metadata", "REFUSED_ADDRESS"],
      ["/to-localhost", "REFUSED_ADDRESS"],
      ["/to-credentials", "REFUSED_CREDENTIALS"],
    ] as const;
    for (const [path, reason] of cases) {
      const before = o.server.requests.length;
      const err = await failure(routed(), `${PUBLIC}${path}`);
      expect([err.reason, err.url], path).toEqual([reason, `${PUBLIC}${path}`]);
      expect(err.message).toContain("redirects to");
      expect(o.server.requests.slice(before).map((r) => r.path)).toEqual([path]);
    }
  });
});

describe("createHttpFetcher over https", () => {
  // A TLS server whose certificate (self-signed, made by OpenSSL here) nobody trusts: the fetcher must not talk to it.
  const tmp = new Scratch();
  let server: Server | undefined;
  let url = "";
  beforeAll(async () => {
    const key = join(tmp.dir, "tls.key");
    const cert = join(tmp.dir, "tls.pem");
    const r = openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-config", tmp.file("req.cnf", "[req]\ndistinguished_name=dn\n[dn]\n"));
    if (r.code !== 0) throw new Error(r.out);
    const tls = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end("secret"));
    server = tls;
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/ca.crl`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    tmp.remove();
  });

  it.each(["node", "fetch"] as const)("verifies the server's certificate (%s transport): an untrusted one is a NETWORK failure", FAST, async (transport) => {
    const err = await failure(createHttpFetcher({ transport, allowPrivateNetwork: true, timeoutMs: 2_000 }), url);
    expect([err.reason, err.refused]).toEqual(["NETWORK", false]);
    if (transport === "node") expect(err.message).toMatch(/self[- ]signed/i);
  });
});

describe("createHttpFetcher: options", () => {
  it("refuses invalid options and an unavailable transport (TypeError)", () => {
    expect(() => createHttpFetcher({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createHttpFetcher({ maxBytes: Number.NaN })).toThrow(TypeError);
    expect(() => createHttpFetcher({ maxRedirects: -1 })).toThrow(TypeError);
    expect(() => createHttpFetcher({ maxRedirects: 0 })).not.toThrow();
  });

  it("fails closed on a Node without process.getBuiltinModule: names cannot be checked, so they are refused", async () => {
    const proc = process as { getBuiltinModule?: unknown };
    const original = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    try {
      expect(() => createHttpFetcher({ transport: "node" })).toThrow(TypeError);
      const before = o.server.requests.length;
      const err = await failure(createHttpFetcher(), "http://crl.example.vn/ca.crl");
      expect([err.reason, err.message]).toEqual(["REFUSED_ADDRESS", "crl.example.vn: this runtime cannot check where names resolve (Node before 20.16)"]);
      // An allowed address written in the URL is still fetched (through the Fetch API).
      expect(await createHttpFetcher({ allowPrivateNetwork: true })(o.server.urlOf(PATHS.crl), crlRequest)).toEqual(o.crl);
      expect(o.server.requests.length).toBe(before + 1);
    } finally {
      proc.getBuiltinModule = original;
    }
  });

  it("rejects a fetch whose signal is already aborted, before any work", async () => {
    const err = await failure(createHttpFetcher(), "http://crl.example.vn/ca.crl", { kind: "crl", signal: AbortSignal.abort() });
    expect(err.reason).toBe("ABORTED");
  });
});
