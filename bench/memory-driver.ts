/**
 * Peak memory of validating a signature over 100 MiB of detached content. Inputs are written to a temporary folder by
 * this process; each measurement runs in a fresh Node process (bench/memory.ts) so the signing's own buffers do not count.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCrl, createTestPki, issueCertificate, signCms } from "../src/testing/index.js";

export const MEMORY_CONTENT_BYTES = 100 * 1024 * 1024;

/** One measurement: which digest ran, and the peak resident memory added over the content's size. */
export interface MemoryResult {
  readonly digest: "webcrypto" | "node-stream";
  readonly contentBytes: number;
  readonly peakExtraBytes: number;
  readonly peakOverContent: number;
  readonly verdict: string;
}

async function prepare(dir: string): Promise<void> {
  const content = new Uint8Array(MEMORY_CONTENT_BYTES);
  for (let i = 0; i < content.length; i += 4096) content[i] = i & 0xff;
  const pki = await createTestPki({ keyProtection: { governmentRoot: "usb-token" } });
  const signer = await issueCertificate(pki.governmentSubCa, {
    subject: { commonName: "Nguyễn Văn Memory", CCCD: "001085099999" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2030-01-01T00:00:00Z",
  });
  const dates = { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" };
  writeFileSync(join(dir, "content.bin"), content);
  writeFileSync(join(dir, "sig.p7s"), await signCms(content, signer, { detached: true, includeChain: true, signingTime: "2025-05-01T08:00:00Z" }));
  writeFileSync(join(dir, "crl-sub.der"), await createCrl(pki.governmentSubCa, dates));
  writeFileSync(join(dir, "crl-root.der"), await createCrl(pki.governmentRoot, dates));
  writeFileSync(join(dir, "trust-list.json"), JSON.stringify(pki.trustList));
}

/** Prepares the inputs once and measures both digest strategies. */
export async function measureMemory(): Promise<MemoryResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "decree130-mem-"));
  try {
    await prepare(dir);
    const script = fileURLToPath(new URL("./memory.ts", import.meta.url));
    const tsx = fileURLToPath(new URL("../node_modules/tsx/dist/esm/index.mjs", import.meta.url));
    return (["webcrypto", "node-stream"] as const).map((digest) => {
      const r = spawnSync(process.execPath, ["--import", tsx, script, dir, digest], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`memory run failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim().split("\n").pop()!) as MemoryResult;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

