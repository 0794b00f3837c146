import { toHex } from "../lib/hex.js";
import { children, ctx, ctxPrim, readRoot, rawOf, Tag, valueOf, type Tlv } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import { type Certificate } from "../model/certificate.js";
import { decodeName, decodeNameDer, type Name } from "../model/name.js";
import type { Crl } from "./types.js";
import { MemoSlot } from "../cache/memo-slot.js";

/** A decoded issuingDistributionPoint (RFC 5280 §5.2.5). */
export interface IssuingDistributionPoint {
  /** The distribution point's names as comparison keys (see {@link crlScopeProblem}); absent when the IDP names none. */
  readonly names?: ReadonlySet<string>;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlySomeReasons: boolean;
  /** The onlySomeReasons ReasonFlags as a bit mask (bit n = ReasonFlags bit n); {@link ALL_REASONS} when absent. */
  readonly reasons: number;
  readonly indirectCRL: boolean;
  readonly onlyContainsAttributeCerts: boolean;
}

/** Every ReasonFlags bit that names a reason (1 keyCompromise ... 8 aACompromise; bit 0 is unused). */
export const ALL_REASONS = 0b1_1111_1110;

/** Reads a ReasonFlags BIT STRING (primitive, DER) into a mask of bit numbers. */
function reasonMask(tlv: Tlv): number {
  const v = valueOf(tlv);
  if (v.length === 0 || v[0]! > 7) bad(`issuingDistributionPoint: bad onlySomeReasons at offset ${tlv.start}`);
  let mask = 0;
  for (let bit = 0; bit < 9 && 1 + (bit >> 3) < v.length; bit++) if (v[1 + (bit >> 3)]! & (0x80 >> (bit & 7))) mask |= 1 << bit;
  return mask;
}

/** Most GeneralNames read from one distribution point: real ones hold one or two URIs. */
const MAX_NAMES = 64;

function bad(message: string): never {
  throw new Decree130Error("MALFORMED_CRL", message);
}

function flag(tlv: Tlv): boolean {
  const v = valueOf(tlv);
  if (v.length !== 1 || (v[0] !== 0 && v[0] !== 0xff)) bad(`issuingDistributionPoint: bad boolean at offset ${tlv.start}`);
  return v[0] === 0xff;
}

/** Comparison keys for GeneralNames: directory names by their RFC 5280 §7.1 key, other forms by their exact DER. */
function generalNameKeys(list: Tlv): string[] {
  return children(list, "der", MAX_NAMES).map((gn) => {
    if (gn.tag === ctx(4)) return `dn:${decodeName(children(gn, "der", 1)[0] ?? gn).key}`;
    return `raw:${toHex(rawOf(gn))}`;
  });
}

/** Keys for a DistributionPointName: fullName [0] GeneralNames, or nameRelativeToCRLIssuer [1] RDN appended to `base`. */
function dpNameKeys(dpn: Tlv, base: Name): string[] {
  const [choice] = children(dpn, "der", 1);
  if (!choice) return [];
  if (choice.tag === ctx(0)) return generalNameKeys(choice);
  if (choice.tag === ctx(1)) {
    const rdn = decodeNameDer(encodeTlv(Tag.SEQUENCE, encodeTlv(Tag.SET, valueOf(choice))));
    // A name key is its RDNs' keys, each closed by a separator: appending one RDN is concatenation.
    return [`dn:${base.key}${rdn.key}`];
  }
  return [];
}

/**
 * Decodes an issuingDistributionPoint extension value.
 *
 * @param value - the extension's DER value
 * @param crlIssuer - the CRL's issuer, the base of a nameRelativeToCRLIssuer
 * @returns the decoded extension
 * @throws {@link Decree130Error} `MALFORMED_CRL` or `MALFORMED_DER` when the value does not decode (the caller rejects the CRL)
 * @example
 * ```ts
 * const idp = decodeIssuingDistributionPoint(ext.value, crl.issuer);
 * ```
 */
