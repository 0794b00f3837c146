import { serialOf } from "./cert-fields.js";
import type { TestIdentity } from "./identity.js";
import { toMillis, type DateInput } from "./time.js";

/** CRL reason codes (RFC 5280 §5.3.1) and their numbers; 7 is unused by the standard. */
export const REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

/** A revocation reason by name. */
export type ReasonName = keyof typeof REASON_CODES;

/** One revocation an issuer has recorded. */
export interface RevocationEntry {
  /** The serial number's INTEGER content octets. */
  readonly serial: Uint8Array;
  /** Revocation time, milliseconds since the epoch. */
  readonly at: number;
  readonly reason: ReasonName;
  /** When the key is known or suspected to have been compromised (the CRL entry's invalidityDate). */
  readonly invalidityDate?: number;
}

/** Options of {@link revoke}. */
export interface RevokeOptions {
  /** The revocation time. */
  readonly at: DateInput;
  /** Default `unspecified` (which CRLs write as no reason code, RFC 5280 §5.3.1). */
  readonly reason?: ReasonName;
  /** The compromise time, for `keyCompromise` and `cACompromise`. */
  readonly invalidityDate?: DateInput;
}

const registry = new WeakMap<TestIdentity, RevocationEntry[]>();

/**
 * Records that `issuer` revoked (or suspended, with `certificateHold`) a certificate. Later CRLs and OCSP responses of that
 * issuer whose time is at or after `at` report it. A certificate revoked twice keeps its latest entry (a hold, then a
 * permanent revocation).
 *
 * @param issuer - the CA that revokes
 * @param certificate - the certificate (an identity or DER)
 * @param options - time, reason and compromise time
 * @returns the entry recorded
 * @example
 * ```ts
 * revoke(pki.publicCa, signer, { at: "2025-06-01T00:00:00Z", reason: "keyCompromise", invalidityDate: "2025-05-20T00:00:00Z" });
 * ```
 */
export function revoke(issuer: TestIdentity, certificate: TestIdentity | Uint8Array, options: RevokeOptions): RevocationEntry {
  const entry: RevocationEntry = {
    serial: serialOf(certificate),
    at: toMillis(options.at, "at"),
    reason: options.reason ?? "unspecified",
    ...(options.invalidityDate === undefined ? {} : { invalidityDate: toMillis(options.invalidityDate, "invalidityDate") }),
  };
  let list = registry.get(issuer);
  if (!list) registry.set(issuer, (list = []));
  list.push(entry);
  return entry;
}

/**
 * The revocations `issuer` had recorded at a moment: the latest entry per serial with `at` no later than the moment.
 *
 * @param issuer - the CA
 * @param moment - milliseconds since the epoch (a CRL's thisUpdate, an OCSP response's thisUpdate)
 * @returns one entry per revoked serial, in the order first recorded
 * @example
 * ```ts
 * revocationsAt(pki.publicCa, Date.parse("2025-06-02T00:00:00Z")); // what a CRL issued then lists
 * ```
 */
export function revocationsAt(issuer: TestIdentity, moment: number): RevocationEntry[] {
  const latest = new Map<string, RevocationEntry>();
  for (const e of registry.get(issuer) ?? []) {
    if (e.at > moment) continue;
    const key = Array.from(e.serial).join(",");
    const prev = latest.get(key);
    if (!prev || e.at >= prev.at) latest.set(key, e);
  }
  return [...latest.values()];
}
