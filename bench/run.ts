/**
 * `npm run bench`: decree130 against the raw WebCrypto floor and pkijs 4, in one process, side by side.
 * Writes bench/results.json. A benchmark, not a test: nothing here passes or fails on time.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg, platform, arch } from "node:os";
import { createValidationCache, validate, validateMany, type ValidationCache } from "../src/index.js";
import { decodeSignedData } from "../src/input/cms.js";
import { DEFAULT_LIMITS } from "../src/input/limits.js";
import { measureCliColdStart } from "./cli.js";
import { floorCase, runColdFloor, runFloor, type FloorCase } from "./floor.js";
import { makePki, makeSignatures, NOW, type BenchAlg, type BenchPki, type BenchSignature, type BenchSize } from "./inputs.js";
import { pool, race, WARMUP_MS } from "./measure.js";
import { measureMemory } from "./memory-driver.js";
import { pkijsContext, pkijsData, runPkijs } from "./pkijs.js";
import { bundleGzipBytes } from "../scripts/bundle-size.mjs";

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 7);
const BATCH = Number(process.env["BENCH_BATCH"] ?? 1000);
const SIGNERS = 20;
const CONCURRENCY = 8;
const SIZES: Record<BenchSize, number> = { "1KiB": 1024, "1MiB": 1024 * 1024 };

interface Case {
  alg: BenchAlg;
  size: BenchSize;
  mode: "warm" | "cold" | "batch";
  opsPerSec: number;
  msPerOp: number;
  ratioToFloor: number;
  speedupOverPkijs: number;
  floorMs: number;
  floorDefinition: string;
  pkijsMsPerOp: number;
  floors: Record<string, number>;
}

function expectSecure(verdict: string | undefined): void {
  if (verdict !== "SECURE") throw new Error(`bench input judged ${verdict}, expected SECURE`);
}

/** One full validation; without `cache`, a first validation as a one-off call makes it (nothing kept, nothing copied). */
async function validateOne(pki: BenchPki, s: BenchSignature, cache?: ValidationCache): Promise<void> {
  const options = { trustList: pki.trustList, content: s.content, crls: pki.crls, now: NOW };
  const r = await validate(s.cms, cache ? { ...options, cache } : options);
  expectSecure(r.signatures[0]?.verdict);
}

const round = (n: number, d = 3): number => Number(n.toFixed(d));

