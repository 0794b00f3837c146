import type { Binding, BindingProblem } from "../conditions/binding.js";
import type { SignatureFacts } from "../conditions/context.js";
import { issuerType } from "../conditions/issuer-type.js";
import { decisiveProblem, keyCorrespondence } from "../conditions/key-correspondence.js";
import { outcome, type Outcome } from "../conditions/outcome.js";
import { soleControl } from "../conditions/sole-control.js";
import { validityPeriod } from "../conditions/validity-period.js";
import { iso } from "../lib/iso.js";
import type { Certificate } from "../model/certificate.js";
import type { PathRequest } from "../path/types.js";
import { assembleReport } from "../report/assemble.js";
import { warning } from "../report/finding.js";
import type { SignatureReport, Warning } from "../report/types.js";
import type { RevocationFinding } from "../revocation/types.js";
import { resolveTimes, type ProofOfExistence, type SigningTimes } from "../time/signing-time.js";
import type { FileFacts } from "./judge-file.js";
import { judgePathAndRevocation, type PathAndRevocation } from "./path-and-revocation.js";
import { prefetchChecks } from "./prefetch.js";
import type { Run } from "./run.js";
import type { SignatureUnderTest } from "./signature-under-test.js";
import { judgeTimestamp, type TimestampReport } from "./timestamps.js";

/** Nothing known about revocation: the status rules then treat it as unknown. */
const UNKNOWN: RevocationFinding = Object.freeze({ known: false, evidence: Object.freeze([]) });

/** The certificate a signature names; among several (a forged copy beside the genuine one), the first whose key verifies it. */
async function signingCertificateOf(signature: SignatureUnderTest, file: FileFacts, run: Run): Promise<Certificate | undefined> {
  const named = signature.namedCertificates(file.certificates);
  if (named.length <= 1) return named[0];
  for (const cert of named) if (await signature.verifiesWith(cert, run.env)) return cert;
  // None verifies: judge against a certificate it names, so the signature fails on its own account.
  return named[0];
}

/** Revocation evidence that was seen but not used, as warnings. */
function rejectedEvidence(findings: readonly (RevocationFinding | null | undefined)[]): Warning[] {
  const out: Warning[] = [];
  for (const f of findings) {
    for (const e of f?.evidence ?? []) {
      if (e.rejected) out.push(warning("EVIDENCE_REJECTED", { detail: `${e.type.toUpperCase()} from ${e.issuer}: ${e.rejected}` }));
    }
  }
  return out;
}

/**
 * The report of a signature this version cannot judge: every condition says why, nothing else is attempted; but a
 * problem known without judging it (a PDF byte range that breaks the rules) still fails keyCorrespondence.
 */
function notJudged(
  o: NonNullable<SignatureUnderTest["notJudged"]>,
  problems: readonly BindingProblem[],
  times: SigningTimes,
  warnings: readonly Warning[],
  timestamps: readonly TimestampReport[],
): SignatureReport {
  const same: Outcome = { code: o.code, evidence: o.evidence, params: o.params, facts: undefined };
  const known = decisiveProblem(problems);
  const evidence = { ...o.evidence, problems: problems.map((p) => ({ code: p.code, detail: p.detail })) };
  const outcomes = {
    validityPeriod: same,
    keyCorrespondence: known ? outcome(known.code, evidence, { detail: known.detail }) : same,
    issuerType: { ...same, facts: { category: null, provider: null, legacyPath: false } },
    soleControl: same,
  };
  return assembleReport({ signingCertificate: undefined, outcomes, times, warnings: dedupe(warnings), timestamps });
}

