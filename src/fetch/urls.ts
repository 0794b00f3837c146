import { OID } from "../asn1/oids.js";
import type { Certificate, Decoded } from "../model/certificate.js";
import { decodeDistributionPoints } from "../model/distribution-point.js";
import type { FetchKind } from "./types.js";

/** A URI from a certificate that will not be fetched, and why. */
export interface RefusedUrl {
  readonly url: string;
  readonly kind: FetchKind;
  readonly reason: "INVALID_URL" | "REFUSED_SCHEME";
  readonly message: string;
}

/** Where a certificate says its revocation status and its issuer's certificate can be fetched. */
export interface CertificateUrls {
  /** cRLDistributionPoints fullName URIs (http/https), in order, without repeats. */
  readonly crl: readonly string[];
  /** freshestCRL (delta CRL) fullName URIs. */
  readonly deltaCrl: readonly string[];
  /** authorityInfoAccess id-ad-ocsp URIs. */
  readonly ocsp: readonly string[];
  /** authorityInfoAccess id-ad-caIssuers URIs. */
  readonly caIssuers: readonly string[];
  /** URIs that are not fetched: another scheme (LDAP is common), or not a URL. */
  readonly refused: readonly RefusedUrl[];
  /** Extensions that do not decode, with the reason: their URLs are unknown. */
  readonly unreadable: readonly string[];
}

/** Longest URI taken: real ones are well under 200 characters. */
const MAX_URL_LENGTH = 2048;

/** fullName URIs of a freshestCRL value (RFC 5280 §4.2.1.15): read on demand, as only fetching needs them. */
function freshestUris(cert: Certificate): Decoded<readonly string[]> | undefined {
  const ext = cert.extensions.find((e) => e.oid === OID.freshestCRL);
  if (ext === undefined) return undefined;
  try {
    return { ok: true, value: decodeDistributionPoints(ext.value, cert.issuer).flatMap((p) => p.uris) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * Where a certificate's CRLs, OCSP responder and issuer certificates can be fetched. Only `http:` and `https:` URIs are
 * returned (normalised by the URL parser, without repeats); others are listed as refused with the reason. A malformed
 * extension gives no URL and is named in `unreadable`; nothing here throws for what a certificate holds.
 *
 * @param cert - the certificate
 * @returns its URLs by kind, the refused URIs and the unreadable extensions
 * @example
 * ```ts
 * const { crl, ocsp, refused } = certificateUrls(signingCertificate);
 * for (const url of crl) await session.get(url, "crl");
 * ```
 */
export function certificateUrls(cert: Certificate): CertificateUrls {
  const lists = { crl: new Set<string>(), deltaCrl: new Set<string>(), ocsp: new Set<string>(), caIssuers: new Set<string>() };
  const refused: RefusedUrl[] = [];
  const unreadable: string[] = [];
  const take = (list: Set<string>, kind: FetchKind, found: readonly string[]): void => {
    for (const uri of found) {
      const checked = checkUri(uri, kind);
      if (typeof checked === "string") list.add(checked);
      else if (!refused.some((r) => r.url === checked.url && r.kind === kind)) refused.push(checked);
    }
  };
  const read = <T>(name: string, decoded: Decoded<T> | undefined, use: (value: T) => void): void => {
    if (decoded === undefined) return;
    if (decoded.ok) use(decoded.value);
    else unreadable.push(`${name} does not decode: ${decoded.error}`);
  };
  // The certificate decodes each extension once; the path and revocation stages read the same objects.
  read("cRLDistributionPoints", cert.crlDistributionPoints, (points) => take(lists.crl, "crl", points.flatMap((p) => p.uris)));
  read("freshestCRL", freshestUris(cert), (uris) => take(lists.deltaCrl, "crl", uris));
  read("authorityInfoAccess", cert.authorityInfoAccess, (aia) => {
    take(lists.ocsp, "ocsp", aia.ocsp);
    take(lists.caIssuers, "ca-issuers", aia.caIssuers);
  });
  return { crl: [...lists.crl], deltaCrl: [...lists.deltaCrl], ocsp: [...lists.ocsp], caIssuers: [...lists.caIssuers], refused, unreadable };
}

/** The normalised URL, or why the URI is refused. */
function checkUri(uri: string, kind: FetchKind): string | RefusedUrl {
  const shown = uri.length > 200 ? `${uri.slice(0, 200)}…` : uri;
  if (uri.length > MAX_URL_LENGTH) {
    return { url: shown, kind, reason: "INVALID_URL", message: `a URI longer than ${MAX_URL_LENGTH} characters` };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { url: shown, kind, reason: "INVALID_URL", message: `not a URL: ${JSON.stringify(shown)}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { url: shown, kind, reason: "REFUSED_SCHEME", message: `scheme ${url.protocol} is not fetched (http: and https: only)` };
  }
  return url.href;
}
