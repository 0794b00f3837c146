// A kit-made signature that validates SECURE, the options that make it so, and the byte ranges of the SignedData that no
// signature protects (so mutation properties can tell "tampered" from "re-labelled").
import type fc from "fast-check";
import { children, ctx, expect as expectTag, fields, readRoot, Tag } from "../../src/asn1/der.js";
import { isDecree130Error, loadTrustList, validate, type ValidateOptions } from "../../src/index.js";
import { createPkiCrls, createTestPki, issueCertificate, signCms } from "../../src/testing/index.js";

/** fast-check settings: a fixed seed in CI, FC_SEED / FC_NUM_RUNS for other seeds and nightly-size runs. */
export const FC = {
  seed: Number(process.env.FC_SEED ?? 130_2018),
  numRuns: (n: number): number => Number(process.env.FC_NUM_RUNS ?? n),
};

/** Settings for `fc.assert`: seed, runs and no shrinking budget surprises. */
export function fcParams(runs: number): fc.Parameters<unknown> {
  return { seed: FC.seed, numRuns: FC.numRuns(runs), endOnFailure: false };
}

/** A valid signature and what validates it. */
export interface Signed {
  readonly cms: Uint8Array;
  readonly options: ValidateOptions;
  /** [start, end) byte ranges outside every signature: SignedData.version, digestAlgorithms, SignerInfo version and sid. */
  readonly unprotected: readonly (readonly [number, number])[];
}

/**
 * Makes a SECURE signature with the testing kit: public CA, a CRL current at `now`, a signing time.
 *
 * @returns the signature, options and unprotected ranges
 */
export async function signedSample(): Promise<Signed> {
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "CÔNG TY TNHH KIỂM THỬ", MST: "0109999999" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2026-01-01T00:00:00Z",
  });
  const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  const cms = await signCms(new TextEncoder().encode("HÓA ĐƠN GTGT số 0000123"), signer, { signingTime: "2025-03-01T10:00:00Z" });
  const options: ValidateOptions = { trustList: loadTrustList(JSON.stringify(pki.trustList)), crls, now: new Date("2025-06-01T00:00:00Z") };
  return { cms, options, unprotected: unprotectedRanges(cms) };
}

function unprotectedRanges(cms: Uint8Array): [number, number][] {
  const [, wrapped] = fields(readRoot(cms), 2, 2, "ContentInfo");
  const [sd] = children(expectTag(wrapped, ctx(0), "content"));
  const f = fields(sd!, 4, 6, "SignedData");
  const out: [number, number][] = [
    [f[0]!.start, f[0]!.end],
    [f[1]!.start, f[1]!.end],
  ];
  for (const si of children(expectTag(f[f.length - 1], Tag.SET, "signerInfos"))) {
    const [version, sid] = fields(si, 5, 7, "SignerInfo");
    out.push([version!.start, version!.end], [sid!.start, sid!.end]);
  }
  return out;
}

/**
 * Whether an offset lies in a protected part of the signature.
 *
 * @param s - the sample
 * @param i - a byte offset
 * @returns `true` when some signature covers the byte (or it is structure around covered bytes)
 */
export const isProtected = (s: Signed, i: number): boolean => !s.unprotected.some(([a, b]) => i >= a && i < b);

/** `report` or `error:<code>`; an untyped error is rethrown so the property fails with it. */
export async function typedOutcome(bytes: Uint8Array | string, options: ValidateOptions): Promise<string> {
  try {
    await validate(bytes, options);
    return "report";
  } catch (err) {
    if (isDecree130Error(err)) return `error:${err.code}`;
    throw err;
  }
}

/** Definite-length nesting: `depth` constructed TLVs of `tag` around a NULL. */
export function nested(depth: number, tag = 0x30): Uint8Array {
  let inner = Uint8Array.of(0x05, 0x00);
  for (let i = 0; i < depth; i++) {
    const n = inner.length;
    const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    const next = new Uint8Array(1 + len.length + n);
    next[0] = tag;
    next.set(len, 1);
    next.set(inner, 1 + len.length);
    inner = next;
  }
  return inner;
}

