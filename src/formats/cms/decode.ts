import { toHex } from "../../lib/hex.js";
import { DerCursor, sequence } from "../../asn1/cursor.js";
import { children, ctx, ctxPrim, expect, fields, octets, oid, rawOf, readRoot, readTlv, smallInt, Tag, type Tlv } from "../../asn1/der.js";
import { derEncoding } from "../../asn1/encode.js";
import { OID } from "../../asn1/oids.js";
import { Decree130Error, isDecree130Error } from "../../errors.js";
import { decodeAlgorithm } from "../../model/algorithm.js";
import { decodeCertificateAt, type Certificate } from "../../model/certificate.js";
import { decodeName } from "../../model/name.js";
import type { Attribute, SignedData, SignerIdentifier, SignerInfo, UnusableObject } from "../../model/signed-data.js";
import type { Limits } from "../../model/limits.js";

const OCSP_REVOCATION_INFO = "1.3.6.1.5.5.7.16.2";

/** The signature value: an OCTET STRING, primitive or (in BER) constructed. */
const SIGNATURE_TAGS: readonly number[] = [Tag.OCTET_STRING, 0x24];

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
  // RFC 5652 §5.1: each field in its place, the optional ones at most once and in order (BER allowed around them).
  const f = sequence(sd, "SignedData", "ber");
  const version = smallInt(f.read(Tag.INTEGER, "version"), 5);
  const digestAlgorithms = DerCursor.over(f.read(Tag.SET, "digestAlgorithms"), "ber").rest(Tag.SEQUENCE, "digestAlgorithms", 64).map(decodeAlgorithm);
  const encap = f.enter(Tag.SEQUENCE, "encapContentInfo");
  const eContentType = oid(encap.read(Tag.OID, "eContentType"));
  let eContent: Uint8Array | undefined;
  const wrapped = encap.optional(ctx(0));
  encap.end("encapContentInfo");
  if (wrapped) {
    const inner = DerCursor.over(wrapped, "ber");
    const os = inner.any("eContent");
    inner.end("encapContentInfo [0]");
    eContent = octets(os);
  }
  let certificates: Certificate[] = [];
  const unusable: UnusableObject[] = [];
  const certSet = f.optional(ctx(0));
  if (certSet) certificates = decodeCertificateSet(certSet, limits, decodeCert, unusable);
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  const crlSet = f.optional(ctx(1));
  if (crlSet) {
    for (const choice of children(crlSet, "ber", limits.maxRevocationObjects)) {
      if (choice.tag === Tag.SEQUENCE) crls.push(rawOf(choice));
      else if (choice.tag === ctx(1)) {
        const [format, body] = children(choice, "ber");
        if (format && body && oid(format) === OCSP_REVOCATION_INFO) ocspResponses.push(rawOf(body));
      }
    }
  }
  const signerTlvs = DerCursor.over(f.read(Tag.SET, "signerInfos"), "ber").rest(undefined, "signerInfos", limits.maxSigners);
  f.end("SignedData");
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
    unusable,
  };
}

function decodeCertificateSet(set: Tlv, limits: Limits, decodeCert: (tlv: Tlv) => Certificate, unusable: UnusableObject[]): Certificate[] {
  const out: Certificate[] = [];
  children(set, "ber", limits.maxCertificates).forEach((choice, index) => {
    // Only X.509 certificates matter here; attribute and other certificate formats are ignored.
    if (choice.tag !== Tag.SEQUENCE) return;
    // A certificate that is not strict DER (its signature covers its DER) is unusable; the rest of the file still counts.
    try {
      out.push(decodeCert(readTlv(choice.buf, choice.start, choice.end, "der")));
    } catch (err) {
      if (!isDecree130Error(err) || err.code === "LIMIT_EXCEEDED" || err.code === "NESTING_TOO_DEEP") throw err;
      unusable.push({ kind: "certificate", index, reason: err.message });
    }
  });
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
    const r = sequence(tlv, "issuerAndSerialNumber", "ber");
    const issuer = r.read(Tag.SEQUENCE, "issuer");
    const serial = r.read(Tag.INTEGER, "serialNumber");
    r.end("issuerAndSerialNumber");
    const serialTlv = readTlv(serial.buf, serial.start, serial.end, "der");
    return {
      kind: "issuerSerial",
      issuer: decodeName(readTlv(issuer.buf, issuer.start, issuer.end, "der")),
      serialHex: toHex(serialTlv.buf.subarray(serialTlv.valueStart, serialTlv.valueEnd)),
    };
  }
  if (tlv.tag === ctxPrim(0)) return { kind: "subjectKeyId", keyId: tlv.buf.subarray(tlv.valueStart, tlv.valueEnd) };
  throw malformed(`unknown SignerIdentifier tag 0x${tlv.tag.toString(16)}`);
}

function decodeSignerInfo(tlv: Tlv, index: number): SignerInfo {
  const what = `SignerInfo ${index}`;
  const f = sequence(tlv, what, "ber");
  const version = smallInt(f.read(Tag.INTEGER, `${what} version`), 5);
  const sid = decodeSid(f.any(`${what} sid`));
  const digestAlgorithm = decodeAlgorithm(f.read(Tag.SEQUENCE, `${what} digestAlgorithm`));
  let signedAttrs: SignerInfo["signedAttrs"];
  const raw = f.optional(ctx(0));
  if (raw) {
    const asSet: Tlv = { ...raw, tag: Tag.SET };
    // The first octet differs by construction ([0] IMPLICIT read as SET); every other one must be as received.
    const { der, wasDer } = derEncoding(asSet);
    signedAttrs = { attributes: decodeAttributes(asSet), der, wasDer };
  }
  const signatureAlgorithm = decodeAlgorithm(f.read(Tag.SEQUENCE, `${what} signatureAlgorithm`));
  const sigTlv = f.optionalOf(SIGNATURE_TAGS);
  if (!sigTlv) throw malformed(`${what}: signature missing`);
  const signature = octets(sigTlv);
  let unsignedAttrs: Attribute[] = [];
  const unsigned = f.optional(ctx(1));
  if (unsigned) unsignedAttrs = decodeAttributes({ ...unsigned, tag: Tag.SET });
  f.end(what);
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
