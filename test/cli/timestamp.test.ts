// The readable report names the TSA whose timestamp places a signature: "Thời điểm ký: … — nguồn: dấu thời gian của …".
// The signature, its timestamp and the CRLs are made by the testing kit at test time and run through the built bin.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSignatureTimestamp, createPkiCrls, createTestPki, issueCertificate, signCms } from "decree130/testing";
import { requireBuilt, runSync } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "decree130-ts-"));
const at = (name: string): string => join(dir, name);
let args: string[];

beforeAll(async () => {
  requireBuilt();
  const pki = await createTestPki({ timestampingAuthority: { notBefore: "2023-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" } });
  // Expired since: only the timestamp can place the signature.
  const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Trần Thị B" }, notBefore: "2024-01-01T00:00:00Z", notAfter: "2025-01-01T00:00:00Z" });
  const cms = await signCms(new TextEncoder().encode("Hợp đồng"), signer, { signingTime: "2024-06-01T08:00:00Z" });
  writeFileSync(at("plain.p7s"), cms);
  writeFileSync(at("stamped.p7s"), await addSignatureTimestamp(cms, pki.timestampingAuthority!, { genTime: "2024-06-01T08:00:05Z" }));
  writeFileSync(at("trust-list.json"), JSON.stringify(pki.trustList));
  const crls = await createPkiCrls(pki, { thisUpdate: "2024-06-02T00:00:00Z", nextUpdate: "2024-07-02T00:00:00Z" });
  args = ["--trust-list", at("trust-list.json"), ...crls.flatMap((c, i) => (writeFileSync(at(`${i}.crl`), c), ["--crl", at(`${i}.crl`)])), "--now", "2026-06-01T00:00:00Z"];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("decree130 verify: a timestamped signature", () => {
  it("shows the time the TSA proves, and whose timestamp it is; without it, EXPIRED_NO_POE", () => {
    const vi = runSync(["verify", at("stamped.p7s"), ...args]);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain("Thời điểm ký: 01/06/2024 15:00:05 (giờ Việt Nam) — nguồn: dấu thời gian của TEST Timestamping Authority");
    const en = runSync(["verify", at("stamped.p7s"), ...args, "--lang", "en"]);
    expect(en.stdout).toContain("— source: timestamp by TEST Timestamping Authority");
    const plain = runSync(["verify", at("plain.p7s"), ...args]);
    expect(plain.code).toBe(2);
    expect(plain.stdout).toContain("EXPIRED_NO_POE");
  });
});
