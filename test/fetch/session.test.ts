// The fetch session of one validation, against the loopback test server through the real HTTP fetcher: one fetch per
// URL, the budget, the cache until validUntil; and against fetchers that misbehave (never settle, ignore limits).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCertificate } from "decree130";
import { createFetchCache, createFetchSession, createHttpFetcher, encodeOcspRequest, FetchError, type Fetcher, type FetchOutcome } from "decree130/fetch";
import { decodeCrl } from "../../src/model/crl.js";
import { NOW, onlinePki, PATHS, type OnlinePki } from "./fixtures.js";

const FAST = { timeout: 5_000 };
let o: OnlinePki;
let http: Fetcher;

beforeAll(async () => {
  o = await onlinePki();
  o.server.update({ faults: { "/slow": { kind: "slow" }, "/500": { kind: "status", status: 500 }, "/to-file": { kind: "redirect", location: "file:///etc/passwd" } } });
  http = createHttpFetcher({ allowPrivateNetwork: true });
});
afterAll(() => o.server.close());

/** Requests the server saw for a path since `from`. */
const seen = (path: string, from: number): number => o.server.requests.slice(from).filter((r) => r.path === path).length;

function failed(outcome: FetchOutcome): Extract<FetchOutcome, { ok: false }> {
  if (outcome.ok) throw new Error(`${outcome.url} was fetched`);
  return outcome;
}

