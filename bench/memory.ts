/**
 * One memory measurement (run by bench/memory-driver.ts in a fresh process): reads the 100 MiB content, validates, and
 * prints the peak resident memory added since just before the content was read.
 * `node-stream` injects the CLI's WebCrypto, whose `digest` hashes with node:crypto over the caller's buffer (no copy);
 * `webcrypto` is the default `globalThis.crypto`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { nodeDigest } from "../src/cli/node-digest.js";
import { loadTrustList, validate } from "../src/index.js";

const [dir, mode] = process.argv.slice(2) as [string, "webcrypto" | "node-stream"];
const trustList = loadTrustList(JSON.parse(readFileSync(join(dir, "trust-list.json"), "utf8")));
const cms = readFileSync(join(dir, "sig.p7s"));
const crls = [readFileSync(join(dir, "crl-sub.der")), readFileSync(join(dir, "crl-root.der"))];

// Settle startup allocations first, so the baseline is the process without the content.
await validate(cms, { trustList, content: new Uint8Array(16), crls, now: new Date("2025-06-01T00:00:00Z") }).catch(() => undefined);
const before = process.memoryUsage().rss;
const peakBefore = process.resourceUsage().maxRSS * 1024;
const content = readFileSync(join(dir, "content.bin"));
const report = await validate(cms, {
  trustList,
  content,
  crls,
  now: new Date("2025-06-01T00:00:00Z"),
  ...(mode === "node-stream" ? { digest: nodeDigest } : {}),
});
const peak = Math.max(process.resourceUsage().maxRSS * 1024, peakBefore);
const extra = peak - before;
console.log(
  JSON.stringify({
    digest: mode,
    contentBytes: content.length,
    peakExtraBytes: extra,
    peakOverContent: Number((extra / content.length).toFixed(3)),
    verdict: report.signatures[0]?.verdict ?? "none",
  }),
);
