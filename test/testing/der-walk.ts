// Small readers over the strict DER reader, for asserting on what the kit wrote.
import { children, ctx, fields, oid, readRoot, Tag, valueOf, type Tlv } from "../../src/asn1/der.js";

/** The SignedData fields of a ContentInfo (DER). */
export function signedDataFields(cms: Uint8Array): Tlv[] {
  const [type, wrapped] = fields(readRoot(cms), 2, 2, "ContentInfo");
  if (oid(type!) !== "1.2.840.113549.1.7.2") throw new Error("not SignedData");
  if (wrapped!.tag !== ctx(0)) throw new Error("no [0]");
  return fields(children(wrapped!)[0]!, 4, 6, "SignedData");
}

/** The SignerInfos of a ContentInfo. */
export const signerInfos = (cms: Uint8Array): Tlv[] => children(signedDataFields(cms).at(-1)!);

/** A SignerInfo's parts by name. */
export function signerInfoParts(info: Tlv) {
  const f = children(info);
  const signedAttrs = f.find((x) => x.tag === ctx(0));
  const sigIndex = f.findIndex((x, i) => i > 2 && x.tag === Tag.OCTET_STRING);
  return {
    version: valueOf(f[0]!)[0],
    sid: f[1]!,
    digestAlgorithm: oid(children(f[2]!)[0]!),
    signedAttrs,
    signatureAlgorithm: f[sigIndex - 1]!,
    signature: valueOf(f[sigIndex]!),
    unsignedAttrs: f.find((x) => x.tag === ctx(1)),
  };
}

/** The attributes of a signedAttrs [0] element: OID → values. */
export function attributes(attrs: Tlv): { oid: string; values: Tlv[]; raw: Uint8Array }[] {
  return children(attrs).map((a) => {
    const [t, set] = fields(a, 2, 2, "Attribute");
    return { oid: oid(t!), values: children(set!), raw: a.buf.subarray(a.start, a.end) };
  });
}

/** Converts a DER Ecdsa-Sig-Value into WebCrypto's r‖s for a 32-byte curve. */
export function ecdsaRaw(der: Uint8Array): Uint8Array {
  const [r, s] = fields(readRoot(der), 2, 2, "Ecdsa-Sig-Value");
  const out = new Uint8Array(64);
  const put = (v: Uint8Array, at: number) => {
    const x = v[0] === 0 ? v.subarray(1) : v;
    out.set(x, at + 32 - x.length);
  };
  put(valueOf(r!), 0);
  put(valueOf(s!), 32);
  return out;
}
