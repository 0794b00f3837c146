import { iso } from "../time/iso.js";
import type { Certificate } from "../model/certificate.js";
import { attributeValues, formatName } from "../model/name.js";
import { parseVietnameseIdentifiers } from "../identity/vn-identifiers.js";
import { encodeBase64 } from "../lib/base64.js";
import { verdictOf } from "../report/verdict.js";
import type { ConditionResult, IssuerTypeResult, SignatureReport, Warning } from "../report/types.js";
import { regimeAt } from "../time/regime.js";
import type { SigningTimes } from "../time/signing-time.js";
import { MemoSlot } from "../cache/memo-slot.js";

/** The parts a signature's report is made of. */
export interface ReportParts {
  readonly signingCertificate: Certificate | undefined;
  readonly conditions: {
    readonly validityPeriod: ConditionResult;
    readonly keyCorrespondence: ConditionResult;
    readonly issuerType: IssuerTypeResult;
    readonly soleControl: ConditionResult;
  };
  readonly times: SigningTimes;
  readonly warnings: readonly Warning[];
}

/**
 * Builds the report of interfaces.md §2 for one signature.
 *
 * @param parts - the signing certificate, the four results, the times and the warnings
 * @returns the signature's report
 */
export function assembleReport(parts: ReportParts): SignatureReport {
  const cert = parts.signingCertificate;
  const { conditions, times } = parts;
  const providerName = conditions.issuerType.evidence["provider"];
  return {
    verdict: verdictOf(conditions),
    signer: cert ? signerOf(cert) : { subject: null, commonName: null, identifiers: {}, serialNumber: null, certificate: null },
    provider: {
      name: typeof providerName === "string" ? providerName : null,
      category: conditions.issuerType.category,
    },
    signingTime: { value: iso(times.reported.value), source: times.reported.source },
    regime: regimeAt(times.reported.value, cert),
    conditions,
    warnings: parts.warnings,
  };
}

type Signer = SignatureReport["signer"];

/** Signer summaries by certificate: a batch signed by one person describes the same certificate again and again. */
const signers = new MemoSlot<Certificate, Signer>();

function signerOf(cert: Certificate): Signer {
  let known = signers.get(cert);
  if (known === undefined) {
    known = {
      subject: formatName(cert.subject),
      commonName: attributeValues(cert.subject, "2.5.4.3")[0] ?? null,
      identifiers: parseVietnameseIdentifiers(cert.subject).identifiers,
      serialNumber: cert.serialHex,
      certificate: encodeBase64(cert.der),
    };
    signers.set(cert, known);
  }
  // Each report gets its own objects, so a caller editing one report cannot change another.
  return { ...known, identifiers: { ...known.identifiers } };
}
