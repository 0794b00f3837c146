// Runs the system OpenSSL on files in a temporary directory: the kit's output checked by a tool nobody here wrote.
import { spawnSync } from "node:child_process";
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
