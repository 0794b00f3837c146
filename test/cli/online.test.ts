// `decree130 verify --online` as a user runs it, against the loopback test server (decree130/testing/server) publishing
// a kit-made PKI: refused by default because the server is on loopback, fetched with --allow-private-network, cut at
// --timeout. The bin is a separate process; the server runs in the test's.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrl, createTestPki, issueCertificate, signCms } from "decree130/testing";
import { servePki, type PkiServer } from "decree130/testing/server";
import { requireBuilt, runAsync } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "decree130-online-"));
const at = (name: string): string => join(dir, name);
let server: PkiServer;
let base: string[];

beforeAll(async () => {
  requireBuilt();
  server = await servePki();
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2027-01-01T00:00:00Z",
    ocspUrl: server.ocspUrl,
    crlUrl: server.urlOf("/public.crl"),
  });
  const dates = { thisUpdate: "2025-06-01T00:00:00Z", nextUpdate: "2025-06-08T00:00:00Z" };
  server.update({
    crls: { "/public.crl": await createCrl(pki.publicCa, dates) },
    ocsp: { issuer: pki.publicCa, certificates: [signer], response: dates },
  });
  writeFileSync(at("signed.p7s"), await signCms(new TextEncoder().encode("Hợp đồng"), signer, { signingTime: "2025-05-20T08:00:00Z" }));
  writeFileSync(at("trust-list.json"), JSON.stringify(pki.trustList));
  writeFileSync(at("root.crl"), await createCrl(pki.nationalRoot, dates));
  base = ["verify", at("signed.p7s"), "--trust-list", at("trust-list.json"), "--crl", at("root.crl"), "--now", "2025-06-02T00:00:00Z", "--online"];
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("decree130 verify --online", () => {
  it("refuses the loopback server by default, says so, and stays INDETERMINATE (exit 2)", async () => {
    const before = server.requests.length;
    const r = await runAsync([...base, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(server.requests.length).toBe(before);
    expect(r.stdout).toContain(`Did not fetch ${server.ocspUrl}: REFUSED_ADDRESS`);
  });

  it("fetches with --allow-private-network: OCSP answers, SECURE (exit 0)", async () => {
    const before = server.requests.length;
    const r = await runAsync([...base, "--allow-private-network", "--json"]);
    expect(r.code).toBe(0);
    expect(server.requests.slice(before).map((q) => q.method)).toEqual(["POST"]);
    expect(JSON.parse(r.stdout).signatures[0].verdict).toBe("SECURE");
  });

  it("cuts a server that never answers at --timeout, then tries the CRL", async () => {
    server.update({ faults: { "/ocsp": { kind: "slow" }, "/public.crl": { kind: "slow" } } });
    try {
      const started = performance.now();
      const r = await runAsync([...base, "--allow-private-network", "--timeout", "300"]);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain(`Không tải được ${server.ocspUrl}: TIMEOUT`);
      expect(r.stdout).toContain(`Không tải được ${server.urlOf("/public.crl")}: TIMEOUT`);
    } finally {
      server.update({ faults: { "/ocsp": null, "/public.crl": null } });
    }
  });
});
