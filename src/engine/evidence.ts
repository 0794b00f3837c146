import type { CacheTables } from "../cache/validation-cache.js";
import { isDecree130Error } from "../errors.js";
import type { EvidenceOrigin, RevocationSources } from "../revocation/types.js";

/** Revocation evidence gathered for one file, and what could not be read. */
export interface GatheredEvidence {
  readonly sources: RevocationSources;
  /** Embedded objects that did not decode: reported as warnings, never fatal (they only reduce the evidence). */
  readonly unreadable: readonly string[];
}

/**
 * Decodes the CRLs and OCSP responses a file carries (through the cache's stores) and joins them with the caller's.
 *
 * @param embedded - the file's CRLs and OCSP responses, DER
 * @param caller - evidence the caller supplied, decoded
 * @param tables - the cache's decoded-object stores
 * @returns the evidence, and the embedded objects that did not decode
 * @example
 * ```ts
 * const { sources, unreadable } = gatherEvidence(file, run.supplied, run.tables);
 * ```
 */
export function gatherEvidence(
  embedded: { readonly crls: readonly Uint8Array[]; readonly ocspResponses: readonly Uint8Array[] },
  caller: RevocationSources,
  tables: CacheTables,
): GatheredEvidence {
  const unreadable: string[] = [];
  const origin: EvidenceOrigin = "embedded";
  const crls = [...caller.crls];
  const ocsp = [...caller.ocsp];
  embedded.crls.forEach((der, i) => {
    try {
      crls.push({ crl: tables.crls.decode(der, 0, der.length), origin });
    } catch (err) {
      if (!isDecree130Error(err)) throw err;
      unreadable.push(`embedded CRL ${i}: ${err.message}`);
    }
  });
  embedded.ocspResponses.forEach((der, i) => {
    try {
      ocsp.push({ response: tables.ocsp.decode(der, 0, der.length), origin });
    } catch (err) {
      if (!isDecree130Error(err)) throw err;
      unreadable.push(`embedded OCSP response ${i}: ${err.message}`);
    }
  });
  return { sources: { crls, ocsp }, unreadable };
}
