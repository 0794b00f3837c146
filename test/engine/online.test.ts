// Online revocation through a caller's fetcher, against a real HTTP server on loopback (decree130/testing/server) that
// publishes a kit-made PKI and misbehaves on demand. Each rule of "Revocation evidence" about fetching has a case that
// fails without it: nothing fetched without a fetcher; OCSP first, CRLs for what it leaves unanswered; fetched evidence
// judged like any other; caIssuers only when no path can be built; every failure named by its URL; bounded; cached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createValidationCache, loadTrustList, validate, type SignatureReport, type TrustList, type ValidateOptions } from "decree130";
import { createHttpFetcher } from "decree130/fetch";
import {
  addSignatureTimestamp,
  createCrl,
  createTestPki,
  createTimestampingAuthority,
  issueCertificate,
  revoke,
  signCms,
  type TestIdentity,
  type TestPki,
} from "decree130/testing";
import { servePki, type PkiServer } from "decree130/testing/server";

const SIGNED = "2025-05-20T08:00:00Z";
const THIS_UPDATE = "2025-06-01T00:00:00Z";
const NEXT_UPDATE = "2025-06-08T00:00:00Z";
const NOW = new Date("2025-06-02T00:00:00Z");
const content = new TextEncoder().encode("Biên bản nghiệm thu số 7/2025");

let server: PkiServer;
let pki: TestPki;
let trustList: TrustList;
/** The national root's CRL: the public CA is a listed CA the root certified, so its own status needs it. */
let rootCrl: Uint8Array;
/** Names the server's OCSP responder and CRL. */
let signer: TestIdentity;
let revoked: TestIdentity;
/** Names a CRL only. */
let crlOnly: TestIdentity;
/** Under the government sub-CA, which the file does not carry: found through caIssuers. */
let underSubCa: TestIdentity;
let crl: Uint8Array;

const fetcher = createHttpFetcher({ allowPrivateNetwork: true, timeoutMs: 2_000 });

async function judge(who: TestIdentity, extra: Partial<ValidateOptions> = {}): Promise<SignatureReport> {
  const p7s = await signCms(content, who, { signingTime: SIGNED });
  const r = await validate(p7s, { trustList, crls: [rootCrl], now: NOW, ...extra });
  return r.signatures[0]!;
}
const codes = (s: SignatureReport) => s.warnings.map((w) => w.code);
const requested = (from: number) => server.requests.slice(from).map((r) => `${r.method} ${r.path.startsWith("/ocsp") ? "/ocsp" : r.path}`);

beforeAll(async () => {
  server = await servePki();
  // The public CA is also listed for timestamping, so a TSA it certifies can be trusted.
  pki = await createTestPki({ timestampingAuthority: { notBefore: "2023-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" } });
  trustList = loadTrustList(pki.trustList);
  const dates = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" };
  const urls = { crlUrl: server.urlOf("/public.crl"), ocspUrl: server.ocspUrl };
  signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Nguyễn Văn A" }, ...dates, ...urls });
  revoked = await issueCertificate(pki.publicCa, { subject: { commonName: "Trần Thị B" }, ...dates, ...urls });
  crlOnly = await issueCertificate(pki.publicCa, { subject: { commonName: "Lê Văn C" }, ...dates, crlUrl: server.urlOf("/public.crl") });
  revoke(pki.publicCa, revoked, { at: "2025-05-01T00:00:00Z", reason: "keyCompromise" });
  underSubCa = await issueCertificate(pki.governmentSubCa, {
    subject: { commonName: "Phạm Thị D" },
    ...dates,
    caIssuersUrl: server.urlOf("/gov-sub-ca.crt"),
  });
  crl = await createCrl(pki.publicCa, { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE });
  rootCrl = await createCrl(pki.nationalRoot, { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE });
  server.update({
    crls: { "/public.crl": crl },
    certificates: { "/gov-sub-ca.crt": pki.governmentSubCa.certificate },
    ocsp: { issuer: pki.publicCa, certificates: [signer, revoked], response: { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE } },
  });
});

afterAll(async () => {
  await server.close();
});

describe("only with a fetcher", () => {
  it("fetches nothing without one: the status stays unknown", async () => {
    const before = server.requests.length;
    const s = await judge(signer);
    expect(s.conditions.validityPeriod.code).toBe("REVOCATION_UNKNOWN");
    expect(server.requests.length).toBe(before);
  });
});

