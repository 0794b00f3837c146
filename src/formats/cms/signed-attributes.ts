import { toHex } from "../../lib/hex.js";
import { children, ctx, expect, fields, integerBytes, octets, oid, Tag, time, valueOf, type Tlv } from "../../asn1/der.js";
import { OID } from "../../asn1/oids.js";
import { decodeAlgorithm, type AlgorithmIdentifier } from "../../model/algorithm.js";
import { decodeName, type Name } from "../../model/name.js";
import type { Attribute } from "../../model/signed-data.js";

/** An ESS certificate identifier (RFC 2634 ESSCertID, RFC 5035 ESSCertIDv2). */
export interface EssCertId {
  readonly hashAlgorithm: AlgorithmIdentifier;
  readonly hash: Uint8Array;
  readonly issuerSerial?: { readonly issuers: readonly Name[]; readonly serialHex: string };
}

/** What the signed attributes say, and what is wrong with them. */
export interface SignedAttributeValues {
  readonly contentType?: string;
  readonly messageDigest?: Uint8Array;
  readonly signingTime?: number;
  /** The first ESSCertID(v2): it must name the signing certificate. */
  readonly signingCertificate?: EssCertId;
  /** RFC 5652 §5.3 / §11 violations, in words. Any entry makes keyCorrespondence fail. */
  readonly problems: readonly string[];
}

const SHA1: AlgorithmIdentifier = { oid: "1.3.14.3.2.26" };
const SHA256: AlgorithmIdentifier = { oid: "2.16.840.1.101.3.4.2.1" };

/** Attributes that must appear at most once and hold exactly one value (RFC 5652 §11, RFC 5035). */
const SINGLE_VALUED: ReadonlySet<string> = new Set([
  OID.contentType,
  OID.messageDigest,
  OID.signingTime,
  OID.signingCertificate,
  OID.signingCertificateV2,
]);

function essCertId(tlv: Tlv, v2: boolean): EssCertId {
  const f = fields(tlv, 1, 3, "ESSCertID", "ber");
  let i = 0;
  let hashAlgorithm = v2 ? SHA256 : SHA1;
  if (v2 && f[0]!.tag === Tag.SEQUENCE) hashAlgorithm = decodeAlgorithm(f[i++]!);
  const hash = octets(expect(f[i++], Tag.OCTET_STRING, "certHash"));
  const is = f[i];
  if (!is) return { hashAlgorithm, hash };
  const [names, serial] = fields(is, 2, 2, "IssuerSerial", "ber");
  const issuers = children(expect(names, Tag.SEQUENCE, "GeneralNames"), "ber", 16)
    .filter((g) => g.tag === ctx(4))
    .map((g) => decodeName(children(g, "ber")[0]!));
  return { hashAlgorithm, hash, issuerSerial: { issuers, serialHex: toHex(integerBytes(serial!)) } };
}

/**
 * Reads the signed attributes the rules need, collecting violations instead of throwing, so the signer gets a result.
 *
 * @param attributes - the SignerInfo's signed attributes
 * @returns the values and the problems found
 */
export function readSignedAttributes(attributes: readonly Attribute[]): SignedAttributeValues {
  const problems: string[] = [];
  const seen = new Set<string>();
  let contentType: string | undefined;
  let messageDigest: Uint8Array | undefined;
  let signingTime: number | undefined;
  let signingCertificate: EssCertId | undefined;
  // An attribute that must be single but is repeated or multi-valued is not read at all: which of its values a
  // check would use would then depend on their order, and the malformation alone decides.
  const ambiguous = new Set<string>();
  for (const a of attributes) {
    if (!SINGLE_VALUED.has(a.oid)) continue;
    if (seen.has(a.oid)) {
      problems.push(`duplicate attribute ${a.oid}`);
      ambiguous.add(a.oid);
    }
    if (a.values.length !== 1) {
      problems.push(`attribute ${a.oid} has ${a.values.length} values`);
      ambiguous.add(a.oid);
    }
    seen.add(a.oid);
  }
  for (const a of attributes) {
    if (ambiguous.has(a.oid)) continue;
    const v = a.values[0];
    if (!v) continue;
    try {
      switch (a.oid) {
        case OID.contentType:
          contentType = oid(v);
          break;
        case OID.messageDigest:
          messageDigest = valueOf(expect(v, Tag.OCTET_STRING, "messageDigest"));
          break;
        case OID.signingTime:
          signingTime = time(v);
          break;
        case OID.signingCertificate:
        case OID.signingCertificateV2: {
          const [certs] = fields(v, 1, 2, "SigningCertificate", "ber");
          const first = children(expect(certs, Tag.SEQUENCE, "certs"), "ber", 64)[0];
          if (!first) throw new Error("empty certs");
          signingCertificate = essCertId(first, a.oid === OID.signingCertificateV2);
          break;
        }
      }
    } catch (err) {
      problems.push(`attribute ${a.oid} does not decode (${(err as Error).message})`);
    }
  }
  if (contentType === undefined && !seen.has(OID.contentType)) problems.push("contentType attribute missing");
  if (messageDigest === undefined && !seen.has(OID.messageDigest)) problems.push("messageDigest attribute missing");
  return {
    ...(contentType === undefined ? {} : { contentType }),
    ...(messageDigest === undefined ? {} : { messageDigest }),
    ...(signingTime === undefined ? {} : { signingTime }),
    ...(signingCertificate === undefined ? {} : { signingCertificate }),
    problems,
  };
}
