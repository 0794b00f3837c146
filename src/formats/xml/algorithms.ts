import type { Strength } from "../../crypto/types.js";
import type { AlgorithmIdentifier } from "../../model/algorithm.js";
import type { C14nOptions } from "./c14n.js";

const DSIG = "http://www.w3.org/2000/09/xmldsig#";
const MORE = "http://www.w3.org/2001/04/xmldsig-more#";
const ENC = "http://www.w3.org/2001/04/xmlenc#";
const NULL_PARAMS = Uint8Array.of(0x05, 0x00);

/** One XMLDSig SignatureMethod: the X.509 AlgorithmIdentifier the verifier checks, and how the value is encoded. */
export interface XmlSignatureMethod {
  readonly name: string;
  readonly algorithm: AlgorithmIdentifier;
  readonly strength: Strength;
  /** ECDSA values are `r || s` in XMLDSig (RFC 4050, RFC 6931), not DER. */
  readonly valueForm: "der" | "p1363";
}

const rsa = (name: string, oid: string, strength: Strength): XmlSignatureMethod => ({
  name,
  algorithm: { oid, params: NULL_PARAMS },
  strength,
  valueForm: "der",
});
const ecdsa = (name: string, oid: string, strength: Strength): XmlSignatureMethod => ({ name, algorithm: { oid }, strength, valueForm: "p1363" });

/** SignatureMethod URIs (XMLDSig, RFC 6931). Anything else is `UNSUPPORTED_ALGORITHM`. */
export const XML_SIGNATURE_METHODS: ReadonlyMap<string, XmlSignatureMethod> = new Map([
  [`${MORE}rsa-md5`, rsa("RSA-MD5", "1.2.840.113549.1.1.4", "weak")],
  [`${DSIG}rsa-sha1`, rsa("RSA-SHA1", "1.2.840.113549.1.1.5", "legacy")],
  [`${MORE}rsa-sha256`, rsa("RSA-SHA256", "1.2.840.113549.1.1.11", "ok")],
  [`${MORE}rsa-sha384`, rsa("RSA-SHA384", "1.2.840.113549.1.1.12", "ok")],
  [`${MORE}rsa-sha512`, rsa("RSA-SHA512", "1.2.840.113549.1.1.13", "ok")],
  [`${MORE}ecdsa-sha1`, ecdsa("ECDSA-SHA1", "1.2.840.10045.4.1", "legacy")],
  [`${MORE}ecdsa-sha256`, ecdsa("ECDSA-SHA256", "1.2.840.10045.4.3.2", "ok")],
  [`${MORE}ecdsa-sha384`, ecdsa("ECDSA-SHA384", "1.2.840.10045.4.3.3", "ok")],
  [`${MORE}ecdsa-sha512`, ecdsa("ECDSA-SHA512", "1.2.840.10045.4.3.4", "ok")],
]);

/** One DigestMethod. */
export interface XmlDigestMethod {
  readonly name: string;
  /** The digest AlgorithmIdentifier (absent parameters). */
  readonly algorithm: AlgorithmIdentifier;
  readonly strength: Strength;
}

/** DigestMethod URIs (XMLDSig, XML Encryption, RFC 6931). */
export const XML_DIGEST_METHODS: ReadonlyMap<string, XmlDigestMethod> = new Map([
  [`${MORE}md5`, { name: "MD5", algorithm: { oid: "1.2.840.113549.2.5" }, strength: "weak" }],
  [`${DSIG}sha1`, { name: "SHA-1", algorithm: { oid: "1.3.14.3.2.26" }, strength: "legacy" }],
  [`${ENC}sha256`, { name: "SHA-256", algorithm: { oid: "2.16.840.1.101.3.4.2.1" }, strength: "ok" }],
  [`${MORE}sha384`, { name: "SHA-384", algorithm: { oid: "2.16.840.1.101.3.4.2.2" }, strength: "ok" }],
  [`${ENC}sha512`, { name: "SHA-512", algorithm: { oid: "2.16.840.1.101.3.4.2.3" }, strength: "ok" }],
] satisfies [string, XmlDigestMethod][]);

/** Canonicalization methods (as CanonicalizationMethod or as a Transform). C14N 1.1 is not supported. */
export const XML_C14N_METHODS: ReadonlyMap<string, Omit<C14nOptions, "inclusivePrefixes">> = new Map([
  ["http://www.w3.org/TR/2001/REC-xml-c14n-20010315", { exclusive: false, withComments: false }],
  ["http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments", { exclusive: false, withComments: true }],
  ["http://www.w3.org/2001/10/xml-exc-c14n#", { exclusive: true, withComments: false }],
  ["http://www.w3.org/2001/10/xml-exc-c14n#WithComments", { exclusive: true, withComments: true }],
]);

/** The enveloped-signature transform. */
export const ENVELOPED_SIGNATURE = `${DSIG}enveloped-signature`;

/** The default canonicalisation of a node-set that no transform turned into octets (XMLDSig §4.3.3.2). */
export const DEFAULT_C14N: C14nOptions = { exclusive: false, withComments: false };

/** The `Type` of a Reference to a Manifest, whose own references core validation never checks. */
export const MANIFEST_TYPE = `${DSIG}Manifest`;

/** The Exclusive C14N namespace of `InclusiveNamespaces`. */
export const EXC_C14N_NS = "http://www.w3.org/2001/10/xml-exc-c14n#";
