// x509-limbo: path validation edge cases, judged as a document-signature validator judges a signing certificate. Peer-name
// matching (TLS) is out of scope: such cases are SKIPPED with that reason. Key usage, extended key usage and the maximum
// chain depth a case names are honoured. Limbo tests RFC 5280 as a whole, so every case runs under the `rfc5280-strict`
// certificate profile (the section 4 issuance rules enforced too).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createKeyCache } from "../../src/cache/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import { isDecree130Error } from "../../src/errors.js";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import type { KeyUsageName } from "../../src/model/extensions.js";
import { checkPath } from "../../src/revocation/path-status.js";
import { DEFAULT_PATH_BUDGET } from "../../src/path/types.js";
import { decodeCrl } from "../../src/model/crl.js";
import { revocationStatus } from "../../src/revocation/status.js";
import type { RevocationSources } from "../../src/revocation/types.js";
import { judgeTimes } from "../../src/conditions/time-rules.js";
import { indexTrustList } from "../../src/trust/anchor-index.js";
import { LIMBO_CASE_BUDGET_MS, pemToDer, SUITES_DIR, tally, timed, timesAt, type CaseResult, type SuiteResult, type Verdict } from "../lib.js";
import { limboSkipReason } from "./limbo-scope.js";

interface LimboCase {
  readonly id: string;
  readonly features?: readonly string[] | null;
  readonly trusted_certs: readonly string[];
  readonly untrusted_intermediates: readonly string[];
  readonly peer_certificate: string;
  readonly validation_time: string | null;
  readonly key_usage?: readonly string[] | null;
  readonly extended_key_usage?: readonly string[] | null;
  readonly max_chain_depth: number | null;
  readonly crls?: readonly string[] | null;
  readonly expected_result: "SUCCESS" | "FAILURE";
}

/** Limbo's EKU names (RFC 5280 §4.2.1.12) as OIDs. */
const EKU: Readonly<Record<string, string>> = {
  anyExtendedKeyUsage: "2.5.29.37.0",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  OCSPSigning: "1.3.6.1.5.5.7.3.9",
};

/** One case's verdict, `SUCCESS` or `FAILURE`, and why it failed. */
async function judgeCase(c: LimboCase, env: Env): Promise<{ actual: string; reason?: string }> {
  let leaf: Certificate, trusted: Certificate[], intermediates: Certificate[];
  try {
    leaf = decodeCertificate(pemToDer(c.peer_certificate));
    trusted = c.trusted_certs.map((p) => decodeCertificate(pemToDer(p)));
    intermediates = c.untrusted_intermediates.map((p) => decodeCertificate(pemToDer(p)));
  } catch (err) {
    if (isDecree130Error(err)) return { actual: "FAILURE", reason: `certificate rejected: ${err.code}: ${err.message}` };
    throw err;
  }
  const time = c.validation_time ? Date.parse(c.validation_time) : Date.now();
  const crls = c.crls ?? [];
  const revocation: RevocationSources | null =
    crls.length > 0 ? { crls: crls.map((p) => ({ crl: decodeCrl(pemToDer(p)), origin: "caller" as const })), ocsp: [] } : null;
  const trustList = indexTrustList("limbo", [
    { name: "limbo trusted certificates", category: "public", certificates: trusted, keyProtection: null, services: ["signing"] },
  ]);
  // Limbo's depth counts intermediates; the budget counts every certificate, signing certificate and anchor included.
  const budget = c.max_chain_depth === null ? DEFAULT_PATH_BUDGET : { ...DEFAULT_PATH_BUDGET, maxDepth: c.max_chain_depth + 2 };
  const eku = (c.extended_key_usage ?? []).map((n) => EKU[n] ?? n);
  const ku = (c.key_usage ?? []) as KeyUsageName[];
  const r = await checkPath({
    leaf, candidates: intermediates, trustList, service: "signing", time, now: time, revocation, env, algorithms: "default", budget,
    profile: "rfc5280-strict",
    ...(eku.length ? { requiredExtendedKeyUsage: eku } : {}),
    ...(ku.length ? { requiredKeyUsage: ku } : {}),
  });
  if (r.status === "invalid") return { actual: "FAILURE", reason: `${r.reason} at ${r.index}: ${r.detail}` };
  if (r.status !== "valid") return { actual: "FAILURE", reason: `${r.status}${"detail" in r ? `: ${r.detail}` : ""}` };
  const times = timesAt(time);
  const leafFinding = revocation ? await revocationStatus({ certificate: leaf, issuer: r.path[1]!, ...(r.crlSigners ? { crlSigners: r.crlSigners } : {}), time, now: time, sources: revocation, env }) : null;
  // Limbo supplies CRLs only for what it means to be checked: a CA without evidence is not held against the chain.
  const caFinding = (f: (typeof r.cas)[number]["revocation"]) => (f && !f.known && !f.revocation ? null : f);
  const judged = [{ cert: leaf, finding: leafFinding }, ...r.cas.map((x) => ({ cert: x.certificate, finding: caFinding(x.revocation) }))];
  for (const [i, j] of judged.entries()) {
    const rule = judgeTimes(j.cert, times, j.finding);
    if (rule.code !== "VALID") return { actual: "FAILURE", reason: `${rule.code} at ${i}` };
  }
  // The anchor's own validity period binds too (limbo expects an expired root to fail).
  const anchor = r.path[r.path.length - 1]!;
  if (time < anchor.notBefore || time > anchor.notAfter) return { actual: "FAILURE", reason: "trust anchor outside its validity period" };
  return { actual: "SUCCESS" };
}

/**
 * Runs one limbo file.
 *
 * @param file - the file name in the x509-limbo folder
 * @returns the suite's tally
 * @example
 * ```ts
 * const r = await runLimbo("limbo.json");
 * ```
 */
export async function runLimbo(file: string): Promise<SuiteResult> {
  const data = JSON.parse(readFileSync(join(SUITES_DIR, "x509-limbo", file), "utf8")) as { testcases: LimboCase[] };
  const out: (CaseResult & { verdict: Verdict })[] = [];
  for (const c of data.testcases) {
    const skip = limboSkipReason(c.id);
    if (skip) {
      out.push({ id: c.id, expected: c.expected_result, actual: "SKIPPED", reason: skip, verdict: "skipped" });
      continue;
    }
    // A fresh key cache per case: a case's timing includes its own key imports.
    const env: Env = { crypto: globalThis.crypto, keys: createKeyCache() };
    const t = await timed(() => judgeCase(c, env), LIMBO_CASE_BUDGET_MS);
    if (t.hung) {
      out.push({ id: c.id, expected: c.expected_result, actual: "hung", ms: t.ms, verdict: "hung" });
      continue;
    }
    const v = t.value ?? { actual: "error", reason: `untyped error: ${String(t.error)}` };
    const verdict: Verdict = v.actual === c.expected_result ? "agree" : "disagree";
    out.push({ id: c.id, expected: c.expected_result, actual: v.actual, ...(v.reason ? { reason: v.reason } : {}), ms: t.ms, verdict });
  }
  return tally(out);
}