describe("what is fetched, and in what order", () => {
  it("asks the OCSP responder first, and needs no CRL when it answers", async () => {
    const before = server.requests.length;
    const s = await judge(signer, { fetch: fetcher });
    expect(s.verdict).toBe("SECURE");
    expect(requested(before)).toEqual(["POST /ocsp"]);
    expect(JSON.stringify(s.conditions.validityPeriod.evidence)).toContain('"type":"ocsp","origin":"fetched"');
  });

  it("fetches the CRL when the certificate names no responder", async () => {
    const before = server.requests.length;
    const s = await judge(crlOnly, { fetch: fetcher });
    expect(s.verdict).toBe("SECURE");
    expect(requested(before)).toEqual(["GET /public.crl"]);
  });

  it("falls back to the CRL when the responder fails, and names the failed URL", async () => {
    server.update({ faults: { "/ocsp": { kind: "status", status: 500 } } });
    try {
      const before = server.requests.length;
      const s = await judge(signer, { fetch: fetcher });
      expect(s.verdict).toBe("SECURE");
      expect(requested(before)).toEqual(["POST /ocsp", "GET /public.crl"]);
      const failed = s.warnings.find((w) => w.code === "FETCH_FAILED")!;
      expect(failed.message.en).toContain(server.ocspUrl);
      expect(failed.message.en).toContain("HTTP_STATUS");
    } finally {
      server.update({ faults: { "/ocsp": null } });
    }
  });

  it("a revocation fetched is decisive: revoked before signing is NOT_SECURE", async () => {
    const s = await judge(revoked, { fetch: fetcher });
    expect(s.conditions.validityPeriod.code).toBe("REVOKED_AT_SIGNING");
    expect(s.conditions.soleControl.code).toBe("KEY_COMPROMISED");
    expect(s.verdict).toBe("NOT_SECURE");
  });

  it("fetches a missing intermediate through caIssuers only when no path can be built", async () => {
    const govCrls = [
      await createCrl(pki.governmentSubCa, { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE }),
      await createCrl(pki.governmentRoot, { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE }),
    ];
    const offline = await judge(underSubCa, { crls: govCrls });
    expect(offline.conditions.issuerType.code).toBe("NO_CERTIFICATE_PATH");
    const before = server.requests.length;
    const online = await judge(underSubCa, { crls: govCrls, fetch: fetcher });
    expect(requested(before)).toEqual(["GET /gov-sub-ca.crt"]);
    expect(online.conditions.issuerType.code).toBe("RECOGNIZED_PROVIDER");
    expect(online.verdict).toBe("SECURE");
    // With the intermediate supplied, nothing is fetched.
    const again = server.requests.length;
    await judge(underSubCa, { crls: govCrls, fetch: fetcher, certificates: [pki.governmentSubCa.certificate] });
    expect(server.requests.length).toBe(again);
  });
});

describe("a timestamp's TSA is checked online too", () => {
  it("the TSA's status at genTime is fetched, so the timestamp places an expired signer's signature", async () => {
    const tsa = await createTimestampingAuthority(pki.publicCa, {
      notBefore: "2023-01-01T00:00:00Z",
      notAfter: "2030-01-01T00:00:00Z",
      commonName: "TEST Online TSA",
      ocspUrl: server.ocspUrl,
    });
    const expired = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Đỗ Văn E" },
      notBefore: "2024-01-01T00:00:00Z",
      notAfter: "2025-01-01T00:00:00Z",
      crlUrl: server.urlOf("/public.crl"),
    });
    server.update({ ocsp: { issuer: pki.publicCa, certificates: [signer, revoked, tsa], response: { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE } } });
    const cms = await signCms(content, expired, { signingTime: "2024-06-01T08:00:00Z" });
    const stamped = await addSignatureTimestamp(cms, tsa, { genTime: "2024-06-01T08:00:05Z" });
    const offline = (await validate(stamped, { trustList, crls: [rootCrl], now: NOW })).signatures[0]!;
    expect(offline.timestamps[0]).toMatchObject({ valid: false, reason: expect.stringContaining("REVOCATION_UNKNOWN") });
    expect(offline.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
    const before = server.requests.length;
    const online = (await validate(stamped, { trustList, crls: [rootCrl], now: NOW, fetch: fetcher })).signatures[0]!;
    // The TSA's OCSP answer for genTime, then the signer's CRL for the time the timestamp proves.
    expect(requested(before)).toEqual(["POST /ocsp", "GET /public.crl"]);
    expect(online.timestamps[0]).toMatchObject({ valid: true, tsa: "TEST Online TSA" });
    expect(online.signingTime).toEqual({ value: "2024-06-01T08:00:05.000Z", source: "timestamp" });
    expect(online.verdict).toBe("SECURE");
  });
});

describe("fetched evidence is judged like any other", () => {
  it("a CRL signed by another key changes nothing", async () => {
    // Signed by another key under the CA's name (the kit signs with `signer`'s key, here an end entity's).
    const forged = await createCrl(pki.publicCa, { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE, signer: revoked });
    server.update({ crls: { "/public.crl": forged } });
    try {
      const s = await judge(crlOnly, { fetch: fetcher });
      expect(s.conditions.validityPeriod.code).toBe("REVOCATION_UNKNOWN");
      expect(codes(s)).toContain("EVIDENCE_REJECTED");
      expect(s.verdict).toBe("INDETERMINATE");
    } finally {
      server.update({ crls: { "/public.crl": crl } });
    }
  });

  it("an OCSP answer about another certificate, or a stale one, leaves the status unknown", async () => {
    for (const fault of [{ kind: "other-certificate" as const, certificate: revoked.certificate }, { kind: "stale" as const, thisUpdate: "2025-05-01T00:00:00Z", nextUpdate: "2025-05-08T00:00:00Z" }]) {
      server.update({ faults: { "/ocsp": fault, "/public.crl": { kind: "status", status: 404 } } });
      try {
        const s = await judge(signer, { fetch: fetcher });
        expect(s.conditions.validityPeriod.code, fault.kind).toBe("REVOCATION_UNKNOWN");
        expect(s.verdict).not.toBe("SECURE");
      } finally {
        server.update({ faults: { "/ocsp": null, "/public.crl": null } });
      }
    }
  });

  it("HTML where a CRL should be is reported, never read as evidence", async () => {
    server.update({ faults: { "/public.crl": { kind: "wrong-content" } } });
    try {
      const s = await judge(crlOnly, { fetch: fetcher });
      expect(s.conditions.validityPeriod.code).toBe("REVOCATION_UNKNOWN");
      expect(s.warnings.find((w) => w.code === "EVIDENCE_REJECTED")?.message.en).toContain("/public.crl");
    } finally {
      server.update({ faults: { "/public.crl": null } });
    }
  });
});

