import { children, ctx, expect, fields, oid, readRoot, Tag, type Tlv } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import type { Certificate } from "../model/certificate.js";
import { decodeGeneralName } from "../model/general-name.js";
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

/** Most distribution points, access descriptions, or names in one, read from a certificate. */
const MAX_ITEMS = 64;
/** Longest URI taken: real ones are well under 200 characters. */
const MAX_URL_LENGTH = 2048;

/** The URIs among GeneralNames (other name forms, such as a directoryName, name no URL). */
function uris(names: readonly Tlv[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const name = decodeGeneralName(n);
    if (name.form === "uniformResourceIdentifier") out.push(name.value);
  }
  return out;
}

/** fullName URIs of a CRLDistributionPoints or FreshestCRL value (RFC 5280 §4.2.1.13, §4.2.1.15). */
function distributionPointUris(value: Uint8Array): string[] {
  const out: string[] = [];
  for (const dp of children(expect(readRoot(value), Tag.SEQUENCE, "CRLDistributionPoints"), "der", MAX_ITEMS)) {
    const name = fields(dp, 0, 3, "DistributionPoint").find((f) => f.tag === ctx(0));
    const [full] = name ? children(name, "der", 1) : [];
    // A nameRelativeToCRLIssuer [1] names no URL.
    if (full?.tag === ctx(0)) out.push(...uris(children(full, "der", MAX_ITEMS)));
  }
  return out;
}

/** URIs by access method of an AuthorityInfoAccessSyntax value (RFC 5280 §4.2.2.1). */
function accessUris(value: Uint8Array): { ocsp: string[]; caIssuers: string[] } {
  const out = { ocsp: [] as string[], caIssuers: [] as string[] };
  for (const ad of children(expect(readRoot(value), Tag.SEQUENCE, "AuthorityInfoAccessSyntax"), "der", MAX_ITEMS)) {
    const [method, location] = fields(ad, 2, 2, "AccessDescription");
    const id = oid(method!);
    const found = uris([location!]);
    if (id === OID.adOcsp) out.ocsp.push(...found);
    else if (id === OID.adCaIssuers) out.caIssuers.push(...found);
  }
  return out;
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
  for (const ext of cert.extensions) {
    try {
      if (ext.oid === OID.cRLDistributionPoints) take(lists.crl, "crl", distributionPointUris(ext.value));
      else if (ext.oid === OID.freshestCRL) take(lists.deltaCrl, "crl", distributionPointUris(ext.value));
      else if (ext.oid === OID.authorityInfoAccess) {
        const found = accessUris(ext.value);
        take(lists.ocsp, "ocsp", found.ocsp);
        take(lists.caIssuers, "ca-issuers", found.caIssuers);
      }
    } catch (err) {
      unreadable.push(`${EXTENSION_NAMES[ext.oid] ?? ext.oid} does not decode: ${(err as Error).message}`);
    }
  }
  return { crl: [...lists.crl], deltaCrl: [...lists.deltaCrl], ocsp: [...lists.ocsp], caIssuers: [...lists.caIssuers], refused, unreadable };
}

const EXTENSION_NAMES: Readonly<Record<string, string>> = {
  [OID.cRLDistributionPoints]: "cRLDistributionPoints",
  [OID.freshestCRL]: "freshestCRL",
  [OID.authorityInfoAccess]: "authorityInfoAccess",
};

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
