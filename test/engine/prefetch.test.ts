import { describe, expect, it } from "vitest";
import { createValidationCache, loadTrustList, validate } from "../../src/index.js";
import { createKeyCache } from "../../src/cache/key-cache.js";
import { prefetchChecks } from "../../src/engine/prefetch.js";
import { fastImport } from "../../src/crypto/import-format.js";
import type { ImportAlgorithm } from "../../src/crypto/import-key.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import { decodeCrl } from "../../src/model/crl.js";
import { createCrl, createRootCa, createTestPki, DEFAULT_PKI_SUBJECTS, issueCertificate, signCms } from "../../src/testing/index.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const VALIDITY = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" };
const DATES = { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" };

/** WebCrypto that records every importKey and verify it is asked for, and what each verify answered. */
function recordingCrypto() {
  const subtle = globalThis.crypto.subtle;
  const imports: string[] = [];
  const verifies: { data: Uint8Array; result: Promise<boolean> }[] = [];
  const pending: Promise<unknown>[] = [];
  const wrapped = {
    importKey: (...a: Parameters<SubtleCrypto["importKey"]>) => {
      imports.push(keyIdentity(a[0], a[1], a[2] as ImportAlgorithm));
      const p = subtle.importKey(...a);
      pending.push(p);
      return p;
    },
    verify: (...a: Parameters<SubtleCrypto["verify"]>) => {
      const result = subtle.verify(...a);
      verifies.push({ data: new Uint8Array(a[3] as Uint8Array), result });
      pending.push(result);
      return result;
    },
    digest: (...a: Parameters<SubtleCrypto["digest"]>) => subtle.digest(...a),
  };
  const crypto = { subtle: wrapped, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
  /** Waits until everything started so far, and whatever that started in turn, has settled. */
  const settle = async (): Promise<void> => {
    for (let seen = -1; seen !== pending.length; ) {
      seen = pending.length;
      await Promise.allSettled(pending);
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { crypto, imports, verifies, settle };
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const sameKey = (imported: string, spki: Uint8Array): boolean => imported === keyIdentity("spki", spki, IMPORT);

/** The test PKI's keys are ECDSA P-256 (the kit's default). */
const IMPORT: ImportAlgorithm = { name: "ECDSA", namedCurve: "P-256" };

/** One string per public key, whichever form it was imported in (the SPKI, or the faster form derived from it). */
function keyIdentity(format: string, data: unknown, alg: ImportAlgorithm): string {
  if (format === "spki") {
    const fast = fastImport(data as Uint8Array, alg);
    return fast ? keyIdentity(fast.format, fast.keyData, alg) : `spki:${Buffer.from(data as Uint8Array).toString("hex")}`;
  }
  if (format === "jwk") return `jwk:${(data as JsonWebKey).n}.${(data as JsonWebKey).e}`;
  return `${format}:${Buffer.from(data as Uint8Array).toString("hex")}`;
}

async function world() {
  const pki = await createTestPki({ keyProtection: { governmentRoot: "usb-token" } });
  const signer = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "Prefetch Signer", CCCD: "001085000009" }, ...VALIDITY });
  const crls = [await createCrl(pki.governmentSubCa, DATES), await createCrl(pki.governmentRoot, DATES)];
  return { pki, signer, crls, trustList: loadTrustList(pki.trustList), content: new TextEncoder().encode("Biên bản số 7") };
}

describe("prefetchChecks", () => {
  it("starts the chain's certificate and CRL checks, each key imported once, and nothing again once the keys are known", async () => {
    const w = await world();
    const leaf = decodeCertificate(w.signer.certificate);
    const sub = decodeCertificate(w.pki.governmentSubCa.certificate);
    const crls = w.crls.map((c) => ({ crl: decodeCrl(c), origin: "caller" as const }));
    const rec = recordingCrypto();
    const env = { crypto: rec.crypto, keys: createKeyCache() };
    const req = { leaf, candidates: [leaf, sub], trustList: w.trustList, revocation: { crls, ocsp: [] }, env, algorithms: "default" as const };

    prefetchChecks(req);
    await rec.settle();
    const root = w.trustList.anchorsFor(decodeCertificate(w.pki.governmentRoot.certificate))[0]!.certificate;
    expect(rec.imports.map((k) => [sameKey(k, sub.spki), sameKey(k, root.spki)])).toEqual([
      [true, false],
      [false, true],
    ]);
    const checked = rec.verifies.map((v) => v.data);
    expect(checked).toHaveLength(4);
    for (const signed of [leaf.tbs, sub.tbs, crls[0]!.crl.tbs, crls[1]!.crl.tbs]) expect(checked.some((d) => same(d, signed))).toBe(true);
    expect(await Promise.all(rec.verifies.map((v) => v.result))).toEqual([true, true, true, true]);

    prefetchChecks(req);
    await rec.settle();
    expect(rec.imports).toHaveLength(2);
    expect(rec.verifies).toHaveLength(4);
  });

  it("leaves a one-off validation with one import per key and one verification per signature", async () => {
    const w = await world();
    const cms = await signCms(w.content, w.signer, { detached: true, includeChain: true, signingTime: "2025-05-01T08:00:00Z" });
    const rec = recordingCrypto();
    const report = await validate(cms, { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW, crypto: rec.crypto });
    await rec.settle();
    expect(report.signatures.map((s) => s.verdict)).toEqual(["SECURE"]);
    expect(rec.imports).toHaveLength(3); // signer, sub-CA, root
    expect(rec.verifies).toHaveLength(5); // CMS signature, two certificates, two CRLs
  });

  it("changes no verdict when names point it at the wrong issuer first", async () => {
    const w = await world();
    // A self-signed decoy with the sub-CA's name, listed before the real sub-CA; no key identifiers to tell them apart.
    const decoy = await createRootCa({
      subject: DEFAULT_PKI_SUBJECTS.governmentSubCa,
      ...VALIDITY,
      ca: true,
      keyLabel: "prefetch-test/decoy",
    });
    const signer = await issueCertificate(w.pki.governmentSubCa, {
      subject: { commonName: "Prefetch Signer Plain", CCCD: "001085000010" },
      ...VALIDITY,
      omitKeyIdentifiers: true,
    });
    const cms = await signCms(w.content, signer, {
      detached: true,
      signingTime: "2025-05-01T08:00:00Z",
      extraCertificates: [decoy.certificate, w.pki.governmentSubCa.certificate],
    });
    const rec = recordingCrypto();
    const options = { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW };
    const report = await validate(cms, { ...options, crypto: rec.crypto });
    await rec.settle();
    expect(report.signatures.map((s) => s.verdict)).toEqual(["SECURE"]);
    // The decoy's key was tried and refused; the answer is the one a cached, warm validation gives.
    expect(rec.imports.some((k) => sameKey(k, decodeCertificate(decoy.certificate).spki))).toBe(true);
    const cache = createValidationCache();
    await validate(cms, { ...options, cache });
    expect(await validate(cms, { ...options, cache })).toEqual(report);
  });
});
