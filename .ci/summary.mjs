// Prints the closing line CI reads ("N passed, N failed") from vitest's JSON reports: one file per vitest run
// (Node, then Chromium and the built package), summed. A missing or unreadable file counts as one failure.
import { readFileSync } from "node:fs";

const files = process.argv.length > 2 ? process.argv.slice(2) : [".vitest-results.json"];
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];
for (const file of files) {
  let results;
  try {
    results = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    failed += 1;
    notes.push(`no test results in ${file}: ${err.message}`);
    continue;
  }
  passed += results.numPassedTests ?? 0;
  // A file that fails to load has no test results of its own: count it once, so it cannot vanish from the total.
  const brokenFiles = (results.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
  failed += (results.numFailedTests ?? 0) + brokenFiles;
  skipped += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped${notes.length ? ` (${notes.join("; ")})` : ""}`);
process.exitCode = notes.length ? 1 : 0;
