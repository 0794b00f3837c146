/** Bounds on what one validation accepts, so hostile input costs bounded time and memory. */
export interface Limits {
  /** Largest signature file, in bytes. */
  readonly maxInputBytes: number;
  /** Most certificates, embedded and supplied together. */
  readonly maxCertificates: number;
  /** Most SignerInfos in one SignedData. */
  readonly maxSigners: number;
  /** Most CRLs and OCSP responses, embedded and supplied together. */
  readonly maxRevocationObjects: number;
  /**
   * Most candidate issuer certificates examined by all the path searches of one file together (every signer, timestamp
   * and CRL signer); past it, the searches still running end as "budget exhausted" (no path, so INDETERMINATE).
   */
  readonly maxPathCandidates: number;
  /** Most certificate signature verifications by all the path searches of one file together; past it, as above. */
  readonly maxPathSignatureChecks: number;
}

/**
 * The default limits: generous for real documents (a Vietnamese e-invoice carries 1–3 signatures and 2–4 certificates),
 * small enough that a crafted file cannot exhaust a browser tab.
 */
export const DEFAULT_LIMITS: Limits = {
  maxInputBytes: 32 * 1024 * 1024,
  maxCertificates: 200,
  maxSigners: 64,
  maxRevocationObjects: 64,
  maxPathCandidates: 1000,
  maxPathSignatureChecks: 500,
};