describe("createFetchSession", () => {
  it("fetches a URL once per validation: later and concurrent asks share the outcome", async () => {
    const before = o.server.requests.length;
    const session = createFetchSession({ fetch: http, now: NOW });
    const url = o.server.urlOf(PATHS.crl);
    const [a, b] = await Promise.all([session.get(url, "crl"), session.get(url, "crl")]);
    const c = await session.get(url, "crl");
    expect(a.ok && b.ok && c.ok).toBe(true);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a).toMatchObject({ ok: true, url, kind: "crl", bytes: o.crl, fromCache: false });
    expect(seen(PATHS.crl, before)).toBe(1);
    expect(session.used.fetches).toBe(1);
  });

  it("tells OCSP requests to one responder apart by their body", async () => {
    const issuer = decodeCertificate(o.pki.publicCa.certificate);
    const [r1, r2] = await Promise.all([o.signer, o.revoked].map((c) => encodeOcspRequest(decodeCertificate(c.certificate), issuer, { crypto })));
    const before = o.server.requests.length;
    const session = createFetchSession({ fetch: http, now: NOW });
    await Promise.all([session.get(o.server.ocspUrl, "ocsp", r1!.der), session.get(o.server.ocspUrl, "ocsp", r2!.der), session.get(o.server.ocspUrl, "ocsp", r1!.der)]);
    expect(seen("/ocsp", before)).toBe(2);
  });

  it("remembers a failure for the rest of the validation instead of asking again", async () => {
    const before = o.server.requests.length;
    const session = createFetchSession({ fetch: http, now: NOW });
    const first = failed(await session.get(o.server.urlOf("/500"), "crl"));
    expect([first.reason, first.refused]).toEqual(["HTTP_STATUS", false]);
    expect(await session.get(o.server.urlOf("/500"), "crl")).toBe(first);
    expect(seen("/500", before)).toBe(1);
  });

  it("reports refusals and failures with the URL, kind, reason and whether anything was sent", async () => {
    const session = createFetchSession({ fetch: createHttpFetcher(), now: NOW });
    const refused = failed(await session.get(o.server.urlOf(PATHS.crl), "crl"));
    expect(refused).toMatchObject({ ok: false, url: o.server.urlOf(PATHS.crl), kind: "crl", refused: true, reason: "REFUSED_ADDRESS" });
    expect(refused.message).toContain("loopback");
    const redirect = failed(await createFetchSession({ fetch: http, now: NOW }).get(o.server.urlOf("/to-file"), "ca-issuers"));
    expect(redirect).toMatchObject({ kind: "ca-issuers", refused: true, reason: "REFUSED_REDIRECT" });
  });

  it("refuses fetches past the budget's count (BUDGET), sending nothing", async () => {
    const before = o.server.requests.length;
    const session = createFetchSession({ fetch: http, now: NOW, limits: { maxFetches: 2 } });
    const urls = [PATHS.crl, PATHS.caDer, PATHS.caP7c].map((p) => o.server.urlOf(p));
    const outcomes = await Promise.all(urls.map((u) => session.get(u, "crl")));
    expect(outcomes.map((x) => x.ok)).toEqual([true, true, false]);
    expect(failed(outcomes[2]!)).toMatchObject({ refused: true, reason: "BUDGET" });
    expect(o.server.requests.length - before).toBe(2);
    // An URL already fetched is still answered: it costs nothing.
    expect((await session.get(urls[0]!, "crl")).ok).toBe(true);
  });

  it("refuses fetches once the budget's time is spent (BUDGET), measured on the injected clock", async () => {
    let clock = 1_000;
    const session = createFetchSession({ fetch: http, now: NOW, limits: { totalMs: 30_000 }, clock: () => clock });
    expect((await session.get(o.server.urlOf(PATHS.crl), "crl")).ok).toBe(true);
    clock += 28_000; // 2 s left: the next fetch may take that long
    expect((await session.get(o.server.urlOf(PATHS.caDer), "ca-issuers")).ok).toBe(true);
    clock += 2_000;
    const late = failed(await session.get(o.server.urlOf(PATHS.caP7c), "ca-issuers"));
    expect([late.reason, late.refused]).toEqual(["BUDGET", true]);
    expect(session.used).toEqual({ fetches: 2, elapsedMs: 30_000 });
  });

  it("cuts a fetch at the per-fetch timeout, and at the time left in the budget", FAST, async () => {
    const slow = o.server.urlOf("/slow");
    const perFetch = failed(await createFetchSession({ fetch: http, now: NOW, limits: { timeoutMs: 200 } }).get(slow, "crl"));
    expect([perFetch.reason, perFetch.refused]).toEqual(["TIMEOUT", false]);
    expect(perFetch.message).toBe("no answer within 200 ms");
    const budget = failed(await createFetchSession({ fetch: http, now: NOW, limits: { totalMs: 200 } }).get(slow, "crl"));
    expect(budget.reason).toBe("TIMEOUT");
    expect(budget.message).toBe("the validation's 200 ms for fetching ran out");
  });

  it("does not wait for a fetcher that ignores its abort signal", FAST, async () => {
    const stuck: Fetcher = () => new Promise<Uint8Array>(() => undefined);
    const out = failed(await createFetchSession({ fetch: stuck, now: NOW, limits: { timeoutMs: 100 } }).get("http://crl.example.vn/x.crl", "crl"));
    expect(out.reason).toBe("TIMEOUT");
  });

  it("stops every fetch when the validation is aborted (ABORTED)", FAST, async () => {
    const controller = new AbortController();
    const session = createFetchSession({ fetch: http, now: NOW, signal: controller.signal });
    const pending = session.get(o.server.urlOf("/slow"), "crl");
    setTimeout(() => controller.abort(), 50);
    expect(failed(await pending).reason).toBe("ABORTED");
    expect(failed(await session.get(o.server.urlOf(PATHS.crl), "crl")).reason).toBe("ABORTED");
  });

  it("holds a custom fetcher to the size limit and maps what it throws", async () => {
    const big: Fetcher = () => Promise.resolve(new Uint8Array(2048));
    expect(failed(await createFetchSession({ fetch: big, now: NOW, limits: { maxBytes: 1024 } }).get("http://a.vn/x", "crl")).reason).toBe("TOO_LARGE");
    const seenLimit: number[] = [];
    const spy: Fetcher = (_url, req) => {
      seenLimit.push(req.maxBytes ?? -1);
      return Promise.resolve(new Uint8Array(1));
    };
    await createFetchSession({ fetch: spy, now: NOW, limits: { maxBytes: 4096 } }).get("http://a.vn/x", "crl");
    expect(seenLimit).toEqual([4096]);
    const plain: Fetcher = () => Promise.reject(new TypeError("Failed to fetch"));
    expect(failed(await createFetchSession({ fetch: plain, now: NOW }).get("http://a.vn/x", "crl"))).toMatchObject({ reason: "NETWORK", refused: false, message: "Failed to fetch" });
    const typed: Fetcher = (url) => Promise.reject(new FetchError("REFUSED_ADDRESS", url, "intranet"));
    expect(failed(await createFetchSession({ fetch: typed, now: NOW }).get("http://a.vn/x", "crl"))).toMatchObject({ reason: "REFUSED_ADDRESS", refused: true, message: "intranet" });
    const throwsNow: Fetcher = () => {
      throw new Error("sync");
    };
    expect(failed(await createFetchSession({ fetch: throwsNow, now: NOW }).get("http://a.vn/x", "crl")).reason).toBe("NETWORK");
    const notBytes = (() => Promise.resolve("text")) as unknown as Fetcher;
    expect(failed(await createFetchSession({ fetch: notBytes, now: NOW }).get("http://a.vn/x", "crl")).reason).toBe("NETWORK");
  });

  it("refuses invalid limits and a missing validation time (TypeError)", () => {
    expect(() => createFetchSession({ fetch: http, now: Number.NaN })).toThrow(TypeError);
    expect(() => createFetchSession({ fetch: http, now: NOW, limits: { maxFetches: -1 } })).toThrow(TypeError);
    expect(() => createFetchSession({ fetch: http, now: NOW, limits: { totalMs: Number.POSITIVE_INFINITY } })).toThrow(TypeError);
  });
});

