/**
 * One memory measurement (run by bench/memory-driver.ts in a fresh process): reads the 100 MiB content, validates, and
 * prints the peak resident memory added since just before the content was read.
 * `node-stream` injects a WebCrypto whose `digest` hashes with node:crypto over the caller's buffer (no copy), to show
 * what a streaming digest changes; `webcrypto` is the default `globalThis.crypto`.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTrustList, validate } from "../src/index.js";

const [dir, mode] = process.argv.slice(2) as [string, "webcrypto" | "node-stream"];
const trustList = loadTrustList(JSON.parse(readFileSync(join(dir, "trust-list.json"), "utf8")));
const cms = readFileSync(join(dir, "sig.p7s"));
const crls = [readFileSync(join(dir, "crl-sub.der")), readFileSync(join(dir, "crl-root.der"))];

const NODE_HASH: Record<string, string> = { "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512", "SHA-1": "sha1" };
function streamingCrypto(): Crypto {
  const subtle = globalThis.crypto.subtle;
  const digest = async (alg: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> => {
    const name = typeof alg === "string" ? alg : alg.name;
    const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    const h = createHash(NODE_HASH[name] ?? "unknown");
    // Hash in 1 MiB slices of the caller's buffer: views, never copies.
    for (let i = 0; i < view.length; i += 1 << 20) h.update(view.subarray(i, i + (1 << 20)));
    const out = h.digest();
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  };
  const wrapped = new Proxy(subtle, {
    get: (t, p) => (p === "digest" ? digest : typeof Reflect.get(t, p) === "function" ? Reflect.get(t, p).bind(t) : Reflect.get(t, p)),
  });
  return { subtle: wrapped, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
}

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
  ...(mode === "node-stream" ? { crypto: streamingCrypto() } : {}),
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
