import { toHex } from "../lib/hex.js";
import { children, ctx, ctxPrim, expect, fields, octets, oid, rawOf, readRoot, readTlv, smallInt, Tag, type Tlv } from "../asn1/der.js";
import { derEncoding } from "../asn1/encode.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import { decodeAlgorithm } from "../model/algorithm.js";
import { decodeCertificateAt, type Certificate } from "../model/certificate.js";
import { decodeName } from "../model/name.js";
import type { Attribute, SignedData, SignerIdentifier, SignerInfo } from "../model/signed-data.js";
import type { Limits } from "./limits.js";

const OCSP_REVOCATION_INFO = "1.3.6.1.5.5.7.16.2";

function malformed(message: string, cause?: unknown): Decree130Error {
  return new Decree130Error("MALFORMED_CMS", message, cause === undefined ? undefined : { cause });
}

/**
 * Decodes a CMS ContentInfo holding SignedData (RFC 5652), in BER or DER. Certificates are decoded in place; nothing
 * is copied except a segmented (BER constructed) content.
 *
 * @param der - the ContentInfo's bytes
 * @param limits - bounds on signers, certificates and revocation objects
 * @param options - `requireSigners: false` reads a certificates-only bundle (.p7b); `decodeCertificate` may answer from a
 *   cache of certificates seen before
 * @returns the SignedData
 * @throws {@link Decree130Error} `NOT_SIGNED_DATA`, `MALFORMED_CMS`, `MALFORMED_DER`, `NO_SIGNERS`, `LIMIT_EXCEEDED`
 */
export function decodeSignedData(
  der: Uint8Array,
  limits: Limits,
  options: { readonly requireSigners?: boolean; readonly decodeCertificate?: (tlv: Tlv) => Certificate } = {},
): SignedData {
  const root = readRoot(der, "ber");
  const info = root.tag === Tag.SEQUENCE ? children(root, "ber", 3) : [];
  if (info.length < 1 || info.length > 2 || info[0]!.tag !== Tag.OID) {
    throw malformed("not a CMS ContentInfo: expected SEQUENCE { contentType OID, [0] content }");
  }
  const contentType = oid(info[0]!);
  if (contentType !== OID.signedData) {
    throw new Decree130Error("NOT_SIGNED_DATA", `ContentInfo holds ${contentType}, not SignedData (${OID.signedData})`);
  }
  const wrapper = info[1];
  if (!wrapper || wrapper.tag !== ctx(0)) throw malformed("ContentInfo has no [0] content");
  const inner = children(wrapper, "ber");
  if (inner.length !== 1) throw malformed("ContentInfo [0] must hold exactly one SignedData");
  return decodeSignedDataBody(inner[0]!, limits, options.requireSigners ?? true, options.decodeCertificate ?? decodeCertificateAt);
}

function decodeSignedDataBody(sd: Tlv, limits: Limits, requireSigners: boolean, decodeCert: (tlv: Tlv) => Certificate): SignedData {
  const f = fields(sd, 4, 6, "SignedData", "ber");
  const version = smallInt(f[0]!, 5);
  const digestAlgorithms = children(expect(f[1], Tag.SET, "digestAlgorithms"), "ber", 64).map(decodeAlgorithm);
  const encap = fields(f[2]!, 1, 2, "encapContentInfo", "ber");
  const eContentType = oid(encap[0]!);
  let eContent: Uint8Array | undefined;
  if (encap[1]) {
    if (encap[1].tag !== ctx(0)) throw malformed("encapContentInfo content is not [0]");
    const [os, extra] = children(encap[1], "ber");
    if (!os || extra) throw malformed("encapContentInfo [0] must hold one OCTET STRING");
    eContent = octets(os);
  }
  let i = 3;
  let certificates: Certificate[] = [];
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  if (f[i]?.tag === ctx(0)) {
    certificates = decodeCertificateSet(f[i++]!, limits, decodeCert);
  }
  if (f[i]?.tag === ctx(1)) {
    for (const choice of children(f[i++]!, "ber", limits.maxRevocationObjects)) {
      if (choice.tag === Tag.SEQUENCE) crls.push(rawOf(choice));
      else if (choice.tag === ctx(1)) {
        const [format, body] = children(choice, "ber");
        if (format && body && oid(format) === OCSP_REVOCATION_INFO) ocspResponses.push(rawOf(body));
      }
    }
  }
  const signerSet = f[i++];
  if (!signerSet || f[i]) throw malformed("SignedData fields out of order");
  const signerTlvs = children(expect(signerSet, Tag.SET, "signerInfos"), "ber", limits.maxSigners);
  if (signerTlvs.length === 0 && requireSigners) throw new Decree130Error("NO_SIGNERS", "SignedData has no SignerInfo");
  const signers = signerTlvs.map((s, index) => decodeSignerInfo(s, index));
  return {
    version,
    digestAlgorithms,
    eContentType,
    ...(eContent === undefined ? {} : { eContent }),
    certificates,
    crls,
    ocspResponses,
    signers,
  };
}

