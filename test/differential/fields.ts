// The two decoders of each kind, and the fields that matter as a table of accessors: one reads the object our decoder
// returns, the other the pkijs object. When our decoders change shape, re-point `ours` (one line per decoder).
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { decodeSignedData } from "../../src/formats/cms/decode.js";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import type { Name } from "../../src/model/name.js";
import type { SignedData } from "../../src/model/signed-data.js";
import { decodeCrl, type Crl as DecodedCrl } from "../../src/model/crl.js";
import { decodeOcspResponse, type OcspResponse as DecodedOcspResponse } from "../../src/model/ocsp-response.js";
import type { Kind } from "./corpus.js";

/** Lower-case hex. */
export const hex = (b: ArrayBuffer | Uint8Array): string => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString("hex");
const buf = (b: Uint8Array): ArrayBuffer => b.slice().buffer;
const ms = (d: Date | undefined): number | undefined => d?.getTime();
const serial = (content: Uint8Array | ArrayBuffer): string => hex(content).toUpperCase();

/** Our decoders: re-point here when they move. */
export const OURS: Record<Kind, (der: Uint8Array) => unknown> = {
  certificate: (der) => decodeCertificate(der),
  crl: (der) => decodeCrl(der),
  ocsp: (der) => decodeOcspResponse(der),
  cms: (der) => decodeSignedData(der, { ...DEFAULT_LIMITS, maxCertificates: 10_000, maxRevocationObjects: 10_000 }, { requireSigners: false }),
};

/** A parsed OCSP response: the outer one and its BasicOCSPResponse. */
interface PkijsOcsp {
  readonly response: pkijs.OCSPResponse;
  readonly basic: pkijs.BasicOCSPResponse;
}

// asn1js 4 bounds a parse to 10,000 nodes by default, which the long-term CAdES samples exceed: the comparison is about
// what each reads, not about that default, so it is lifted (our reader has its own bounds, tested elsewhere).
const LIMITS = { maxDepth: 200, maxNodes: Number.MAX_SAFE_INTEGER, maxContentLength: Number.MAX_SAFE_INTEGER };

function parse(der: Uint8Array | ArrayBuffer): asn1js.AsnType {
  const r = asn1js.fromBER(der instanceof Uint8Array ? buf(der) : der, LIMITS);
  if (r.offset === -1) throw new Error(`asn1js: ${r.result.error}`);
  return r.result;
}

/** pkijs 4 (asn1js 4) parsing the same bytes; a parse error throws. */
export const THEIRS: Record<Kind, (der: Uint8Array) => unknown> = {
  certificate: (der) => new pkijs.Certificate({ schema: parse(der) }),
  crl: (der) => new pkijs.CertificateRevocationList({ schema: parse(der) }),
  ocsp: (der): PkijsOcsp => {
    const response = new pkijs.OCSPResponse({ schema: parse(der) });
    if (!response.responseBytes) throw new Error(`OCSP responseStatus ${response.responseStatus.valueBlock.valueDec} without a body`);
    return { response, basic: new pkijs.BasicOCSPResponse({ schema: parse(response.responseBytes.response.valueBlock.valueHexView.slice().buffer) }) };
  },
  cms: (der) => new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: parse(der) }).content }),
};

/** One field of one kind: its value in our decoded object and in the pkijs one, as comparable JSON. */
export interface FieldAccessor<O, T> {
  readonly field: string;
  readonly ours: (o: O) => unknown;
  readonly theirs: (t: T) => unknown;
}

// Names compared by their attributes (type OID and text) and by their bytes.
const ourName = (n: Name) => ({ der: hex(n.der), attributes: n.rdns.map((rdn) => rdn.map((a) => [a.type, a.value])) });
const theirName = (n: pkijs.RelativeDistinguishedNames) => ({
  der: hex(n.valueBeforeDecode),
  attributes: groupRdns(n),
});
function groupRdns(n: pkijs.RelativeDistinguishedNames): [string, string][][] {
  // pkijs flattens RDNs; its raw RDN SETs are in the schema it parsed.
  const seq = asn1js.fromBER(n.valueBeforeDecode).result as asn1js.Sequence;
  return seq.valueBlock.value.map((set) =>
    (set as asn1js.Set).valueBlock.value.map((atv) => {
      const [type, value] = (atv as asn1js.Sequence).valueBlock.value as [asn1js.ObjectIdentifier, asn1js.AsnType];
      const text = "valueBlock" in value && typeof (value.valueBlock as { value?: unknown }).value === "string" ? (value.valueBlock as { value: string }).value : `#${hex(value.toBER())}`;
      return [type.valueBlock.toString(), text];
    }),
  );
}
const ourExtensions = (e: readonly { oid: string; critical: boolean; value: Uint8Array }[]) => e.map((x) => [x.oid, x.critical, hex(x.value)]);
const theirExtensions = (e: readonly pkijs.Extension[] | undefined) => (e ?? []).map((x) => [x.extnID, x.critical, hex(x.extnValue.valueBlock.valueHexView)]);

