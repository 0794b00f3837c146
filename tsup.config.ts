import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Plugin } from "esbuild";
import { defineConfig } from "tsup";

/**
 * Source maps only on request (`DECREE130_SOURCEMAP=1 npm run build`, for profiling): the package does not ship them,
 * and a `sourceMappingURL` comment pointing at a file that is not there only makes debuggers and bundlers complain.
 */
const SOURCEMAP = process.env["DECREE130_SOURCEMAP"] === "1";

const CLI_OUT = "dist/cli";

/** The built-in trust list's data, which the CLI bundle requires (lazily) from a file of its own. */
const VN_DATA = { source: "src/trust/vn/data.json", file: "vn-data.json" };

/**
 * Leaves the built-in trust list's data out of the CLI bundle: every start reads, compares and decodes the bundle, and
 * the data would double its size, for the runs without --trust-list only. Its code stays in the bundle.
 */
const vnDataOutside: Plugin = {
  name: "vn-data-outside",
  setup(build) {
    build.onResolve({ filter: /^\.\/data\.json$/ }, (args) =>
      args.importer.replaceAll("\\", "/").endsWith("/src/trust/vn/index.ts") ? { path: `./${VN_DATA.file}`, external: true } : undefined,
    );
  },
};

/**
 * Runs of the CLI whose compiled functions go into its code cache: the common verify paths (ECDSA and RSA, with and
 * without revocation evidence, text and JSON) and a signed PDF. The built-in list is left out: its data would make the
 * cache larger for every run.
 */
const WARM_UP_RUNS: readonly (readonly string[])[] = [
  ["verify", "test/fixtures/openssl/sig/secure-attached-ecdsa.p7s", "--trust-list", "test/fixtures/openssl/trust-list.json",
    "--now", "2025-06-01T00:00:00Z"],
  ["verify", "test/fixtures/openssl/sig/secure-attached-rsa.p7s", "--trust-list", "test/fixtures/openssl/trust-list.json",
    "--crl", "test/fixtures/openssl/crl/gov-sub-ca.crl", "--crl", "test/fixtures/openssl/crl/gov-root.crl",
    "--now", "2025-06-01T00:00:00Z", "--json"],
  // A signed PDF (the bundled demo contract: two signatures, a document timestamp, a DSS), so that a PDF's first run
  // deserialises the PDF reader instead of compiling it.
  ["verify", "examples/demo/contract.pdf", "--trust-list", "examples/demo/contract-trust-list.json",
    "--crl", "examples/demo/contract-public-ca.crl", "--crl", "examples/demo/contract-national-root.crl",
    "--now", "2025-07-01T00:00:00Z"],
];

// Runs in a fresh Node (argv: the launcher, the runs as JSON): runs the bundle once per run, each to its end, then
// writes the cache and exits 0; exits 1, writing nothing, unless every run ended with a verdict (exit code 0, 1 or 2).
const WRITE_CACHE = `
const { compileCli, runCli, writeCodeCache, CLI_BUNDLE } = require(process.argv[1]);
const runs = JSON.parse(process.argv[2]);
const compiled = compileCli(false);
let started = 0;
let passed = 0;
const next = () => {
  process.argv = [process.argv[0], CLI_BUNDLE, ...runs[started++]];
  process.exitCode = undefined;
  runCli(compiled.script);
};
process.on("beforeExit", () => {
  if (passed < started && (process.exitCode ?? 0) <= 2) passed++;
  if (passed === started && started < runs.length) next();
});
process.on("exit", () => {
  const ok = passed === runs.length;
  if (ok) writeCodeCache(compiled);
  process.exitCode = ok ? 0 : 1;
});
next();
`;

/**
 * Makes the CLI's folder a CommonJS one and writes the CLI's code cache (see src/cli/launch.ts). Without a cache the CLI
 * works the same, only slower: a failed warm-up is a warning here (test/cli/launch.test.ts fails on it).
 */
export async function finishCli(outDir: string): Promise<void> {
  rmSync(`${outDir}/cli.js.cache`, { force: true });
  writeFileSync(`${outDir}/package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);
  copyFileSync(VN_DATA.source, `${outDir}/${VN_DATA.file}`);
  // The launcher compiles the bundle as a script, where import() has no loader.
  if (readFileSync(`${outDir}/cli.js`, "utf8").includes("import(")) throw new Error(`${outDir}/cli.js must not use import()`);
  const files = WARM_UP_RUNS.flatMap((args) => args.filter((a) => a.startsWith("test/") || a.startsWith("examples/")));
  if (!files.every((f) => existsSync(f))) {
    console.warn("CLI code cache not written: the test fixtures are missing (the CLI works without it, only slower)");
    return;
  }
  // A plain `node`: V8 rejects a cache made under other flags.
  const env = { ...process.env };
  delete env["NODE_OPTIONS"];
  const r = spawnSync(process.execPath, ["-e", WRITE_CACHE, `./${outDir}/main.js`, JSON.stringify(WARM_UP_RUNS)], { env, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) console.warn(`CLI code cache not written: a warm-up run gave no verdict (${r.status ?? r.signal})`);
}


export default defineConfig([
  {
    // The Node-only test server (decree130/testing/server) is built here too, so it shares the testing kit's chunks
    // instead of carrying a copy; its `node:` imports stay imports, and only its declarations need Node's types.
    entry: {
      index: "src/index.ts",
      "fetch/index": "src/fetch/index.ts",
      "testing/index": "src/testing/index.ts",
      "testing/server/index": "src/testing/server/index.ts",
      "trust/vn/index": "src/trust/vn/index.ts",
      "xml/index": "src/formats/xml/index.ts",
      "pdf/index": "src/formats/pdf/index.ts",
    },
    format: ["esm"],
    platform: "neutral",
    target: "es2022",
    external: [/^node:/],
    dts: { compilerOptions: { types: ["node"] } },
    clean: true,
    sourcemap: SOURCEMAP,
    splitting: true,
    treeshake: true,
  },
  {
    // Its own folder, so its files never mix with the library's (which the first build cleans). CommonJS (the folder
    // gets its own package.json) and one bundle run from a V8 code cache by a small launcher: see src/cli/launch.ts.
    // The built-in trust list stays lazy: the bundle evaluates it only when no --trust-list is given.
    entry: { main: "src/cli/launch.ts", cli: "src/cli/main.ts" },
    outDir: CLI_OUT,
    format: ["cjs"],
    outExtension: () => ({ js: ".js" }),
    platform: "node",
    target: "node20",
    dts: false,
    clean: false,
    sourcemap: SOURCEMAP,
    minify: true,
    splitting: false,
    banner: { js: "#!/usr/bin/env node" },
    esbuildPlugins: [vnDataOutside],
    onSuccess: () => finishCli(CLI_OUT),
  },
]);
