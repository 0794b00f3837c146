import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPath } from "../../src/revocation/path-status.js";
import type { PathResult } from "../../src/path/types.js";
import { isDecree130Error } from "../../src/errors.js";
import type { Certificate } from "../../src/model/certificate.js";
import { readCert, request, trustListOf } from "./helpers.js";
import { CORPORA } from "../corpora.js";

/**
 * NIST PKITS 1.0.1 (files from google/boringssl pki/testdata/nist-pkits, see expected.json `source_note`), sections on
 * signatures, validity, name chaining, basicConstraints, keyUsage, certificate policies (with each row's policy inputs),
 * name constraints and private extensions, built at 2011-04-15 with revocation ignored.
 */
const PKITS = `${CORPORA}/suites/pkits`;
const TIME = Date.UTC(2011, 3, 15);

interface PkitsCase {
  readonly id: string;
  readonly name: string;
  readonly section: string;
  readonly trust_anchor: string;
  readonly intermediates: readonly string[];
  readonly end_entity: string;
  readonly expected: "valid" | "invalid";
  readonly initial_policy_set: readonly string[];
  readonly initial_explicit_policy: boolean;
  readonly initial_policy_mapping_inhibit: boolean;
  readonly initial_inhibit_any_policy: boolean;
}

const SECTIONS = new Set(["4.1", "4.2", "4.3", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13", "4.16"]);

/**
 * Cases where PKITS's verdict rests on something this layer leaves to others, with what the path layer returns instead.
 * Each is still run and its outcome asserted, so a change in behaviour shows.
 */
const EXCLUDED: Readonly<Record<string, { readonly why: string; readonly status: PathResult["status"]; readonly reason?: string }>> = {
  "4.1.4": { why: "DSA is not in WebCrypto: fails closed as UNSUPPORTED_ALGORITHM", status: "invalid", reason: "UNSUPPORTED_ALGORITHM" },
  "4.1.5": { why: "DSA is not in WebCrypto: fails closed as UNSUPPORTED_ALGORITHM", status: "invalid", reason: "UNSUPPORTED_ALGORITHM" },
  "4.2.1": { why: "CA notBefore after the validation time: a time rule, judged by the caller", status: "valid" },
  "4.2.2": { why: "EE notBefore after the validation time: condition validityPeriod", status: "valid" },
  "4.2.5": { why: "CA notAfter before the validation time: a time rule, judged by the caller", status: "valid" },
  "4.2.6": { why: "EE notAfter before the validation time: condition validityPeriod", status: "valid" },
  "4.2.7": { why: "EE notAfter (pre-2000 UTCTime) before the validation time: condition validityPeriod", status: "valid" },
  "4.7.4": { why: "invalid only because the CA's CRL cannot be verified without cRLSign: revocation, judged elsewhere", status: "valid" },
  "4.7.5": { why: "invalid only because the CA's CRL cannot be verified without cRLSign: revocation, judged elsewhere", status: "valid" },
};

/** For PKITS-invalid cases, the outcome each section should give (so a right verdict for a wrong reason shows). */
const INVALID_BECAUSE: Readonly<Record<string, readonly string[]>> = {
  // `rejected`: the certificate decoder already refuses the tampered signature encoding, before any path is built.
  "4.1": ["invalid:SIGNATURE_INVALID", "invalid:UNSUPPORTED_ALGORITHM", "rejected:MALFORMED_CERTIFICATE"],
  "4.3": ["no-path"],
  "4.6": ["invalid:NOT_A_CA", "invalid:PATH_LENGTH_EXCEEDED"],
  "4.7": ["invalid:KEY_CERT_SIGN_MISSING"],
  "4.8": ["invalid:POLICY_CONSTRAINTS"],
  "4.9": ["invalid:POLICY_CONSTRAINTS"],
  "4.10": ["invalid:POLICY_CONSTRAINTS"],
  "4.11": ["invalid:POLICY_CONSTRAINTS"],
  "4.12": ["invalid:POLICY_CONSTRAINTS"],
  "4.13": ["invalid:NAME_CONSTRAINTS_VIOLATED"],
  "4.16": ["invalid:UNKNOWN_CRITICAL_EXTENSION"],
};

const suite = JSON.parse(readFileSync(join(PKITS, "expected.json"), "utf8")) as { tests: PkitsCase[]; policy_oids: Record<string, string> };
const cases = suite.tests.filter((t) => SECTIONS.has(t.section));
const policyOf = (t: PkitsCase) => ({
  initialPolicySet: t.initial_policy_set.map((n) => suite.policy_oids[n] ?? n),
  initialExplicitPolicy: t.initial_explicit_policy,
  initialPolicyMappingInhibit: t.initial_policy_mapping_inhibit,
  initialAnyPolicyInhibit: t.initial_inhibit_any_policy,
});
const cert = (name: string) => readCert(join(PKITS, "certs", `${name}.crt`));

/** The build's outcome, or `rejected` when a certificate of the case does not even decode. */
async function run(t: PkitsCase): Promise<PathResult | { status: "rejected"; code: string }> {
  let certs: { anchor: Certificate; leaf: Certificate; cas: Certificate[] };
  try {
    certs = { anchor: cert(t.trust_anchor), leaf: cert(t.end_entity), cas: t.intermediates.map(cert) };
  } catch (err) {
    if (isDecree130Error(err)) return { status: "rejected", code: err.code };
    throw err;
  }
  return checkPath(request(certs.leaf, certs.cas, trustListOf([certs.anchor]), { time: TIME, now: TIME, policy: policyOf(t) }));
}

describe("PKITS", () => {
  it("selects the expected number of cases", () => {
    expect(cases.length).toBe(6 + 8 + 11 + 17 + 5 + 35 + 8 + 23 + 11 + 11 + 38 + 2);
  });

  for (const t of cases) {
    const excluded = EXCLUDED[t.id];
    if (excluded) {
      it(`${t.id} ${t.name} (PKITS: ${t.expected}; here: ${excluded.status}, ${excluded.why})`, async () => {
        const r = await run(t);
        expect(r.status).toBe(excluded.status);
        if (excluded.reason && r.status === "invalid") expect(r.reason).toBe(excluded.reason);
      });
      continue;
    }
    it(`${t.id} ${t.name} → ${t.expected}`, async () => {
      const r = await run(t);
      const detail = r.status === "invalid" ? `${r.reason} at ${r.index}: ${r.detail}` : r.status === "no-path" ? r.detail : "";
      const outcome = r.status === "invalid" ? `invalid:${r.reason}` : r.status === "rejected" ? `rejected:${r.code}` : r.status;
      if (t.expected === "valid") expect(r.status, detail).toBe("valid");
      else expect(INVALID_BECAUSE[t.section], detail).toContain(outcome);
    });
  }
});
