import type { WebCrypto } from "../crypto/types.js";
import { AsnObjectIdentifierConverter, AsnProp, AsnPropTypes, OctetString } from "@peculiar/asn1-schema";
import type { Attribute } from "@peculiar/asn1-cms";
import { IssuerAndSerialNumber, SignerIdentifier, SignerInfo } from "@peculiar/asn1-cms";
import type { AlgorithmIdentifier, Name } from "@peculiar/asn1-x509";
import { GeneralName, GeneralNames, SubjectKeyIdentifier } from "@peculiar/asn1-x509";
import { digestAlgorithmId, KEY_ALGORITHMS, type Digest } from "./algorithms.js";
import { issuerNameOf, serialOf } from "./cert-fields.js";
import { assembleSignedData, parseSignedData } from "./cms-parts.js";
import { readElement, type Element } from "./der-tree.js";
import { buffer, derSorted, encode, schemaObject, Verbatim, verbatim, VerbatimSet } from "./der.js";
import type { TestIdentity } from "./identity.js";
import { hash, signBytes } from "./keys.js";
import { KIT_OID } from "./oids.js";
import { EssCertId, EssCertIdV2, IssuerSerial, SigningCertificate, SigningCertificateV2 } from "./schemas.js";
import { toMillis, x509Time, type DateInput } from "./time.js";
import type { TimestampOptions } from "./timestamp.js";

/** A CMS attribute: its type and the DER of each value. */
export interface CmsAttribute {
  readonly oid: string;
  readonly values: readonly Uint8Array[];
}

/** How one SignerInfo is made. */
export interface CmsSignerOptions {
  /** The claimed signing time (signed attribute `signingTime`); omitted when absent. */
  readonly signingTime?: DateInput;
  /** Default `SHA-256`. */
  readonly digest?: Digest;
  /** `false`: no signed attributes; the signature covers the content itself. Default `true`. */
  readonly signedAttributes?: boolean;
  /** Add ESS signingCertificateV2 (RFC 5035, SHA-256). Give a certificate to name that one instead of the signer's. */
  readonly signingCertificateV2?: boolean | TestIdentity | Uint8Array;
  /** Add ESS signingCertificate (RFC 2634, SHA-1). Give a certificate to name that one instead of the signer's. */
  readonly signingCertificate?: boolean | TestIdentity | Uint8Array;
  /** How the SignerInfo names its certificate. Default `issuerAndSerialNumber`. */
  readonly sid?: "issuerAndSerialNumber" | "subjectKeyIdentifier";
  /** More signed attributes, added as given (duplicates included: that is how malformed sets are tested). */
  readonly extraSignedAttributes?: readonly CmsAttribute[];
  /** Leave out mandatory signed attributes, to test that they are required. */
  readonly omitSignedAttributes?: readonly ("contentType" | "messageDigest")[];
  /** Unsigned attributes, added as given (a signature timestamp: see `addSignatureTimestamp`). */
  readonly unsignedAttributes?: readonly CmsAttribute[];
  /** `unsorted`: store and sign the signed attributes in a non-DER order, which a validator must refuse. Default `der`. */
  readonly signedAttributesOrder?: "der" | "unsorted";
  /**
   * Add a content timestamp (signed attribute id-aa-ets-contentTimestamp): a token from `tsa` whose messageImprint is
   * the hash of the content, made at `genTime` (before the signature, as a TSA would have made it).
   */
  readonly contentTimestamp?: TimestampOptions & { readonly tsa: TestIdentity };
}

