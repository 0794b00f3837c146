import { bytesEqual } from "../lib/bytes.js";
import { sameKey, type Certificate } from "../model/certificate.js";
import { sameName } from "../model/name.js";
import type { TrustAnchor, TrustList, TrustService } from "../model/trust-list.js";

/** A possible issuer of a certificate, and whether it came from the trust list. */
export interface IssuerCandidate {
  readonly certificate: Certificate;
  readonly listed: boolean;
}

/** Finds issuer candidates and anchors for one build. */
export interface CandidateIndex {
  /**
   * Possible issuers of `cert`, best first, without certificates already on `path`.
   *
   * @param cert - the certificate whose issuer is sought
   * @param path - the certificates below it (loops are cut)
   */
  issuersOf(cert: Certificate, path: readonly Certificate[]): IssuerCandidate[];
  /**
   * The anchors offering the service whose subject and key equal `cert`'s.
   *
   * @param cert - any certificate
   */
  anchorsFor(cert: Certificate): readonly TrustAnchor[];
}

/**
 * How a certificate's authorityKeyIdentifier agrees with a presumed issuer's subjectKeyIdentifier: 0 match, 1 nothing to
 * compare, 2 mismatch (a strong hint, not proof, that it is another key).
 *
 * @param cert - the issued certificate
 * @param issuer - the presumed issuer
 * @returns the rank, lower is better
 * @example
 * ```ts
 * keyIdRank(leaf, ca); // 0 when leaf's AKI keyIdentifier equals ca's SKI
 * ```
 */
export function keyIdRank(cert: Certificate, issuer: Certificate): 0 | 1 | 2 {
  const aki = cert.authorityKeyId?.keyId;
  const ski = issuer.subjectKeyId;
  if (!aki || !ski) return 1;
  return bytesEqual(aki, ski) ? 0 : 2;
}

function onPath(c: Certificate, path: readonly Certificate[]): boolean {
  // The same certificate, or the same CA (name and key) under another certificate: either way a loop.
  return path.some((p) => bytesEqual(p.der, c.der) || (sameName(p.subject, c.subject) && sameKey(p, c)));
}

/**
 * Indexes the caller's certificates by subject and the trust list by service.
 *
 * @param candidates - untrusted certificates (duplicates allowed)
 * @param trustList - the trust list
 * @param service - only providers offering it are anchors
 * @returns the index
 * @example
 * ```ts
 * const idx = indexCandidates(req.candidates, req.trustList, "signing");
 * idx.issuersOf(leaf, [leaf]);
 * ```
 */
export function indexCandidates(candidates: readonly Certificate[], trustList: TrustList, service: TrustService): CandidateIndex {
  const bySubject = new Map<string, Certificate[]>();
  for (const c of candidates) {
    const bucket = bySubject.get(c.subject.key) ?? [];
    if (!bucket.some((b) => bytesEqual(b.der, c.der))) bucket.push(c);
    bySubject.set(c.subject.key, bucket);
  }
  const offers = (a: TrustAnchor): boolean => a.provider.services.includes(service);
  return {
    anchorsFor: (cert) => trustList.anchorsFor(cert).filter(offers),
    issuersOf(cert, path) {
      const out: IssuerCandidate[] = [];
      const add = (c: Certificate, listed: boolean): void => {
        if (!sameName(c.subject, cert.issuer) || onPath(c, path)) return;
        if (out.some((o) => bytesEqual(o.certificate.der, c.der))) return;
        out.push({ certificate: c, listed });
      };
      for (const a of trustList.issuersOf(cert)) if (offers(a)) add(a.certificate, true);
      for (const c of bySubject.get(cert.issuer.key) ?? []) add(c, trustList.anchorsFor(c).some(offers));
      // Stable sort: key-identifier agreement first, then listed before unlisted.
      return out
        .map((c, i) => ({ c, rank: keyIdRank(cert, c.certificate) * 2 + (c.listed ? 0 : 1), i }))
        .sort((a, b) => a.rank - b.rank || a.i - b.i)
        .map((x) => x.c);
    },
  };
}
