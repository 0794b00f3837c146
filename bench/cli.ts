/** Whole-process cold start of `decree130 verify` on a small file (the built CLI, a fresh Node each run). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadTrustList, validate } from "../src/index.js";
import { median } from "./measure.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const FILE = "test/fixtures/openssl/sig/secure-attached-ecdsa.p7s";
const TRUST_LIST = "test/fixtures/openssl/trust-list.json";
const NOW = "2025-06-01T00:00:00Z";
const ARGS = ["dist/cli/main.js", "verify", FILE, "--trust-list", TRUST_LIST, "--now", NOW];

/** The command measured, as a shell line. */
export const CLI_COMMAND = `node ${ARGS.join(" ")}`;

/** The CLI's cold start, and two baselines measured alongside it. */
export interface CliTiming {
  readonly command: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  /** A bare `node -e 0`: the part no program can save. */
  readonly bareNodeMedianMs: number;
  /**
   * A Node process that reads the same two files and makes the WebCrypto calls this validation makes (recorded from
   * the library on the same input, in the formats it used), one after the other, then writes a line: the cost of the
   * crypto in a fresh process.
   */
  readonly cryptoFloorMedianMs: number;
}

/** One recorded WebCrypto call, its byte arguments in base64. */
type Call =
  | { readonly op: "digest"; readonly alg: unknown; readonly data: string }
  | { readonly op: "importKey"; readonly format: string; readonly key: string | JsonWebKey; readonly alg: unknown; readonly usages: string[] }
  | { readonly op: "verify"; readonly alg: unknown; readonly keyIndex: number; readonly signature: string; readonly data: string };

const b64 = (s: BufferSource): string =>
  Buffer.from(ArrayBuffer.isView(s) ? new Uint8Array(s.buffer, s.byteOffset, s.byteLength) : new Uint8Array(s)).toString("base64");

/** Validates the CLI's input in this process through a WebCrypto that records every call it serves. */
export async function recordCalls(): Promise<Call[]> {
  const subtle = globalThis.crypto.subtle;
  const calls: Call[] = [];
  const keys = new Map<CryptoKey, number>();
  const recorder = {
    digest: (alg: AlgorithmIdentifier, data: BufferSource) => {
      calls.push({ op: "digest", alg, data: b64(data) });
      return subtle.digest(alg, data);
    },
    importKey: async (format: "spki" | "raw" | "jwk", key: BufferSource | JsonWebKey, alg: RsaHashedImportParams | EcKeyImportParams, ext: boolean, usages: KeyUsage[]) => {
      const index = calls.length;
      const jwk = format === "jwk";
      calls.push({ op: "importKey", format, key: jwk ? (key as JsonWebKey) : b64(key as BufferSource), alg, usages });
      const k = jwk
        ? await subtle.importKey("jwk", key as JsonWebKey, alg, ext, usages)
        : await subtle.importKey(format, key as BufferSource, alg, ext, usages);
      keys.set(k, index);
      return k;
    },
    verify: (alg: AlgorithmIdentifier, key: CryptoKey, signature: BufferSource, data: BufferSource) => {
      calls.push({ op: "verify", alg, keyIndex: keys.get(key)!, signature: b64(signature), data: b64(data) });
      return subtle.verify(alg, key, signature, data);
    },
  };
  const crypto = { subtle: recorder, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
  const trustList = loadTrustList(JSON.parse(readFileSync(join(root, TRUST_LIST), "utf8")));
  await validate(readFileSync(join(root, FILE)), { trustList, now: new Date(NOW), crypto });
  return calls;
}

// Replays the recorded calls in order (argv: the calls' JSON file, then the two input files).
const REPLAY = `
const { readFileSync } = require("node:fs");
const calls = JSON.parse(readFileSync(process.argv[1], "utf8"));
readFileSync(process.argv[2]);
readFileSync(process.argv[3], "utf8");
const subtle = globalThis.crypto.subtle;
const bytes = (s) => Buffer.from(s, "base64");
(async () => {
  const keys = [];
  for (const [i, c] of calls.entries()) {
    if (c.op === "digest") await subtle.digest(c.alg, bytes(c.data));
    else if (c.op === "importKey") keys[i] = await subtle.importKey(c.format, c.format === "jwk" ? c.key : bytes(c.key), c.alg, false, c.usages);
    else if (!(await subtle.verify(c.alg, keys[c.keyIndex], bytes(c.signature), bytes(c.data)))) throw new Error("replayed verify failed");
  }
  process.stdout.write("done\\n");
})();
`;

/**
 * Runs the CLI, a bare Node and the crypto floor `runs` times each, interleaved, after one untimed run of each;
 * `null` when the CLI is not built.
 */
export async function measureCliColdStart(runs = 15): Promise<CliTiming | null> {
  if (!existsSync(`${root}dist/cli/main.js`)) return null;
  const dir = mkdtempSync(join(tmpdir(), "decree130-cli-"));
  try {
    const callsFile = join(dir, "calls.json");
    writeFileSync(callsFile, JSON.stringify(await recordCalls()));
    const floorArgs = ["-e", REPLAY, callsFile, FILE, TRUST_LIST];
    const once = (args: readonly string[], verdictExit = false): number => {
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: root, stdio: "ignore" });
      // The CLI's exit codes 0-2 are verdicts (interfaces.md); anything else means the run failed.
      if (r.status === null || r.status > (verdictExit ? 2 : 0)) throw new Error(`${args[0]} exited with ${r.status ?? r.signal}`);
      return performance.now() - t;
    };
    once(ARGS, true);
    once(["-e", "0"]);
    once(floorArgs);
    const cli: number[] = [];
    const bare: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      cli.push(once(ARGS, true));
      bare.push(once(["-e", "0"]));
      floor.push(once(floorArgs));
    }
    const ms = (n: number): number => Number(n.toFixed(1));
    return {
      command: CLI_COMMAND,
      runs,
      medianMs: ms(median(cli)),
      minMs: ms(Math.min(...cli)),
      bareNodeMedianMs: ms(median(bare)),
      cryptoFloorMedianMs: ms(median(floor)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
