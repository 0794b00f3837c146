import { OID } from "../asn1/oids.js";
import { explicit, implicitPrim, int, intBytes, octetString, oidDer, retag, seq, setAsGiven, setOf, compareBytes } from "./asn1.js";
import { digestAlgorithmId, KEY_ALGORITHMS, type Digest } from "./algorithms.js";
import { issuerNameOf, serialOf } from "./cert-fields.js";
import { assembleSignedData, dedupe, parseSignedData } from "./cms-parts.js";
import type { TestIdentity } from "./identity.js";
import { hash, signBytes } from "./keys.js";
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
  const contentType = options.contentType ?? OID.data;
  const signerInfos: Uint8Array[] = [];
  const digests: Uint8Array[] = [];
  const certificates: Uint8Array[] = [];
  for (const item of list) {
    const { signer, options: own } = "signer" in item ? item : { signer: item, options: undefined };
    const o: CmsOptions = { ...options, ...own };
    signerInfos.push(await signerInfo(content, contentType, signer, o));
    digests.push(digestAlgorithmId(o.digest ?? "SHA-256"));
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
    digestAlgorithms: [...parts.digestAlgorithms, digestAlgorithmId(options.digest ?? "SHA-256")],
    certificates: dedupe([...parts.certificates, signer.certificate, ...(options.includeChain ? signer.chain : [])]),
    signerInfos: [...parts.signerInfos, info],
  });
}

const attribute = (a: CmsAttribute): Uint8Array => seq(oidDer(a.oid), setOf(...a.values));

async function signerInfo(
  content: Uint8Array,
  contentType: string,
  signer: TestIdentity,
  o: CmsSignerOptions & { readonly crypto?: Crypto },
): Promise<Uint8Array> {
  const crypto = o.crypto ?? signer.crypto;
  const digest = o.digest ?? "SHA-256";
  const bySki = o.sid === "subjectKeyIdentifier";
  const sid = bySki ? implicitPrim(0, signer.subjectKeyId) : seq(signer.issuerName, intBytes(signer.serial));
  const entry = KEY_ALGORITHMS[signer.keyAlgorithm];
  let signedAttrs: Uint8Array | undefined;
  let toSign = content;
  if (o.signedAttributes ?? true) {
    const omit = new Set(o.omitSignedAttributes ?? []);
    const attrs: Uint8Array[] = [];
    if (!omit.has("contentType")) attrs.push(attribute({ oid: OID.contentType, values: [oidDer(contentType)] }));
    if (!omit.has("messageDigest")) {
      attrs.push(attribute({ oid: OID.messageDigest, values: [octetString(await hash(digest, content, crypto))] }));
    }
    if (o.signingTime !== undefined) {
      attrs.push(attribute({ oid: OID.signingTime, values: [x509Time(toMillis(o.signingTime, "signingTime"))] }));
    }
    if (o.signingCertificateV2) attrs.push(await essV2(pick(o.signingCertificateV2, signer), crypto));
    if (o.signingCertificate) attrs.push(await essV1(pick(o.signingCertificate, signer), crypto));
    for (const a of o.extraSignedAttributes ?? []) attrs.push(attribute(a));
    attrs.sort(compareBytes);
    if (o.signedAttributesOrder === "unsorted") attrs.reverse();
    // RFC 5652 §5.4: the signature covers the attributes with an explicit SET OF tag.
    toSign = setAsGiven(...attrs);
    signedAttrs = retag(toSign, 0xa0);
  }
  const signature = await signBytes(signer.keyPair, toSign, digest, crypto);
  const unsigned = o.unsignedAttributes ?? [];
  return seq(
    int(bySki ? 3 : 1),
    sid,
    digestAlgorithmId(digest),
    ...(signedAttrs ? [signedAttrs] : []),
    entry.cmsSignatureAlgorithm(digest),
    octetString(signature),
    ...(unsigned.length ? [retag(setOf(...unsigned.map(attribute)), 0xa1)] : []),
  );
}

function pick(choice: true | TestIdentity | Uint8Array, signer: TestIdentity): TestIdentity | Uint8Array {
  return choice === true ? signer : choice;
}

// IssuerSerial: GeneralNames with one directoryName [4], then the serial.
const issuerSerial = (cert: TestIdentity | Uint8Array): Uint8Array =>
  seq(seq(explicit(4, issuerNameOf(cert))), intBytes(serialOf(cert)));

const derOf = (cert: TestIdentity | Uint8Array): Uint8Array => (cert instanceof Uint8Array ? cert : cert.certificate);

async function essV2(cert: TestIdentity | Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT (RFC 5035 §3).
  const id = seq(octetString(await hash("SHA-256", derOf(cert), crypto)), issuerSerial(cert));
  return attribute({ oid: OID.signingCertificateV2, values: [seq(seq(id))] });
}

async function essV1(cert: TestIdentity | Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const id = seq(octetString(await hash("SHA-1", derOf(cert), crypto)), issuerSerial(cert));
  return attribute({ oid: OID.signingCertificate, values: [seq(seq(id))] });
}