export const CERTIFICATE_FIELDS: readonly FieldAccessor<Certificate, pkijs.Certificate>[] = [
  { field: "version", ours: (c) => c.version, theirs: (t) => t.version + 1 },
  { field: "serial", ours: (c) => c.serialHex, theirs: (t) => serial(t.serialNumber.valueBlock.valueHexView) },
  { field: "issuer", ours: (c) => ourName(c.issuer), theirs: (t) => theirName(t.issuer) },
  { field: "subject", ours: (c) => ourName(c.subject), theirs: (t) => theirName(t.subject) },
  { field: "notBefore", ours: (c) => c.notBefore, theirs: (t) => ms(t.notBefore.value) },
  { field: "notAfter", ours: (c) => c.notAfter, theirs: (t) => ms(t.notAfter.value) },
  { field: "spki", ours: (c) => hex(c.spki), theirs: (t) => hex(t.subjectPublicKeyInfo.toSchema().toBER()) },
  { field: "publicKey", ours: (c) => hex(c.publicKey), theirs: (t) => hex(t.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView) },
  { field: "publicKeyAlgorithm", ours: (c) => c.publicKeyAlgorithm.oid, theirs: (t) => t.subjectPublicKeyInfo.algorithm.algorithmId },
  { field: "signatureAlgorithm", ours: (c) => c.signatureAlgorithm.oid, theirs: (t) => t.signatureAlgorithm.algorithmId },
  { field: "signature", ours: (c) => hex(c.signature), theirs: (t) => hex(t.signatureValue.valueBlock.valueHexView) },
  { field: "extensions", ours: (c) => ourExtensions(c.extensions), theirs: (t) => theirExtensions(t.extensions) },
];

export const CRL_FIELDS: readonly FieldAccessor<DecodedCrl, pkijs.CertificateRevocationList>[] = [
  { field: "issuer", ours: (c) => ourName(c.issuer), theirs: (t) => theirName(t.issuer) },
  { field: "thisUpdate", ours: (c) => c.thisUpdate, theirs: (t) => ms(t.thisUpdate.value) },
  { field: "nextUpdate", ours: (c) => c.nextUpdate, theirs: (t) => ms(t.nextUpdate?.value) },
  {
    field: "entries",
    // An indirect CRL's entries for other issuers are kept apart (entriesByIssuer); pkijs lists them all.
    ours: (c) => [...c.entries.values(), ...c.entriesByIssuer.values()].map((e) => [e.serialHex, e.revocationDate]).sort(),
    theirs: (t) => (t.revokedCertificates ?? []).map((e) => [serial(e.userCertificate.valueBlock.valueHexView), ms(e.revocationDate.value)]).sort(),
  },
  { field: "signatureAlgorithm", ours: (c) => c.signatureAlgorithm.oid, theirs: (t) => t.signatureAlgorithm.algorithmId },
  { field: "signature", ours: (c) => hex(c.signature), theirs: (t) => hex(t.signatureValue.valueBlock.valueHexView) },
  { field: "extensions", ours: (c) => ourExtensions(c.extensions), theirs: (t) => theirExtensions(t.crlExtensions?.extensions) },
];

const STATUS = ["good", "revoked", "unknown"] as const;

export const OCSP_FIELDS: readonly FieldAccessor<DecodedOcspResponse, PkijsOcsp>[] = [
  { field: "producedAt", ours: (o) => o.producedAt, theirs: (t) => ms(t.basic.tbsResponseData.producedAt) },
  {
    field: "responderId",
    ours: (o) => (o.responderId.byName ? { name: ourName(o.responderId.byName).der } : { key: hex(o.responderId.byKeyHash!) }),
    theirs: (t) => {
      const id = t.basic.tbsResponseData.responderID;
      return id instanceof pkijs.RelativeDistinguishedNames ? { name: theirName(id).der } : { key: hex((id as asn1js.OctetString).valueBlock.valueHexView) };
    },
  },
  {
    field: "responses",
    ours: (o) => o.responses.map((r) => [r.hashAlgorithm, hex(r.issuerNameHash), hex(r.issuerKeyHash), r.serialHex, r.status, r.revocationTime, r.thisUpdate, r.nextUpdate]),
    theirs: (t) =>
      t.basic.tbsResponseData.responses.map((r) => {
        const status = STATUS[r.certStatus.idBlock.tagNumber];
        const revoked = status === "revoked" ? ((r.certStatus as asn1js.Constructed).valueBlock.value[0] as asn1js.GeneralizedTime).toDate().getTime() : undefined;
        return [r.certID.hashAlgorithm.algorithmId, hex(r.certID.issuerNameHash.valueBlock.valueHexView), hex(r.certID.issuerKeyHash.valueBlock.valueHexView),
          serial(r.certID.serialNumber.valueBlock.valueHexView), status, revoked, ms(r.thisUpdate), ms(r.nextUpdate)];
      }),
  },
  { field: "signatureAlgorithm", ours: (o) => o.signatureAlgorithm.oid, theirs: (t) => t.basic.signatureAlgorithm.algorithmId },
  { field: "signature", ours: (o) => hex(o.signature), theirs: (t) => hex(t.basic.signature.valueBlock.valueHexView) },
  { field: "certificates", ours: (o) => o.certificates.map((c) => c.serialHex), theirs: (t) => (t.basic.certs ?? []).map((c) => serial(c.serialNumber.valueBlock.valueHexView)) },
];

