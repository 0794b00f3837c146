import { bytesEqual } from "../lib/bytes.js";
import { toHex } from "../lib/hex.js";
import { sequence } from "../asn1/cursor.js";
import { bitString, ctx, ctxPrim, integerBytes, rawOf, readRoot, smallInt, Tag, time, type Tlv } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import { decodeAlgorithm, type AlgorithmIdentifier } from "./algorithm.js";
import {
  decodeAuthorityKeyId,
  decodeBasicConstraints,
  decodeCertificatePolicies,
  decodeExtKeyUsage,
  decodeExtensions,
  decodeKeyUsage,
  decodeQcStatements,
  decodeSubjectKeyId,
  type AuthorityKeyId,
  type BasicConstraints,
  type Extension,
  type KeyUsageName,
} from "./extensions.js";
import { decodeAuthorityInfoAccess, type AuthorityInfoAccess } from "./authority-info-access.js";
import { decodeNameConstraints, decodePolicyExtensions, type NameConstraintsValue, type PolicyExtensions } from "./constraints.js";
import { decodeDistributionPoints, type DistributionPoint } from "./distribution-point.js";
import { decodeGeneralNames, type GeneralName } from "./general-name.js";
import { decodeName, sameName, type Name } from "./name.js";

/**
 * An X.509 certificate, decoded once. Every byte field is a view of {@link Certificate.der}, so signatures are checked
 * against the exact bytes that were signed.
 */
export interface Certificate {
  /** The whole certificate (DER). */
  readonly der: Uint8Array;
  /** The tbsCertificate, the bytes the issuer signed. */
  readonly tbs: Uint8Array;
  /** The outer signatureAlgorithm. */
  readonly signatureAlgorithm: AlgorithmIdentifier;
  /** The issuer's signature value (BIT STRING content). */
  readonly signature: Uint8Array;
  /** 1, 2 or 3. */
  readonly version: number;
  /** The serial number's content octets. */
  readonly serial: Uint8Array;
  /** The serial number in upper-case hex, as people compare it. */
  readonly serialHex: string;
  readonly issuer: Name;
  readonly subject: Name;
  /** Milliseconds since the epoch. */
  readonly notBefore: number;
  /** Milliseconds since the epoch. */
  readonly notAfter: number;
  /** The SubjectPublicKeyInfo (DER), ready for `importKey("spki")`. */
  readonly spki: Uint8Array;
  readonly publicKeyAlgorithm: AlgorithmIdentifier;
  /** The subjectPublicKey BIT STRING content. */
  readonly publicKey: Uint8Array;
  readonly extensions: readonly Extension[];
  readonly basicConstraints?: BasicConstraints | undefined;
  readonly keyUsage?: ReadonlySet<KeyUsageName> | undefined;
  readonly extKeyUsage?: readonly string[] | undefined;
  readonly subjectKeyId?: Uint8Array | undefined;
  readonly authorityKeyId?: AuthorityKeyId | undefined;
  readonly policies?: readonly string[] | undefined;
  readonly qcStatements?: readonly string[] | undefined;
  /** Whether subject and issuer are the same name (a candidate self-signed certificate). */
  readonly selfIssued: boolean;
  /** cRLDistributionPoints, decoded on first use; `undefined` when absent. */
  readonly crlDistributionPoints: Decoded<readonly DistributionPoint[]> | undefined;
  /** authorityInfoAccess (OCSP and caIssuers URIs), decoded on first use; `undefined` when absent. */
  readonly authorityInfoAccess: Decoded<AuthorityInfoAccess> | undefined;
  /** subjectAltName, decoded on first use; `undefined` when absent. */
  readonly subjectAltNames: Decoded<readonly GeneralName[]> | undefined;
  /** nameConstraints, decoded on first use; `undefined` when absent. */
  readonly nameConstraints: Decoded<NameConstraintsValue> | undefined;
  /** The policy extensions (certificatePolicies, policyMappings, policyConstraints, inhibitAnyPolicy), decoded on first use. */
  readonly policyExtensions: Decoded<PolicyExtensions>;
}

