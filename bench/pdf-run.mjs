// One measurement in a fresh Node process (started by bench/pdf.ts): reads a PDF and runs scanPdf, validatePdf, or the
// floor (SHA-256 of the first signature's ByteRange bytes, hashed in place) on the built package, then prints the
// in-process time (wall and CPU) and the RSS as JSON.
//   node bench/pdf-run.mjs scan|validate|floor <file.pdf> <trust-list.json>
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadTrustList } from "../dist/index.js";
import { scanPdf, validatePdf } from "../dist/pdf/index.js";

const NODE_HASHES = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
const SLICE = 1 << 20;

/** A streaming digest over node:crypto, as the command line passes one: the byte ranges are hashed where they lie. */
const nodeDigest = async (algorithm, parts) => {
  const hash = createHash(NODE_HASHES[algorithm]);
  for (const part of parts) for (let i = 0; i < part.length; i += SLICE) hash.update(part.subarray(i, i + SLICE));
  return new Uint8Array(hash.digest());
};

/** The least any validator must do: hash the signed bytes (the last /ByteRange, found by text here; `bytes` is a Buffer). */
function floor(bytes) {
  const text = bytes.subarray(0, Math.min(bytes.length, 1 << 16)).toString("latin1");
  const tail = bytes.subarray(Math.max(0, bytes.length - (1 << 16))).toString("latin1");
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(tail) ?? /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  const [a, b, c, d] = m.slice(1).map(Number);
  return nodeDigest("SHA-256", [bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
}

const [mode, file, trust] = process.argv.slice(2);
// A Buffer is a Uint8Array: no copy, so the peak shows what the library itself holds.
const bytes = readFileSync(file);
const trustList = loadTrustList(readFileSync(trust, "utf8"));
const start = performance.now();
const cpuStart = process.cpuUsage();
const result =
  mode === "scan"
    ? await scanPdf(bytes)
    : mode === "floor"
      ? { signatures: [await floor(bytes)] }
      : await validatePdf(bytes, { trustList, now: new Date("2025-07-01T00:00:00Z"), policy: { revocation: "ignore" }, digest: nodeDigest });
const ms = performance.now() - start;
// CPU time of every thread (WebCrypto works on the thread pool): less disturbed than wall time on a busy machine.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const signatures = result.signatures.length;
const verdict = mode === "validate" ? result.document.code : null;
console.log(JSON.stringify({ ms, cpuMs, signatures, verdict, rss: process.memoryUsage().rss }));
