import { sequence } from "../asn1/cursor.js";
import { bitString, boolean, children, ctx, ctxPrim, expect, fields, oid, readRoot, smallInt, Tag, valueOf, type Tlv } from "../asn1/der.js";
import { Decree130Error } from "../errors.js";
import { OID } from "../asn1/oids.js";

/** One extension: its OID, criticality and the DER inside its OCTET STRING. */
export interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

/** basicConstraints (RFC 5280 §4.2.1.9). */
export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLen?: number;
}

/** keyUsage bits (RFC 5280 §4.2.1.3), by name. */
export const KeyUsageBit = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
  decipherOnly: 8,
} as const;
export type KeyUsageName = keyof typeof KeyUsageBit;

/** authorityKeyIdentifier (RFC 5280 §4.2.1.1). */
export interface AuthorityKeyId {
  readonly keyId?: Uint8Array;
  readonly serial?: Uint8Array;
}

/**
 * Decodes the extensions field.
 *
 * @param tlv - the `Extensions` SEQUENCE
 * @returns each extension, rejecting duplicates (RFC 5280 §4.2)
 */
export function decodeExtensions(tlv: Tlv): Extension[] {
  const out: Extension[] = [];
  const seen = new Set<string>();
  for (const ext of sequence(tlv, "extensions").rest(Tag.SEQUENCE, "extensions", 256)) {
    const f = sequence(ext, "extension");
    const id = oid(f.read(Tag.OID, "extnID"));
    const criticalTlv = f.optional(Tag.BOOLEAN);
    const critical = criticalTlv ? boolean(criticalTlv) : false;
    if (criticalTlv && !critical) throw new Decree130Error("MALFORMED_DER", "DEFAULT FALSE encoded explicitly in extension");
    const value = valueOf(f.read(Tag.OCTET_STRING, "extension value"));
    f.end("extension");
    if (seen.has(id)) throw new Decree130Error("MALFORMED_DER", `duplicate extension ${id}`);
    seen.add(id);
    out.push({ oid: id, critical, value });
  }
  return out;
}

/** Decodes basicConstraints. */
export function decodeBasicConstraints(value: Uint8Array): BasicConstraints {
  const r = sequence(readRoot(value), "basicConstraints");
  const caTlv = r.optional(Tag.BOOLEAN);
  const ca = caTlv ? boolean(caTlv) : false;
  const pathLenTlv = r.optional(Tag.INTEGER);
  r.end("basicConstraints");
  const pathLen = pathLenTlv ? smallInt(pathLenTlv, 1000) : undefined;
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

const KEY_USAGE_BITS = Object.entries(KeyUsageBit) as [KeyUsageName, number][];

/** Decodes keyUsage into the set of bit names asserted. */
export function decodeKeyUsage(value: Uint8Array): Set<KeyUsageName> {
  const { bytes } = bitString(readRoot(value));
  const out = new Set<KeyUsageName>();
  for (const [name, bit] of KEY_USAGE_BITS) {
    const byte = bytes[bit >> 3];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) out.add(name);
  }
  return out;
}

/** Decodes extKeyUsage into its purpose OIDs. */
export function decodeExtKeyUsage(value: Uint8Array): string[] {
  return children(expect(readRoot(value), Tag.SEQUENCE, "extKeyUsage")).map(oid);
}

/** Decodes subjectKeyIdentifier. */
export function decodeSubjectKeyId(value: Uint8Array): Uint8Array {
  return valueOf(expect(readRoot(value), Tag.OCTET_STRING, "subjectKeyIdentifier"));
}

/** Decodes authorityKeyIdentifier (keyIdentifier and serial; the issuer name is not needed to build paths). */
export function decodeAuthorityKeyId(value: Uint8Array): AuthorityKeyId {
  const r = sequence(readRoot(value), "authorityKeyIdentifier");
  const keyId = r.optional(ctxPrim(0));
  // authorityCertIssuer [1] is not needed to build paths; RFC 5280 wants it only together with the serial.
  r.optional(ctx(1));
  const serial = r.optional(ctxPrim(2));
  r.end("authorityKeyIdentifier");
  return { ...(keyId ? { keyId: valueOf(keyId) } : {}), ...(serial ? { serial: valueOf(serial) } : {}) };
}

/** Decodes certificatePolicies into the policy OIDs (qualifiers are not needed for the decision). */
export function decodeCertificatePolicies(value: Uint8Array): string[] {
  return children(expect(readRoot(value), Tag.SEQUENCE, "certificatePolicies")).map((p) => oid(fields(p, 1, 2, "policy")[0]!));
}

/** The statement OIDs of a qcStatements extension. */
export function decodeQcStatements(value: Uint8Array): string[] {
  return children(expect(readRoot(value), Tag.SEQUENCE, "qcStatements")).map((s) => oid(fields(s, 1, 2, "qcStatement")[0]!));
}

/** Extension OIDs this library understands, so their criticality is honoured (RFC 5280 §4.2). */
export const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.subjectKeyIdentifier,
  OID.keyUsage,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.basicConstraints,
  OID.nameConstraints,
  OID.cRLDistributionPoints,
  OID.certificatePolicies,
  OID.policyMappings,
  OID.authorityKeyIdentifier,
  OID.policyConstraints,
  OID.extKeyUsage,
  OID.inhibitAnyPolicy,
  OID.freshestCRL,
]);
