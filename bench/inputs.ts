/**
 * Benchmark inputs, made with the testing kit: a three-certificate chain (Government root → sub-CA → signer) under a
 * trust list naming the root only, CRLs from both CAs, and CMS signatures carrying the whole chain.
 */
import { loadTrustList, type TrustList } from "../src/index.js";
import { createCrl, createTestPki, issueCertificate, signCms, type TestIdentity } from "../src/testing/index.js";

export type BenchAlg = "RSA-2048" | "P-256";
export type BenchSize = "1KiB" | "1MiB";

/** Validation time and claimed signing time used throughout. */
export const NOW = new Date("2025-06-01T00:00:00Z");
const SIGNING_TIME = "2025-05-01T08:00:00Z";

/** One signature to validate. */
export interface BenchSignature {
  readonly cms: Uint8Array;
  readonly content: Uint8Array;
  readonly signer: TestIdentity;
}

/** Everything one algorithm needs. */
export interface BenchPki {
  readonly alg: BenchAlg;
  readonly trustList: TrustList;
  readonly root: TestIdentity;
  readonly subCa: TestIdentity;
  readonly signers: readonly TestIdentity[];
  /** The sub-CA's CRL (covers the signers) and the root's CRL (covers the sub-CA), DER. */
  readonly crls: readonly Uint8Array[];
}

/** Deterministic filler content of `bytes` octets, varied by `seed` so no two signatures share content. */
export function makeContent(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Creates the PKI for one algorithm with `signerCount` signers. */
export async function makePki(alg: BenchAlg, signerCount: number): Promise<BenchPki> {
  const pki = await createTestPki({
    keyAlgorithm: alg === "RSA-2048" ? "RSA-2048" : "ECDSA-P256",
    keyProtection: { governmentRoot: "usb-token" },
  });
  const signers: TestIdentity[] = [];
  for (let i = 0; i < signerCount; i++) {
    signers.push(
      await issueCertificate(pki.governmentSubCa, {
        subject: { commonName: `Nguyễn Văn Bench ${alg} ${i}`, CCCD: `0010850${String(10000 + i)}` },
        notBefore: "2025-01-01T00:00:00Z",
        notAfter: "2030-01-01T00:00:00Z",
        crlUrl: "http://crl.example.test/sub.crl",
      }),
    );
  }
  const crlDates = { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" };
  const crls = [await createCrl(pki.governmentSubCa, crlDates), await createCrl(pki.governmentRoot, crlDates)];
  return {
    alg,
    trustList: loadTrustList(pki.trustList),
    root: pki.governmentRoot,
    subCa: pki.governmentSubCa,
    signers,
    crls,
  };
}

/** Signs `count` distinct contents of `bytes` octets, detached, round-robin over the PKI's signers. */
export async function makeSignatures(pki: BenchPki, bytes: number, count: number, seed = 1): Promise<BenchSignature[]> {
  const out: BenchSignature[] = [];
  for (let i = 0; i < count; i++) {
    const signer = pki.signers[i % pki.signers.length]!;
    const content = makeContent(bytes, seed * 100_003 + i);
    const cms = await signCms(content, signer, { detached: true, includeChain: true, signingTime: SIGNING_TIME });
    out.push({ cms, content, signer });
  }
  return out;
}
