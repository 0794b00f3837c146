import type { Certificate } from "../model/certificate.js";
import type { Crl } from "../model/crl.js";
import type { OcspResponse } from "../model/ocsp-response.js";
import type { RevocationReason } from "../model/revocation-reason.js";
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

export type { Crl, CrlEntry } from "../model/crl.js";
export type { OcspResponse, OcspSingleResponse } from "../model/ocsp-response.js";
export type { RevocationReason } from "../model/revocation-reason.js";

/** A CA certificate on the path below the anchor, with the facts the time rules need. */
export interface PathCa {
  readonly certificate: Certificate;
  /** The certificate whose key signed it, when known: whose CRL or OCSP responder speaks for it. */
  readonly issuer?: Certificate | undefined;
  /** Revocation of this CA certificate at the asked time, as its issuer's evidence shows; `null` when revocation is ignored. */
  readonly revocation: RevocationFinding | null;
}
