// The command line as users run it: the built bin, real files from test/fixtures/openssl, exit codes of interfaces.md §1.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "dist/cli/main.js");
const fx = (p: string): string => join(root, "test/fixtures/openssl", p);
const base = ["--trust-list", fx("trust-list.json"), "--crl", fx("crl/public-ca.crl"), "--crl", fx("crl/national-root.crl"), "--now", "2025-06-01T00:00:00Z"];

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
});

describe("decree130 verify", () => {
  it("exits 0 and prints a Vietnamese report for a SECURE signature", () => {
    const r = run("verify", fx("sig/secure-attached-ecdsa.p7s"), ...base);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("AN TOÀN (SECURE)");
    expect(r.stdout).toContain("MST: 0101234567");
  });
  it("prints English with --lang en", () => {
    const r = run("verify", fx("sig/secure-attached-ecdsa.p7s"), ...base, "--lang", "en");
    // The verdict once: "SECURE (SECURE)" said the same thing twice.
    expect(r.stdout).toContain("Signature 1/1: SECURE\n");
    expect(r.stdout).toContain("Certificate valid when signing");
  });
  it("exits 1 for NOT_SECURE and reports the failed condition in JSON", () => {
    const r = run("verify", fx("sig/tampered-content.p7s"), ...base, "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.signatures[0].verdict).toBe("NOT_SECURE");
    expect(report.signatures[0].conditions.keyCorrespondence).toMatchObject({ status: "FAILED", code: "HASH_MISMATCH" });
  });
  it("exits 2 for INDETERMINATE, and 0 once the detached content is given", () => {
    expect(run("verify", fx("sig/secure-detached-ecdsa.p7s"), ...base).code).toBe(2);
    expect(run("verify", fx("sig/secure-detached-ecdsa.p7s"), ...base, "--content", fx("content.txt")).code).toBe(0);
  });
  it("takes a caller signing time as proof of existence", () => {
    expect(run("verify", fx("sig/expired-at-now.p7s"), ...base).code).toBe(2);
    expect(run("verify", fx("sig/expired-at-now.p7s"), ...base, "--signing-time", "2024-03-01T10:00:00Z").code).toBe(0);
  });
  it("reads a policy file", () => {
    const dir = mkdtempSync(join(tmpdir(), "decree130-cli-"));
    writeFileSync(join(dir, "strict.json"), JSON.stringify({ algorithms: "strict" }));
    const legacy = ["verify", fx("sig/legacy-rsa1024-sha1.p7s"), ...base];
    expect(run(...legacy).code).toBe(0);
    expect(run(...legacy, "--policy", join(dir, "strict.json")).code).toBe(1);
  });
  it("exits 3 with a JSON error for input that is not a signature", () => {
    const r = run("verify", fx("input/random.bin"), ...base, "--json");
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: "INPUT_NOT_RECOGNIZED",
        message: expect.any(String),
        file: fx("input/random.bin"),
        messages: { vi: expect.stringContaining("DER, PEM"), en: expect.stringContaining("DER, PEM") },
      },
    });
    expect(run("verify", fx("input/empty.p7s"), ...base).code).toBe(3);
    expect(run("verify", fx("input/degenerate-no-signers.p7b"), ...base, "--json").stdout).toContain("NO_SIGNERS");
  });
  it("exits 3 for a file that cannot be read", () => {
    const r = run("verify", fx("does-not-exist.p7s"), ...base, "--json");
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error.code).toBe("INPUT_UNREADABLE");
  });
  it("exits 64 for bad usage", () => {
    expect(run().code).toBe(64);
    expect(run("sign", "x").code).toBe(64);
    expect(run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--now", "yesterday").code).toBe(64);
    expect(run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--lang", "fr").code).toBe(64);
    expect(run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--bogus").code).toBe(64);
    expect(run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--trust-list", fx("content.txt")).code).toBe(64);
  });
  it("refuses --timeout and --allow-private-network without --online, and a --timeout that is not milliseconds", () => {
    const timeout = run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--timeout", "5000", "--lang", "en");
    expect(timeout.code).toBe(64);
    expect(timeout.stderr.split("\n")[0]).toBe("--timeout only applies with --online.");
    const allow = run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--allow-private-network");
    expect(allow.code).toBe(64);
    expect(allow.stderr.split("\n")[0]).toBe("--allow-private-network chỉ dùng cùng --online.");
    for (const bad of ["0", "5s", "-1", "1e3", "600001"]) {
      expect(run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--online", "--timeout", bad).code, bad).toBe(64);
    }
  });
  it("uses the built-in Vietnamese trust list by default", () => {
    const r = run("verify", fx("sig/secure-attached-ecdsa.p7s"), "--now", "2025-06-01T00:00:00Z", "--json");
    // The test PKI's root is neither embedded nor on the Vietnamese list: no path can be built.
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).signatures[0].conditions.issuerType.code).toBe("NO_CERTIFICATE_PATH");
  });
});