/** An extension value decoded once, or why it does not decode (the same answer every time it is asked). */
export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function decodeOnce<T>(decode: () => T): Decoded<T> {
  try {
    return { ok: true, value: decode() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}


/**
 * Decodes a DER certificate. Rejects anything that is not strict DER, since a certificate's signature covers its DER.
 *
 * @param der - the certificate's bytes (kept, not copied)
 * @returns the decoded certificate
 * @throws {@link Decree130Error} `MALFORMED_CERTIFICATE`
 */
export function decodeCertificate(der: Uint8Array): Certificate {
  return decodeCertificateAt(certificateRoot(der));
}

/**
 * The Certificate element of a buffer that must hold exactly one, for {@link decodeCertificateAt} or a cache's decoder.
 *
 * @param der - the certificate's bytes
 * @returns the element
 * @throws {@link Decree130Error} `MALFORMED_CERTIFICATE`
 * @example
 * ```ts
 * const cert = decodeCertificateAt(certificateRoot(der));
 * ```
 */
export function certificateRoot(der: Uint8Array): Tlv {
  try {
    return readRoot(der);
  } catch (err) {
    throw malformed(err);
  }
}

/**
 * Decodes a certificate located inside a larger buffer (a SignedData's `certificates`), without copying it.
 *
 * @param tlv - the Certificate element
 * @returns the decoded certificate
 * @throws {@link Decree130Error} `MALFORMED_CERTIFICATE`
 */
export function decodeCertificateAt(tlv: Tlv): Certificate {
  try {
    return decode(tlv);
  } catch (err) {
    throw malformed(err);
  }
}

function malformed(err: unknown): Decree130Error {
  return new Decree130Error("MALFORMED_CERTIFICATE", `certificate does not decode: ${(err as Error).message}`, { cause: err });
}

function decode(root: Tlv): Certificate {
  return new DecodedCertificate(root);
}

/**
 * A decoded certificate. A class, so that every certificate has the same fields in the same order (absent extensions
 * are `undefined`, not missing) and the code reading them sees one shape; `selfIssued` is worked out on first use, as
 * comparing names that differ in their octets needs their text, which nothing else may ask for.
 */
class DecodedCertificate implements Certificate {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly version: number;
  readonly serial: Uint8Array;
  readonly serialHex: string;
  readonly issuer: Name;
  readonly subject: Name;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly spki: Uint8Array;
  readonly publicKeyAlgorithm: AlgorithmIdentifier;
  readonly publicKey: Uint8Array;
  readonly extensions: readonly Extension[];
  basicConstraints: BasicConstraints | undefined = undefined;
  keyUsage: ReadonlySet<KeyUsageName> | undefined = undefined;
  extKeyUsage: readonly string[] | undefined = undefined;
  subjectKeyId: Uint8Array | undefined = undefined;
  authorityKeyId: AuthorityKeyId | undefined = undefined;
  policies: readonly string[] | undefined = undefined;
  qcStatements: readonly string[] | undefined = undefined;
  #selfIssued: boolean | undefined = undefined;
  /** Extension values decoded on first use (rarely needed ones: distribution points, constraints, access URIs). */
  #decoded: Map<string, Decoded<unknown>> | undefined = undefined;

  constructor(root: Tlv) {
    // RFC 5280 §4.1: each field in its place, the optional ones at most once and in order.
    const outer = sequence(root, "certificate");
    const tbsTlv = outer.read(Tag.SEQUENCE, "tbsCertificate");
    const algTlv = outer.read(Tag.SEQUENCE, "signatureAlgorithm");
    const sigTlv = outer.read(Tag.BIT_STRING, "signatureValue");
    outer.end("certificate");
    const tbs = sequence(tbsTlv, "tbsCertificate");
    let version = 1;
    const versionTlv = tbs.optionalExplicit(ctx(0), "version");
    if (versionTlv) {
      version = smallInt(versionTlv, 2) + 1;
      if (version === 1) throw new Decree130Error("MALFORMED_DER", "version 1 encoded explicitly");
    }
    const serial = integerBytes(tbs.read(Tag.INTEGER, "serialNumber"));
    const innerAlg = decodeAlgorithm(tbs.read(Tag.SEQUENCE, "signature"));
    const issuer = decodeName(tbs.read(Tag.SEQUENCE, "issuer"));
    const validity = tbs.enter(Tag.SEQUENCE, "validity");
    const nb = validity.any("notBefore");
    const na = validity.any("notAfter");
    validity.end("validity");
    const subject = decodeName(tbs.read(Tag.SEQUENCE, "subject"));
    const spkiTlv = tbs.read(Tag.SEQUENCE, "subjectPublicKeyInfo");
    const spki = sequence(spkiTlv, "subjectPublicKeyInfo");
    const pkAlg = spki.read(Tag.SEQUENCE, "algorithm");
    const pk = spki.read(Tag.BIT_STRING, "subjectPublicKey");
    spki.end("subjectPublicKeyInfo");
    const issuerUid = tbs.optional(ctxPrim(1));
    const subjectUid = tbs.optional(ctxPrim(2));
    if ((issuerUid || subjectUid) && version === 1) throw new Decree130Error("MALFORMED_DER", "unique identifiers in a version 1 certificate");
    // [1] and [2] IMPLICIT BIT STRING: checked as such, not otherwise used.
    for (const uid of [issuerUid, subjectUid]) if (uid) bitString({ ...uid, tag: Tag.BIT_STRING });
    let extensions: Extension[] = [];
    const exts = tbs.optionalExplicit(ctx(3), "extensions");
    if (exts) {
      if (version !== 3) throw new Decree130Error("MALFORMED_DER", "extensions in a certificate below version 3");
      extensions = decodeExtensions(exts);
    }
    tbs.end("tbsCertificate");
    const signatureAlgorithm = decodeAlgorithm(algTlv);
    if (!sameAlgorithm(innerAlg, signatureAlgorithm)) {
      throw new Decree130Error("MALFORMED_DER", "tbsCertificate.signature differs from signatureAlgorithm");
    }
    const sig = bitString(sigTlv);
    if (sig.unused !== 0) throw new Decree130Error("MALFORMED_DER", "signature BIT STRING with unused bits");
    this.der = rawOf(root);
    this.tbs = rawOf(tbsTlv);
    this.signatureAlgorithm = signatureAlgorithm;
    this.signature = sig.bytes;
    this.version = version;
    this.serial = serial;
    this.serialHex = toHex(serial);
    this.issuer = issuer;
    this.subject = subject;
    this.notBefore = time(nb);
    this.notAfter = time(na);
    this.spki = rawOf(spkiTlv);
    this.publicKeyAlgorithm = decodeAlgorithm(pkAlg);
    this.publicKey = bitString(pk).bytes;
    this.extensions = extensions;
    // One pass, decoding only the extensions the model names (decodeExtensions has already refused duplicates).
    for (const e of extensions) {
      const decoder = MODELLED[e.oid];
      if (decoder) decoder(this, e.value);
    }
  }

  get selfIssued(): boolean {
    return (this.#selfIssued ??= sameName(this.issuer, this.subject));
  }

  #once<T>(id: string, decode: (value: Uint8Array) => T): Decoded<T> | undefined {
    let known = this.#decoded?.get(id) as Decoded<T> | undefined;
    if (known === undefined) {
      const ext = this.extensions.find((e) => e.oid === id);
      if (ext === undefined) return undefined;
      known = decodeOnce(() => decode(ext.value));
      (this.#decoded ??= new Map()).set(id, known);
    }
    return known;
  }

  get crlDistributionPoints(): Decoded<readonly DistributionPoint[]> | undefined {
    return this.#once(OID.cRLDistributionPoints, (v) => decodeDistributionPoints(v, this.issuer));
  }

  get authorityInfoAccess(): Decoded<AuthorityInfoAccess> | undefined {
    return this.#once(OID.authorityInfoAccess, decodeAuthorityInfoAccess);
  }

  get subjectAltNames(): Decoded<readonly GeneralName[]> | undefined {
    return this.#once(OID.subjectAltName, decodeGeneralNames);
  }

  get nameConstraints(): Decoded<NameConstraintsValue> | undefined {
    return this.#once(OID.nameConstraints, decodeNameConstraints);
  }

  get policyExtensions(): Decoded<PolicyExtensions> {
    let known = this.#decoded?.get(POLICY_EXTENSIONS) as Decoded<PolicyExtensions> | undefined;
    if (known === undefined) {
      known = decodeOnce(() => decodePolicyExtensions(this.extensions, this.policies));
      (this.#decoded ??= new Map()).set(POLICY_EXTENSIONS, known);
    }
    return known;
  }
}

/** The memo key of the policy extensions, decoded together. */
const POLICY_EXTENSIONS = "policy";

/** The extensions decoded into {@link Certificate} fields, by OID. */
const MODELLED: Readonly<Record<string, (cert: DecodedCertificate, value: Uint8Array) => void>> = {
  [OID.basicConstraints]: (c, v) => (c.basicConstraints = decodeBasicConstraints(v)),
  [OID.keyUsage]: (c, v) => (c.keyUsage = decodeKeyUsage(v)),
  [OID.extKeyUsage]: (c, v) => (c.extKeyUsage = decodeExtKeyUsage(v)),
  [OID.subjectKeyIdentifier]: (c, v) => (c.subjectKeyId = decodeSubjectKeyId(v)),
  [OID.authorityKeyIdentifier]: (c, v) => (c.authorityKeyId = decodeAuthorityKeyId(v)),
  [OID.certificatePolicies]: (c, v) => (c.policies = decodeCertificatePolicies(v)),
  [OID.qcStatements]: (c, v) => (c.qcStatements = decodeQcStatements(v)),
};

function sameAlgorithm(a: AlgorithmIdentifier, b: AlgorithmIdentifier): boolean {
  if (a.oid !== b.oid) return false;
  const pa = a.params ?? new Uint8Array();
  const pb = b.params ?? new Uint8Array();
  return pa.length === pb.length && pa.every((x, k) => x === pb[k]);
}

/**
 * Whether two certificates carry the same public key (same SubjectPublicKeyInfo bytes).
 *
 * @param a - one certificate
 * @param b - another
 * @returns `true` when the keys are identical
 */
export function sameKey(a: Certificate, b: Certificate): boolean {
  return bytesEqual(a.spki, b.spki);
}
