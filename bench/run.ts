/**
 * `npm run bench`: decree130 against the raw WebCrypto floor and pkijs 4, in one process, side by side.
 * Writes bench/results.json. A benchmark, not a test: nothing here passes or fails on time.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg, platform, arch } from "node:os";
import { createValidationCache, validate, validateMany, type ValidationCache } from "../src/index.js";
import { decodeSignedData } from "../src/formats/cms/decode.js";
import { DEFAULT_LIMITS } from "../src/model/limits.js";
import { measureCliColdStart } from "./cli.js";
import { floorCase, runColdFloor, runColdFloorFastImport, runFloor, type FloorCase } from "./floor.js";
import { makePki, makeSignatures, NOW, type BenchAlg, type BenchPki, type BenchSignature, type BenchSize } from "./inputs.js";
import { collectGarbage, median, pool, race, WARMUP_MS, type RaceOptions, type RaceResult } from "./measure.js";
import { measureMemory } from "./memory-driver.js";
import { pkijsContext, pkijsData, runPkijs } from "./pkijs.js";
import { bundleGzipBytes } from "../scripts/bundle-size.mjs";

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 7);
const BATCH = Number(process.env["BENCH_BATCH"] ?? 1000);
const SIGNERS = 20;
const CONCURRENCY = 8;
const SIZES: Record<BenchSize, number> = { "1KiB": 1024, "1MiB": 1024 * 1024 };
/** decree130 against its floors: the heap as a service has it (see RaceOptions). */
const STEADY: RaceOptions = { collectBetweenRounds: false };
/** With pkijs: each round from a collected heap. */
const COLLECTED: RaceOptions = { collectBetweenRounds: true };

