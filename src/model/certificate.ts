import { bytesEqual } from "../lib/bytes.js";
import { toHex } from "../lib/hex.js";
import { bitString, ctx, expect, fields, integerBytes, rawOf, readRoot, smallInt, Tag, time, type Tlv } from "../asn1/der.js";
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

  constructor(root: Tlv) {
    const [tbsTlv, algTlv, sigTlv] = fields(root, 3, 3, "certificate");
    const tbsFields = fields(tbsTlv!, 6, 10, "tbsCertificate");
    let i = 0;
    let version = 1;
    if (tbsFields[0]!.tag === ctx(0)) {
      const [v] = fields({ ...tbsFields[0]!, tag: Tag.SEQUENCE }, 1, 1, "version");
      version = smallInt(v!, 2) + 1;
      if (version === 1) throw new Decree130Error("MALFORMED_DER", "version 1 encoded explicitly");
      i = 1;
    }
    const serial = integerBytes(tbsFields[i++]!);
    const innerAlg = decodeAlgorithm(tbsFields[i++]!);
    const issuer = decodeName(tbsFields[i++]!);
    const [nb, na] = fields(tbsFields[i++]!, 2, 2, "validity");
    const subject = decodeName(tbsFields[i++]!);
    const spkiTlv = tbsFields[i++]!;
    const [pkAlg, pk] = fields(spkiTlv, 2, 2, "subjectPublicKeyInfo");
    let extensions: Extension[] = [];
    for (; i < tbsFields.length; i++) {
      const f = tbsFields[i]!;
      if (f.tag === ctx(3)) {
        if (version !== 3) throw new Decree130Error("MALFORMED_DER", "extensions in a certificate below version 3");
        const [exts] = fields({ ...f, tag: Tag.SEQUENCE }, 1, 1, "extensions wrapper");
        extensions = decodeExtensions(exts!);
      } else if (f.tag !== 0x81 && f.tag !== 0x82) {
        throw new Decree130Error("MALFORMED_DER", `unexpected field 0x${f.tag.toString(16)} in tbsCertificate`);
      }
    }
    const signatureAlgorithm = decodeAlgorithm(algTlv!);
    if (!sameAlgorithm(innerAlg, signatureAlgorithm)) {
      throw new Decree130Error("MALFORMED_DER", "tbsCertificate.signature differs from signatureAlgorithm");
    }
    const sig = bitString(expect(sigTlv, Tag.BIT_STRING, "signature"));
    if (sig.unused !== 0) throw new Decree130Error("MALFORMED_DER", "signature BIT STRING with unused bits");
    this.der = rawOf(root);
    this.tbs = rawOf(tbsTlv!);
    this.signatureAlgorithm = signatureAlgorithm;
    this.signature = sig.bytes;
    this.version = version;
    this.serial = serial;
    this.serialHex = toHex(serial);
    this.issuer = issuer;
    this.subject = subject;
    this.notBefore = time(nb!);
    this.notAfter = time(na!);
    this.spki = rawOf(spkiTlv);
    this.publicKeyAlgorithm = decodeAlgorithm(pkAlg!);
    this.publicKey = bitString(pk!).bytes;
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
}

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
