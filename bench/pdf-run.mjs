// One measurement in a fresh Node process (started by bench/pdf.ts): reads a PDF and runs scanPdf or validatePdf on
// the built package, then prints the in-process time and the heap/RSS high-water mark as JSON.
//   node bench/pdf-run.mjs scan|validate <file.pdf> <trust-list.json>
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadTrustList } from "../dist/index.js";
import { scanPdf, validatePdf } from "../dist/pdf/index.js";

const [mode, file, trust] = process.argv.slice(2);
// A Buffer is a Uint8Array: no copy, so the peak shows what the library itself holds.
const bytes = readFileSync(file);
const trustList = loadTrustList(readFileSync(trust, "utf8"));
const start = performance.now();
const result =
  mode === "scan"
    ? await scanPdf(bytes)
    : await validatePdf(bytes, { trustList, now: new Date("2025-07-01T00:00:00Z"), policy: { revocation: "ignore" } });
const ms = performance.now() - start;
const signatures = result.signatures.length;
const verdict = mode === "scan" ? null : result.document.code;
console.log(JSON.stringify({ ms, signatures, verdict, rss: process.memoryUsage().rss }));