function dedupe(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Judges one signature on the four conditions and builds its report: whatever its format, the same stages in the same
 * order (signing certificate → binding check → path → revocation → conditions → report).
 *
 * @param signature - the signature, as its format presents it
 * @param file - what the file's signatures share
 * @param run - the validation's resolved options
 * @returns the signature's report
 * @example
 * ```ts
 * const report = await judgeSignature(cmsSigner(signedData, signer, content), file, run);
 * ```
 */
export async function judgeSignature(signature: SignatureUnderTest, file: FileFacts, run: Run): Promise<SignatureReport> {
  const { policy, env } = run;
  const warnings: Warning[] = [...file.warnings, ...signature.warnings];
  const proofs: ProofOfExistence[] = [...(signature.proofs ?? [])];
  if (run.callerSigningTime !== undefined) proofs.push({ time: run.callerSigningTime, source: "caller" });
  // Timestamps first: a valid signature timestamp is a proof of existence, a valid content timestamp a time the
  // signature cannot predate; an invalid one is only reported.
  const timestamps: TimestampReport[] = [];
  let notBefore: number | undefined;
  for (const ts of signature.timestamps ?? []) {
    const judged = await judgeTimestamp(ts, file, run);
    timestamps.push(judged.report);
    if (judged.time === undefined) {
      warnings.push(warning("TIMESTAMP_INVALID", { detail: `${ts.kind} timestamp: ${judged.report.reason ?? "invalid"}` }));
    } else if (ts.kind === "content") notBefore = Math.max(notBefore ?? judged.time, judged.time);
    else proofs.push({ time: judged.time, source: "timestamp" });
  }
  const times = resolveTimes({ now: run.now, claimed: signature.claimedTime, proofs, clockSkewMs: policy.clockSkewMs, notBefore });
  if (times.contradictedClaim !== undefined) {
    warnings.push(warning("CLAIMED_TIME_CONTRADICTED", { claimed: iso(times.contradictedClaim), proven: iso(times.up) }));
  }

  if (signature.notJudged) return notJudged(signature.notJudged, signature.problems ?? [], times, warnings, timestamps);
  const signingCertificate = await signingCertificateOf(signature, file, run);
  if (signingCertificate && signature.certificateWarnings) warnings.push(...signature.certificateWarnings(signingCertificate));
  let binding: Promise<Binding> | undefined;
  let stages: PathAndRevocation | undefined;
  if (signingCertificate) {
    // The binding check needs no path: it runs while the path is built, so their crypto waits overlap.
    binding = signature.bind(signingCertificate, env, policy.algorithms);
    binding.catch(() => undefined); // awaited below; this only keeps an early failure elsewhere from leaving it unhandled
    // Where importKey runs on the calling thread (Node), the signer's key is imported by now: yielding once lets its
    // verification start on a worker before the next import holds the thread.
    await env.keys.started(env.crypto, signingCertificate.spki)?.catch(() => undefined);
    const revocation = policy.revocation === "ignore" ? null : file.revocation;
    prefetchChecks({ leaf: signingCertificate, candidates: file.certificates, trustList: run.trustList, revocation, env, algorithms: policy.algorithms });
    const search: PathRequest = {
      leaf: signingCertificate,
      candidates: file.certificates,
      trustList: run.trustList,
      service: "signing",
      env,
      algorithms: policy.algorithms,
      profile: policy.certificateProfile,
      remembered: run.tables.paths,
    };
    stages = await judgePathAndRevocation(search, revocation, run, times.up);
    warnings.push(...stages.warnings);
  }
  if (policy.revocation === "ignore") warnings.push(warning("REVOCATION_NOT_CHECKED"));

  const facts: SignatureFacts = {
    signingCertificate,
    binding: await binding,
    preliminary: signature.problems ?? [],
    times,
    path: stages?.path,
    cas: stages?.status?.cas ?? [],
    leafRevocation: stages ? stages.leaf : policy.revocation === "ignore" ? null : UNKNOWN,
    policy,
  };
  const outcomes = {
    validityPeriod: validityPeriod(facts),
    keyCorrespondence: keyCorrespondence(facts),
    issuerType: issuerType(facts),
    soleControl: soleControl(facts),
  };
  const legacy: string[] = [];
  if (outcomes.keyCorrespondence.facts.legacyAlgorithm) legacy.push("signature");
  if (outcomes.issuerType.facts.legacyPath) legacy.push("certification path");
  if (legacy.length > 0) warnings.push(warning("LEGACY_ALGORITHM", { detail: legacy.join(", ") }));
  warnings.push(...rejectedEvidence([facts.leafRevocation, ...facts.cas.map((c) => c.revocation)]));
  return assembleReport({ signingCertificate, outcomes, times, warnings: dedupe(warnings), timestamps });
}
