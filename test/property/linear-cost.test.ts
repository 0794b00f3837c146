// Property: the cost of hostile or large input grows at most linearly with its size. Timings are compared only as ratios
// between sizes, averaged over repetitions, with a wide margin (8x the input may cost at most 40x the time): a quadratic
// walk would cost about 64x. No absolute time is asserted.
import { describe, expect, it } from "vitest";
import { children, readRoot } from "../../src/asn1/der.js";
import { isDecree130Error, validate } from "../../src/index.js";
import { decodeCrl } from "../../src/model/crl.js";
import { createCrl, createTestPki, signCms, issueCertificate, type RevocationEntry } from "../../src/testing/index.js";
import { signedSample } from "./kit.js";

const GROWTH = 8;
const MAX_RATIO = 40;

/** Mean milliseconds of `work` over `reps` runs, after one warm-up run. */
async function mean(work: () => unknown, reps = 5): Promise<number> {
  await work();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await work();
  return (performance.now() - t0) / reps;
}

/** Time for size n and GROWTH·n; asserts the ratio. A floor of 0.05 ms keeps timer noise on tiny inputs from dividing by zero. */
async function expectLinear(make: (n: number) => unknown, n: number): Promise<void> {
  const small = await mean(() => make(n));
  const large = await mean(() => make(n * GROWTH));
  if (process.env.LINEAR_DEBUG) console.log(`n=${n}: ${small.toFixed(3)} ms → ${large.toFixed(3)} ms`);
  expect(large / Math.max(small, 0.05)).toBeLessThan(MAX_RATIO);
}

/** A DER TLV with a minimal length. */
function tlv(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + len.length + n);
  out[0] = tag;
  out.set(len, 1);
  out.set(body, 1 + len.length);
  return out;
}

const swallow = async (p: () => Promise<unknown>): Promise<void> => {
  try {
    await p();
  } catch (err) {
    if (!isDecree130Error(err)) throw err;
  }
};

describe("cost grows at most linearly with input size", () => {
  it("a SEQUENCE of many small elements (the DER reader's child walk)", async () => {
    const seqOf = (k: number): Uint8Array => {
      const body = new Uint8Array(k * 3);
      for (let i = 0; i < k; i++) body.set([0x02, 0x01, i & 0x7f], i * 3);
      return tlv(0x30, body);
    };
    const inputs = new Map<number, Uint8Array>();
    await expectLinear((k) => {
      const bytes = inputs.get(k) ?? seqOf(k);
      inputs.set(k, bytes);
      return children(readRoot(bytes), "der", 1_000_000).length;
    }, 5_000);
  });

  it("a SignedData whose header promises a structure and whose body is a long run of small TLVs", async () => {
    const { options } = await signedSample();
    const junk = (k: number): Uint8Array => {
      const body = new Uint8Array(k * 3);
      for (let i = 0; i < k; i++) body.set([0x02, 0x01, 0x01], i * 3);
      const oid = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);
      const wrapped = tlv(0xa0, tlv(0x30, body));
      return tlv(0x30, Uint8Array.of(...oid, ...wrapped));
    };
    const cache = new Map<number, Uint8Array>();
    await expectLinear((k) => {
      const bytes = cache.get(k) ?? junk(k);
      cache.set(k, bytes);
      return swallow(() => validate(bytes, options));
    }, 4_000);
  });

  it("a valid signature over a large content", async () => {
    const pki = await createTestPki();
    const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Linear" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
    const { options } = await signedSample();
    const sized = new Map<number, Uint8Array>();
    for (const n of [64 * 1024, 64 * 1024 * GROWTH]) sized.set(n, await signCms(new Uint8Array(n).fill(0x41), signer, { signingTime: "2025-03-01T10:00:00Z" }));
    await expectLinear((n) => swallow(() => validate(sized.get(n)!, options)), 64 * 1024);
  });

  it("a CRL with many entries (decodeCrl)", async () => {
    const pki = await createTestPki();
    const entries = (k: number): RevocationEntry[] =>
      Array.from({ length: k }, (_, i) => ({ serial: Uint8Array.of(0x01, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff), at: Date.UTC(2025, 0, 1), reason: "keyCompromise" as const }));
    const crls = new Map<number, Uint8Array>();
    for (const k of [1_000, 1_000 * GROWTH]) crls.set(k, await createCrl(pki.publicCa, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z", entries: entries(k) }));
    await expectLinear((k) => decodeCrl(crls.get(k)!).entries.size, 1_000);
  });
});
