// `npm run conformance`: runs the public suites (test/corpora/suites, or CONFORMANCE_SUITES) against this library,
// prints `agree / disagree / skipped / hung` per suite, every skip reason once, every disagreement, and writes
// conformance/results.json. Pass suite names as arguments to run only those (the other suites' results are kept).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { SuiteResult } from "./lib.js";
import { runDssCades } from "./suites/dss-cades.js";
import { runLimbo } from "./suites/limbo.js";
import { runPdfAttacks } from "./suites/pdf-attacks.js";
import { runPkits } from "./suites/pkits.js";
import { runWycheproof } from "./suites/wycheproof.js";
import { runXmlXsw } from "./suites/xml-xsw.js";

const SUITES: Readonly<Record<string, () => Promise<SuiteResult>>> = {
  pkits: runPkits,
  "x509-limbo": () => runLimbo("limbo.json"),
  "x509-limbo-2023": () => runLimbo("limbo-upstream-2023-12-02-ddc40b4.json"),
  wycheproof: runWycheproof,
  "dss-cades": runDssCades,
  "xml-xsw": runXmlXsw,
  "pdf-attacks": runPdfAttacks,
};

const NOT_JUDGED = new Set(["skipped", "SKIPPED", "hung"]);
const ANY_OUTCOME = new Set(["acceptable", "report-or-typed-error"]);

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in SUITES));
if (unknown.length > 0) throw new Error(`unknown suite(s) ${unknown.join(", ")}; known: ${Object.keys(SUITES).join(", ")}`);
const file = new URL("./results.json", import.meta.url);
const previous = wanted.length > 0 && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { suites: Record<string, SuiteResult> }).suites : {};
const results: Record<string, SuiteResult> = { ...previous };
for (const [name, run] of Object.entries(SUITES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const r = await run();
  results[name] = r;
  console.log(`${name.padEnd(16)} total ${r.total}  agree ${r.agree} / disagree ${r.disagree} / skipped ${r.skipped} / hung ${r.hung}  (slowest case ${r.maxMs} ms)`);
  const reasons = new Map<string, number>();
  for (const c of r.cases) if (NOT_JUDGED.has(c.actual) && c.actual !== "hung") reasons.set(c.reason ?? "", (reasons.get(c.reason ?? "") ?? 0) + 1);
  for (const [reason, n] of reasons) console.log(`  skipped ${n}: ${reason}`);
  for (const c of r.cases) {
    if (c.actual === "hung") console.log(`  HUNG ${c.id} (${c.ms} ms)`);
    else if (!NOT_JUDGED.has(c.actual) && !ANY_OUTCOME.has(c.expected) && c.actual !== c.expected) {
      console.log(`  DISAGREE ${c.id}: expected ${c.expected}, got ${c.actual}${c.reason ? ` (${c.reason})` : ""}`);
    } else if (c.expected === "report-or-typed-error" && c.actual === "untyped-error") console.log(`  DISAGREE ${c.id}: ${c.reason}`);
  }
}
// One case per line: diffs of the file stay readable.
const ordered = Object.fromEntries(Object.keys(SUITES).filter((k) => k in results).map((k) => [k, results[k]!]));
const body = Object.entries(ordered)
  .map(([name, r]) => {
    const { cases, ...counts } = r;
    const lines = cases.map((c) => `    ${JSON.stringify(c)}`).join(",\n");
    return `  ${JSON.stringify(name)}: { ${JSON.stringify(counts).slice(1, -1)}, "cases": [\n${lines}\n  ] }`;
  })
  .join(",\n");
writeFileSync(file, `{ "suites": {\n${body}\n} }\n`);
console.log(`wrote ${file.pathname}`);
