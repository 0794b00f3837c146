// CI gate: fails when a suite in conformance/results.json falls below conformance/baseline.json (fewer agreements, more
// disagreements or hangs, or fewer cases run). `--update` rewrites the baseline from the results.
import { readFileSync, writeFileSync } from "node:fs";

interface Counts {
  readonly total: number;
  readonly agree: number;
  readonly disagree: number;
  readonly skipped: number;
  readonly hung: number;
}

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8")) as T;
const results = read<{ suites: Record<string, Counts> }>("./results.json").suites;

if (process.argv.includes("--update")) {
  const baseline = Object.fromEntries(
    Object.entries(results).map(([k, r]) => [k, { total: r.total, agree: r.agree, disagree: r.disagree, skipped: r.skipped, hung: r.hung }]),
  );
  writeFileSync(new URL("./baseline.json", import.meta.url), `${JSON.stringify({ suites: baseline }, null, 2)}\n`);
  console.log("baseline updated");
  process.exit(0);
}

const baseline = read<{ suites: Record<string, Counts> }>("./baseline.json").suites;
const failures: string[] = [];
for (const [name, base] of Object.entries(baseline)) {
  const now = results[name];
  if (!now) {
    failures.push(`${name}: no results (run the suite)`);
    continue;
  }
  if (now.total < base.total) failures.push(`${name}: ${now.total} cases run, baseline ${base.total}`);
  if (now.agree < base.agree) failures.push(`${name}: ${now.agree} agree, baseline ${base.agree}`);
  if (now.disagree > base.disagree) failures.push(`${name}: ${now.disagree} disagree, baseline ${base.disagree}`);
  if (now.hung > base.hung) failures.push(`${name}: ${now.hung} hung, baseline ${base.hung}`);
  if (now.skipped > base.skipped) failures.push(`${name}: ${now.skipped} skipped, baseline ${base.skipped}`);
}
if (failures.length > 0) {
  console.error(`conformance below baseline:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`conformance at or above baseline for ${Object.keys(baseline).length} suites`);
