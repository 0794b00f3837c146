import { children, ctx, octets, oid, readTlv, Tag, time, type Tlv } from "../../asn1/der.js";
import { OID } from "../../asn1/oids.js";

/** The few facts of a CMS SignedData the PDF layer needs beside the validator's own reading. */
export interface CmsFacts {
  readonly eContentType: string;
  /** The encapsulated content, when attached. */
  readonly eContent: Uint8Array | undefined;
  readonly signerCount: number;
  /** Whether the first SignerInfo has a `signingTime` signed attribute. */
  readonly hasSigningTime: boolean;
}

function seq(tlv: Tlv | undefined): Tlv[] {
  return tlv ? children(tlv, "ber", 64) : [];
}

/**
 * Reads the content type, encapsulated content, SignerInfo count and `signingTime` presence of a CMS ContentInfo (BER).
 *
 * @param cms - the ContentInfo
 * @returns the facts
 * @throws {@link Decree130Error} `MALFORMED_DER` for bytes that are not a SignedData
 * @example
 * ```ts
 * cmsFacts(sig.cms).hasSigningTime; // false for pdfsig's signatures
 * ```
 */
export function cmsFacts(cms: Uint8Array): CmsFacts {
  const [, wrapper] = seq(readTlv(cms, 0, cms.length, "ber"));
  const [sd] = wrapper?.tag === ctx(0) ? seq(wrapper) : [];
  const f = seq(sd);
  const encap = seq(f[2]);
  const eContentType = encap[0] ? oid(encap[0]) : "";
  const inner = encap[1]?.tag === ctx(0) ? seq(encap[1])[0] : undefined;
  const signerInfos = f[f.length - 1]?.tag === Tag.SET ? seq(f[f.length - 1]) : [];
  const first = seq(signerInfos[0]).find((t) => t.tag === ctx(0));
  const hasSigningTime = (first ? children(first, "ber", 256) : []).some((a) => {
    const [type] = seq(a);
    return type?.tag === Tag.OID && oid(type) === OID.signingTime;
  });
  return { eContentType, eContent: inner ? octets(inner) : undefined, signerCount: signerInfos.length, hasSigningTime };
}

/**
 * The `genTime` of an RFC 3161 token's TSTInfo.
 *
 * @param cms - the token (a CMS ContentInfo encapsulating TSTInfo)
 * @returns milliseconds since the epoch, or `undefined` when the token holds no readable TSTInfo
 * @example
 * ```ts
 * const t = tokenGenTime(docTimestamp.cms);
 * ```
 */
export function tokenGenTime(cms: Uint8Array): number | undefined {
  try {
    const facts = cmsFacts(cms);
    if (facts.eContentType !== OID.tstInfo || !facts.eContent) return undefined;
    const tst = seq(readTlv(facts.eContent, 0, facts.eContent.length, "der"));
    return tst[4] ? time(tst[4]) : undefined;
  } catch {
    return undefined;
  }
}
