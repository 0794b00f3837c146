import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import type {
  CertificateChoices,
  RevocationInfoChoice,
  SignerInfo} from "@peculiar/asn1-cms";
import {
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  RevocationInfoChoices,
  SignedData,
  SignerInfos,
} from "@peculiar/asn1-cms";
import type { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { childAt, octetsOf, oidOf, readElement, type Element } from "./der-tree.js";
import { derSorted, encode, verbatim } from "./der.js";
import { KIT_OID } from "./oids.js";

/** A SignedData taken apart, so the kit can add signers or tamper with one piece and put it back together. */
export interface SignedDataParts {
  /** DigestAlgorithmIdentifiers (DER). */
  readonly digestAlgorithms: readonly Uint8Array[];
  /** The eContentType, dotted. */
  readonly contentType: string;
  /** The encapsulated content; `null` when detached. */
  readonly content: Uint8Array | null;
  /** Certificates (DER), in stored order. */
  readonly certificates: readonly Uint8Array[];
  /** CRLs (DER), in stored order. */
  readonly crls: readonly Uint8Array[];
  /** SignerInfos (DER), in stored order. */
  readonly signerInfos: readonly Uint8Array[];
}

/**
 * The SignedData element of a ContentInfo.
 *
 * @param root - the ContentInfo element
 * @returns the SignedData element
 * @throws TypeError when it is not a SignedData
 */
export function signedDataElement(root: Element): Element {
  if (root.tag !== 0x30 || oidOf(childAt(root, 0, 0x06, "contentType")) !== KIT_OID.signedData) throw new TypeError("not a CMS SignedData");
  return childAt(childAt(root, 1, 0xa0, "content"), 0, 0x30, "SignedData");
}

/**
 * Takes a CMS ContentInfo holding SignedData apart (BER accepted, so signatures from elsewhere can be tampered with too).
 *
 * @param der - the ContentInfo
 * @returns its parts
 * @throws TypeError when it is not a SignedData, or does not parse
 * @example
 * ```ts
 * const { certificates, signerInfos } = parseSignedData(p7s);
 * ```
 */
export function parseSignedData(der: Uint8Array): SignedDataParts {
  const sd = signedDataElement(readElement(der));
  const f = sd.children;
  const bytes = (e: Element) => new Uint8Array(e.bytes);
  const digestAlgorithms = childAt(sd, 1, 0x31, "digestAlgorithms").children.map(bytes);
  const encap = f[2];
  if (encap?.tag !== 0x30) throw new TypeError("SignedData without encapContentInfo");
  const eContent = encap.children[1];
  const content = eContent ? octetsOf(childAt(eContent, 0, eContent.children[0]?.tag === 0x24 ? 0x24 : 0x04, "eContent")) : null;
  let i = 3;
  const certificates = f[i]?.tag === 0xa0 ? f[i++]!.children.map(bytes) : [];
  const crls = f[i]?.tag === 0xa1 ? f[i++]!.children.map(bytes) : [];
  const signerInfos = childAt(sd, i, 0x31, "signerInfos").children.map(bytes);
  return { digestAlgorithms, contentType: oidOf(childAt(encap, 0, 0x06, "eContentType")), content, certificates, crls, signerInfos };
}

/**
 * Puts a SignedData back together as DER, wrapped in a ContentInfo. The version follows RFC 5652 §5.1. Certificates,
 * CRLs and SignerInfos keep the given order and their bytes (SignerInfo order is the document order a validator
 * reports in).
 *
 * @param parts - the parts
 * @returns the ContentInfo (DER)
 * @example
 * ```ts
 * const noSigners = assembleSignedData({ ...parseSignedData(p7s), signerInfos: [] }); // NO_SIGNERS
 * ```
 */
export function assembleSignedData(parts: SignedDataParts): Uint8Array {
  const v3 = parts.contentType !== KIT_OID.data || parts.signerInfos.some((s) => signerInfoVersion(s) === 3);
  const signedData = new SignedData({
    version: v3 ? 3 : 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers(
      derSorted(dedupe(parts.digestAlgorithms).map((d) => verbatim<AlgorithmIdentifier>(d))),
    ),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: parts.contentType,
      ...(parts.content === null ? {} : { eContent: new EncapsulatedContent({ single: new OctetString(parts.content) }) }),
    }),
    signerInfos: new SignerInfos(parts.signerInfos.map((s) => verbatim<SignerInfo>(s))),
  });
  if (parts.certificates.length) signedData.certificates = new CertificateSet(parts.certificates.map((c) => verbatim<CertificateChoices>(c)));
  if (parts.crls.length) signedData.crls = new RevocationInfoChoices(parts.crls.map((c) => verbatim<RevocationInfoChoice>(c)));
  return encode(new ContentInfo({ contentType: KIT_OID.signedData, content: AsnConvert.serialize(signedData) }));
}

function signerInfoVersion(signerInfo: Uint8Array): number {
  const version = childAt(readElement(signerInfo), 0, 0x02, "SignerInfo version");
  return version.content.length === 1 ? version.content[0]! : -1;
}

/**
 * Removes repeated encodings, keeping the first.
 *
 * @param items - encodings
 * @returns the distinct ones, in order
 */
export function dedupe(items: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = Array.from(x).join(",");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
