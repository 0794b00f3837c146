// Every input the CLI reads, given every kind of bad file: the run ends promptly with exit 3 (the signature file) or
// 64 (an option's file), names the option and the file, and never exits 70, hangs, or reads without a limit. Before,
// /dev/zero grew to gigabytes and died (exit 134), a FIFO without a writer blocked forever, and a symlink loop or a
// too-long name given to an option exited 70 ("internal error").
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, fx, requireBuilt, runAsync, type Run } from "./run-cli.js";

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "decree130-bad-files-"));
const at = (name: string): string => join(dir, name);
const SIGNATURE = fx("sig/secure-attached-ecdsa.p7s");
const TRUST_LIST = fx("trust-list.json");

/** Each input: how to give it a file, and the size limit the CLI documents for it (docs/cli.md). */
const INPUTS: readonly { readonly option: string; readonly limit: number; readonly args: (file: string) => string[] }[] = [
  { option: "<file>", limit: 32 * MiB, args: (f) => ["verify", f, "--trust-list", TRUST_LIST, "--now", "2025-06-01T00:00:00Z"] },
  { option: "--content", limit: 2048 * MiB, args: (f) => ["verify", SIGNATURE, ...BASE, "--content", f] },
  { option: "--crl", limit: 32 * MiB, args: (f) => ["verify", SIGNATURE, ...BASE, "--crl", f] },
  { option: "--ocsp", limit: 32 * MiB, args: (f) => ["verify", SIGNATURE, ...BASE, "--ocsp", f] },
  { option: "--cert", limit: 32 * MiB, args: (f) => ["verify", SIGNATURE, ...BASE, "--cert", f] },
  { option: "--trust-list", limit: 16 * MiB, args: (f) => ["verify", SIGNATURE, "--trust-list", f, "--now", "2025-06-01T00:00:00Z"] },
  { option: "--policy", limit: 1 * MiB, args: (f) => ["verify", SIGNATURE, ...BASE, "--policy", f] },
];

const isLinux = process.platform === "linux";
const isRoot = process.getuid?.() === 0;

/** Each kind of bad file: a path and what the CLI must call it (`--json` error code). */
const KINDS: readonly { readonly kind: string; readonly file: (limit: number) => string; readonly code: string; readonly skip?: string }[] = [
  { kind: "a missing file", file: () => at("khong-ton-tai.bin"), code: "INPUT_UNREADABLE" },
  { kind: "a directory", file: () => dir, code: "INPUT_UNREADABLE" },
  { kind: "a FIFO without a writer", file: () => at("fifo"), code: "INPUT_UNREADABLE", ...(isLinux ? {} : { skip: "mkfifo needs Linux" }) },
  { kind: "/dev/zero", file: () => "/dev/zero", code: "INPUT_UNREADABLE", ...(isLinux ? {} : { skip: "no /dev/zero" }) },
  { kind: "/dev/urandom", file: () => "/dev/urandom", code: "INPUT_UNREADABLE", ...(isLinux ? {} : { skip: "no /dev/urandom" }) },
  { kind: "a socket", file: () => at("socket"), code: "INPUT_UNREADABLE", ...(isLinux ? {} : { skip: "Unix sockets need Linux" }) },
  { kind: "a symlink loop", file: () => at("loop-a"), code: "INPUT_UNREADABLE" },
  { kind: "a name too long", file: () => at("x".repeat(300)), code: "INPUT_UNREADABLE" },
  { kind: "a path through a file", file: () => join(fx("content.txt"), "x"), code: "INPUT_UNREADABLE" },
  {
    kind: "a file without read permission",
    file: () => at("no-read"),
    code: "INPUT_UNREADABLE",
    ...(isRoot ? { skip: "root reads any file, so permission cannot be denied" } : {}),
  },
  { kind: "a file one byte over the limit", file: (limit) => oversize(limit), code: "INPUT_TOO_LARGE" },
];

/** A sparse file of `limit + 1` bytes: refused from its size, so nothing is read and no disk is used. */
function oversize(limit: number): string {
  const path = at(`over-${limit}.bin`);
  if (!existsSync(path)) {
    writeFileSync(path, "");
    truncateSync(path, limit + 1);
  }
  return path;
}

let server: Server | undefined;

beforeAll(async () => {
  requireBuilt();
  mkdirSync(dir, { recursive: true });
  symlinkSync(at("loop-b"), at("loop-a"));
  symlinkSync(at("loop-a"), at("loop-b"));
  writeFileSync(at("no-read"), "{}");
  chmodSync(at("no-read"), 0o000);
  if (isLinux) {
    execFileSync("mkfifo", [at("fifo")]);
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(at("socket"), resolve));
  }
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a few at a time: each spawns a Node process. */
async function runAll(jobs: readonly (() => Promise<Run>)[]): Promise<Run[]> {
  const out: Run[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return out;
}

describe.each(KINDS)("$kind", ({ file, code, skip }) => {
  it.skipIf(skip !== undefined)(`is refused for every input, promptly, naming it (skipped only when: ${skip ?? "never"})`, async () => {
    const runs = await runAll(INPUTS.flatMap((input) => {
      const path = file(input.limit);
      return [() => runAsync([...input.args(path), "--lang", "en"]), () => runAsync([...input.args(path), "--json"])];
    }));
    INPUTS.forEach((input, i) => {
      const path = file(input.limit);
      const [text, json] = [runs[2 * i]!, runs[2 * i + 1]!];
      const expectedExit = input.option === "<file>" ? 3 : 64;
      const what = `${input.option} ${path.slice(0, 80)}`;
      expect({ what, signal: text.signal, code: text.code }).toEqual({ what, signal: null, code: expectedExit });
      expect({ what, signal: json.signal, code: json.code }).toEqual({ what, signal: null, code: expectedExit });
      expect(text.stderr, what).toContain(path.slice(0, 100));
      expect(text.stderr, what).toContain(`[${code}]`);
      expect(text.stderr, what).not.toMatch(/internal error|\n\s+at /);
      const error = (JSON.parse(json.stdout) as { error: Record<string, unknown> }).error;
      expect(error, what).toMatchObject({ code, file: path, ...(input.option === "<file>" ? {} : { option: input.option }) });
    });
  }, 120_000);
});

describe("contents the library refuses", () => {
  it("names the option and the file, exit 64, for a --crl, --ocsp, --cert, --trust-list or --policy that does not decode", async () => {
    const garbage = at("garbage.bin");
    writeFileSync(garbage, "HỢP ĐỒNG — không phải CRL, OCSP hay chứng thư\n");
    const expected: Record<string, string> = {
      "--crl": "MALFORMED_CRL",
      "--ocsp": "MALFORMED_OCSP",
      "--cert": "MALFORMED_CERTIFICATE",
      "--trust-list": "TRUST_LIST_INVALID",
      "--policy": "POLICY_INVALID",
    };
    const inputs = INPUTS.filter((i) => i.option in expected);
    const runs = await runAll(inputs.map((i) => () => runAsync([...i.args(garbage), "--json"])));
    inputs.forEach((input, k) => {
      expect(runs[k]!.code, input.option).toBe(64);
      expect(JSON.parse(runs[k]!.stdout).error, input.option).toMatchObject({ code: expected[input.option], option: input.option, file: garbage });
    });
  }, 60_000);

  it("refuses a trust list or policy that is not UTF-8 text", async () => {
    const latin1 = at("latin1.json");
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    for (const input of INPUTS.filter((i) => i.option === "--trust-list" || i.option === "--policy")) {
      const r = await runAsync([...input.args(latin1), "--lang", "en"]);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain("not UTF-8 text");
    }
  });
});
