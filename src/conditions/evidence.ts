import type { Certificate } from "../model/certificate.js";
import { formatName } from "../model/name.js";
import type { RevocationFinding } from "../revocation/types.js";

import { iso } from "../lib/iso.js";
import { ObjectMemo } from "../cache/object-memos.js";

/**
 * The revocation facts as report evidence.
 *
 * @param f - a finding, or `null` when revocation was ignored
 * @returns a JSON-ready summary
 */
export function revocationEvidence(f: RevocationFinding | null): Record<string, unknown> {
  if (f === null) return { checked: false };
  const r = f.revocation;
  return {
    checked: true,
    known: f.known,
    revoked: r
      ? {
          at: iso(r.at),
          reason: r.reason,
          ...(r.compromiseAt === undefined ? {} : { compromiseAt: iso(r.compromiseAt) }),
          ...(r.holdUntil === undefined ? {} : { holdUntil: iso(r.holdUntil) }),
        }
      : null,
    sources: f.evidence,
  };
}

/** Kept with the certificate: a validation cache reuses decoded certificates, and reports share the frozen object. */
const certificateEvidenceMemo = new ObjectMemo<Certificate, Readonly<Record<string, unknown>>>("certificate evidence");

/**
 * A certificate as report evidence. Computed once per decoded certificate (a validation cache reuses them) and frozen,
 * since reports share it.
 *
 * @param c - the certificate
 * @returns subject, issuer, serial and validity
 */
export function certificateEvidence(c: Certificate): Readonly<Record<string, unknown>> {
  let e = certificateEvidenceMemo.get(c);
  if (!e) {
    e = Object.freeze({
      subject: formatName(c.subject),
      issuer: formatName(c.issuer),
      serialNumber: c.serialHex,
      notBefore: iso(c.notBefore),
      notAfter: iso(c.notAfter),
    });
    certificateEvidenceMemo.set(c, e);
  }
  return e;
}
