import type { Certificate } from "./certificate.js";

/** The four provider categories of Decree 130 Art. 9(2). */
export type IssuerCategory = "national-root" | "government" | "public" | "specialized";

/** How the provider's CA says keys are held: evidence for sole control (Art. 9(3)). */
export type KeyProtection = "usb-token" | "remote-signing-hsm" | "mobile-pki";

/** What a provider's certificates are trusted for. */
export type TrustService = "signing" | "timestamping";

/** A licence period: `from` inclusive, `to` exclusive (`null`: open-ended). Milliseconds since the epoch. */
export interface LicencePeriod {
  readonly from: number;
  readonly to: number | null;
}

/** One provider of the trust list. */
export interface Provider {
  readonly name: string;
  readonly category: IssuerCategory;
  readonly certificates: readonly Certificate[];
  /** `undefined`: no licence check. */
  readonly licenses?: readonly LicencePeriod[];
  readonly keyProtection: KeyProtection | null;
  readonly services: readonly TrustService[];
}

/** A listed certificate and the provider that lists it. */
export interface TrustAnchor {
  readonly certificate: Certificate;
  readonly provider: Provider;
}

/** A loaded, validated trust list. */
export interface TrustList {
  readonly name: string;
  readonly providers: readonly Provider[];
  /** Every listed certificate, each a trust anchor. */
  readonly anchors: readonly TrustAnchor[];
  /**
   * The anchors whose subject and public key equal the certificate's (RFC 5280 name match and identical SPKI).
   *
   * @param certificate - any certificate
   * @returns the matching anchors (several providers may list the same certificate)
   */
  anchorsFor(certificate: Certificate): readonly TrustAnchor[];
  /**
   * Listed certificates whose subject is the given certificate's issuer: candidates to end a path at.
   *
   * @param certificate - a certificate whose issuer is sought
   * @returns the anchors named as its issuer
   */
  issuersOf(certificate: Certificate): readonly TrustAnchor[];
}

/** One provider of a trust list in the `decree130/trust-list@1` JSON form (docs/trust-lists.md). */
export interface TrustListProviderJson {
  readonly name: string;
  readonly category: IssuerCategory;
  /** PEM certificates. */
  readonly certificates: readonly string[];
  readonly licenses?: readonly { readonly from: string; readonly to: string | null }[];
  readonly keyProtection?: KeyProtection | null;
  readonly services?: readonly TrustService[];
}

/**
 * A trust list in the `decree130/trust-list@1` JSON form, as parsed from a file or made by the testing kit. `validate`
 * accepts it as is and loads it with `loadTrustList` on each call; load it once yourself to validate many files.
 */
export interface TrustListJson {
  readonly schema: "decree130/trust-list@1";
  readonly name: string;
  readonly providers: readonly TrustListProviderJson[];
}
