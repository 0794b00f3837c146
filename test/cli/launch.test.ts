// The bin's launcher (src/cli/launch.ts, built to dist/cli/main.js): it runs the bundle from a code cache when, and only
// when, the cache belongs to the bundle's bytes; any other cache, or none, gives the same output from a normal compile.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = join(root, "dist/cli");
const fx = (p: string): string => join(root, "test/fixtures/openssl", p);
const ARGS = ["verify", fx("sig/secure-attached-ecdsa.p7s"), "--trust-list", fx("trust-list.json"), "--crl", fx("crl/public-ca.crl"), "--crl", fx("crl/national-root.crl"),
  "--now", "2025-06-01T00:00:00Z", "--lang", "en"];

/** A plain Node: V8 flags from NODE_OPTIONS would make V8 reject any cache. */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env["NODE_OPTIONS"];
  return env;
}

function run(dir: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, "main.js"), ...ARGS], { encoding: "utf8", env: plainEnv() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Whether V8 took the cache when the launcher in `dir` compiled its bundle (`undefined` when none was offered). */
function cacheAccepted(dir: string): boolean {
  const code = `const l = require(${JSON.stringify(join(dir, "main.js"))}); process.stdout.write(String(l.compileCli(true).script.cachedDataRejected === false));`;
  return spawnSync(process.execPath, ["-e", code], { encoding: "utf8", env: plainEnv() }).stdout === "true";
}

/** A copy of the built CLI folder, to spoil. */
function copy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "decree130-launch-")), "cli");
  cpSync(built, dir, { recursive: true });
  return dir;
}

let expected: ReturnType<typeof run>;

beforeAll(() => {
  if (!existsSync(join(built, "main.js"))) throw new Error("dist/cli/main.js is missing: run `npm run build` first (npm test does)");
  expected = run(built);
});

describe("the CLI launcher", () => {
  it("runs the bundle from the code cache the build wrote", () => {
    expect(existsSync(join(built, "cli.js.cache"))).toBe(true);
    expect(cacheAccepted(built)).toBe(true);
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain("Signature 1/1: SECURE\n");
  });

  it("gives the same output without a cache, and with a corrupt or truncated one", () => {
    const dir = copy();
    const cache = readFileSync(join(dir, "cli.js.cache"));
    // The cache starts with the bundle's length and bytes; V8's data follows.
    const head = 4 + readFileSync(join(dir, "cli.js")).length;
    const spoilt = [
      null,
      Buffer.concat([cache.subarray(0, head), Buffer.alloc(cache.length - head, 0x5a)]),
      cache.subarray(0, head + 8),
      cache.subarray(0, head),
      Buffer.alloc(0),
    ];
    for (const bytes of spoilt) {
      if (bytes === null) rmSync(join(dir, "cli.js.cache"));
      else writeFileSync(join(dir, "cli.js.cache"), bytes);
      expect(cacheAccepted(dir)).toBe(false);
      expect(run(dir)).toEqual(expected);
    }
  });

  it("ignores the cache once the bundle changes, even to bytes of the same length", () => {
    // V8 checks only the source's length: without the launcher's comparison, the old code would run.
    const dir = copy();
    const bundle = join(dir, "cli.js");
    const text = readFileSync(bundle, "utf8");
    const edited = text.replace('"Signature"', '"Signaturf"');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(bundle, edited);
    expect(cacheAccepted(dir)).toBe(false);
    const r = run(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected.stdout.replace("Signature 1/1", "Signaturf 1/1"));
  });
});