describe("a document's URLs are attacker input: refused, bounded, never a hang", () => {
  it("loopback without permission: refused before connecting, INDETERMINATE", async () => {
    const before = server.requests.length;
    const s = await judge(signer, { fetch: createHttpFetcher() });
    expect(server.requests.length).toBe(before);
    expect(s.verdict).toBe("INDETERMINATE");
    const refused = s.warnings.filter((w) => w.code === "FETCH_REFUSED");
    expect(refused.map((w) => w.message.en)).toEqual([expect.stringContaining("REFUSED_ADDRESS"), expect.stringContaining("REFUSED_ADDRESS")]);
  });

  it("a redirect to file: is refused", async () => {
    server.update({ faults: { "/public.crl": { kind: "redirect", location: "file:///etc/passwd" } } });
    try {
      const s = await judge(crlOnly, { fetch: fetcher });
      expect(s.warnings.find((w) => w.code === "FETCH_REFUSED")?.message.en).toContain("REFUSED_REDIRECT");
      expect(s.verdict).toBe("INDETERMINATE");
    } finally {
      server.update({ faults: { "/public.crl": null } });
    }
  });

  it("a server that never answers is cut at the timeout", async () => {
    server.update({ faults: { "/public.crl": { kind: "slow" } } });
    try {
      const started = performance.now();
      const s = await judge(crlOnly, { fetch: fetcher, fetchLimits: { timeoutMs: 300 } });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(s.warnings.find((w) => w.code === "FETCH_FAILED")?.message.en).toContain("TIMEOUT");
      expect(s.verdict).toBe("INDETERMINATE");
    } finally {
      server.update({ faults: { "/public.crl": null } });
    }
  });

  it("an endless body is cut at the size limit", async () => {
    server.update({ faults: { "/public.crl": { kind: "endless" } } });
    try {
      const s = await judge(crlOnly, { fetch: fetcher, fetchLimits: { maxBytes: 64 * 1024 } });
      expect(s.warnings.find((w) => w.code === "FETCH_FAILED")?.message.en).toContain("TOO_LARGE");
      expect(s.verdict).toBe("INDETERMINATE");
    } finally {
      server.update({ faults: { "/public.crl": null } });
    }
  });

  it("the budget of fetches bounds the validation", async () => {
    server.update({ faults: { "/ocsp": { kind: "status", status: 503 } } });
    try {
      const before = server.requests.length;
      const s = await judge(signer, { fetch: fetcher, fetchLimits: { maxFetches: 1 } });
      expect(requested(before)).toEqual(["POST /ocsp"]);
      expect(s.warnings.find((w) => w.code === "FETCH_REFUSED")?.message.en).toContain("BUDGET");
      expect(s.verdict).toBe("INDETERMINATE");
    } finally {
      server.update({ faults: { "/ocsp": null } });
    }
  });
});

describe("cached by URL for the evidence's validity, in the ValidationCache", () => {
  it("a second validation with the same cache fetches nothing; a fresh cache fetches again", async () => {
    const cache = createValidationCache();
    const first = server.requests.length;
    expect((await judge(crlOnly, { fetch: fetcher, cache })).verdict).toBe("SECURE");
    expect(server.requests.length).toBe(first + 1);
    expect((await judge(crlOnly, { fetch: fetcher, cache })).verdict).toBe("SECURE");
    expect(server.requests.length).toBe(first + 1);
    // After its nextUpdate the CRL is not served from the cache.
    await judge(crlOnly, { fetch: fetcher, cache, now: new Date("2025-06-09T00:00:00Z") });
    expect(server.requests.length).toBe(first + 2);
  });

  it("a forged answer is not kept: the next validation asks again", async () => {
    server.update({ crls: { "/public.crl": await createCrl(pki.publicCa, { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE, signer: revoked }) } });
    const cache = createValidationCache();
    try {
      await judge(crlOnly, { fetch: fetcher, cache });
      server.update({ crls: { "/public.crl": crl } });
      const before = server.requests.length;
      expect((await judge(crlOnly, { fetch: fetcher, cache })).verdict).toBe("SECURE");
      expect(server.requests.length).toBe(before + 1);
    } finally {
      server.update({ crls: { "/public.crl": crl } });
    }
  });
});
