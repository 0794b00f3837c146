// Time and peak memory of decree130/pdf on a 20 MiB PDF with one signature and on a PDF with 50 signatures in 50
// revisions, beside the floor (SHA-256 of the last signature's ByteRange bytes and its signature verified), a process
// that only loads the package and the file (the memory baseline), and pdfsig's whole process on the same files. Not a
// test: numbers for the README and reports.
//   npm run build && npx tsx bench/pdf.ts
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { appendIncrementalUpdate, createTestPdf, createTestPki, issueCertificate, signPdf } from "../src/testing/index.js";

const RUNS = Number(process.env.PDF_BENCH_RUNS ?? 5);
const here = fileURLToPath(new URL(".", import.meta.url));

async function inputs(dir: string): Promise<Record<string, string>> {
  const made = { "one signature, 20 MiB": join(dir, "one-signature-20mib.pdf"), "50 signatures, 50 revisions": join(dir, "fifty-signatures.pdf") };
  if (Object.values(made).every((f) => existsSync(f)) && existsSync(join(dir, "trust-list.json"))) return made;
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "Nguyễn Văn Bench" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2027-01-01T00:00:00Z",
  });
  writeFileSync(join(dir, "trust-list.json"), JSON.stringify(pki.trustList));
  // 20 MiB: a scanned-looking document, one large image on page 1 (incompressible data, as a JPEG is).
  const image = new Uint8Array(20 * 1024 * 1024);
  crypto.getRandomValues(image.subarray(0, 65536));
  for (let i = 65536; i < image.length; i += 65536) image.copyWithin(i, 0, Math.min(65536, image.length - i));
  const pages = createTestPdf({ pages: 20, text: "Hop dong (ban quet)" });
  const withImage = await appendIncrementalUpdate(pages, {
    addObjects: { 100: { dict: "<< /Type /XObject /Subtype /Image /Width 4096 /Height 1706 /ColorSpace /DeviceRGB /BitsPerComponent 8 >>", data: image } },
    // Page 1 draws it, so that the reader reaches the image through the object graph as in a real scan.
    replaceObjects: {
      4: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 100 0 R >> >> /Contents 5 0 R >>",
      5: { dict: "<< >>", data: "q 595 0 0 842 0 0 cm /Im1 Do Q" },
    },
  });
  const big = await signPdf(withImage, { signer, signingTime: "2025-06-01T08:00:00Z" });
  writeFileSync(join(dir, "one-signature-20mib.pdf"), big);
  let many = createTestPdf({ pages: 2 });
  for (let i = 0; i < 50; i++) many = await signPdf(many, { signer, signingTime: new Date(Date.UTC(2025, 5, 1, 8, i)), contentsSize: 2048 });
  writeFileSync(join(dir, "fifty-signatures.pdf"), many);
  return made;
}

/** Wall time and peak RSS of a whole process, from GNU time. */
function timed(cmd: string, args: readonly string[]): { wallMs: number; peakKiB: number; stdout: string } {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", cmd, ...args], { encoding: "utf8" });
  const [wall, peak] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  return { wallMs: wall! * 1000, peakKiB: peak!, stdout: r.stdout };
}

const LABELS = {
  load: "load package and file",
  floor: "floor (hash + verify)",
  scan: "decree130 scanPdf",
  validate: "decree130 validatePdf",
} as const;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// PDF_BENCH_DIR keeps the inputs between runs (for profiling the same files with bench/pdf-run.mjs).
const keep = process.env.PDF_BENCH_DIR;
if (keep) mkdirSync(keep, { recursive: true });
const dir = keep ?? mkdtempSync(join(tmpdir(), "decree130-pdf-bench-"));
try {
  const files = await inputs(dir);
  const trust = join(dir, "trust-list.json");
  console.log(`${RUNS} runs each, median; node ${process.version}, pdfsig ${execFileSync("pdfsig", ["-v"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).split("\n")[0] || "(see stderr)"}`);
  for (const [label, file] of Object.entries(files)) {
    const rows: Record<string, { wall: number[]; peak: number[]; inner: number[]; note: string }> = {};
    for (let i = 0; i < RUNS; i++) {
      for (const mode of ["load", "floor", "scan", "validate"] as const) {
        const t = timed(process.execPath, [join(here, "pdf-run.mjs"), mode, file, trust]);
        const out = JSON.parse(t.stdout) as { ms: number; signatures: number; verdict: string | null };
        const row = (rows[LABELS[mode]] ??= { wall: [], peak: [], inner: [], note: "" });
        row.wall.push(t.wallMs);
        row.peak.push(t.peakKiB);
        row.inner.push(out.ms);
        row.note = `${out.signatures} signature(s)${out.verdict ? `, ${out.verdict}` : ""}`;
      }
      const p = timed("pdfsig", ["-nocert", "-no-ocsp", file]);
      const row = (rows["pdfsig -nocert"] ??= { wall: [], peak: [], inner: [], note: "" });
      row.wall.push(p.wallMs);
      row.peak.push(p.peakKiB);
      row.note = `${(p.stdout.match(/Signature is Valid/g) ?? []).length} valid`;
    }
    console.log(`\n${label}`);
    for (const [name, r] of Object.entries(rows)) {
      const inner = r.inner.length ? `, in-process ${median(r.inner).toFixed(0)} ms` : "";
      console.log(`  ${name.padEnd(26)} process ${median(r.wall).toFixed(0)} ms${inner}, peak RSS ${(median(r.peak) / 1024).toFixed(1)} MiB (${r.note})`);
    }
    const [load, floor, validate] = [rows[LABELS.load]!, rows[LABELS.floor]!, rows[LABELS.validate]!];
    const size = statSync(file).size / 1024;
    const beyond = median(validate.peak) - median(load.peak);
    const signatures = Number(/^\d+/.exec(validate.note)?.[0] ?? 1);
    if (signatures === 1) {
      console.log(`  validatePdf / floor (in-process): ${(median(validate.inner) / median(floor.inner)).toFixed(2)}×; peak beyond the loaded input: ${(beyond / 1024).toFixed(1)} MiB (${(beyond / size).toFixed(2)}× the file)`);
    } else {
      console.log(`  validatePdf per signature (in-process, cold): ${(median(validate.inner) / signatures).toFixed(1)} ms; peak beyond the loaded input: ${(beyond / 1024).toFixed(1)} MiB`);
    }
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
