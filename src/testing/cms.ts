import { AsnObjectIdentifierConverter, AsnProp, AsnPropTypes, OctetString } from "@peculiar/asn1-schema";
import type { Attribute} from "@peculiar/asn1-cms";
import { IssuerAndSerialNumber, SignerIdentifier, SignerInfo } from "@peculiar/asn1-cms";
import type { Name} from "@peculiar/asn1-x509";
import { GeneralName, GeneralNames, SubjectKeyIdentifier } from "@peculiar/asn1-x509";
import { digestAlgorithmId, KEY_ALGORITHMS, type Digest } from "./algorithms.js";
import { issuerNameOf, serialOf } from "./cert-fields.js";
import { assembleSignedData, dedupe, parseSignedData } from "./cms-parts.js";
import { buffer, derSorted, encode, Verbatim, verbatim, VerbatimSet } from "./der.js";
import type { TestIdentity } from "./identity.js";
import { hash, signBytes } from "./keys.js";
import { KIT_OID } from "./oids.js";
import { EssCertId, EssCertIdV2, IssuerSerial, SigningCertificate, SigningCertificateV2 } from "./schemas.js";
import { toMillis, x509Time, type DateInput } from "./time.js";

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
  /** Unsigned attributes (e.g. a signature timestamp token, once the kit makes them). */
  readonly unsignedAttributes?: readonly CmsAttribute[];
  /** `unsorted`: store and sign the signed attributes in a non-DER order, which a validator must refuse. Default `der`. */
  readonly signedAttributesOrder?: "der" | "unsorted";
}

/** Options of {@link signCms}. */
export interface CmsOptions extends CmsSignerOptions {
  /** Leave the content out of the SignedData. Default `false`. */
  readonly detached?: boolean;
  /** Embed the signers' certificates. Default `true`. */
  readonly includeCertificates?: boolean;
  /** Also embed the signers' CA certificates up to the root. Default `false`. */
  readonly includeChain?: boolean;
  /** More certificates to embed (DER). */
  readonly extraCertificates?: readonly Uint8Array[];
  /** CRLs to embed (DER). */
  readonly crls?: readonly Uint8Array[];
  /** The eContentType. Default id-data. */
  readonly contentType?: string;
  readonly crypto?: Crypto;
}

/** A signer with its own options, overriding the shared ones. */
export interface CmsSigner {
  readonly signer: TestIdentity;
  readonly options?: CmsSignerOptions;
}

/**
 * Signs content as a CMS SignedData (RFC 5652), one or several signers, attached or detached.
 *
 * @param content - the bytes signed
 * @param signers - one identity, or a list (each optionally with its own options), in SignerInfo order
 * @param options - shared options
 * @returns the ContentInfo (DER)
 * @example
 * ```ts
 * const p7s = await signCms(new TextEncoder().encode("Hợp đồng số 01"), signer, {
 *   signingTime: "2025-03-01T08:00:00Z", detached: true, signingCertificateV2: true,
 * });
 * ```
 */
export async function signCms(
  content: Uint8Array,
  signers: TestIdentity | readonly (TestIdentity | CmsSigner)[],
  options: CmsOptions = {},
): Promise<Uint8Array> {
  const list = (Array.isArray(signers) ? signers : [signers]) as readonly (TestIdentity | CmsSigner)[];
  if (list.length === 0) throw new TypeError("signCms needs at least one signer");
  const contentType = options.contentType ?? KIT_OID.data;
  const signerInfos: Uint8Array[] = [];
  const digests: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  for (const item of list) {
    const { signer, options: own } = "signer" in item ? item : { signer: item, options: undefined };
    const o: CmsOptions = { ...options, ...own };
    signerInfos.push(await signerInfo(content, contentType, signer, o));
    digests.push(encode(digestAlgorithmId(o.digest ?? "SHA-256")));
    if (options.includeCertificates ?? true) {
      certificates.push(signer.certificate, ...(options.includeChain ? signer.chain : []));
    }
  }
  return assembleSignedData({
    digestAlgorithms: digests,
    contentType,
    content: options.detached ? null : content,
    certificates: dedupe([...certificates, ...(options.extraCertificates ?? [])]),
    crls: options.crls ?? [],
    signerInfos,
  });
}

/**
 * Adds a SignerInfo to an existing SignedData (a second signer on a contract, a counter-party's signature).
 *
 * @param cms - the ContentInfo (DER)
 * @param signer - the new signer
 * @param options - the new SignerInfo's options; `content` is needed when the SignedData is detached
 * @returns a new ContentInfo (DER) with the signer appended
 * @example
 * ```ts
 * const twice = await addSigner(await signCms(doc, buyer), seller, { signingTime: "2025-03-02T09:00:00Z" });
 * ```
 */
export async function addSigner(
  cms: Uint8Array,
  signer: TestIdentity,
  options: CmsSignerOptions & { readonly content?: Uint8Array; readonly includeChain?: boolean; readonly crypto?: Crypto } = {},
): Promise<Uint8Array> {
  const parts = parseSignedData(cms);
  const content = parts.content ?? options.content;
  if (!content) throw new TypeError("detached SignedData: pass options.content");
  const info = await signerInfo(content, parts.contentType, signer, options);
  return assembleSignedData({
    ...parts,
    digestAlgorithms: [...parts.digestAlgorithms, encode(digestAlgorithmId(options.digest ?? "SHA-256"))],
    certificates: dedupe([...parts.certificates, signer.certificate, ...(options.includeChain ? signer.chain : [])]),
    signerInfos: [...parts.signerInfos, info],
  });
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

async function signerInfo(
  content: Uint8Array,
  contentType: string,
  signer: TestIdentity,
  o: CmsSignerOptions & { readonly crypto?: Crypto },
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
export async function essV2(cert: TestIdentity | Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const id = new EssCertIdV2({ certHash: new OctetString(await hash("SHA-256", derOf(cert), crypto)), issuerSerial: issuerSerial(cert) });
  return attributeDer({ oid: KIT_OID.signingCertificateV2, values: [encode(new SigningCertificateV2({ certs: [id] }))] });
}

async function essV1(cert: TestIdentity | Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const id = new EssCertId({ certHash: new OctetString(await hash("SHA-1", derOf(cert), crypto)), issuerSerial: issuerSerial(cert) });
  return attributeDer({ oid: KIT_OID.signingCertificate, values: [encode(new SigningCertificate({ certs: [id] }))] });
}
