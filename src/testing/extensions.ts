import { AsnNullConverter, OctetString } from "@peculiar/asn1-schema";
import {
  AccessDescription,
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CertificatePolicies,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  ExtendedKeyUsage,
  Extension,
  GeneralName,
  KeyIdentifier,
  KeyUsage as KeyUsageBits,
  KeyUsageFlags,
  PolicyInformation,
  SubjectKeyIdentifier,
} from "@peculiar/asn1-x509";
import type { KeyUsageName } from "../model/extensions.js";
import { encode } from "./der.js";
import { KIT_OID } from "./oids.js";
import { QcStatement, QcStatements } from "./schemas.js";

/** keyUsage bit names (RFC 5280 §4.2.1.3). */
export type KeyUsage = KeyUsageName;

/** Extended key usages by name; any other value is taken as a dotted OID. */
export const EXTENDED_KEY_USAGES = {
  serverAuth: KIT_OID.kpServerAuth,
  clientAuth: KIT_OID.kpClientAuth,
  emailProtection: KIT_OID.kpEmailProtection,
  timeStamping: KIT_OID.kpTimeStamping,
  OCSPSigning: KIT_OID.kpOcspSigning,
} as const;

/** An extension to add as is: its OID, criticality and the DER inside its OCTET STRING. */
export interface RawExtension {
  readonly oid: string;
  readonly critical?: boolean;
  readonly value: Uint8Array;
}

/**
 * One Extension (criticality FALSE is the DEFAULT, so it is left out).
 *
 * @param ext - the extension
 * @returns the Extension
 */
export const toExtension = (ext: RawExtension): Extension =>
  new Extension({ extnID: ext.oid, critical: ext.critical ?? false, extnValue: new OctetString(ext.value) });

/**
 * basicConstraints, critical, for a CA.
 *
 * @param pathLen - the pathLenConstraint, if any
 * @returns the extension
 */
export const caConstraints = (pathLen?: number): RawExtension => ({
  oid: KIT_OID.basicConstraints,
  critical: true,
  value: encode(new BasicConstraints({ cA: true, ...(pathLen === undefined ? {} : { pathLenConstraint: pathLen }) })),
});

/**
 * keyUsage, critical.
 *
 * @param names - the bits to set
 * @returns the extension
 */
export const keyUsage = (names: readonly KeyUsage[]): RawExtension => ({
  oid: KIT_OID.keyUsage,
  critical: true,
  value: encode(new KeyUsageBits(names.reduce((flags, n) => flags | KeyUsageFlags[n], 0))),
});

/**
 * extendedKeyUsage from names or OIDs.
 *
 * @param usages - names from {@link EXTENDED_KEY_USAGES} or dotted OIDs
 * @param critical - whether to mark it critical
 * @returns the extension
 */
export const extKeyUsage = (usages: readonly string[], critical: boolean): RawExtension => ({
  oid: KIT_OID.extKeyUsage,
  critical,
  value: encode(new ExtendedKeyUsage(usages.map((u) => (EXTENDED_KEY_USAGES as Record<string, string>)[u] ?? u))),
});

/**
 * subjectKeyIdentifier.
 *
 * @param id - the key identifier
 * @returns the extension
 */
export const subjectKeyId = (id: Uint8Array): RawExtension => ({ oid: KIT_OID.subjectKeyIdentifier, value: encode(new SubjectKeyIdentifier(id)) });

/**
 * authorityKeyIdentifier with the keyIdentifier only.
 *
 * @param id - the issuer's key identifier
 * @returns the extension
 */
export const authorityKeyId = (id: Uint8Array): RawExtension => ({
  oid: KIT_OID.authorityKeyIdentifier,
  value: encode(new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(id) })),
});

/**
 * cRLDistributionPoints with one URI.
 *
 * @param uri - where the CRL is published
 * @returns the extension
 */
export const crlDistributionPoint = (uri: string): RawExtension => ({
  oid: KIT_OID.cRLDistributionPoints,
  value: encode(
    new CRLDistributionPoints([
      new DistributionPoint({ distributionPoint: new DistributionPointName({ fullName: [new GeneralName({ uniformResourceIdentifier: uri })] }) }),
    ]),
  ),
});

/**
 * authorityInfoAccess with an OCSP URI and/or a caIssuers URI.
 *
 * @param ocsp - the OCSP responder URI
 * @param caIssuers - where the issuer certificate is published
 * @returns the extension
 */
export function authorityInfoAccess(ocsp?: string, caIssuers?: string): RawExtension {
  const access: AccessDescription[] = [];
  const at = (accessMethod: string, uri: string) =>
    new AccessDescription({ accessMethod, accessLocation: new GeneralName({ uniformResourceIdentifier: uri }) });
  if (ocsp !== undefined) access.push(at(KIT_OID.ocspAccess, ocsp));
  if (caIssuers !== undefined) access.push(at(KIT_OID.caIssuersAccess, caIssuers));
  return { oid: KIT_OID.authorityInfoAccess, value: encode(new AuthorityInfoAccessSyntax(access)) };
}

/**
 * certificatePolicies with bare policy OIDs.
 *
 * @param oids - the policy OIDs
 * @returns the extension
 */
export const certificatePolicies = (oids: readonly string[]): RawExtension => ({
  oid: KIT_OID.certificatePolicies,
  value: encode(new CertificatePolicies(oids.map((policyIdentifier) => new PolicyInformation({ policyIdentifier })))),
});

/**
 * qcStatements holding QcSSCD (the key is in a qualified signature creation device).
 *
 * @returns the extension
 */
export const qcSscd = (): RawExtension => ({
  oid: KIT_OID.qcStatements,
  value: encode(new QcStatements([new QcStatement({ statementId: KIT_OID.qcsQcSSCD })])),
});

/**
 * id-pkix-ocsp-nocheck, for a delegated OCSP responder (RFC 6960 §4.2.2.2.1).
 *
 * @returns the extension
 */
export const ocspNoCheck = (): RawExtension => ({ oid: KIT_OID.ocspNoCheck, value: new Uint8Array(AsnNullConverter.toASN(null).toBER()) });

