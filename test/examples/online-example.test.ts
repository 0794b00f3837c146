// `npm run example:online` as a new user runs it: the example starts a local test CA, prints two commands, and each
// command gives what the example says (refused on loopback: exit 2; allowed: SECURE, exit 0).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, requireBuilt, root, runAsync } from "../cli/run-cli.js";

let example: ChildProcess | undefined;
let refused: string[] = [];
let allowed: string[] = [];

beforeAll(async () => {
  requireBuilt();
  const child = spawn(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "examples/online/serve.ts")], { stdio: ["ignore", "pipe", "pipe"] });
  example = child;
  const printed = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`the example did not start: ${seen}`)), 20_000);
    child.stdout!.on("data", (c: Buffer) => {
      seen += c.toString();
      if (seen.includes("Ctrl+C")) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
    child.stderr!.on("data", (c: Buffer) => (seen += c.toString()));
    child.once("exit", (code) => reject(new Error(`the example exited (${code}): ${seen}`)));
  });
  const commands = printed.split("\n").filter((l) => l.trim().startsWith("npx decree130 verify"));
  // "npx decree130" is the installed bin: run the built one with the same arguments.
  [refused, allowed] = commands.map((l) => l.trim().split(/\s+/).slice(2)) as [string[], string[]];
}, 30_000);

afterAll(() => {
  example?.kill("SIGINT");
});

describe("examples/online", () => {
  it("prints the two commands, and each does what it says", async () => {
    expect(bin).toContain("dist");
    expect(refused).toContain("--online");
    expect(allowed).toContain("--allow-private-network");
    const r1 = await runAsync(refused);
    expect(r1.code).toBe(2);
    expect(r1.stdout).toContain("FETCH_REFUSED");
    const r2 = await runAsync(allowed);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain("AN TOÀN (SECURE)");
  });
});
