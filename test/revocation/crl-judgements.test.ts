import { describe, expect, it } from "vitest";
import { createKeyCache } from "../../src/cache/key-cache.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import { decodeCrl } from "../../src/model/crl.js";
import { judgeCrlOnce } from "../../src/revocation/crl-judgements.js";
import { createCrl, createTestPki, DEFAULT_PKI_SUBJECTS, issueCertificate, revoke } from "../../src/testing/index.js";

const VALIDITY = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" };

/** WebCrypto that counts verifications and fails them while `failing` is set. */
function countingCrypto() {
  const subtle = globalThis.crypto.subtle;
  const state = { verifies: 0, failing: false };
  const crypto = {
    subtle: new Proxy(subtle, {
      get(target, prop) {
        if (prop === "verify") {
          return (...a: Parameters<SubtleCrypto["verify"]>) => {
            state.verifies++;
            return state.failing ? Promise.reject(new Error("engine busy")) : subtle.verify(...a);
          };
        }
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === "function" ? (v as (...x: unknown[]) => unknown).bind(target) : v;
      },
    }),
  } as unknown as Crypto;
  return { crypto, state };
}

async function world() {
  const pki = await createTestPki();
  const ca = pki.governmentSubCa;
  const good = await issueCertificate(ca, { subject: { commonName: "CRL Memo Good", CCCD: "001085000021" }, ...VALIDITY });
  const gone = await issueCertificate(ca, { subject: { commonName: "CRL Memo Gone", CCCD: "001085000022" }, ...VALIDITY });
  revoke(ca, gone, { at: "2025-02-01T00:00:00Z", reason: "keyCompromise" });
  const crl = decodeCrl(await createCrl(ca, { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" }));
  return { crl, issuer: decodeCertificate(ca.certificate), good: decodeCertificate(good.certificate), gone: decodeCertificate(gone.certificate) };
}

describe("judgeCrlOnce", () => {
  it("judges a CRL for a certificate once, and hands out its own copy of the report entry each time", async () => {
    const w = await world();
    const { crypto, state } = countingCrypto();
    const ctx = { certificate: w.gone, issuer: w.issuer, env: { crypto, keys: createKeyCache() }, algorithms: "default" as const };
    const first = await judgeCrlOnce(w.crl, "caller", ctx);
    expect(first?.statement?.says).toBe("listed");
    expect(state.verifies).toBe(1);
    const issuer = first!.ref.issuer;
    (first!.ref as { issuer: string }).issuer = "changed by the caller";
    const second = await judgeCrlOnce(w.crl, "caller", ctx);
    expect(state.verifies).toBe(1);
    expect(second?.statement).toEqual(first?.statement);
    expect(second?.ref.issuer).toBe(issuer);
    (second!.ref as { issuer: string }).issuer = "changed again";
    expect((await judgeCrlOnce(w.crl, "caller", ctx))?.ref.issuer).toBe(issuer);
    // Another certificate, origin or policy is judged afresh (the signature check itself is remembered per CRL).
    expect((await judgeCrlOnce(w.crl, "caller", { ...ctx, certificate: w.good }))?.statement?.says).toBe("clear");
    expect((await judgeCrlOnce(w.crl, "embedded", ctx))?.ref.origin).toBe("embedded");
    expect((await judgeCrlOnce(w.crl, "caller", { ...ctx, algorithms: "strict" }))?.statement?.says).toBe("listed");
    expect(state.verifies).toBe(2); // strict is a separate signature check
  });

  it("does not remember a rejection: after a verifier's error, the next judgement checks the signature again", async () => {
    const w = await world();
    const { crypto, state } = countingCrypto();
    const ctx = { certificate: w.good, issuer: w.issuer, env: { crypto, keys: createKeyCache() }, algorithms: "default" as const };
    state.failing = true;
    const refused = await judgeCrlOnce(w.crl, "caller", ctx);
    expect(refused?.ref.rejected).toMatch(/does not verify/);
    expect(refused?.statement).toBeUndefined();
    state.failing = false;
    const accepted = await judgeCrlOnce(w.crl, "caller", ctx);
    expect(accepted?.ref.rejected).toBeUndefined();
    expect(accepted?.statement?.says).toBe("clear");
    expect(state.verifies).toBe(2);
  });

  it("keeps a judgement to the CRL signers it was made with: without them, a CRL from a separate key is refused", async () => {
    const pki = await createTestPki();
    const signer = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "CRL Memo Leaf", CCCD: "001085000023" }, ...VALIDITY });
    // The sub-CA's name with another key, certified by the root for CRL signing only.
    const crlKey = await issueCertificate(pki.governmentRoot, {
      subject: DEFAULT_PKI_SUBJECTS.governmentSubCa,
      ...VALIDITY,
      ca: true,
      keyUsage: ["cRLSign"],
      keyLabel: "crl-judgements-test/crl-key",
    });
    const crl = decodeCrl(await createCrl(crlKey, { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" }));
    const ctx = {
      certificate: decodeCertificate(signer.certificate),
      issuer: decodeCertificate(pki.governmentSubCa.certificate),
      env: { crypto: globalThis.crypto, keys: createKeyCache() },
      algorithms: "default" as const,
    };
    const withSigner = await judgeCrlOnce(crl, "caller", { ...ctx, crlSigners: [decodeCertificate(crlKey.certificate)] });
    expect(withSigner?.ref.rejected).toBeUndefined();
    expect(withSigner?.statement?.says).toBe("clear");
    const without = await judgeCrlOnce(crl, "caller", ctx);
    expect(without?.statement).toBeUndefined();
    expect(without?.ref.rejected).toMatch(/does not verify with the issuer's key/);
  });
});