async function singleCases(pki: BenchPki, size: BenchSize): Promise<Case[]> {
  const count = size === "1KiB" ? 40 : 8;
  // Timed rounds of 50–200 ms for the fast contenders, so one collection or one slow wake-up of WebCrypto's worker
  // threads does not decide a round; pkijs, 20–40× slower, goes over the signatures once per round.
  const repeat = size === "1KiB" ? 10 : 3;
  const sigs = await makeSignatures(pki, SIZES[size], count, size === "1KiB" ? 1 : 2);
  const floors: FloorCase[] = await Promise.all(sigs.map((s) => floorCase(pki, s)));
  const ctx = pkijsContext(pki);
  const data = sigs.map(pkijsData);
  const warmCache = createValidationCache();
  const over = async (fn: (i: number) => Promise<void>, times = repeat): Promise<number> => {
    for (let k = 0; k < times; k++) for (let i = 0; i < count; i++) await fn(i);
    return count * times;
  };
  const alg = pki.alg;
  // Three races, each against its floors: warm, pkijs, cold. A service runs one validator, and either keeps a cache or
  // does not; rounds of one between rounds of another would only measure how they disturb each other's compiled code
  // and heap (pkijs rounds between warm ones slowed warm rounds by 20-45% on this machine).
  const warmRace = await race(
    [
      { name: "floor1", round: () => over((i) => runFloor(alg, floors[i]!, 1)) },
      { name: "floor3", round: () => over((i) => runFloor(alg, floors[i]!, 3)) },
      { name: "floor5", round: () => over((i) => runFloor(alg, floors[i]!, 5)) },
      { name: "warm", round: () => over((i) => validateOne(pki, sigs[i]!, warmCache)) },
    ],
    ROUNDS,
  );
  const pkijsRace = await race(
    [
      { name: "pkijsFloor3", round: () => over((i) => runFloor(alg, floors[i]!, 3)) },
      { name: "pkijs", round: () => over((i) => runPkijs(ctx, sigs[i]!, data[i]!), 1) },
    ],
    ROUNDS,
  );
  const coldRace = await race(
    [
      { name: "coldFloor", round: () => over((i) => runColdFloor(alg, floors[i]!)) },
      { name: "cold", round: () => over((i) => validateOne(pki, sigs[i]!)) },
    ],
    ROUNDS,
  );
  const t = new Map([...warmRace, ...pkijsRace, ...coldRace]);
  const ms = (k: string): number => t.get(k)!;
  const floorsMs = {
    "hash+1verify": round(ms("floor1"), 4),
    "hash+3verify": round(ms("floor3"), 4),
    "hash+5verify": round(ms("floor5"), 4),
    "hash+5verify+3import": round(ms("coldFloor"), 4),
    "hash+3verify, pkijs race": round(ms("pkijsFloor3"), 4),
  };
  const make = (mode: "warm" | "cold", floorKey: string, floorDefinition: string): Case => ({
    alg,
    size,
    mode,
    opsPerSec: round(1000 / ms(mode), 1),
    msPerOp: round(ms(mode), 4),
    ratioToFloor: round(ms(mode) / ms(floorKey)),
    speedupOverPkijs: round(ms("pkijs") / ms(mode), 2),
    floorMs: round(ms(floorKey), 4),
    floorDefinition,
    pkijsMsPerOp: round(ms("pkijs"), 4),
    floors: floorsMs,
  });
  return [
    make("warm", "floor3", "SHA-256 of the content + 3 verifies (CMS, signer cert, sub-CA cert), keys imported"),
    make("cold", "coldFloor", "SHA-256 + 5 verifies (CMS, 2 certs, 2 CRLs) + 3 fresh key imports (one per certificate)"),
  ];
}

async function batchCase(pki: BenchPki): Promise<Case> {
  const sigs = await makeSignatures(pki, 1024, BATCH, 3);
  const floors = await Promise.all(sigs.map((s) => floorCase(pki, s)));
  const ctx = pkijsContext(pki);
  const data = sigs.map(pkijsData);
  const inputs = sigs.map((s) => ({ input: s.cms, options: { content: s.content } }));
  const alg = pki.alg;
  const t = await race(
    [
      {
        name: "floor3",
        round: async () => (await pool(floors, CONCURRENCY, (c) => runFloor(alg, c, 3)), BATCH),
      },
      {
        name: "batch",
        round: async () => {
          // A fresh cache per round: the batch pays for importing its 20 signers' and 2 CAs' keys.
          const results = await validateMany(inputs, { trustList: pki.trustList, crls: pki.crls, now: NOW, concurrency: CONCURRENCY });
          for (const r of results) expectSecure(r.ok ? r.report.signatures[0]?.verdict : String(r.error));
          return BATCH;
        },
      },
    ],
    Math.max(3, Math.ceil(ROUNDS / 2)),
  );
  // pkijs in its own race, as in singleCases.
  const p = await race(
    [{ name: "pkijs", round: async () => (await pool(sigs.map((_, i) => i), CONCURRENCY, (i) => runPkijs(ctx, sigs[i]!, data[i]!)), BATCH) }],
    Math.max(3, Math.ceil(ROUNDS / 2)),
  );
  const ms = (k: string): number => t.get(k) ?? p.get(k)!;
  return {
    alg,
    size: "1KiB",
    mode: "batch",
    opsPerSec: round(1000 / ms("batch"), 1),
    msPerOp: round(ms("batch"), 4),
    ratioToFloor: round(ms("batch") / ms("floor3")),
    speedupOverPkijs: round(ms("pkijs") / ms("batch"), 2),
    floorMs: round(ms("floor3"), 4),
    floorDefinition: `SHA-256 + 3 verifies per signature, keys imported, ${CONCURRENCY} in flight`,
    pkijsMsPerOp: round(ms("pkijs"), 4),
    floors: { "hash+3verify": round(ms("floor3"), 4) },
  };
}

