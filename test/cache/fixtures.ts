import { loadTrustList, type TrustList } from "../../src/index.js";
import {
  createCrl,
  createRootCa,
  createTestPki,
  DEFAULT_PKI_SUBJECTS,
  issueCertificate,
  revoke,
  signCms,
  tamperContent,
  tamperSignature,
  type TestIdentity,
} from "../../src/testing/index.js";

export const NOW = new Date("2025-06-01T00:00:00Z");

/** A chain root → sub-CA → signers, CRLs from both CAs, and signatures good and bad. */
export interface CacheWorld {
  readonly trustList: TrustList;
  readonly crls: readonly Uint8Array[];
  readonly content: Uint8Array;
  readonly good: Uint8Array;
  readonly good2: Uint8Array;
  readonly tamperedSignature: Uint8Array;
  readonly tamperedContent: Uint8Array;
  /** Signed by a certificate from a self-made CA that copies the sub-CA's name (not the trusted key). */
  readonly rogue: Uint8Array;
  /** Signed by a certificate the sub-CA revoked before the signing time. */
  readonly revoked: Uint8Array;
  readonly subCa: TestIdentity;
}

let world: Promise<CacheWorld> | undefined;

async function make(): Promise<CacheWorld> {
  const pki = await createTestPki({ keyProtection: { governmentRoot: "usb-token" } });
  const validity = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" };
  const signer = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "Cache Signer A", CCCD: "001085000001" }, ...validity });
  const signer2 = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "Cache Signer B", CCCD: "001085000002" }, ...validity });
  const gone = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "Cache Signer Revoked", CCCD: "001085000003" }, ...validity });
  revoke(pki.governmentSubCa, gone, { at: "2025-02-01T00:00:00Z", reason: "keyCompromise" });
  const rogueCa = await createRootCa({
    subject: DEFAULT_PKI_SUBJECTS.governmentSubCa,
    notBefore: "2020-01-01T00:00:00Z",
    notAfter: "2045-01-01T00:00:00Z",
    ca: true,
    keyLabel: "cache-test/rogue-sub-ca",
  });
  const rogueSigner = await issueCertificate(rogueCa, { subject: { commonName: "Cache Signer A", CCCD: "001085000001" }, ...validity });
  const dates = { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" };
  const crls = [await createCrl(pki.governmentSubCa, dates), await createCrl(pki.governmentRoot, dates)];
  const content = new TextEncoder().encode("Hợp đồng số 01/2025");
  const opts = { detached: true, includeChain: true, signingTime: "2025-05-01T08:00:00Z" } as const;
  const good = await signCms(content, signer, opts);
  return {
    trustList: loadTrustList(pki.trustList),
    crls,
    content,
    good,
    good2: await signCms(content, signer2, opts),
    tamperedSignature: tamperSignature(good),
    tamperedContent: tamperContent(await signCms(content, signer, { ...opts, detached: false })),
    rogue: await signCms(content, rogueSigner, opts),
    revoked: await signCms(content, gone, opts),
    subCa: pki.governmentSubCa,
  };
}

/** The shared test world, made once per test file. */
export function cacheWorld(): Promise<CacheWorld> {
  world ??= make();
  return world;
}
