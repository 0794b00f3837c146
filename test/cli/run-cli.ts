// Runs the built bin as a user would, with a time limit: a run that hangs is killed and reported, never waited for.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
/** The built bin; DECREE130_CLI_BIN points the tests at another build (e.g. an older one, to see them fail there). */
export const bin = process.env["DECREE130_CLI_BIN"] ?? join(root, "dist/cli/main.js");
/** A file of the OpenSSL-made fixtures (test/fixtures/openssl, see its README). */
export const fx = (p: string): string => join(root, "test/fixtures/openssl", p);
/** What a verification of the OpenSSL fixtures needs besides the file: their trust list, a CRL, a fixed time. */
export const BASE = ["--trust-list", fx("trust-list.json"), "--crl", fx("crl/public-ca.crl"), "--crl", fx("crl/national-root.crl"), "--now", "2025-06-01T00:00:00Z"];

export interface Run {
  readonly code: number | null;
  /** Set when the run was killed for taking longer than its limit. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Throws unless the bin was built (`npm test` builds it first). */
export function requireBuilt(): void {
  if (!existsSync(bin)) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
}

/**
 * Runs the bin and waits for it.
 *
 * @param args - the arguments after `decree130`
 * @param timeoutMs - killed (SIGKILL) after this long
 */
export function runSync(args: readonly string[], timeoutMs = 20_000): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: timeoutMs, killSignal: "SIGKILL" });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the bin without blocking the test process (which may be serving a socket the run reads).
 *
 * @param args - the arguments after `decree130`
 * @param timeoutMs - killed (SIGKILL) after this long
 */
export function runAsync(args: readonly string[], timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
