import type { Tlv } from "../asn1/der.js";
import type { AlgorithmIdentifier } from "./algorithm.js";
import type { Certificate } from "./certificate.js";
import type { Name } from "./name.js";

/** One attribute of a SignerInfo: its type and its values, left encoded until a rule reads them. */
export interface Attribute {
  readonly oid: string;
  readonly values: readonly Tlv[];
}

/** How a SignerInfo names its certificate (RFC 5652 §5.3). */
export type SignerIdentifier =
  | { readonly kind: "issuerSerial"; readonly issuer: Name; readonly serialHex: string }
  | { readonly kind: "subjectKeyId"; readonly keyId: Uint8Array };

/** A SignerInfo, decoded once. */
export interface SignerInfo {
  /** Position in the SignedData, from 0. */
  readonly index: number;
  readonly version: number;
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: AlgorithmIdentifier;
  /** Signed attributes: the list, and the DER of the SET OF the signature covers (re-encoded when stored as BER). */
  readonly signedAttrs?: { readonly attributes: readonly Attribute[]; readonly der: Uint8Array; readonly wasDer: boolean };
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly unsignedAttrs: readonly Attribute[];
}

/** A CMS SignedData (RFC 5652 §5.1), decoded once. */
export interface SignedData {
  readonly version: number;
  readonly digestAlgorithms: readonly AlgorithmIdentifier[];
  readonly eContentType: string;
  /** The attached content; `undefined` for a detached signature. */
  readonly eContent?: Uint8Array;
  readonly certificates: readonly Certificate[];
  /** DER of each embedded CRL (RevocationInfoChoice `crl`). */
  readonly crls: readonly Uint8Array[];
  /** DER of each embedded OCSP response (RFC 5940 `id-ri-ocsp-response`). */
  readonly ocspResponses: readonly Uint8Array[];
  readonly signers: readonly SignerInfo[];
  /** Embedded objects that could not be used (a certificate that is not strict DER): reported, never fatal. */
  readonly unusable: readonly UnusableObject[];
}

/** An object embedded in a signature that could not be decoded, and why. */
export interface UnusableObject {
  readonly kind: "certificate" | "crl" | "ocsp";
  /** Its position among the embedded objects of its kind, from 0. */
  readonly index: number;
  readonly reason: string;
}
