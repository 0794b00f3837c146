#!/usr/bin/env node
// Prints the README "Performance" table from bench/results.json (so the README matches a run, never hand-typed numbers).
import { readFileSync } from "node:fs";
import { BUDGET_BYTES } from "../scripts/bundle-size.mjs";

const r = JSON.parse(readFileSync(new URL("./results.json", import.meta.url), "utf8"));
const f = (n, d = 2) => Number(n).toFixed(d);
const lines = [
  `Measured ${r.machine.date.slice(0, 10)} on ${r.machine.node}, ${r.machine.cpus}× ${r.machine.cpu} (load average at start ${r.machine.loadAverageAtStart.join(", ")}), median of ${r.machine.rounds} interleaved rounds (× floor: the median of the rounds' ratios; beside it, their lowest and highest) after ${(r.machine.warmupMsPerContender ?? 0) / 1000} s of warm-up per contender.`,
  "",
  "| Key | Content | Mode | decree130 ops/s | decree130 ms/op | floor ms/op | × floor (rounds' range) | pkijs 4 ms/op | × faster than pkijs |",
  "|---|---|---|---:|---:|---:|---:|---:|---:|",
  ...r.cases.map(
    (c) =>
      `| ${c.alg} | ${c.size} | ${c.mode} | ${f(c.opsPerSec, 0)} | ${f(c.msPerOp, 3)} | ${f(c.floorMs, 3)} | ${f(c.ratioToFloor)} (${f(Math.min(...c.ratioRounds))}–${f(Math.max(...c.ratioRounds))}) | ${f(c.pkijsMsPerOp, 2)} | ${f(c.speedupOverPkijs, 1)} |`,
  ),
  "",
  ...r.cases
    .filter((c) => c.mode === "cold" && c.floors["hash+5verify+3import, JWK/raw imports as decree130 makes them"] !== undefined)
    .map((c) => {
      const fast = c.floors["hash+5verify+3import, JWK/raw imports as decree130 makes them"];
      return `- ${c.alg} ${c.size} cold against a cold floor importing keys as decree130 does (JWK/raw, ${f(fast, 3)} ms/op): ${f(c.msPerOp / fast)}×`;
    }),
  "",
  "| Other measurement | Result |",
  "|---|---|",
  ...Object.entries(r.parse).map(([alg, p]) => `| Parse a ${p.cmsBytes}-byte CMS (${alg}, ${p.certificates} certificates) | ${f(p.microsPerParse, 1)} µs |`),
  ...r.memory.map(
    (m) => `| Peak memory, 100 MiB detached content, ${m.digest === "webcrypto" ? "default WebCrypto digest" : "injected streaming digest (node:crypto)"} | ${f(m.peakOverContent)}× the content |`,
  ),
  ...(r.cliColdStart
    ? [
        `| \`decree130 verify\` cold start, whole process | ${f(r.cliColdStart.medianMs, 0)} ms median |`,
        `| … a bare \`node -e 0\` beside it | ${f(r.cliColdStart.bareNodeMedianMs, 0)} ms median |`,
        `| … a Node process making the same WebCrypto calls on the same file | ${f(r.cliColdStart.cryptoFloorMedianMs, 0)} ms median |`,
      ]
    : []),
  `| Main entry, browser bundle, minified + gzip | ${(r.bundleGzipBytes / 1024).toFixed(1)} KiB (budget ${BUDGET_BYTES / 1024} KiB) |`,
];
console.log(lines.join("\n"));