function parseMicros(sig: BenchSignature): number {
  const n = 2000;
  const until = performance.now() + WARMUP_MS;
  while (performance.now() < until) for (let i = 0; i < 200; i++) decodeSignedData(sig.cms, DEFAULT_LIMITS);
  const samples: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) decodeSignedData(sig.cms, DEFAULT_LIMITS);
    samples.push(((performance.now() - t) / n) * 1000);
  }
  return samples.sort((a, b) => a - b)[3]!;
}

function table(cases: readonly Case[]): string {
  const rows = cases.map(
    (c) =>
      `${c.alg.padEnd(9)} ${c.size.padEnd(5)} ${c.mode.padEnd(5)} ${c.opsPerSec.toFixed(0).padStart(7)} ops/s ${c.msPerOp.toFixed(3).padStart(8)} ms ` +
      `floor ${c.floorMs.toFixed(3).padStart(7)} ms  ×${c.ratioToFloor.toFixed(2)} floor  pkijs ${c.pkijsMsPerOp.toFixed(2).padStart(6)} ms  ${c.speedupOverPkijs.toFixed(1)}× faster`,
  );
  return rows.join("\n");
}

const started = Date.now();
const machine = {
  node: process.version,
  platform: `${platform()} ${arch()}`,
  cpu: cpus()[0]?.model ?? "unknown",
  cpus: cpus().length,
  loadAverageAtStart: loadavg().map((l) => round(l, 2)),
  date: new Date().toISOString(),
  rounds: ROUNDS,
  warmupMsPerContender: WARMUP_MS,
};
console.log(`decree130 bench — ${machine.node}, ${machine.cpus}× ${machine.cpu}, load ${machine.loadAverageAtStart.join(" ")}`);
const cases: Case[] = [];
const parse: Record<string, { cmsBytes: number; certificates: number; microsPerParse: number }> = {};
const parseInputs: [BenchAlg, BenchSignature][] = [];
for (const alg of ["RSA-2048", "P-256"] as const) {
  const pki = await makePki(alg, SIGNERS);
  const [one] = await makeSignatures(pki, 1024, 1, 9);
  parseInputs.push([alg, one!]);
  for (const size of ["1KiB", "1MiB"] as const) {
    const got = await singleCases(pki, size);
    cases.push(...got);
    console.log(table(got));
  }
  const b = await batchCase(pki);
  cases.push(b);
  console.log(table([b]));
}
// Parsing is timed last, for both algorithms alike, once the decoder has run thousands of times in the cases above
// (timed first, the first algorithm's parse measured a colder decoder than the second's).
for (const [alg, one] of parseInputs) {
  parse[alg] = { cmsBytes: one.cms.length, certificates: 3, microsPerParse: round(parseMicros(one), 1) };
}
for (const [alg, p] of Object.entries(parse)) console.log(`parse ${alg}: CMS of ${p.cmsBytes} bytes, 3 certificates: ${p.microsPerParse} µs`);
const memory = await measureMemory();
for (const m of memory) console.log(`memory, 100 MiB detached content, ${m.digest}: peak ${m.peakOverContent}× the content size`);
const cli = await measureCliColdStart();
console.log(
  cli
    ? `CLI cold start (decree130 verify, small file): median ${cli.medianMs} ms over ${cli.runs} runs (bare node -e 0: ${cli.bareNodeMedianMs} ms)`
    : "CLI cold start: dist/cli/main.js missing, run npm run build",
);
const bundle = await bundleGzipBytes();
console.log(`bundle: ${bundle} bytes min+gzip`);
const results = { machine, cases, parse, memory, cliColdStart: cli, bundleGzipBytes: bundle, seconds: round((Date.now() - started) / 1000, 1) };
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log("wrote bench/results.json");
