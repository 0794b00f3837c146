import type { IssuerCategory, KeyProtection, TrustListJson, TrustService } from "../model/trust-list.js";

export type { TrustListJson, TrustListProviderJson } from "../model/trust-list.js";
import type { TestIdentity } from "./identity.js";
import { toPem } from "./pem.js";
import { isoString, toMillis, type DateInput } from "./time.js";

/** A licence period: `from` inclusive, `to` exclusive, `null` or absent for open-ended. */
export interface LicenceInput {
  readonly from: DateInput;
  readonly to?: DateInput | null;
}

/** A provider to list, with its certificates as identities or DER. */
export interface TrustListProviderInput {
  readonly name: string;
  readonly category: IssuerCategory;
  readonly certificates: readonly (TestIdentity | Uint8Array)[];
  /** Absent: no licence check for this provider. */
  readonly licenses?: readonly LicenceInput[];
  readonly keyProtection?: KeyProtection | null;
  /** Absent: the format's default, `["signing"]`. */
  readonly services?: readonly TrustService[];
}

/**
 * Builds a trust list in the `decree130/trust-list@1` format from identities.
 *
 * @param name - the list's name
 * @param providers - the providers, in order
 * @returns the JSON object
 * @example
 * ```ts
 * const list = trustListJson("Only the public CA", [{ name: "Test CA", category: "public", certificates: [pki.publicCa] }]);
 * await fs.writeFile("trust.json", JSON.stringify(list, null, 2));
 * ```
 */
export function trustListJson(name: string, providers: readonly TrustListProviderInput[]): TrustListJson {
  return {
    schema: "decree130/trust-list@1",
    name,
    providers: providers.map((p) => ({
      name: p.name,
      category: p.category,
      certificates: p.certificates.map((c) => (c instanceof Uint8Array ? toPem(c) : c.pem)),
      ...(p.licenses === undefined
        ? {}
        : {
            licenses: p.licenses.map((l) => ({
              from: isoString(toMillis(l.from, "licence from")),
              to: l.to === undefined || l.to === null ? null : isoString(toMillis(l.to, "licence to")),
            })),
          }),
      ...(p.keyProtection === undefined ? {} : { keyProtection: p.keyProtection }),
      ...(p.services === undefined ? {} : { services: [...p.services] }),
    })),
  };
}
