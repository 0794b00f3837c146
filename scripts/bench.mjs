// `npm run bench`: bundles bench/run.ts the way the package is built (esbuild, ESM, no development-time transforms such
// as tsx's name keeping) and runs it, so the numbers are those of the code users get. Dependencies stay external.
import { spawnSync } from "node:child_process";
import { build } from "esbuild";

const outfile = "bench/run.bundle.mjs"; // beside run.ts, so its relative file URLs still resolve
await build({
  entryPoints: ["bench/run.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // A script with its own command-line entry and paths relative to itself: imported as it is, not bundled.
  external: ["../scripts/bundle-size.mjs"],
  outfile,
  logLevel: "warning",
});
// --expose-gc: bench/measure.ts collects garbage before each timed round.
const run = spawnSync(process.execPath, ["--expose-gc", outfile, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
