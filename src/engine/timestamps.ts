import { OID } from "../asn1/oids.js";
import { judgeTimes } from "../conditions/time-rules.js";
import type { Env } from "../crypto/types.js";
import { iso } from "../lib/iso.js";
import type { Certificate } from "../model/certificate.js";
import { attributeValues, formatName } from "../model/name.js";
import type { PathRequest } from "../path/types.js";
import { resolveTimes } from "../time/signing-time.js";
import type { FileFacts } from "./judge-file.js";
import type { TimestampEntry } from "../report/types.js";
import { judgePathAndRevocation } from "./path-and-revocation.js";
import type { Run } from "./run.js";
import type { TimestampUnderTest } from "./signature-under-test.js";

/** One time-stamp token as the report lists it. */
export type TimestampReport = TimestampEntry;

/** A judged token: its report entry and, when valid, its time. */
export interface JudgedTimestamp {
  readonly report: TimestampReport;
  /** `genTime`, when the token is valid. */
  readonly time?: number;
}

/** The TSA certificate a token names among its own and the file's certificates; the first whose key verifies it. */
async function tsaCertificate(ts: TimestampUnderTest, pool: readonly Certificate[], env: Env): Promise<Certificate | undefined> {
  const named = ts.signature!.namedCertificates(pool);
  if (named.length <= 1) return named[0];
  for (const c of named) if (await ts.signature!.verifiesWith(c, env)) return c;
  return named[0];
}

/** RFC 3161 §2.3: the TSA certificate's one extended key usage is timeStamping, and the extension is critical. */
function tsaUsageProblem(cert: Certificate): string | undefined {
  const ext = cert.extensions.find((e) => e.oid === OID.extKeyUsage);
  if (!ext) return "the TSA certificate has no extended key usage timeStamping";
  if (!ext.critical) return "the TSA certificate's extended key usage is not critical";
  const usages = cert.extKeyUsage ?? [];
  if (usages.length !== 1 || usages[0] !== OID.kpTimeStamping) return "the TSA certificate's extended key usage is not timeStamping alone";
  const ku = cert.keyUsage;
  if (ku && !ku.has("digitalSignature") && !ku.has("nonRepudiation")) return "the TSA certificate's key usage does not allow signatures";
  return undefined;
}

const subjectOf = (c: Certificate): string => attributeValues(c.subject, "2.5.4.3")[0] ?? formatName(c.subject);

/**
 * Judges one time-stamp token as a proof of existence (the timestamp rules): its own signature verifies over its
 * TSTInfo, its messageImprint is the hash of what it covers, its certificate is timeStamping-only (critical) and named
 * by its ESS signing-certificate attribute, it chains to a trust-list provider offering `timestamping`, and it and its
 * CAs were valid and not revoked at `genTime`. A token that fails any rule is reported with the reason and proves
 * nothing; it never makes a signature fail.
 *
 * @param ts - the token, as its format presents it
 * @param file - the certificates and evidence of the file
 * @param run - the validation's options
 * @returns the report entry, and `genTime` when valid
 * @example
 * ```ts
 * const judged = await judgeTimestamp(ts, file, run);
 * if (judged.time !== undefined) proofs.push({ time: judged.time, source: "timestamp" });
 * ```
 */
export async function judgeTimestamp(ts: TimestampUnderTest, file: FileFacts, run: Run): Promise<JudgedTimestamp> {
  const base = { kind: ts.kind, genTime: ts.genTime === undefined ? null : iso(ts.genTime), tsa: null as string | null, provider: null as string | null };
  const invalid = (reason: string, more: Partial<TimestampReport> = {}): JudgedTimestamp => ({ report: { ...base, ...more, valid: false, reason } });
  if (ts.problem !== undefined || ts.signature === undefined || ts.genTime === undefined) return invalid(ts.problem ?? "the token is unreadable");
  const genTime = ts.genTime;
  const { env, policy } = run;
  const imprint = await ts.checkImprint(env);
  if (imprint) return invalid(imprint);
  const pool = [...ts.certificates, ...file.certificates];
  const cert = await tsaCertificate(ts, pool, env);
  if (!cert) return invalid("the TSA certificate is neither in the token nor supplied");
  const tsa = { tsa: subjectOf(cert) };
  if (!ts.namesItsCertificate) return invalid("no ESS signing-certificate attribute names the TSA certificate", tsa);
  const usage = tsaUsageProblem(cert);
  if (usage) return invalid(usage, tsa);
  const binding = await ts.signature.bind(cert, env, policy.algorithms);
  const problem = binding.problems[0];
  if (problem) return invalid(`the token's signature does not hold (${problem.code}): ${problem.detail}`, tsa);
  const search: PathRequest = {
    leaf: cert,
    candidates: pool,
    trustList: run.trustList,
    service: "timestamping",
    env,
    algorithms: policy.algorithms,
    profile: policy.certificateProfile,
    remembered: run.tables.paths,
  };
  const ignore = policy.revocation === "ignore";
  const { path, status, leaf: own } = await judgePathAndRevocation(search, ignore ? null : file.revocation, run, genTime);
  if (path.status === "no-path") return invalid(`no certification path for the TSA certificate: ${path.detail}`, tsa);
  if (path.status === "untrusted-root") return invalid("the TSA certificate does not chain to a provider offering timestamping", tsa);
  if (path.status === "invalid") return invalid(`the TSA's certification path is invalid: ${path.reason} (${path.detail})`, tsa);
  const named = { ...tsa, provider: path.anchor.provider.name };
  // The TSA certificate and its CAs are judged by the time rules at genTime, as a signer's are at T_up.
  const times = resolveTimes({ now: run.now, claimed: undefined, proofs: [{ time: genTime, source: "timestamp" }], clockSkewMs: policy.clockSkewMs });
  const leaf = judgeTimes(cert, times, own);
  if (leaf.code !== "VALID") return invalid(`the TSA certificate at genTime: ${leaf.code}`, named);
  for (const ca of status?.cas ?? []) {
    const decided = judgeTimes(ca.certificate, times, ca.revocation);
    if (decided.code !== "VALID") return invalid(`a CA of the TSA (${subjectOf(ca.certificate)}) at genTime: ${decided.code}`, named);
  }
  return { report: { ...base, ...named, valid: true, reason: null }, time: genTime };
}
