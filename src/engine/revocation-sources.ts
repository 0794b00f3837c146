import { isDecree130Error } from "../errors.js";
import { decodeCrlCached, type CrlCache } from "../cache/crl-cache.js";
import { decodeOcspResponse } from "../model/ocsp-response.js";
import type { EvidenceOrigin, RevocationSources } from "../revocation/types.js";
import type { SignedData } from "../model/signed-data.js";

/** Revocation evidence gathered for one file, and what could not be read. */
export interface GatheredEvidence {
  readonly sources: RevocationSources;
  /** Embedded objects that did not decode: reported as warnings, never fatal (they only reduce the evidence). */
  readonly unreadable: readonly string[];
}

/**
 * Decodes the embedded CRLs and OCSP responses of a SignedData and joins them with the caller's (already decoded).
 *
 * @param signedData - the signature file
 * @param caller - evidence the caller supplied
 * @param crlCache - decoded CRLs to reuse, if any
 * @returns the evidence, and the embedded objects that did not decode
 */
export function gatherEvidence(signedData: SignedData, caller: RevocationSources, crlCache?: CrlCache): GatheredEvidence {
  const unreadable: string[] = [];
  const embedded: EvidenceOrigin = "embedded";
  const crls = [...caller.crls];
  const ocsp = [...caller.ocsp];
  signedData.crls.forEach((der, i) => {
    try {
      crls.push({ crl: decodeCrlCached(der, crlCache), origin: embedded });
    } catch (err) {
      if (!isDecree130Error(err)) throw err;
      unreadable.push(`embedded CRL ${i}: ${err.message}`);
    }
  });
  signedData.ocspResponses.forEach((der, i) => {
    try {
      ocsp.push({ response: decodeOcspResponse(der), origin: embedded });
    } catch (err) {
      if (!isDecree130Error(err)) throw err;
      unreadable.push(`embedded OCSP response ${i}: ${err.message}`);
    }
  });
  return { sources: { crls, ocsp }, unreadable };
}
