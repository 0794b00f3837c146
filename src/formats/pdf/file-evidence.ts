import type { CacheTables } from "../../cache/validation-cache.js";
import type { FileUnderTest, SignatureUnderTest } from "../../engine/signature-under-test.js";
import { isDecree130Error } from "../../errors.js";
import { bytesEqual } from "../../lib/bytes.js";
import type { Certificate } from "../../model/certificate.js";
import type { Limits } from "../../model/limits.js";
import type { SignedData, UnusableObject } from "../../model/signed-data.js";
import { warning } from "../../report/finding.js";
import type { Warning } from "../../report/types.js";
import type { Dss } from "./dss.js";
import type { ArchivedRevocation } from "./revocation-archive.js";

/** A PDF as one file under test, and what its document security store could not give. */
export interface PdfFileEvidence {
  readonly file: FileUnderTest;
  /** DSS items that did not decode or did not fit the budgets (warning `EVIDENCE_REJECTED` on every signature). */
  readonly warnings: readonly Warning[];
}

/** The items once each: a VRI entry usually repeats what the DSS lists. */
function distinct(items: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const it of items) if (!out.some((o) => bytesEqual(o, it))) out.push(it);
  return out;
}

/**
 * The evidence every signature of a PDF shares: each CMS's certificates, CRLs and OCSP responses, what its signer
 * archived in the signed attribute adbe-revocationInfoArchival, and the document
 * security store of the final revision (`/Certs`, `/CRLs`, `/OCSPs` and every `/VRI` entry). A DSS item that does not
 * decode, or that the budgets leave no room for, is a warning: it only reduces the evidence, it never makes the file
 * unreadable.
 *
 * @param signatures - the signatures under test, in document order
 * @param cmses - every decoded CMS of the file (signatures'), for their embedded certificates and evidence
 * @param archived - what each signer archived (adbe-revocationInfoArchival)
 * @param dss - the final revision's document security store
 * @param room - what the caller already supplied, counted against the limits
 * @param tables - the cache's stores
 * @param limits - `maxCertificates` and `maxRevocationObjects`
 * @returns the file under test and the DSS warnings
 * @example
 * ```ts
 * const { file, warnings } = pdfFileEvidence(signatures, cmses, [], scan.dss, { certificates: 0, revocation: 0 }, run.tables, run.limits);
 * ```
 */
export function pdfFileEvidence(
  signatures: readonly SignatureUnderTest[],
  cmses: readonly SignedData[],
  archived: readonly ArchivedRevocation[],
  dss: Dss,
  room: { readonly certificates: number; readonly revocation: number },
  tables: CacheTables,
  limits: Limits,
): PdfFileEvidence {
  const warnings: Warning[] = dss.problems.map((p) => warning("EVIDENCE_REJECTED", { detail: `the document security store: ${p}` }));
  const reject = (detail: string): void => void warnings.push(warning("EVIDENCE_REJECTED", { detail: `the document security store: ${detail}` }));
  const certificates: Certificate[] = cmses.flatMap((c) => c.certificates);
  for (const p of archived.flatMap((a) => a.problems)) warnings.push(warning("EVIDENCE_REJECTED", { detail: p }));
  const archivedRoom = Math.max(0, limits.maxRevocationObjects - room.revocation - cmses.reduce((n, c) => n + c.crls.length + c.ocspResponses.length, 0));
  const archivedItems = distinct(archived.flatMap((a) => [...a.crls, ...a.ocspResponses]));
  if (archivedItems.length > archivedRoom) {
    warnings.push(warning("EVIDENCE_REJECTED", { detail: `adbe-revocationInfoArchival: more CRLs and OCSP responses than the limit of ${limits.maxRevocationObjects}: some were not used` }));
  }
  const kept = new Set(archivedItems.slice(0, archivedRoom));
  const crls: Uint8Array[] = [...cmses.flatMap((c) => c.crls), ...distinct(archived.flatMap((a) => a.crls)).filter((c) => kept.has(c))];
  const ocspResponses: Uint8Array[] = [...cmses.flatMap((c) => c.ocspResponses), ...distinct(archived.flatMap((a) => a.ocspResponses)).filter((o) => kept.has(o))];
  const unusable: UnusableObject[] = cmses.flatMap((c) => c.unusable);
  const vri = Object.values(dss.vri);
  const storedCerts = distinct([...dss.certificates, ...vri.flatMap((v) => v.certificates)]);
  let certRoom = limits.maxCertificates - room.certificates - certificates.length;
  let skipped = 0;
  storedCerts.forEach((der, i) => {
    if (certRoom <= 0) {
      skipped++;
      return;
    }
    try {
      const cert = tables.certificates.decode(der, 0, der.length);
      if (!certificates.some((c) => bytesEqual(c.der, cert.der))) {
        certificates.push(cert);
        certRoom--;
      }
    } catch (err) {
      if (!isDecree130Error(err)) throw err;
      reject(`certificate ${i}: ${err.message}`);
    }
  });
  if (skipped > 0) reject(`more certificates than the limit of ${limits.maxCertificates}: some were not used`);
  const storedCrls = distinct([...dss.crls, ...vri.flatMap((v) => v.crls)]);
  const storedOcsp = distinct([...dss.ocspResponses, ...vri.flatMap((v) => v.ocspResponses)]);
  const revocationRoom = Math.max(0, limits.maxRevocationObjects - room.revocation - crls.length - ocspResponses.length);
  if (storedCrls.length + storedOcsp.length > revocationRoom) {
    reject(`more CRLs and OCSP responses than the limit of ${limits.maxRevocationObjects}: some were not used`);
  }
  const usedCrls = storedCrls.slice(0, revocationRoom);
  crls.push(...usedCrls);
  ocspResponses.push(...storedOcsp.slice(0, revocationRoom - usedCrls.length));
  return { file: { signatures, certificates, crls, ocspResponses, unusable }, warnings };
}
