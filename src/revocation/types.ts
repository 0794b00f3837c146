import type { AlgorithmIdentifier } from "../model/algorithm.js";
import type { Certificate } from "../model/certificate.js";
import type { Extension } from "../model/extensions.js";
import type { Name } from "../model/name.js";

/** CRL reason codes (RFC 5280 §5.3.1) by name. */
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "cACompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "certificateHold"
  | "removeFromCRL"
  | "privilegeWithdrawn"
  | "aACompromise";

/** A CRL, decoded once; byte fields are views of `der`. */
export interface Crl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly issuer: Name;
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
  /** Serial (upper-case hex) → entry. */
  readonly entries: ReadonlyMap<string, CrlEntry>;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly extensions: readonly Extension[];
  readonly crlNumber?: bigint;
  /** Set for a delta CRL: the base CRL number it applies to. */
  readonly deltaBase?: bigint;
}

/** One revoked certificate in a CRL. */
export interface CrlEntry {
  readonly serialHex: string;
  readonly revocationDate: number;
  readonly reason: RevocationReason;
  readonly invalidityDate?: number;
}

/** A caller-supplied or embedded OCSP response, decoded once. */
export interface OcspResponse {
  readonly der: Uint8Array;
  /** The BasicOCSPResponse's tbsResponseData. */
  readonly tbs: Uint8Array;
  readonly producedAt: number;
  readonly responses: readonly OcspSingleResponse[];
  readonly certificates: readonly Certificate[];
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  /** ResponderID: by name (DER of the Name) or by key hash. */
  readonly responderId: { readonly byName?: Name; readonly byKeyHash?: Uint8Array };
}

/** One SingleResponse. */
export interface OcspSingleResponse {
  readonly hashAlgorithm: string;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  readonly serialHex: string;
  readonly status: "good" | "revoked" | "unknown";
  readonly revocationTime?: number;
  readonly reason?: RevocationReason;
  /** The compromise time from the invalidityDate single extension (RFC 6960 §4.4), when given. */
  readonly invalidityDate?: number;
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
}

/** Where a piece of evidence came from. */
export type EvidenceOrigin = "embedded" | "caller" | "fetched";

/** The revocation evidence available to one validation. */
export interface RevocationSources {
  readonly crls: readonly { readonly crl: Crl; readonly origin: EvidenceOrigin }[];
  readonly ocsp: readonly { readonly response: OcspResponse; readonly origin: EvidenceOrigin }[];
}

/** A description of a piece of evidence used or rejected, for the report. */
export interface EvidenceRef {
  readonly type: "crl" | "ocsp";
  readonly origin: EvidenceOrigin;
  readonly issuer: string;
  readonly thisUpdate: string;
  readonly nextUpdate: string | null;
  /** Why it was not used, when it was rejected. */
  readonly rejected?: string;
}

/** A revocation found for a certificate. */
export interface Revocation {
  /** R: the revocation (or suspension) time. */
  readonly at: number;
  readonly reason: RevocationReason;
  /** C: for keyCompromise / cACompromise, the invalidityDate when present, else R. */
  readonly compromiseAt?: number;
  /** For certificateHold lifted by later evidence: the thisUpdate of that evidence (the hold lasted [at, holdUntil)). */
  readonly holdUntil?: number;
}

/**
 * The revocation status of one certificate at one time, as evidence shows it.
 * `known`: some accepted evidence speaks for the asked time (semantics.md "Revocation evidence").
 * `revocation`: the certificate is revoked or was suspended, per the accepted evidence (whatever the time asked).
 */
export interface RevocationFinding {
  readonly known: boolean;
  readonly revocation?: Revocation;
  /** Evidence used, and evidence seen but rejected (with `rejected` set). */
  readonly evidence: readonly EvidenceRef[];
}
