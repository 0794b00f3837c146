import { sameKey, type Certificate } from "../model/certificate.js";
import { sameName } from "../model/name.js";
import type { Provider, TrustAnchor, TrustList } from "../model/trust-list.js";

/**
 * Builds a {@link TrustList} over already validated providers, with its anchors indexed by subject name key so that
 * `anchorsFor` and `issuersOf` are single map look-ups.
 *
 * @param name - the list's name
 * @param providers - validated providers, in list order
 * @returns the frozen trust list
 * @example
 * ```ts
 * const list = indexTrustList("my list", [{ name: "Org CA", category: "specialized", certificates: [ca],
 *   keyProtection: null, services: ["signing"] }]);
 * list.anchorsFor(ca).length; // 1
 * ```
 */
export function indexTrustList(name: string, providers: readonly Provider[]): TrustList {
  const anchors: TrustAnchor[] = [];
  const bySubject = new Map<string, TrustAnchor[]>();
  for (const provider of providers) {
    for (const certificate of provider.certificates) {
      const anchor: TrustAnchor = Object.freeze({ certificate, provider });
      anchors.push(anchor);
      const bucket = bySubject.get(certificate.subject.key);
      if (bucket) bucket.push(anchor);
      else bySubject.set(certificate.subject.key, [anchor]);
    }
  }
  const none: readonly TrustAnchor[] = Object.freeze([]);
  const list: TrustList = {
    name,
    providers: Object.freeze([...providers]),
    anchors: Object.freeze(anchors),
    anchorsFor(certificate: Certificate): readonly TrustAnchor[] {
      const bucket = bySubject.get(certificate.subject.key);
      if (!bucket) return none;
      // Same name AND same key: a look-alike CA with a listed CA's name but its own key is no anchor.
      return bucket.filter((a) => sameName(a.certificate.subject, certificate.subject) && sameKey(a.certificate, certificate));
    },
    issuersOf(certificate: Certificate): readonly TrustAnchor[] {
      const bucket = bySubject.get(certificate.issuer.key);
      return bucket ? bucket.filter((a) => sameName(a.certificate.subject, certificate.issuer)) : none;
    },
  };
  return Object.freeze(list);
}
