// Runs the system OpenSSL on files in a temporary directory: the kit's output checked by a tool nobody here wrote.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const OPENSSL = "/usr/bin/openssl";

export interface Run {
  readonly code: number | null;
  readonly out: string;
}

/** A scratch directory; `file()` writes into it and returns the path. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), "decree130-kit-"));
  file(name: string, content: Uint8Array | string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs openssl with arguments; stdout and stderr joined, for assertions and failure messages. */
export function openssl(...args: string[]): Run {
  const r = spawnSync(OPENSSL, args, { encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** Seconds since the epoch, for `-attime`. */
export const epoch = (iso: string): string => String(Date.parse(iso) / 1000);

/** A running `openssl ocsp` responder and its URL. */
export interface OcspResponder {
  readonly url: string;
  stop(): void;
}

/**
 * Starts `openssl ocsp` as a responder on a free loopback port (it binds port 0 and prints the port it got).
 *
 * @param args - the responder's arguments besides `ocsp -port 0` (`-index`, `-rsigner`, `-rkey`, `-CA`, ...)
 * @returns the responder, once it listens
 */
export async function startOcspResponder(args: readonly string[]): Promise<OcspResponder> {
  const child = spawn(OPENSSL, ["ocsp", "-port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  // OpenSSL prints the port it bound ("ACCEPT [::]:41234 PID=...") on stdout, its other messages on stderr.
  const port = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${seen}`)), 5_000);
    const read = (c: Buffer): void => {
      seen += c.toString();
      const m = /ACCEPT \S*:(\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => reject(new Error(`openssl ocsp exited (${code}): ${seen}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}