const attrs = (list: readonly { oid: string; values: readonly { buf: Uint8Array; start: number; end: number }[] }[]) =>
  list.map((a) => [a.oid, a.values.map((v) => hex(v.buf.subarray(v.start, v.end)))]);
const theirAttrs = (a: pkijs.SignedAndUnsignedAttributes | undefined) => (a?.attributes ?? []).map((x) => [x.type, x.values.map((v) => hex((v as asn1js.BaseBlock).toBER()))]);

export const CMS_FIELDS: readonly FieldAccessor<SignedData, pkijs.SignedData>[] = [
  { field: "version", ours: (s) => s.version, theirs: (t) => t.version },
  { field: "digestAlgorithms", ours: (s) => s.digestAlgorithms.map((a) => a.oid), theirs: (t) => t.digestAlgorithms.map((a) => a.algorithmId) },
  { field: "eContentType", ours: (s) => s.eContentType, theirs: (t) => t.encapContentInfo.eContentType },
  {
    field: "eContent",
    ours: (s) => (s.eContent ? hex(s.eContent) : undefined),
    theirs: (t) => {
      const e = t.encapContentInfo.eContent;
      if (!e) return undefined;
      // A constructed (BER) OCTET STRING: pkijs keeps the segments.
      return e.valueBlock.isConstructed ? e.valueBlock.value.map((x) => hex((x as asn1js.OctetString).valueBlock.valueHexView)).join("") : hex(e.valueBlock.valueHexView);
    },
  },
  { field: "certificates", ours: (s) => s.certificates.map((c) => c.serialHex), theirs: (t) => (t.certificates ?? []).filter((c) => c instanceof pkijs.Certificate).map((c) => serial((c as pkijs.Certificate).serialNumber.valueBlock.valueHexView)) },
  {
    field: "crls",
    // CRLs and RFC 5940 OCSP responses; other RevocationInfoChoice formats mean nothing to either reader.
    ours: (s) => s.crls.length + s.ocspResponses.length,
    theirs: (t) => (t.crls ?? []).filter((c) => c instanceof pkijs.CertificateRevocationList || c.otherRevInfoFormat === "1.3.6.1.5.5.7.16.2").length,
  },
  {
    field: "signers",
    ours: (s) =>
      s.signers.map((i) => ({
        version: i.version,
        sid: i.sid.kind === "issuerSerial" ? [hex(i.sid.issuer.der), i.sid.serialHex] : hex(i.sid.keyId),
        digestAlgorithm: i.digestAlgorithm.oid,
        signatureAlgorithm: i.signatureAlgorithm.oid,
        signature: hex(i.signature),
      })),
    theirs: (t) =>
      t.signerInfos.map((i) => ({
        version: i.version,
        sid: i.sid instanceof pkijs.IssuerAndSerialNumber ? [theirName(i.sid.issuer).der, serial(i.sid.serialNumber.valueBlock.valueHexView)] : hex((i.sid as asn1js.Primitive).valueBlock.valueHexView),
        digestAlgorithm: i.digestAlgorithm.algorithmId,
        signatureAlgorithm: i.signatureAlgorithm.algorithmId,
        signature: hex(i.signature.valueBlock.valueHexView),
      })),
  },
  { field: "signedAttrs", ours: (s) => s.signers.map((i) => (i.signedAttrs ? attrs(i.signedAttrs.attributes.map((a) => ({ oid: a.oid, values: a.values }))) : null)), theirs: (t) => t.signerInfos.map((i) => (i.signedAttrs ? theirAttrs(i.signedAttrs) : null)) },
  { field: "unsignedAttrs", ours: (s) => s.signers.map((i) => i.unsignedAttrs.map((a) => a.oid)), theirs: (t) => t.signerInfos.map((i) => (i.unsignedAttrs?.attributes ?? []).map((a) => a.type)) },
];

/** The accessor table of each kind. */
export const FIELDS: Record<Kind, readonly FieldAccessor<never, never>[]> = {
  certificate: CERTIFICATE_FIELDS as readonly FieldAccessor<never, never>[],
  crl: CRL_FIELDS as readonly FieldAccessor<never, never>[],
  ocsp: OCSP_FIELDS as readonly FieldAccessor<never, never>[],
  cms: CMS_FIELDS as readonly FieldAccessor<never, never>[],
};