export function decodeIssuingDistributionPoint(value: Uint8Array, crlIssuer: Name): IssuingDistributionPoint {
  const out = {
    onlyContainsUserCerts: false,
    onlyContainsCACerts: false,
    onlySomeReasons: false,
    reasons: ALL_REASONS,
    indirectCRL: false,
    onlyContainsAttributeCerts: false,
  };
  let names: Set<string> | undefined;
  for (const f of children(readRoot(value), "der", 6)) {
    if (f.tag === ctx(0)) names = new Set(dpNameKeys(f, crlIssuer));
    else if (f.tag === ctxPrim(1)) out.onlyContainsUserCerts = flag(f);
    else if (f.tag === ctxPrim(2)) out.onlyContainsCACerts = flag(f);
    else if (f.tag === ctxPrim(3)) {
      out.onlySomeReasons = true;
      out.reasons = reasonMask(f);
    }
    else if (f.tag === ctxPrim(4)) out.indirectCRL = flag(f);
    else if (f.tag === ctxPrim(5)) out.onlyContainsAttributeCerts = flag(f);
    else bad(`unexpected field 0x${f.tag.toString(16)} in issuingDistributionPoint`);
  }
  return names ? { ...out, names } : out;
}

/** One of a certificate's distribution points: its names and the cRLIssuer names (directory names as `dn:` keys). */
interface CertDp {
  readonly names: ReadonlySet<string>;
  readonly crlIssuers: ReadonlySet<string>;
}

/**
 * The certificate's cRLDistributionPoints; `undefined` when it has none. A nameRelativeToCRLIssuer is relative to the
 * point's cRLIssuer when it names one, else to the certificate's issuer (RFC 5280 §4.2.1.13).
 */
function certificateDps(cert: Certificate): CertDp[] | undefined {
  let dps = dpsOf.get(cert);
  if (dps === undefined) dpsOf.set(cert, (dps = readDps(cert) ?? null));
  return dps ?? undefined;
}

/** Distribution points by certificate (`null`: none): a decoded certificate does not change, and is asked often. */
const dpsOf = new MemoSlot<Certificate, CertDp[] | null>();

function readDps(cert: Certificate): CertDp[] | undefined {
  const ext = cert.extensions.find((e) => e.oid === OID.cRLDistributionPoints);
  if (!ext) return undefined;
  return children(readRoot(ext.value), "der", MAX_NAMES).map((dp) => {
    const parts = children(dp, "der", 3);
    const name = parts.find((p) => p.tag === ctx(0));
    const issuerField = parts.find((p) => p.tag === ctx(2));
    const crlIssuers = issuerField ? generalNameKeys(issuerField) : [];
    const dn = issuerField ? children(issuerField, "der", MAX_NAMES).find((gn) => gn.tag === ctx(4)) : undefined;
    const base = dn ? decodeName(children(dn, "der", 1)[0] ?? dn) : cert.issuer;
    return { names: new Set(name ? dpNameKeys(name, base) : []), crlIssuers: new Set(crlIssuers) };
  });
}

/** Whether one distribution point of the certificate is served by the CRL (RFC 5280 §6.3.3 (b)). */
function dpServedBy(dp: CertDp, crl: Crl, cert: Certificate, idp: IssuingDistributionPoint | undefined): boolean {
  if (dp.crlIssuers.size > 0) {
    if (!dp.crlIssuers.has(`dn:${crl.issuer.key}`) || !idp?.indirectCRL) return false;
  } else if (crl.issuer.key !== cert.issuer.key) return false;
  if (!idp?.names) return true;
  const names = dp.names.size > 0 ? dp.names : dp.crlIssuers;
  for (const k of idp.names) if (names.has(k)) return true;
  return false;
}

/**
 * Whether a CRL from another issuer than the certificate's may speak for it: the certificate names the CRL's issuer as
 * the cRLIssuer of one of its distribution points.
 *
 * @param crl - the CRL
 * @param cert - the certificate asked about
 * @returns `true` when some distribution point names the CRL's issuer as cRLIssuer (the scope rules decide the rest)
 * @example
 * ```ts
 * if (crl.issuer.key !== cert.issuer.key && !namesCrlIssuer(crl, cert)) return undefined; // another issuer's CRL
 * ```
 */
export function namesCrlIssuer(crl: Crl, cert: Certificate): boolean {
  try {
    return (certificateDps(cert) ?? []).some((dp) => dp.crlIssuers.has(`dn:${crl.issuer.key}`));
  } catch {
    return false;
  }
}

