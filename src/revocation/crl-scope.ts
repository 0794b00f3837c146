import { children, ctx, ctxPrim, readRoot, rawOf, Tag, valueOf, type Tlv } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import { toHex, type Certificate } from "../model/certificate.js";
import { decodeName, decodeNameDer, type Name } from "../model/name.js";
import type { Crl } from "./types.js";

/** A decoded issuingDistributionPoint (RFC 5280 §5.2.5). */
export interface IssuingDistributionPoint {
  /** The distribution point's names as comparison keys (see {@link crlScopeProblem}); absent when the IDP names none. */
  readonly names?: ReadonlySet<string>;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlySomeReasons: boolean;
  readonly indirectCRL: boolean;
  readonly onlyContainsAttributeCerts: boolean;
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
    return [`dn:${base.key === "" ? rdn.key : `${base.key},${rdn.key}`}`];
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
    indirectCRL: false,
    onlyContainsAttributeCerts: false,
  };
  let names: Set<string> | undefined;
  for (const f of children(readRoot(value), "der", 6)) {
    if (f.tag === ctx(0)) names = new Set(dpNameKeys(f, crlIssuer));
    else if (f.tag === ctxPrim(1)) out.onlyContainsUserCerts = flag(f);
    else if (f.tag === ctxPrim(2)) out.onlyContainsCACerts = flag(f);
    else if (f.tag === ctxPrim(3)) out.onlySomeReasons = true;
    else if (f.tag === ctxPrim(4)) out.indirectCRL = flag(f);
    else if (f.tag === ctxPrim(5)) out.onlyContainsAttributeCerts = flag(f);
    else bad(`unexpected field 0x${f.tag.toString(16)} in issuingDistributionPoint`);
  }
  return names ? { ...out, names } : out;
}

/** Names of the certificate's cRLDistributionPoints: each point's name, or its cRLIssuer when it names no point. */
function certificateDpKeys(cert: Certificate): Set<string> | undefined {
  const ext = cert.extensions.find((e) => e.oid === OID.cRLDistributionPoints);
  if (!ext) return undefined;
  const keys = new Set<string>();
  for (const dp of children(readRoot(ext.value), "der", MAX_NAMES)) {
    const parts = children(dp, "der", 3);
    const name = parts.find((p) => p.tag === ctx(0));
    const crlIssuer = parts.find((p) => p.tag === ctx(2));
    const found = name ? dpNameKeys(name, cert.issuer) : crlIssuer ? generalNameKeys(crlIssuer) : [];
    for (const k of found) keys.add(k);
  }
  return keys;
}

/** Scope rules in RFC 5280 §6.3.3 (b) order: each yields a rejection reason or nothing. */
const SCOPE_RULES: readonly ((idp: IssuingDistributionPoint, cert: Certificate) => string | undefined)[] = [
  (idp) => (idp.indirectCRL ? "indirect CRL: not supported yet" : undefined),
  (idp) => (idp.onlyContainsAttributeCerts ? "CRL covers attribute certificates only" : undefined),
  (idp, cert) => (idp.onlyContainsUserCerts && cert.basicConstraints?.ca === true ? "CRL covers end-entity certificates only" : undefined),
  (idp, cert) => (idp.onlyContainsCACerts && cert.basicConstraints?.ca !== true ? "CRL covers CA certificates only" : undefined),
  (idp, cert) => {
    if (!idp.names) return undefined;
    const certKeys = certificateDpKeys(cert);
    if (!certKeys) return "CRL is partitioned by distribution point and the certificate names none";
    for (const k of idp.names) if (certKeys.has(k)) return undefined;
    return "CRL distribution point does not match the certificate's";
  },
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
  if (!ext) return undefined;
  let idp: IssuingDistributionPoint;
  try {
    idp = decodeIssuingDistributionPoint(ext.value, crl.issuer);
  } catch (err) {
    return `issuingDistributionPoint does not decode: ${(err as Error).message}`;
  }
  try {
    for (const rule of SCOPE_RULES) {
      const problem = rule(idp, cert);
      if (problem) return problem;
    }
  } catch (err) {
    return `cRLDistributionPoints of the certificate does not decode: ${(err as Error).message}`;
  }
  return undefined;
}

/**
 * Whether a CRL covers only some revocation reasons (issuingDistributionPoint onlySomeReasons): its entries are real
 * revocations, but its silence proves nothing alone.
 *
 * @param crl - the CRL
 * @returns `true` for a reason-partitioned CRL (an IDP that does not decode counts as one: its silence is not trusted)
 * @example
 * ```ts
 * if (coversSomeReasonsOnly(crl)) console.log("partial CRL");
 * ```
 */
export function coversSomeReasonsOnly(crl: Crl): boolean {
  const ext = crl.extensions.find((e) => e.oid === OID.issuingDistributionPoint);
  if (!ext) return false;
  try {
    return decodeIssuingDistributionPoint(ext.value, crl.issuer).onlySomeReasons;
  } catch {
    return true;
  }
}
