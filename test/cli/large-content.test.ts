// Inputs of 1 MiB and more: the CLI hashes them with node-digest.ts (in place) instead of WebCrypto; the verdict is the same.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createCrl, createTestPki, issueCertificate, signCms } from "../../src/testing/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "dist/cli/main.js");
const dir = mkdtempSync(join(tmpdir(), "decree130-large-"));
const at = (name: string): string => join(dir, name);
const NOW = "2025-06-01T00:00:00Z";

function run(...args: string[]): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [bin, ...args, "--trust-list", at("trust-list.json"), "--crl", at("ca.crl"), "--crl", at("root.crl"), "--now", NOW, "--json"], {
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout };
}

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "CÔNG TY TNHH KIỂM THỬ", MST: "0109999999" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2026-01-01T00:00:00Z",
  });
  const content = new Uint8Array(3 * (1 << 20) + 5).map((_, i) => (i * 7) & 0xff);
  const signingTime = "2025-03-01T10:00:00Z";
  writeFileSync(at("trust-list.json"), JSON.stringify(pki.trustList));
  writeFileSync(at("ca.crl"), await createCrl(pki.publicCa, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" }));
  writeFileSync(at("root.crl"), await createCrl(pki.nationalRoot, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" }));
  writeFileSync(at("content.bin"), content);
  const tampered = content.slice();
  tampered[2 * (1 << 20)] ^= 1;
  writeFileSync(at("tampered.bin"), tampered);
  writeFileSync(at("detached.p7s"), await signCms(content, signer, { signingTime, detached: true }));
  writeFileSync(at("attached.p7s"), await signCms(content.subarray(0, 1 << 20), signer, { signingTime }));
});

describe("decree130 verify on large content", () => {
  it("verifies 3 MiB of detached content, and catches one changed bit", () => {
    const good = run("verify", at("detached.p7s"), "--content", at("content.bin"));
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).signatures[0].verdict).toBe("SECURE");
    const bad = run("verify", at("detached.p7s"), "--content", at("tampered.bin"));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).signatures[0].conditions.keyCorrespondence.code).toBe("HASH_MISMATCH");
  });
  it("verifies a 1 MiB attached signature", () => {
    const r = run("verify", at("attached.p7s"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).signatures[0].verdict).toBe("SECURE");
  });
});