interface Case {
  alg: BenchAlg;
  size: BenchSize;
  mode: "warm" | "cold" | "batch";
  opsPerSec: number;
  msPerOp: number;
  /** Median of the per-round ratios to the floor (see RaceResult.ratio). */
  ratioToFloor: number;
  /** The per-round ratios, in round order: how far one run's noise moved them. */
  ratioRounds: number[];
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

/** The cases of one algorithm and size, and the pkijs race that completes them, run once decree130 is done. */
interface Pending {
  readonly cases: Case[];
  readonly pkijs: () => Promise<void>;
}

/** Fills in the pkijs columns of `cases` from a race of pkijs against its own floor. */
function withPkijs(cases: Case[], pkijsMs: number, floorMs: number): void {
  for (const c of cases) {
    c.pkijsMsPerOp = round(pkijsMs, 4);
    c.speedupOverPkijs = round(pkijsMs / c.msPerOp, 2);
    c.floors["hash+3verify, pkijs race"] = round(floorMs, 4);
  }
}

async function singleCases(pki: BenchPki, size: BenchSize): Promise<Pending> {
  const count = size === "1KiB" ? 40 : 8;
  // Timed rounds of 50–200 ms for the fast contenders, so one collection or one slow wake-up of WebCrypto's worker
  // threads does not decide a round; pkijs, 20–40× slower, goes over the signatures once per round.
  const repeat = size === "1KiB" ? 10 : 3;
  const sigs = await makeSignatures(pki, SIZES[size], count, size === "1KiB" ? 1 : 2);
  const floors: FloorCase[] = await Promise.all(sigs.map((s) => floorCase(pki, s)));
  const warmCache = createValidationCache();
  const over = async (fn: (i: number) => Promise<void>, times = repeat): Promise<number> => {
    for (let k = 0; k < times; k++) for (let i = 0; i < count; i++) await fn(i);
    return count * times;
  };
  const alg = pki.alg;
  // Separate races, each against its floors: warm, cold, and (at the end of the run) pkijs. A service runs one
  // validator, and either keeps a cache or does not; rounds of one between rounds of another would only measure how
  // they disturb each other's compiled code and heap (pkijs rounds between warm ones slowed the warm rounds by 20–45%
  // on this machine, and after a pkijs race the next contenders ran slower too).
  const warmRace = await race(
    [
      { name: "floor1", round: () => over((i) => runFloor(alg, floors[i]!, 1)) },
      { name: "floor3", round: () => over((i) => runFloor(alg, floors[i]!, 3)) },
      { name: "floor5", round: () => over((i) => runFloor(alg, floors[i]!, 5)) },
      { name: "warm", round: () => over((i) => validateOne(pki, sigs[i]!, warmCache)) },
    ],
    ROUNDS,
    STEADY,
  );
  const coldRace = await race(
    [
      { name: "coldFloor", round: () => over((i) => runColdFloor(alg, floors[i]!)) },
      { name: "cold", round: () => over((i) => validateOne(pki, sigs[i]!)) },
      { name: "coldFloorFastImport", round: () => over((i) => runColdFloorFastImport(alg, floors[i]!)) },
    ],
    ROUNDS,
    STEADY,
  );
  const raceOf = (k: string): RaceResult => (k.startsWith("cold") ? coldRace : warmRace);
  const ms = (k: string): number => raceOf(k).ms(k);
  const floorsMs: Record<string, number> = {
    "hash+1verify": round(ms("floor1"), 4),
    "hash+3verify": round(ms("floor3"), 4),
    "hash+5verify": round(ms("floor5"), 4),
    "hash+5verify+3import": round(ms("coldFloor"), 4),
    "hash+5verify+3import, JWK/raw imports as decree130 makes them": round(ms("coldFloorFastImport"), 4),
  };
  const make = (mode: "warm" | "cold", floorKey: string, floorDefinition: string): Case => ({
    alg,
    size,
    mode,
    opsPerSec: round(1000 / ms(mode), 1),
    msPerOp: round(ms(mode), 4),
    ratioToFloor: round(raceOf(mode).ratio(mode, floorKey)),
    ratioRounds: raceOf(mode).ratios(mode, floorKey).map((r) => round(r)),
    speedupOverPkijs: 0,
    floorMs: round(ms(floorKey), 4),
    floorDefinition,
    pkijsMsPerOp: 0,
    floors: { ...floorsMs },
  });
  const cases = [
    make("warm", "floor3", "SHA-256 of the content + 3 verifies (CMS, signer cert, sub-CA cert), keys imported"),
    make("cold", "coldFloor", "SHA-256 + 5 verifies (CMS, 2 certs, 2 CRLs) + 3 fresh key imports (one per certificate)"),
  ];
  const pkijs = async (): Promise<void> => {
    const ctx = pkijsContext(pki);
    const data = sigs.map(pkijsData);
    const p = await race(
      [
        { name: "floor3", round: () => over((i) => runFloor(alg, floors[i]!, 3)) },
        { name: "pkijs", round: () => over((i) => runPkijs(ctx, sigs[i]!, data[i]!), 1) },
      ],
      ROUNDS,
      COLLECTED,
    );
    withPkijs(cases, p.ms("pkijs"), p.ms("floor3"));
  };
  return { cases, pkijs };
}

async function batchCase(pki: BenchPki): Promise<Pending> {
  const sigs = await makeSignatures(pki, 1024, BATCH, 3);
  const floors = await Promise.all(sigs.map((s) => floorCase(pki, s)));
  const inputs = sigs.map((s) => ({ input: s.cms, options: { content: s.content } }));
  const alg = pki.alg;
  const rounds = Math.max(3, Math.ceil(ROUNDS / 2));
  const floor3 = { name: "floor3", round: async () => (await pool(floors, CONCURRENCY, (c) => runFloor(alg, c, 3)), BATCH) };
  const t = await race(
    [
      floor3,
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
    rounds,
    STEADY,
  );
  const ms = (k: string): number => t.ms(k);
  const cases: Case[] = [
    {
      alg,
      size: "1KiB",
      mode: "batch",
      opsPerSec: round(1000 / ms("batch"), 1),
      msPerOp: round(ms("batch"), 4),
      ratioToFloor: round(t.ratio("batch", "floor3")),
      ratioRounds: t.ratios("batch", "floor3").map((r) => round(r)),
      speedupOverPkijs: 0,
      floorMs: round(ms("floor3"), 4),
      floorDefinition: `SHA-256 + 3 verifies per signature, keys imported, ${CONCURRENCY} in flight`,
      pkijsMsPerOp: 0,
      floors: { "hash+3verify": round(ms("floor3"), 4) },
    },
  ];
  const pkijs = async (): Promise<void> => {
    const ctx = pkijsContext(pki);
    const data = sigs.map(pkijsData);
    const indices = sigs.map((_, i) => i);
    const p = await race(
      [floor3, { name: "pkijs", round: async () => (await pool(indices, CONCURRENCY, (i) => runPkijs(ctx, sigs[i]!, data[i]!)), BATCH) }],
      rounds,
      COLLECTED,
    );
    withPkijs(cases, p.ms("pkijs"), p.ms("floor3"));
  };
  return { cases, pkijs };
}

/** Microseconds per decode of each input's CMS: samples interleaved across inputs, each after a collection. */
function parseMicros(inputs: readonly [BenchAlg, BenchSignature][]): Record<string, { cmsBytes: number; certificates: number; microsPerParse: number }> {
  const n = 2000;
  const until = performance.now() + WARMUP_MS;
  while (performance.now() < until) for (const [, sig] of inputs) for (let i = 0; i < 200; i++) decodeSignedData(sig.cms, DEFAULT_LIMITS);
  const samples = new Map<BenchAlg, number[]>(inputs.map(([alg]) => [alg, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [alg, sig] of inputs) {
      collectGarbage();
      const t = performance.now();
      for (let i = 0; i < n; i++) decodeSignedData(sig.cms, DEFAULT_LIMITS);
      samples.get(alg)!.push(((performance.now() - t) / n) * 1000);
    }
  }
  return Object.fromEntries(
    inputs.map(([alg, sig]) => [alg, { cmsBytes: sig.cms.length, certificates: 3, microsPerParse: round(median(samples.get(alg)!), 1) }]),
  );
}

function table(cases: readonly Case[]): string {
  const rows = cases.map(
    (c) =>
      `${c.alg.padEnd(9)} ${c.size.padEnd(5)} ${c.mode.padEnd(5)} ${c.opsPerSec.toFixed(0).padStart(7)} ops/s ${c.msPerOp.toFixed(3).padStart(8)} ms ` +
      `floor ${c.floorMs.toFixed(3).padStart(7)} ms  ×${c.ratioToFloor.toFixed(2)} floor ` +
      `(${Math.min(...c.ratioRounds).toFixed(2)}–${Math.max(...c.ratioRounds).toFixed(2)})  ` +
      (c.pkijsMsPerOp > 0 ? `pkijs ${c.pkijsMsPerOp.toFixed(2).padStart(6)} ms  ${c.speedupOverPkijs.toFixed(1)}× faster` : "(pkijs at the end)"),
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
const pkis = [];
for (const alg of ["RSA-2048", "P-256"] as const) pkis.push(await makePki(alg, SIGNERS));
// Parsing first, in a fresh heap: both inputs interleaved after a joint warm-up. Timed after the races, it measured
// the heap they leave behind (a third slower) rather than the decoder.
const parse = parseMicros(await Promise.all(pkis.map(async (pki): Promise<[BenchAlg, BenchSignature]> => [pki.alg, (await makeSignatures(pki, 1024, 1, 9))[0]!])));
for (const [alg, p] of Object.entries(parse)) console.log(`parse ${alg}: CMS of ${p.cmsBytes} bytes, 3 certificates: ${p.microsPerParse} µs`);
const pending: Pending[] = [];
for (const pki of pkis) {
  for (const size of ["1KiB", "1MiB"] as const) {
    const p = await singleCases(pki, size);
    pending.push(p);
    console.log(table(p.cases));
  }
  const b = await batchCase(pki);
  pending.push(b);
  console.log(table(b.cases));
}
// pkijs last: its garbage and its use of Node's WebCrypto wrappers slowed whatever ran after it.
console.log("pkijs 4, each case against its own floor:");
for (const p of pending) await p.pkijs();
const cases = pending.flatMap((p) => p.cases);
console.log(table(cases));
// Let the inputs go before the memory runs (child processes, but on the same machine).
pending.length = 0;
collectGarbage();
const memory = await measureMemory();
for (const m of memory) console.log(`memory, 100 MiB detached content, ${m.digest}: peak ${m.peakOverContent}× the content size`);
const cli = await measureCliColdStart();
console.log(
  cli
    ? `CLI cold start (decree130 verify, small file): median ${cli.medianMs} ms over ${cli.runs} runs ` +
      `(bare node -e 0: ${cli.bareNodeMedianMs} ms; node making the same WebCrypto calls: ${cli.cryptoFloorMedianMs} ms)`
    : "CLI cold start: dist/cli/main.js missing, run npm run build",
);
const bundle = await bundleGzipBytes();
console.log(`bundle: ${bundle} bytes min+gzip`);
const results = { machine, cases, parse, memory, cliColdStart: cli, bundleGzipBytes: bundle, seconds: round((Date.now() - started) / 1000, 1) };
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log("wrote bench/results.json");
