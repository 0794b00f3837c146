// NIST PKITS 1.0.1, judged end to end: path building and RFC 5280 checks (policy inputs included), then the time rules at
// 2011-04-15 for every certificate on the path, with the row's CRLs as the only revocation evidence.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createKeyCache } from "../../src/cache/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import { isDecree130Error } from "../../src/errors.js";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import { checkPath } from "../../src/revocation/path-status.js";
import type { PolicyInputs } from "../../src/path/types.js";
import { decodeCrl } from "../../src/model/crl.js";
import { revocationStatus } from "../../src/revocation/status.js";
import type { RevocationFinding, RevocationSources } from "../../src/revocation/types.js";
import { judgeTimes } from "../../src/conditions/time-rules.js";
import { indexTrustList } from "../../src/trust/anchor-index.js";
import { SUITES_DIR, tally, timed, timesAt, type CaseResult, type SuiteResult, type Verdict } from "../lib.js";

interface Row {
  readonly id: string;
  readonly name: string;
  readonly trust_anchor: string;
  readonly intermediates: readonly string[];
  readonly end_entity: string;
  readonly crls: readonly string[];
  readonly expected: "valid" | "invalid";
  readonly initial_policy_set: readonly string[];
  readonly initial_explicit_policy: boolean;
  readonly initial_policy_mapping_inhibit: boolean;
  readonly initial_inhibit_any_policy: boolean;
}

/** Rows not judged, with why: WebCrypto has no DSA. */
const SKIP: Readonly<Record<string, string>> = {
  "4.1.4": "DSA signatures: WebCrypto has no DSA (fails closed as UNSUPPORTED_ALGORITHM)",
  "4.1.5": "DSA signatures: WebCrypto has no DSA (fails closed as UNSUPPORTED_ALGORITHM)",
};

const DIR = join(SUITES_DIR, "pkits");

/**
 * One row's verdict, judged end to end: path and policies, time rules for every certificate, revocation.
 *
 * @param row - the PKITS row
 * @param policyOids - expected.json's policy names → OIDs
 * @param env - crypto and key cache
 * @param time - the validation time (2011-04-15)
 * @returns `valid` or `invalid`, with why it is invalid
 * @example
 * ```ts
 * const { actual, reason } = await judgeRow(row, suite.policy_oids, env, Date.parse(suite.validation_time));
 * ```
 */
export async function judgeRow(row: Row, policyOids: Readonly<Record<string, string>>, env: Env, time: number): Promise<{ actual: string; reason?: string }> {
  const cert = (n: string): Certificate => decodeCertificate(new Uint8Array(readFileSync(join(DIR, "certs", `${n}.crt`))));
  let anchor: Certificate, leaf: Certificate, cas: Certificate[];
  try {
    anchor = cert(row.trust_anchor);
    leaf = cert(row.end_entity);
    cas = row.intermediates.map(cert);
  } catch (err) {
    if (isDecree130Error(err)) return { actual: "invalid", reason: `certificate rejected: ${err.code}` };
    throw err;
  }
  const revocation: RevocationSources = {
    crls: row.crls.map((n) => ({ crl: decodeCrl(new Uint8Array(readFileSync(join(DIR, "crls", `${n}.crl`)))), origin: "caller" as const })),
    ocsp: [],
  };
  const oid = (n: string): string => policyOids[n] ?? n;
  const policy: PolicyInputs = {
    initialPolicySet: row.initial_policy_set.map(oid),
    initialExplicitPolicy: row.initial_explicit_policy,
    initialPolicyMappingInhibit: row.initial_policy_mapping_inhibit,
    initialAnyPolicyInhibit: row.initial_inhibit_any_policy,
  };
  const trustList = indexTrustList("PKITS", [
    { name: "PKITS trust anchor", category: "public", certificates: [anchor], keyProtection: null, services: ["signing"] },
  ]);
  const r = await checkPath({
    leaf, candidates: [...cas, leaf], trustList, service: "signing", time, now: time, revocation, env, algorithms: "default", policy,
  });
  if (r.status === "invalid") return { actual: "invalid", reason: `${r.reason} at ${r.index}: ${r.detail}` };
  if (r.status !== "valid") return { actual: "invalid", reason: `${r.status}${"detail" in r ? `: ${r.detail}` : ""}` };
  const times = timesAt(time);
  const leafFinding = await revocationStatus({ certificate: leaf, issuer: r.path[1]!, ...(r.crlSigners ? { crlSigners: r.crlSigners } : {}), time, now: time, sources: revocation, env });
  const judged = [{ cert: leaf, finding: leafFinding }, ...r.cas.map((c) => ({ cert: c.certificate, finding: c.revocation }))];
  for (const [i, j] of judged.entries()) {
    const rule = judgeTimes(j.cert, times, atValidationTime(j.finding, time));
    if (rule.code !== "VALID") {
      const rejected = j.finding?.evidence.filter((e) => e.rejected).map((e) => e.rejected) ?? [];
      return { actual: "invalid", reason: `${rule.code} at ${i}${rejected.length ? ` (${rejected.join("; ")})` : ""}` };
    }
  }
  return { actual: "valid" };
}

/**
 * PKITS asks RFC 5280's question, the status at the validation time, for which a hold lifted before that time no longer
 * counts. The library's time rules ask when a signature could have been made, so there a lifted hold stays against the
 * signature (it may have been made during the hold). Only that one difference is bridged here.
 */
function atValidationTime(finding: RevocationFinding | null, time: number): RevocationFinding | null {
  const r = finding?.revocation;
  if (!finding || !r || r.holdUntil === undefined || r.holdUntil > time) return finding;
  return { known: finding.known, evidence: finding.evidence };
}

/**
 * Runs every PKITS row.
 *
 * @returns the suite's tally
 * @example
 * ```ts
 * const r = await runPkits(); // r.agree === 247
 * ```
 */
export async function runPkits(): Promise<SuiteResult> {
  const suite = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as {
    validation_time: string;
    policy_oids: Record<string, string>;
    tests: Row[];
  };
  const time = Date.parse(suite.validation_time);
  const env: Env = { crypto: globalThis.crypto, keys: createKeyCache() };
  const out: (CaseResult & { verdict: Verdict })[] = [];
  for (const row of suite.tests) {
    const skip = SKIP[row.id];
    if (skip) {
      out.push({ id: row.id, expected: row.expected, actual: "skipped", reason: skip, verdict: "skipped" });
      continue;
    }
    const t = await timed(() => judgeRow(row, suite.policy_oids, env, time));
    if (t.hung) {
      out.push({ id: row.id, expected: row.expected, actual: "hung", ms: t.ms, verdict: "hung" });
      continue;
    }
    const v = t.value ?? { actual: "error", reason: `untyped error: ${String(t.error)}` };
    const verdict: Verdict = v.actual === row.expected ? "agree" : "disagree";
    out.push({ id: row.id, expected: row.expected, actual: v.actual, ...(v.reason ? { reason: v.reason } : {}), ms: t.ms, verdict });
  }
  return tally(out);
}
