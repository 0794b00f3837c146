import { OID } from "../asn1/oids.js";
import { issuerType } from "../conditions/issuer-type.js";
import { keyCorrespondence } from "../conditions/key-correspondence.js";
import { soleControl } from "../conditions/sole-control.js";
import { validityPeriod } from "../conditions/validity-period.js";
import type { SignatureContext } from "../conditions/context.js";
import { iso } from "../time/iso.js";
import { importStarted } from "../crypto/import-key.js";
import type { Env } from "../crypto/types.js";
import { readSignedAttributes } from "../input/signed-attributes.js";
import type { Certificate } from "../model/certificate.js";
import type { SignedData, SignerInfo } from "../model/signed-data.js";
import type { TrustList } from "../model/trust-list.js";
import { buildPath } from "../path/build.js";
import type { PathResult } from "../path/types.js";
import type { Policy } from "../policy/policy.js";
import { warning } from "../report/finding.js";
import type { SignatureReport, Warning } from "../report/types.js";
import { revocationStatus } from "../revocation/status.js";
import type { RevocationFinding, RevocationSources } from "../revocation/types.js";
import { resolveTimes, type ProofOfExistence } from "../time/signing-time.js";
import { assembleReport } from "./assemble.js";
import { prefetchChecks } from "./prefetch.js";
import { findSigningCertificate } from "./signing-certificate.js";

/** What every signature of one file shares. */
export interface FileContext {
  readonly signedData: SignedData;
  readonly content: Uint8Array | undefined;
  readonly certificates: readonly Certificate[];
  readonly revocation: RevocationSources;
  readonly trustList: TrustList;
  readonly policy: Policy;
  readonly now: number;
  readonly callerSigningTime: number | undefined;
  readonly env: Env;
  /** For certification path and revocation checks: may remember certificate and CRL signature checks. */
  readonly pathEnv: Env;
  /** Warnings about the file that every signature carries (unreadable embedded evidence). */
  readonly fileWarnings: readonly Warning[];
}

async function leafRevocation(
  cert: Certificate,
  path: PathResult,
  file: FileContext,
  at: number,
): Promise<RevocationFinding | null> {
  if (file.policy.revocation === "ignore") return null;
  const issuer = path.path[1];
  if (!issuer) return { known: false, evidence: [] };
  return revocationStatus({
    certificate: cert,
    issuer,
    time: at,
    now: file.now,
    sources: file.revocation,
    env: file.pathEnv,
    algorithms: file.policy.algorithms,
    // CRL signers the path layer validated (a separate CRL key, an indirect CRL issuer).
    ...(path.status === "valid" && path.crlSigners ? { crlSigners: path.crlSigners } : {}),
  });
}

/**
 * Judges one SignerInfo on the four conditions and builds its report.
 *
 * @param signer - the SignerInfo
 * @param file - what the file's signatures share
 * @returns the signature's report
 */
export async function judgeSignature(signer: SignerInfo, file: FileContext): Promise<SignatureReport> {
  const { signedData, policy, env } = file;
  const attributes = signer.signedAttrs ? readSignedAttributes(signer.signedAttrs.attributes) : undefined;
  const content = signedData.eContent ?? file.content;
  const signedBytes = signer.signedAttrs?.der ?? content;
  const warnings: Warning[] = [...file.fileWarnings];

  const proofs: ProofOfExistence[] = [];
  if (file.callerSigningTime !== undefined) proofs.push({ time: file.callerSigningTime, source: "caller" });
  if (signer.unsignedAttrs.some((a) => a.oid === OID.signatureTimeStampToken)) {
    warnings.push(warning("TIMESTAMP_INVALID", { detail: "signature timestamps are not verified by this version" }));
  }
  const times = resolveTimes({ now: file.now, claimed: attributes?.signingTime, proofs, clockSkewMs: policy.clockSkewMs });
  if (times.contradictedClaim !== undefined) {
    warnings.push(warning("CLAIMED_TIME_CONTRADICTED", { claimed: iso(times.contradictedClaim), proven: iso(times.up) }));
  }

  const signingCertificate = await findSigningCertificate(signer, signedBytes, file.certificates, env);
  // The signature's own checks need no path: they run while the path is built, so their crypto waits overlap.
  const keyCheck = keyCorrespondence({ signedData, signer, attributes, signingCertificate, content, policy, env });
  keyCheck.catch(() => undefined); // awaited below; this only keeps an early failure elsewhere from leaving it unhandled
  if (signingCertificate) {
    // Where importKey runs on the calling thread (Node), the signer's key is imported by now: yielding once lets its
    // verification start on a worker before the next import holds the thread.
    await importStarted(env, signingCertificate.spki)?.catch(() => undefined);
    prefetchChecks({
      leaf: signingCertificate,
      candidates: file.certificates,
      trustList: file.trustList,
      revocation: policy.revocation === "ignore" ? null : file.revocation,
      env: file.pathEnv,
      algorithms: policy.algorithms,
    });
  }
  let path: PathResult | undefined;
  let leaf: RevocationFinding | null = policy.revocation === "ignore" ? null : { known: false, evidence: [] };
  if (signingCertificate) {
    path = await buildPath({
      leaf: signingCertificate,
      candidates: file.certificates,
      trustList: file.trustList,
      service: "signing",
      time: times.up,
      now: file.now,
      revocation: policy.revocation === "ignore" ? null : file.revocation,
      env: file.pathEnv,
      algorithms: policy.algorithms,
      profile: policy.certificateProfile,
    });
    leaf = await leafRevocation(signingCertificate, path, file, times.up);
  }
  if (policy.revocation === "ignore") warnings.push(warning("REVOCATION_NOT_CHECKED"));

  const ctx: SignatureContext = {
    signedData,
    signer,
    attributes,
    signingCertificate,
    content,
    times,
    path,
    leafRevocation: leaf,
    policy,
    env,
  };
  const conditions = {
    validityPeriod: validityPeriod(ctx),
    keyCorrespondence: await keyCheck,
    issuerType: issuerType(ctx),
    soleControl: soleControl(ctx),
  };
  const legacy: string[] = [];
  if (conditions.keyCorrespondence.evidence["legacyAlgorithm"] === true) legacy.push("signature");
  if (path?.status === "valid" && path.strength === "legacy") legacy.push("certification path");
  if (legacy.length > 0) warnings.push(warning("LEGACY_ALGORITHM", { detail: legacy.join(", ") }));
  for (const f of [leaf, ...(path?.status === "valid" ? path.cas.map((c) => c.revocation) : [])]) {
    for (const e of f?.evidence ?? []) {
      if (e.rejected) warnings.push(warning("EVIDENCE_REJECTED", { detail: `${e.type.toUpperCase()} from ${e.issuer}: ${e.rejected}` }));
    }
  }
  return assembleReport({ signingCertificate, conditions, times, warnings: dedupe(warnings) });
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