function decodeCertificateSet(set: Tlv, limits: Limits, decodeCert: (tlv: Tlv) => Certificate): Certificate[] {
  const out: Certificate[] = [];
  for (const choice of children(set, "ber", limits.maxCertificates)) {
    // Only X.509 certificates matter here; attribute and other certificate formats are ignored.
    if (choice.tag !== Tag.SEQUENCE) continue;
    const strict = readTlv(choice.buf, choice.start, choice.end, "der");
    out.push(decodeCert(strict));
  }
  return out;
}

function decodeAttributes(set: Tlv): Attribute[] {
  return children(set, "ber", 128).map((a) => {
    const [type, values] = fields(a, 2, 2, "attribute", "ber");
    return { oid: oid(type!), values: children(expect(values, Tag.SET, "attribute values"), "ber", 64) };
  });
}

function decodeSid(tlv: Tlv): SignerIdentifier {
  if (tlv.tag === Tag.SEQUENCE) {
    const [issuer, serial] = fields(tlv, 2, 2, "issuerAndSerialNumber", "ber");
    const serialTlv = readTlv(serial!.buf, serial!.start, serial!.end, "der");
    expect(serialTlv, Tag.INTEGER, "serial number");
    return {
      kind: "issuerSerial",
      issuer: decodeName(readTlv(issuer!.buf, issuer!.start, issuer!.end, "der")),
      serialHex: toHex(serialTlv.buf.subarray(serialTlv.valueStart, serialTlv.valueEnd)),
    };
  }
  if (tlv.tag === ctxPrim(0)) return { kind: "subjectKeyId", keyId: tlv.buf.subarray(tlv.valueStart, tlv.valueEnd) };
  throw malformed(`unknown SignerIdentifier tag 0x${tlv.tag.toString(16)}`);
}

function decodeSignerInfo(tlv: Tlv, index: number): SignerInfo {
  const f = fields(tlv, 5, 7, `SignerInfo ${index}`, "ber");
  const version = smallInt(f[0]!, 5);
  const sid = decodeSid(f[1]!);
  const digestAlgorithm = decodeAlgorithm(f[2]!);
  let i = 3;
  let signedAttrs: SignerInfo["signedAttrs"];
  if (f[i]?.tag === ctx(0)) {
    const raw = f[i++]!;
    const asSet: Tlv = { ...raw, tag: Tag.SET };
    // The first octet differs by construction ([0] IMPLICIT read as SET); every other one must be as received.
    const { der, wasDer } = derEncoding(asSet);
    signedAttrs = { attributes: decodeAttributes(asSet), der, wasDer };
  }
  const signatureAlgorithm = decodeAlgorithm(f[i++]!);
  const sigTlv = f[i++];
  if (!sigTlv || (sigTlv.tag !== Tag.OCTET_STRING && sigTlv.tag !== 0x24)) throw malformed(`SignerInfo ${index}: signature missing`);
  const signature = octets(sigTlv);
  let unsignedAttrs: Attribute[] = [];
  if (f[i]?.tag === ctx(1)) unsignedAttrs = decodeAttributes({ ...f[i++]!, tag: Tag.SET });
  if (f[i]) throw malformed(`SignerInfo ${index}: unexpected trailing field`);
  return {
    index,
    version,
    sid,
    digestAlgorithm,
    ...(signedAttrs ? { signedAttrs } : {}),
    signatureAlgorithm,
    signature,
    unsignedAttrs,
  };
}