describe("createFetchSession with a cache", () => {
  it("keeps a judged CRL until its nextUpdate, and fetches it again after", async () => {
    const cache = createFetchCache(8);
    const url = o.server.urlOf(PATHS.crl);
    const before = o.server.requests.length;
    const first = createFetchSession({ fetch: http, now: NOW, cache });
    const got = await first.get(url, "crl");
    if (!got.ok) throw new Error(got.message);
    const nextUpdate = decodeCrl(got.bytes).nextUpdate!;
    expect(first.keep(url, nextUpdate)).toBe(true);

    const atNextUpdate = await createFetchSession({ fetch: http, now: nextUpdate, cache }).get(url, "crl");
    expect(atNextUpdate).toMatchObject({ ok: true, fromCache: true, bytes: o.crl });
    expect(seen(PATHS.crl, before)).toBe(1);

    const after = await createFetchSession({ fetch: http, now: nextUpdate + 1, cache }).get(url, "crl");
    expect(after).toMatchObject({ ok: true, fromCache: false });
    expect(seen(PATHS.crl, before)).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("keeps nothing that failed, nothing not asked, and nothing already expired", async () => {
    const cache = createFetchCache(8);
    const session = createFetchSession({ fetch: http, now: NOW, cache });
    await session.get(o.server.urlOf("/500"), "crl");
    expect(session.keep(o.server.urlOf("/500"), NOW + 1000)).toBe(false);
    expect(session.keep(o.server.urlOf("/never-asked"), NOW + 1000)).toBe(false);
    await session.get(o.server.urlOf(PATHS.crl), "crl");
    expect(session.keep(o.server.urlOf(PATHS.crl), NOW - 1)).toBe(false);
    expect(cache.size).toBe(0);
    expect(createFetchSession({ fetch: http, now: NOW }).keep(o.server.urlOf(PATHS.crl), NOW + 1)).toBe(false);
  });

  it("keeps its own copy: what a caller does to the bytes does not reach the cache", async () => {
    const cache = createFetchCache(8);
    const url = o.server.urlOf(PATHS.crl);
    const session = createFetchSession({ fetch: http, now: NOW, cache });
    const got = await session.get(url, "crl");
    session.keep(url, NOW + 60_000);
    if (got.ok) got.bytes.fill(0);
    const hit = await createFetchSession({ fetch: http, now: NOW, cache }).get(url, "crl");
    expect(hit).toMatchObject({ fromCache: true, bytes: o.crl });
    if (hit.ok) hit.bytes.fill(0);
    expect(await createFetchSession({ fetch: http, now: NOW, cache }).get(url, "crl")).toMatchObject({ fromCache: true, bytes: o.crl });
  });

  it("files OCSP answers under URL and request body", async () => {
    const cache = createFetchCache(8);
    const issuer = decodeCertificate(o.pki.publicCa.certificate);
    const req = await encodeOcspRequest(decodeCertificate(o.signer.certificate), issuer, { crypto });
    const other = await encodeOcspRequest(decodeCertificate(o.revoked.certificate), issuer, { crypto });
    const session = createFetchSession({ fetch: http, now: NOW, cache });
    await session.get(o.server.ocspUrl, "ocsp", req.der);
    expect(session.keep(o.server.ocspUrl, NOW + 60_000, req.der)).toBe(true);
    const next = createFetchSession({ fetch: http, now: NOW, cache });
    expect(await next.get(o.server.ocspUrl, "ocsp", req.der)).toMatchObject({ fromCache: true });
    expect(await next.get(o.server.ocspUrl, "ocsp", other.der)).toMatchObject({ fromCache: false });
    expect(next.used.fetches).toBe(1);
  });
});
