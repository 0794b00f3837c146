import { OID } from "../asn1/oids.js";
import { KeyUsageBit, type KeyUsageName } from "../model/extensions.js";
import { explicit, ia5String, implicitPrim, int, namedBits, NULL, octetString, oidDer, retag, seq, TRUE } from "./asn1.js";
import { KIT_OID } from "./algorithms.js";

/** keyUsage bit names (RFC 5280 §4.2.1.3). */
export type KeyUsage = KeyUsageName;

const KEY_USAGE_BITS: Readonly<Record<KeyUsage, number>> = KeyUsageBit;

/** Extended key usages by name; any other value is taken as a dotted OID. */
export const EXTENDED_KEY_USAGES = {
  serverAuth: KIT_OID.kpServerAuth,
  clientAuth: KIT_OID.kpClientAuth,
  emailProtection: KIT_OID.kpEmailProtection,
  timeStamping: OID.kpTimeStamping,
  OCSPSigning: OID.kpOcspSigning,
} as const;

/** An extension to add as is: its OID, criticality and the DER inside its OCTET STRING. */
export interface RawExtension {
  readonly oid: string;
  readonly critical?: boolean;
  readonly value: Uint8Array;
}

/**
 * Encodes one Extension (criticality FALSE is the DEFAULT, so it is omitted).
 *
 * @param ext - the extension
 * @returns the DER Extension
 */
export const encodeExtension = (ext: RawExtension): Uint8Array =>
  seq(oidDer(ext.oid), ...(ext.critical ? [TRUE] : []), octetString(ext.value));

/**
 * basicConstraints, critical, for a CA.
 *
 * @param pathLen - the pathLenConstraint, if any
 * @returns the extension
 */
export const caConstraints = (pathLen?: number): RawExtension => ({
  oid: OID.basicConstraints,
  critical: true,
  value: seq(TRUE, ...(pathLen === undefined ? [] : [int(pathLen)])),
});

/**
 * keyUsage, critical.
 *
 * @param names - the bits to set
 * @returns the extension
 */
export const keyUsage = (names: readonly KeyUsage[]): RawExtension => ({
  oid: OID.keyUsage,
  critical: true,
  value: namedBits(names.map((n) => KEY_USAGE_BITS[n])),
});

/**
 * extendedKeyUsage from names or OIDs.
 *
 * @param usages - names from {@link EXTENDED_KEY_USAGES} or dotted OIDs
 * @param critical - whether to mark it critical
 * @returns the extension
 */
export const extKeyUsage = (usages: readonly string[], critical: boolean): RawExtension => ({
  oid: OID.extKeyUsage,
  critical,
  value: seq(...usages.map((u) => oidDer((EXTENDED_KEY_USAGES as Record<string, string>)[u] ?? u))),
});

/**
 * subjectKeyIdentifier.
 *
 * @param id - the key identifier
 * @returns the extension
 */
export const subjectKeyId = (id: Uint8Array): RawExtension => ({ oid: OID.subjectKeyIdentifier, value: octetString(id) });

/**
 * authorityKeyIdentifier with the keyIdentifier only.
 *
 * @param id - the issuer's key identifier
 * @returns the extension
 */
export const authorityKeyId = (id: Uint8Array): RawExtension => ({ oid: OID.authorityKeyIdentifier, value: seq(implicitPrim(0, id)) });

/**
 * cRLDistributionPoints with one URI.
 *
 * @param uri - where the CRL is published
 * @returns the extension
 */
export const crlDistributionPoint = (uri: string): RawExtension => ({
  oid: OID.cRLDistributionPoints,
  value: seq(seq(explicit(0, explicit(0, retag(ia5String(uri), 0x86))))),
});

/**
 * authorityInfoAccess with an OCSP URI and/or a caIssuers URI.
 *
 * @param ocsp - the OCSP responder URI
 * @param caIssuers - where the issuer certificate is published
 * @returns the extension
 */
export function authorityInfoAccess(ocsp?: string, caIssuers?: string): RawExtension {
  const access: Uint8Array[] = [];
  if (ocsp !== undefined) access.push(seq(oidDer(KIT_OID.ocspAccess), retag(ia5String(ocsp), 0x86)));
  if (caIssuers !== undefined) access.push(seq(oidDer(KIT_OID.caIssuersAccess), retag(ia5String(caIssuers), 0x86)));
  return { oid: OID.authorityInfoAccess, value: seq(...access) };
}

/**
 * certificatePolicies with bare policy OIDs.
 *
 * @param oids - the policy OIDs
 * @returns the extension
 */
export const certificatePolicies = (oids: readonly string[]): RawExtension => ({
  oid: OID.certificatePolicies,
  value: seq(...oids.map((o) => seq(oidDer(o)))),
});

/**
 * qcStatements holding QcSSCD (the key is in a qualified signature creation device).
 *
 * @returns the extension
 */
export const qcSscd = (): RawExtension => ({ oid: OID.qcStatements, value: seq(seq(oidDer(OID.qcsQcSSCD))) });

/**
 * id-pkix-ocsp-nocheck, for a delegated OCSP responder (RFC 6960 §4.2.2.2.1).
 *
 * @returns the extension
 */
export const ocspNoCheck = (): RawExtension => ({ oid: OID.ocspNoCheck, value: NULL });
