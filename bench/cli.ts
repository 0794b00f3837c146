/** Whole-process cold start of `decree130 verify` on a small file (the built CLI, a fresh Node each run). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "./measure.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const ARGS = [
  "dist/cli/main.js",
  "verify",
  "test/fixtures/openssl/sig/secure-attached-ecdsa.p7s",
  "--trust-list",
  "test/fixtures/openssl/trust-list.json",
  "--now",
  "2025-06-01T00:00:00Z",
];

/** The command measured, as a shell line. */
export const CLI_COMMAND = `node ${ARGS.join(" ")}`;

/** The CLI's cold start, and that of a bare `node -e 0` measured alongside (the part no library can save). */
export interface CliTiming {
  readonly command: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly bareNodeMedianMs: number;
}

/** Runs the CLI and a bare Node `runs` times each, interleaved, after 2 untimed runs; `null` when the CLI is not built. */
export async function measureCliColdStart(runs = 15): Promise<CliTiming | null> {
  if (!existsSync(`${root}dist/cli/main.js`)) return null;
  const once = (args: readonly string[]): number => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore" });
    // Exit codes 0-2 are verdicts (interfaces.md); anything else means the run failed.
    if (r.status === null || r.status > 2) throw new Error(`CLI exited with ${r.status ?? r.signal}`);
    return performance.now() - t;
  };
  once(ARGS);
  once(["-e", "0"]);
  const cli: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    cli.push(once(ARGS));
    bare.push(once(["-e", "0"]));
  }
  const ms = (n: number): number => Number(n.toFixed(1));
  return { command: CLI_COMMAND, runs, medianMs: ms(median(cli)), minMs: ms(Math.min(...cli)), bareNodeMedianMs: ms(median(bare)) };
}