/** Scope rules on the IDP's flags, in RFC 5280 §6.3.3 (b) order: each yields a rejection reason or nothing. */
const SCOPE_RULES: readonly ((idp: IssuingDistributionPoint, cert: Certificate) => string | undefined)[] = [
  (idp) => (idp.onlyContainsAttributeCerts ? "CRL covers attribute certificates only" : undefined),
  (idp, cert) => (idp.onlyContainsUserCerts && cert.basicConstraints?.ca === true ? "CRL covers end-entity certificates only" : undefined),
  (idp, cert) => (idp.onlyContainsCACerts && cert.basicConstraints?.ca !== true ? "CRL covers CA certificates only" : undefined),
];

/**
 * Why a CRL's issuingDistributionPoint does not cover a certificate, if it does not.
 *
 * @param crl - the CRL (its `extensions` hold the IDP, if any)
 * @param cert - the certificate asked about
 * @returns a rejection reason, or `undefined` when the CRL's scope covers the certificate
 * @example
 * ```ts
 * const problem = crlScopeProblem(crl, cert); // "CRL covers CA certificates only"
 * ```
 */
export function crlScopeProblem(crl: Crl, cert: Certificate): string | undefined {
  const ext = crl.extensions.find((e) => e.oid === OID.issuingDistributionPoint);
  let idp: IssuingDistributionPoint | undefined;
  try {
    idp = ext ? decodeIssuingDistributionPoint(ext.value, crl.issuer) : undefined;
  } catch (err) {
    return `issuingDistributionPoint does not decode: ${(err as Error).message}`;
  }
  if (idp) {
    for (const rule of SCOPE_RULES) {
      const problem = rule(idp, cert);
      if (problem) return problem;
    }
  }
  try {
    const dps = certificateDps(cert);
    // Without cRLDistributionPoints the certificate has one implicit point: its issuer's complete, unpartitioned CRL.
    if (!dps) {
      if (crl.issuer.key !== cert.issuer.key) return "CRL issuer is not the certificate's issuer";
      return idp?.names ? "CRL is partitioned by distribution point and the certificate names none" : undefined;
    }
    if (dps.some((dp) => dpServedBy(dp, crl, cert, idp))) return undefined;
    return crl.issuer.key === cert.issuer.key
      ? "CRL distribution point does not match the certificate's"
      : "CRL is not an indirect CRL for a cRLIssuer the certificate names";
  } catch (err) {
    return `cRLDistributionPoints of the certificate does not decode: ${(err as Error).message}`;
  }
}

/**
 * The reasons a CRL covers (issuingDistributionPoint onlySomeReasons), as a ReasonFlags bit mask.
 *
 * @param crl - the CRL
 * @returns {@link ALL_REASONS} for a CRL covering every reason; 0 when the IDP does not decode (nothing is trusted)
 * @example
 * ```ts
 * if (reasonsCovered(crl) !== ALL_REASONS) console.log("partial CRL");
 * ```
 */
export function reasonsCovered(crl: Crl): number {
  const ext = crl.extensions.find((e) => e.oid === OID.issuingDistributionPoint);
  if (!ext) return ALL_REASONS;
  try {
    return decodeIssuingDistributionPoint(ext.value, crl.issuer).reasons & ALL_REASONS;
  } catch {
    return 0;
  }
}

/**
 * Whether a CRL is marked indirect (issuingDistributionPoint indirectCRL).
 *
 * @param crl - the CRL
 * @returns `true` when the IDP asserts indirectCRL (an IDP that does not decode counts as not indirect)
 * @example
 * ```ts
 * if (crl.hasCertificateIssuerEntries && !isIndirectCrl(crl)) console.log("certificateIssuer outside an indirect CRL");
 * ```
 */
export function isIndirectCrl(crl: Crl): boolean {
  const ext = crl.extensions.find((e) => e.oid === OID.issuingDistributionPoint);
  if (!ext) return false;
  try {
    return decodeIssuingDistributionPoint(ext.value, crl.issuer).indirectCRL;
  } catch {
    return false;
  }
}

