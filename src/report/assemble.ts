import { ObjectMemo } from "../cache/object-memos.js";
import type { ConditionName } from "../conditions/codes.js";
import type { IssuerTypeFacts } from "../conditions/issuer-type.js";
import type { Outcome } from "../conditions/outcome.js";
import { parseVietnameseIdentifiers } from "../identity/vn-identifiers.js";
import { encodeBase64 } from "../lib/base64.js";
import { iso } from "../lib/iso.js";
import type { Certificate } from "../model/certificate.js";
import { attributeValues, formatName } from "../model/name.js";
import type { SigningTimes } from "../time/signing-time.js";
import { finding } from "./finding.js";
import { regimeAt } from "./regime.js";
import type { ConditionResult, SignatureReport, TimestampEntry, Warning } from "./types.js";
import { verdictOf } from "./verdict.js";

/** The parts a signature's report is made of. */
export interface ReportParts {
  readonly signingCertificate: Certificate | undefined;
  /** What each condition concluded (issuerType with its typed facts). */
  readonly outcomes: {
    readonly validityPeriod: Outcome<unknown>;
    readonly keyCorrespondence: Outcome<unknown>;
    readonly issuerType: Outcome<IssuerTypeFacts>;
    readonly soleControl: Outcome<unknown>;
  };
  readonly times: SigningTimes;
  readonly warnings: readonly Warning[];
  /** The time-stamp tokens the signature carries, as judged. */
  readonly timestamps: readonly TimestampEntry[];
}

const resultOf = (condition: ConditionName, o: Outcome<unknown>): ConditionResult => finding(condition, o.code, o.evidence, o.params);

/**
 * Builds the report of one signature (the JSON report's `signatures[]` entry) from the conditions' outcomes.
 *
 * @param parts - the signing certificate, the four outcomes, the times and the warnings
 * @returns the signature's report
 * @example
 * ```ts
 * const report = assembleReport({ signingCertificate, outcomes, times, warnings });
 * report.verdict; // "SECURE"
 * ```
 */
export function assembleReport(parts: ReportParts): SignatureReport {
  const cert = parts.signingCertificate;
  const { outcomes, times } = parts;
  const issuer = outcomes.issuerType.facts;
  const conditions = {
    validityPeriod: resultOf("validityPeriod", outcomes.validityPeriod),
    keyCorrespondence: resultOf("keyCorrespondence", outcomes.keyCorrespondence),
    issuerType: { ...resultOf("issuerType", outcomes.issuerType), category: issuer.category },
    soleControl: resultOf("soleControl", outcomes.soleControl),
  };
  return {
    verdict: verdictOf(conditions),
    signer: cert ? signerOf(cert) : { subject: null, commonName: null, identifiers: {}, serialNumber: null, certificate: null },
    provider: { name: issuer.provider, category: issuer.category },
    signingTime: { value: iso(times.reported.value), source: times.reported.source },
    regime: regimeAt(times.reported.value, cert),
    conditions,
    warnings: parts.warnings,
    timestamps: parts.timestamps,
  };
}

type Signer = SignatureReport["signer"];

/** Signer summaries, kept with the certificate: a batch signed by one person describes it again and again. */
const signers = new ObjectMemo<Certificate, Signer>("signer summary");

function signerOf(cert: Certificate): Signer {
  const known =
    signers.get(cert) ??
    signers.set(cert, {
      subject: formatName(cert.subject),
      commonName: attributeValues(cert.subject, "2.5.4.3")[0] ?? null,
      identifiers: parseVietnameseIdentifiers(cert.subject).identifiers,
      serialNumber: cert.serialHex,
      certificate: encodeBase64(cert.der),
    });
  // Each report gets its own objects, so a caller editing one report cannot change another.
  return { ...known, identifiers: { ...known.identifiers } };
}