/** An Attribute whose values are written exactly as given (asn1-cms's Attribute would re-encode them). */
class AttributeAsGiven {
  attrType = "";
  attrValues: Verbatim[] = [];
  constructor(params: Partial<AttributeAsGiven> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(AttributeAsGiven.prototype, "attrType");
AsnProp({ type: Verbatim, repeated: "set" })(AttributeAsGiven.prototype, "attrValues");

/**
 * The DER of one attribute, its values in DER SET OF order.
 *
 * @param a - the attribute
 * @returns the encoded Attribute
 */
export const attributeDer = (a: CmsAttribute): Uint8Array =>
  encode(new AttributeAsGiven({ attrType: a.oid, attrValues: derSorted(a.values.map((v) => new Verbatim(v))) }));

const oidValue = (oid: string): Uint8Array => new Uint8Array(AsnObjectIdentifierConverter.toASN(oid).toBER());

/**
 * Makes one SignerInfo over `content` (RFC 5652 §5.3): signed attributes in DER order unless told otherwise, signed
 * with the signer's key.
 *
 * @param content - the bytes signed
 * @param contentType - the eContentType, written in the contentType attribute
 * @param signer - the signer
 * @param o - the SignerInfo's options; a content timestamp must already be among `extraSignedAttributes`
 * @returns the SignerInfo (DER)
 */
export async function createSignerInfo(
  content: Uint8Array,
  contentType: string,
  signer: TestIdentity,
  o: CmsSignerOptions & { readonly crypto?: WebCrypto },
): Promise<Uint8Array> {
  const crypto = o.crypto ?? signer.crypto;
  const digest = o.digest ?? "SHA-256";
  const bySki = o.sid === "subjectKeyIdentifier";
  const sid = bySki
    ? new SignerIdentifier({ subjectKeyIdentifier: new SubjectKeyIdentifier(signer.subjectKeyId) })
    : new SignerIdentifier({
        issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: verbatim<Name>(signer.issuerName), serialNumber: buffer(signer.serial) }),
      });
  let signedAttrs: Uint8Array[] | undefined;
  let toSign = content;
  if (o.signedAttributes ?? true) {
    const omit = new Set(o.omitSignedAttributes ?? []);
    const attrs: Uint8Array[] = [];
    if (!omit.has("contentType")) attrs.push(attributeDer({ oid: KIT_OID.contentType, values: [oidValue(contentType)] }));
    if (!omit.has("messageDigest")) {
      attrs.push(attributeDer({ oid: KIT_OID.messageDigest, values: [encode(new OctetString(await hash(digest, content, crypto)))] }));
    }
    if (o.signingTime !== undefined) {
      attrs.push(attributeDer({ oid: KIT_OID.signingTime, values: [encode(x509Time(toMillis(o.signingTime, "signingTime")))] }));
    }
    if (o.signingCertificateV2) attrs.push(await essV2(pick(o.signingCertificateV2, signer), crypto));
    if (o.signingCertificate) attrs.push(await essV1(pick(o.signingCertificate, signer), crypto));
    for (const a of o.extraSignedAttributes ?? []) attrs.push(attributeDer(a));
    signedAttrs = derSorted(attrs.map((a) => new Verbatim(a))).map((v) => v.bytes);
    if (o.signedAttributesOrder === "unsorted") signedAttrs.reverse();
    // RFC 5652 §5.4: the signature covers the attributes with an explicit SET OF tag.
    toSign = encode(new VerbatimSet(signedAttrs.map((a) => new Verbatim(a))));
  }
  const signature = await signBytes(signer.keyPair, toSign, digest, crypto);
  const unsigned = o.unsignedAttributes ?? [];
  const info = new SignerInfo({
    version: bySki ? 3 : 1,
    sid,
    digestAlgorithm: digestAlgorithmId(digest),
    signatureAlgorithm: KEY_ALGORITHMS[signer.keyAlgorithm].cmsSignatureAlgorithm(digest),
    signature: new OctetString(signature),
  });
  if (signedAttrs) info.signedAttrs = signedAttrs.map((a) => verbatim<Attribute>(a));
  if (unsigned.length) info.unsignedAttrs = derSorted(unsigned.map((a) => new Verbatim(attributeDer(a)))).map((v) => verbatim<Attribute>(v.bytes));
  return encode(info);
}

function pick(choice: true | TestIdentity | Uint8Array, signer: TestIdentity): TestIdentity | Uint8Array {
  return choice === true ? signer : choice;
}

// IssuerSerial: GeneralNames with one directoryName [4], then the serial.
const issuerSerial = (cert: TestIdentity | Uint8Array): IssuerSerial =>
  new IssuerSerial({
    issuer: new GeneralNames([new GeneralName({ directoryName: verbatim<Name>(issuerNameOf(cert)) })]),
    serialNumber: buffer(serialOf(cert)),
  });

const derOf = (cert: TestIdentity | Uint8Array): Uint8Array => (cert instanceof Uint8Array ? cert : cert.certificate);

