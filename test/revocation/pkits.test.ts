// NIST PKITS 1.0.1 revocation sections (4.4 Basic Certificate Revocation, 4.14 Distribution Points, 4.15 Delta-CRLs), run
// through revocationStatus alone: each certificate below the anchor is asked about at the suite's validation time with the
// CRLs the test names. A test passes the revocation part when every status is known and none is revoked at that time (a
// hold lifted before it no longer counts). CRL signers other than each certificate's issuer (a separate CRL-signing key,
// a rolled-over key, an indirect CRL issuer) are only those the path layer validated: buildPath's `crlSigners`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCertificate } from "../../src/model/certificate.js";
import { decodeCrl } from "../../src/model/crl.js";
import { revocationStatus } from "../../src/revocation/status.js";
import type { RevocationFinding } from "../../src/revocation/types.js";
import { checkPath } from "../../src/revocation/path-status.js";
import { trustListOf } from "../path/helpers.js";
import { testEnv } from "./fixtures.js";
import { CORPORA } from "../corpora.js";

const BASE = `${CORPORA}/suites/pkits`;
interface PkitsTest {
  id: string;
  expected: "valid" | "invalid";
  trust_anchor: string;
  intermediates: string[];
  end_entity: string;
  crls: string[];
}
const suite = JSON.parse(readFileSync(`${BASE}/expected.json`, "utf8")) as { validation_time: string; tests: PkitsTest[] };
const T = Date.parse(suite.validation_time);
const env = testEnv();

/** Valid PKITS tests this layer reports as not known (fail closed), with why: none left. */
const NOT_SUPPORTED_YET: Record<string, string> = {};

const cert = (name: string) => decodeCertificate(new Uint8Array(readFileSync(`${BASE}/certs/${name}.crt`)));
const crl = (name: string) => decodeCrl(new Uint8Array(readFileSync(`${BASE}/crls/${name}.crl`)));

/** How a test's files become objects: decoded afresh each time, or once per file and shared between tests. */
interface Decoder {
  readonly cert: typeof cert;
  readonly crl: typeof crl;
}
const fresh: Decoder = { cert, crl };
function shared(): Decoder {
  const certs = new Map<string, ReturnType<typeof cert>>();
  const crls = new Map<string, ReturnType<typeof crl>>();
  return {
    cert: (n) => certs.get(n) ?? (certs.set(n, cert(n)), certs.get(n)!),
    crl: (n) => crls.get(n) ?? (crls.set(n, crl(n)), crls.get(n)!),
  };
}

async function findings(test: PkitsTest, { cert, crl }: Decoder = fresh): Promise<RevocationFinding[]> {
  const chain = [test.end_entity, ...[...test.intermediates].reverse(), test.trust_anchor].map(cert);
  const crls = test.crls.map((n) => ({ crl: crl(n), origin: "caller" as const }));
  const sources = { crls, ocsp: [] };
  const built = await checkPath({
    leaf: chain[0]!, candidates: test.intermediates.map(cert), trustList: trustListOf([chain[chain.length - 1]!]), service: "signing",
    time: T, now: T, revocation: sources, env, algorithms: "default",
  });
  const crlSigners = built.status === "valid" ? (built.crlSigners ?? []) : [];
  const out: RevocationFinding[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    out.push(await revocationStatus({ certificate: chain[i]!, issuer: chain[i + 1]!, crlSigners, time: T, now: T, sources, env }));
  }
  return out;
}

const revokedAtT = (f: RevocationFinding): boolean => !!f.revocation && !(f.revocation.holdUntil !== undefined && f.revocation.holdUntil <= T);
const verdict = (fs: RevocationFinding[]): "valid" | "invalid" => (fs.every((f) => f.known && !revokedAtT(f)) ? "valid" : "invalid");
const revocationTests = suite.tests.filter((t) => /^4\.(4|14|15)\./.test(t.id));

describe("PKITS revocation sections", () => {
  it("covers the three sections", () => {
    expect(revocationTests.length).toBe(21 + 35 + 10);
  });

  it.each(revocationTests.map((t) => [t.id, t] as const))("%s", async (id, test) => {
    const got = verdict(await findings(test));
    if (test.expected === "invalid") expect(got).toBe("invalid");
    else expect(got).toBe(id in NOT_SUPPORTED_YET ? "invalid" : "valid");
  });

  // Signature checks and CRL judgements are remembered per decoded certificate and CRL object; with every file decoded
  // once and shared by all 66 tests (as a validation cache shares them), in either order, nothing may change.
  it("finds the same with certificates and CRLs decoded once and shared between tests, in either order", async () => {
    const expected = await Promise.all(revocationTests.map((t) => findings(t)));
    for (const order of [revocationTests, [...revocationTests].reverse()]) {
      const decoder = shared();
      for (const t of order) expect(await findings(t, decoder), t.id).toEqual(expected[revocationTests.indexOf(t)]);
    }
  });

  it("4.4.1 Missing CRL: no evidence at all for the end entity", async () => {
    const [ee] = await findings(revocationTests.find((t) => t.id === "4.4.1")!);
    expect(ee).toEqual({ known: false, evidence: [] });
  });

  it("4.4.2 Invalid Revoked CA: the CA is revoked by its issuer's CRL, the end entity itself is not", async () => {
    const [ee, subCa, goodCa] = await findings(revocationTests.find((t) => t.id === "4.4.2")!);
    expect(ee!.known).toBe(true);
    expect(ee!.revocation).toBeUndefined();
    expect(subCa!.known).toBe(true);
    expect(subCa!.revocation).toEqual({ at: Date.UTC(2010, 0, 1, 8, 30), reason: "keyCompromise", compromiseAt: Date.UTC(2010, 0, 1, 8, 30) });
    expect(goodCa!.known).toBe(true);
    expect(goodCa!.revocation).toBeUndefined();
  });

  it("4.4.3 Invalid Revoked EE: revoked by GoodCACRL", async () => {
    const [ee] = await findings(revocationTests.find((t) => t.id === "4.4.3")!);
    expect(ee!.known).toBe(true);
    expect(ee!.revocation?.reason).toBe("keyCompromise");
    expect(ee!.evidence).toEqual([
      { type: "crl", origin: "caller", issuer: "C=US, O=Test Certificates 2011, CN=Good CA", thisUpdate: "2010-01-01T08:30:00.000Z", nextUpdate: "2030-12-31T08:30:00.000Z" },
    ]);
  });

  it("4.4.7 Two CRLs: the good one is used; the bad one names another issuer, so it is not about this certificate", async () => {
    const [ee] = await findings(revocationTests.find((t) => t.id === "4.4.7")!);
    expect(ee!.known).toBe(true);
    expect(ee!.evidence).toHaveLength(1);
    expect(ee!.evidence[0]!.issuer).toBe("C=US, O=Test Certificates 2011, CN=Two CRLs CA");
  });

  it("4.4.4 Bad CRL Signature: rejected with the verifier's code", async () => {
    const [ee] = await findings(revocationTests.find((t) => t.id === "4.4.4")!);
    expect(ee!.known).toBe(false);
    expect(ee!.evidence[0]!.rejected).toMatch(/SIGNATURE_INVALID/);
  });
});
