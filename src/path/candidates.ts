import { certificateDigests, type CertificateDigests } from "../cache/certificate-digests.js";
import { bytesEqual } from "../lib/bytes.js";
import type { Certificate } from "../model/certificate.js";
import type { Name } from "../model/name.js";
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

/** One distinct listed certificate (by DER) with every anchor that lists it. */
interface Listed {
  readonly certificate: Certificate;
  readonly anchors: TrustAnchor[];
}

/** A trust list's anchors indexed by hash keys: made once per list, then shared by every search. */
interface ListedIndex {
  /** By subject name key: each distinct certificate once. */
  readonly bySubject: ReadonlyMap<string, readonly Listed[]>;
  /** By subject name key and SPKI digest: the anchors for a certificate with that name and key. */
  readonly byNameAndKey: ReadonlyMap<string, readonly TrustAnchor[]>;
}

/**
 * Indexed trust lists. Weak: an index lives as long as its list (a caller's object, so not a memo slot). A trust list is
 * immutable once loaded, so its index never goes stale.
 */
const listedIndexes = new WeakMap<TrustList, ListedIndex>();

const nameAndKey = (cert: Certificate, d: CertificateDigests): string => `${d.spki}\u0000${cert.subject.key}`;

function buildListedIndex(list: TrustList): ListedIndex {
  const bySubject = new Map<string, Listed[]>();
  const byDer = new Map<string, Listed>();
  const byNameAndKey = new Map<string, TrustAnchor[]>();
  for (const anchor of list.anchors) {
    const cert = anchor.certificate;
    const d = certificateDigests(cert);
    const same = byDer.get(d.der);
    if (same) same.anchors.push(anchor);
    else {
      const entry: Listed = { certificate: cert, anchors: [anchor] };
      byDer.set(d.der, entry);
      const bucket = bySubject.get(cert.subject.key);
      if (bucket) bucket.push(entry);
      else bySubject.set(cert.subject.key, [entry]);
    }
    const k = nameAndKey(cert, d);
    const listed = byNameAndKey.get(k);
    if (listed) listed.push(anchor);
    else byNameAndKey.set(k, [anchor]);
  }
  return { bySubject, byNameAndKey };
}

/**
 * The trust list's anchors indexed by subject name key, certificate digest and key digest, made once per trust list
 * whatever implements the list: thousands of same-name anchors then cost a map look-up per question, not a pairwise
 * comparison.
 *
 * @param list - a trust list (its `anchors` are read once)
 * @returns the index
 */
function listedIndex(list: TrustList): ListedIndex {
  let index = listedIndexes.get(list);
  if (!index) listedIndexes.set(list, (index = buildListedIndex(list)));
  return index;
}

/**
 * The distinct certificates of a trust list whose subject is `name` and which some anchor lists for `service`, from the
 * list's index (made once per list): a look-up, not a pass over the anchors.
 *
 * @param trustList - the trust list
 * @param name - a subject name, e.g. a certificate's issuer
 * @param service - the service the listing anchor must offer
 * @returns the listed certificates with that subject
 * @example
 * ```ts
 * listedWithSubject(trustList, leaf.issuer, "signing"); // the listed CAs named as leaf's issuer
 * ```
 */
export function listedWithSubject(trustList: TrustList, name: Name, service: TrustService): Certificate[] {
  const out: Certificate[] = [];
  for (const entry of listedIndex(trustList).bySubject.get(name.key) ?? []) {
    if (entry.anchors.some((a) => a.provider.services.includes(service))) out.push(entry.certificate);
  }
  return out;
}

/** What a certificate is compared by inside one index: digests, and its subject name key as a small number. */
interface Info {
  readonly der: string;
  readonly spki: string;
  readonly subject: number;
  /** The key of the trust list's name-and-key map. */
  readonly anchorKey: string;
}

/**
 * Indexes the caller's certificates by subject and the trust list by service, every comparison hash-keyed: candidates
 * are de-duplicated by DER digest and found by subject name key, listed copies by name key and key digest, and loops
 * are cut by digest. The cost is linear in the candidates and anchors, then a look-up per question.
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
  const listed = listedIndex(trustList);
  const offers = (a: TrustAnchor): boolean => a.provider.services.includes(service);
  const names = new Map<string, number>();
  const infos = new Map<Certificate, Info>();
  const infoOf = (cert: Certificate): Info => {
    let info = infos.get(cert);
    if (info) return info;
    const d = certificateDigests(cert);
    let subject = names.get(cert.subject.key);
    if (subject === undefined) names.set(cert.subject.key, (subject = names.size));
    info = { der: d.der, spki: d.spki, subject, anchorKey: nameAndKey(cert, d) };
    infos.set(cert, info);
    return info;
  };
  const anchorsFor = (cert: Certificate): readonly TrustAnchor[] => {
    return (listed.byNameAndKey.get(infoOf(cert).anchorKey) ?? []).filter(offers);
  };
  const bySubject = new Map<string, { certificate: Certificate; listed: boolean }[]>();
  const seen = new Set<string>();
  for (const c of candidates) {
    const d = certificateDigests(c);
    if (seen.has(d.der)) continue;
    seen.add(d.der);
    const entry = { certificate: c, listed: anchorsFor(c).length > 0 };
    const bucket = bySubject.get(c.subject.key);
    if (bucket) bucket.push(entry);
    else bySubject.set(c.subject.key, [entry]);
  }
  // The same certificate, or the same CA (name and key) under another certificate: either way a loop.
  const onPath = (c: Info, path: readonly Info[]): boolean => path.some((p) => p.der === c.der || (p.subject === c.subject && p.spki === c.spki));
  return {
    anchorsFor,
    issuersOf(cert, path) {
      const below = path.map(infoOf);
      const taken = new Set<string>();
      // Stable order by rank: key-identifier agreement first, then listed before unlisted (six ranks, no sort).
      const ranks: IssuerCandidate[][] = [[], [], [], [], [], []];
      const add = (c: Certificate, isListed: boolean): void => {
        const info = infoOf(c);
        if (taken.has(info.der) || onPath(info, below)) return;
        taken.add(info.der);
        ranks[keyIdRank(cert, c) * 2 + (isListed ? 0 : 1)]!.push({ certificate: c, listed: isListed });
      };
      for (const entry of listed.bySubject.get(cert.issuer.key) ?? []) if (entry.anchors.some(offers)) add(entry.certificate, true);
      for (const entry of bySubject.get(cert.issuer.key) ?? []) add(entry.certificate, entry.listed);
      return ranks.flat();
    },
  };
}
