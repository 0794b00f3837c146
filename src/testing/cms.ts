import type { WebCrypto } from "../crypto/types.js";
import { digestAlgorithmId } from "./algorithms.js";
import { assembleSignedData, dedupe, parseSignedData } from "./cms-parts.js";
import { encode } from "./der.js";
import type { TestIdentity } from "./identity.js";
import { KIT_OID } from "./oids.js";
import { createSignerInfo, type CmsAttribute, type CmsSignerOptions } from "./signer-info.js";
import { createTimestampToken } from "./timestamp.js";

export type { CmsAttribute, CmsSignerOptions } from "./signer-info.js";

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
  readonly crypto?: WebCrypto;
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
  options: CmsSignerOptions & { readonly content?: Uint8Array; readonly includeChain?: boolean; readonly crypto?: WebCrypto } = {},
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

/** A SignerInfo, its content timestamp (if asked for) made first: the signature covers it. */
async function signerInfo(
  content: Uint8Array,
  contentType: string,
  signer: TestIdentity,
  o: CmsSignerOptions & { readonly crypto?: WebCrypto },
): Promise<Uint8Array> {
  const ts = o.contentTimestamp;
  if (!ts) return createSignerInfo(content, contentType, signer, o);
  const token = await createTimestampToken(content, ts.tsa, { crypto: o.crypto ?? signer.crypto, ...ts });
  const attribute: CmsAttribute = { oid: KIT_OID.contentTimestamp, values: [token] };
  return createSignerInfo(content, contentType, signer, { ...o, extraSignedAttributes: [attribute, ...(o.extraSignedAttributes ?? [])] });
}
