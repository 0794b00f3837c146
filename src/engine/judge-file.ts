import { Decree130Error } from "../errors.js";
import type { Certificate } from "../model/certificate.js";
import { warning } from "../report/finding.js";
import type { SignatureReport, Warning } from "../report/types.js";
import type { RevocationSources } from "../revocation/types.js";
import { gatherEvidence } from "./evidence.js";
import { judgeSignature } from "./judge-signature.js";
import type { Run } from "./run.js";
import type { FileUnderTest } from "./signature-under-test.js";

/** What every signature of one file shares. */
export interface FileFacts {
  /** The file's certificates and the caller's. */
  readonly certificates: readonly Certificate[];
  /** The file's revocation evidence and the caller's. */
  readonly revocation: RevocationSources;
  /** Warnings about the file that every signature carries (unusable embedded objects). */
  readonly warnings: readonly Warning[];
}

/**
 * What every signature of a file shares: its certificates and the caller's, its revocation evidence and the caller's
 * (decoded through the cache), and warnings about embedded objects that cannot be used.
 *
 * @param file - the file as its format adapter presents it
 * @param run - the validation's resolved options
 * @returns the shared facts
 * @throws {@link Decree130Error} `LIMIT_EXCEEDED` when the file and the caller supply more certificates than allowed
 * @example
 * ```ts
 * const shared = fileFacts(file, run);
 * const report = await judgeSignature(file.signatures[0], shared, run);
 * ```
 */
export function fileFacts(file: FileUnderTest, run: Run): FileFacts {
  const certificates = [...file.certificates, ...run.supplied.certificates];
  if (certificates.length > run.limits.maxCertificates) {
    throw new Decree130Error("LIMIT_EXCEEDED", `more than ${run.limits.maxCertificates} certificates`);
  }
  const gathered = gatherEvidence(file, run.supplied.revocation, run.tables);
  return {
    certificates,
    revocation: gathered.sources,
    warnings: [
      ...file.unusable.map((u) => warning("CERTIFICATE_UNUSABLE", { detail: `embedded ${u.kind} ${u.index}: ${u.reason}` })),
      ...gathered.unreadable.map((detail) => warning("EVIDENCE_REJECTED", { detail })),
    ],
  };
}

/**
 * Judges every signature of a file, in order: the one engine behind every format. For each signature it finds the
 * signing certificate, runs the format's binding check, builds and validates the path, judges revocation, applies the
 * four conditions and assembles the report.
 *
 * @param file - the file as its format adapter presents it
 * @param run - the validation's resolved options
 * @returns one report per signature, in document order
 * @throws {@link Decree130Error} `LIMIT_EXCEEDED` when the file and the caller supply more certificates than allowed
 * @example
 * ```ts
 * const signatures = await judgeFile(cmsFile(signedData, content), startRun(options, readCertificates));
 * ```
 */
export async function judgeFile(file: FileUnderTest, run: Run): Promise<SignatureReport[]> {
  const shared = fileFacts(file, run);
  const reports: SignatureReport[] = [];
  for (const signature of file.signatures) reports.push(await judgeSignature(signature, shared, run));
  return reports;
}