/**
 * The signingCertificateV2 attribute naming a certificate (RFC 5035; hashAlgorithm left out: SHA-256 is its DEFAULT).
 *
 * @param cert - the certificate to name
 * @param crypto - the WebCrypto implementation
 * @returns the encoded Attribute
 */
export async function essV2(cert: TestIdentity | Uint8Array, crypto: WebCrypto): Promise<Uint8Array> {
  const id = new EssCertIdV2({ certHash: new OctetString(await hash("SHA-256", derOf(cert), crypto)), issuerSerial: issuerSerial(cert) });
  return attributeDer({ oid: KIT_OID.signingCertificateV2, values: [encode(new SigningCertificateV2({ certs: [id] }))] });
}

async function essV1(cert: TestIdentity | Uint8Array, crypto: WebCrypto): Promise<Uint8Array> {
  const id = new EssCertId({ certHash: new OctetString(await hash("SHA-1", derOf(cert), crypto)), issuerSerial: issuerSerial(cert) });
  return attributeDer({ oid: KIT_OID.signingCertificate, values: [encode(new SigningCertificate({ certs: [id] }))] });
}

/**
 * Where a SignerInfo's signature value is among its fields: the OCTET STRING after the signatureAlgorithm.
 *
 * @param fields - the SignerInfo's fields
 * @returns the index
 * @throws TypeError when there is none
 */
export function signatureIndex(fields: readonly Element[]): number {
  const at = fields.findIndex((f, i) => i > 2 && f.tag === 0x04);
  if (at < 0) throw new TypeError("SignerInfo without a signature");
  return at;
}

/**
 * Adds an unsigned attribute to a SignerInfo, every other part kept as it was (so its signature still holds).
 *
 * @param info - the SignerInfo (DER)
 * @param attribute - the attribute to add
 * @returns the new SignerInfo (DER), unsigned attributes in DER order
 */
function withUnsignedAttribute(info: Uint8Array, attribute: Uint8Array): Uint8Array {
  const f = readElement(info).children;
  const at = signatureIndex(f);
  const signed = f[3]?.tag === 0xa0 ? f[3] : undefined;
  const unsigned = f.find((x) => x.tag === 0xa1)?.children.map((a) => new Verbatim(a.bytes)) ?? [];
  const version = f[0]?.tag === 0x02 && f[0].content.length === 1 ? f[0].content[0]! : 1;
  const rebuilt = schemaObject(SignerInfo, {
    version,
    sid: verbatim<SignerIdentifier>(f[1]!.bytes),
    digestAlgorithm: verbatim<AlgorithmIdentifier>(f[2]!.bytes),
    ...(signed ? { signedAttrs: signed.children.map((a) => verbatim<Attribute>(a.bytes)) } : {}),
    signatureAlgorithm: verbatim<AlgorithmIdentifier>(f[at - 1]!.bytes),
    signature: verbatim<OctetString>(f[at]!.bytes),
    unsignedAttrs: derSorted([...unsigned, new Verbatim(attribute)]).map((v) => verbatim<Attribute>(v.bytes)),
  });
  return encode(rebuilt);
}

/**
 * Adds an unsigned attribute to one SignerInfo of a SignedData (a timestamp token made elsewhere, an archive
 * attribute): everything signed keeps its bytes, so every signature still holds.
 *
 * @param cms - a SignedData (DER or BER)
 * @param attribute - the attribute (its values DER)
 * @param signerIndex - which SignerInfo (default 0)
 * @returns a new SignedData (DER), the SignerInfo's unsigned attributes in DER order
 * @throws TypeError when there is no SignerInfo at `signerIndex`
 * @example
 * ```ts
 * const withToken = addUnsignedAttribute(p7s, { oid: "1.2.840.113549.1.9.16.2.14", values: [opensslToken] });
 * ```
 */
export function addUnsignedAttribute(cms: Uint8Array, attribute: CmsAttribute, signerIndex = 0): Uint8Array {
  const parts = parseSignedData(cms);
  if (!parts.signerInfos[signerIndex]) throw new TypeError(`no SignerInfo at index ${signerIndex}`);
  const der = attributeDer(attribute);
  return assembleSignedData({ ...parts, signerInfos: parts.signerInfos.map((s, i) => (i === signerIndex ? withUnsignedAttribute(s, der) : s)) });
}
