import { copyBytes } from "../lib/bytes.js";
import { children, ctx, expect, fields, octets, oid, rawOf, readRoot, smallInt, Tag } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import { explicit, int, octetString, oidDer, retag, seq, setAsGiven, setOf } from "./asn1.js";

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
 * Takes a CMS ContentInfo holding SignedData apart (BER accepted, so signatures from elsewhere can be tampered with too).
 *
 * @param der - the ContentInfo
 * @returns its parts
 * @throws TypeError when it is not a SignedData; {@link decree130!Decree130Error | Decree130Error} when it does not parse
 * @example
 * ```ts
 * const { certificates, signerInfos } = parseSignedData(p7s);
 * ```
 */
export function parseSignedData(der: Uint8Array): SignedDataParts {
  const [type, wrapped] = fields(readRoot(der, "ber"), 2, 2, "ContentInfo", "ber");
  if (oid(type!) !== OID.signedData) throw new TypeError("not a CMS SignedData");
  const [sd] = children(expect(wrapped, ctx(0), "content"), "ber");
  const f = fields(sd!, 4, 6, "SignedData", "ber");
  const digestAlgorithms = children(expect(f[1], Tag.SET, "digestAlgorithms"), "ber").map((t) => copyBytes(rawOf(t)));
  const [eType, eContent] = fields(f[2]!, 1, 2, "encapContentInfo", "ber");
  const content = eContent ? copyBytes(octets(children(expect(eContent, ctx(0), "eContent"), "ber")[0]!)) : null;
  let certificates: Uint8Array[] = [];
  let crls: Uint8Array[] = [];
  let i = 3;
  if (f[i]?.tag === ctx(0)) certificates = children(f[i++]!, "ber").map((t) => copyBytes(rawOf(t)));
  if (f[i]?.tag === ctx(1)) crls = children(f[i++]!, "ber").map((t) => copyBytes(rawOf(t)));
  const signerInfos = children(expect(f[i], Tag.SET, "signerInfos"), "ber").map((t) => copyBytes(rawOf(t)));
  return { digestAlgorithms, contentType: oid(eType!), content, certificates, crls, signerInfos };
}

/**
 * Puts a SignedData back together as DER, wrapped in a ContentInfo. The version follows RFC 5652 §5.1. Certificates,
 * CRLs and SignerInfos keep the given order (SignerInfo order is the document order a validator reports in).
 *
 * @param parts - the parts
 * @returns the ContentInfo (DER)
 * @example
 * ```ts
 * const noSigners = assembleSignedData({ ...parseSignedData(p7s), signerInfos: [] }); // NO_SIGNERS
 * ```
 */
export function assembleSignedData(parts: SignedDataParts): Uint8Array {
  const v3 = parts.contentType !== OID.data || parts.signerInfos.some((s) => signerInfoVersion(s) === 3);
  const encap = seq(oidDer(parts.contentType), ...(parts.content === null ? [] : [explicit(0, octetString(parts.content))]));
  const signedData = seq(
    int(v3 ? 3 : 1),
    setOf(...dedupe(parts.digestAlgorithms)),
    encap,
    ...(parts.certificates.length ? [retag(setAsGiven(...parts.certificates), 0xa0)] : []),
    ...(parts.crls.length ? [retag(setAsGiven(...parts.crls), 0xa1)] : []),
    setAsGiven(...parts.signerInfos),
  );
  return seq(oidDer(OID.signedData), explicit(0, signedData));
}

function signerInfoVersion(signerInfo: Uint8Array): number {
  return smallInt(children(readRoot(signerInfo, "ber"), "ber")[0]!, 10);
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
