import { DerCursor, sequence } from "../asn1/cursor.js";
import { ctx, ctxPrim, readRoot, rawOf, Tag, valueOf, type Tlv } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";
import { Decree130Error } from "../errors.js";
import { toHex } from "../lib/hex.js";
import { decodeGeneralName } from "./general-name.js";
import { decodeName, decodeNameDer, type Name } from "./name.js";

/** Every ReasonFlags bit that names a reason (1 keyCompromise ... 8 aACompromise; bit 0 is unused). */
export const ALL_REASONS = 0b1_1111_1110;

/** A decoded issuingDistributionPoint (RFC 5280 §5.2.5). */
export interface IssuingDistributionPoint {
  /** The distribution point's names as comparison keys (see `generalNameKey` in the model); absent when the IDP names none. */
  readonly names?: ReadonlySet<string>;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlySomeReasons: boolean;
  /** The onlySomeReasons ReasonFlags as a bit mask (bit n = ReasonFlags bit n); {@link ALL_REASONS} when absent. */
  readonly reasons: number;
  readonly indirectCRL: boolean;
  readonly onlyContainsAttributeCerts: boolean;
}

/** One of a certificate's cRLDistributionPoints (RFC 5280 §4.2.1.13), with its names as comparison keys. */
export interface DistributionPoint {
  /** The point's names (`dn:` and `raw:` keys); empty when it names none. */
  readonly names: ReadonlySet<string>;
  /** The cRLIssuer names, as keys. */
  readonly crlIssuers: ReadonlySet<string>;
  /** `http:`/`https:` and other URIs among the point's full names, in order (where a CRL may be fetched). */
  readonly uris: readonly string[];
}

/** Most GeneralNames read from one distribution point, and most points read: real ones hold one or two. */
const MAX_NAMES = 64;

function bad(message: string): never {
  throw new Decree130Error("MALFORMED_DER", message);
}

/**
 * The comparison key of a GeneralName: a directory name by its RFC 5280 §7.1 key (`dn:`), any other form by its exact
 * DER (`raw:`), so a CRL's distribution point and a certificate's can be matched as sets.
 *
 * @param gn - a GeneralName element
 * @returns the key
 * @example
 * ```ts
 * const keys = new Set(names.map(generalNameKey));
 * ```
 */
export function generalNameKey(gn: Tlv): string {
  if (gn.tag === ctx(4)) {
    const inner = DerCursor.over(gn);
    const name = inner.read(Tag.SEQUENCE, "directoryName");
    inner.end("directoryName");
    return `dn:${decodeName(name).key}`;
  }
  return `raw:${toHex(rawOf(gn))}`;
}

function generalNames(tlv: Tlv): Tlv[] {
  return DerCursor.over(tlv).rest(undefined, "GeneralNames", MAX_NAMES);
}

/** Keys for a DistributionPointName: fullName [0] GeneralNames, or nameRelativeToCRLIssuer [1] RDN appended to `base`. */
function pointNameKeys(wrapper: Tlv, base: Name): string[] {
  const r = DerCursor.over(wrapper);
  const choice = r.any("distributionPoint");
  r.end("distributionPoint");
  if (choice.tag === ctx(0)) return generalNames(choice).map(generalNameKey);
  if (choice.tag === ctx(1)) {
    const rdn = decodeNameDer(encodeTlv(Tag.SEQUENCE, encodeTlv(Tag.SET, valueOf(choice))));
    // A name key is its RDNs' keys, each closed by a separator: appending one RDN is concatenation.
    return [`dn:${base.key}${rdn.key}`];
  }
  return bad(`DistributionPointName with tag 0x${choice.tag.toString(16)}`);
}

function flag(tlv: Tlv): boolean {
  const v = valueOf(tlv);
  if (v.length !== 1 || (v[0] !== 0 && v[0] !== 0xff)) bad(`bad boolean at offset ${tlv.start}`);
  return true;
}

/** Reads a ReasonFlags BIT STRING (primitive, DER) into a mask of bit numbers. */
function reasonMask(tlv: Tlv): number {
  const v = valueOf(tlv);
  if (v.length === 0 || v[0]! > 7) bad(`bad ReasonFlags at offset ${tlv.start}`);
  let mask = 0;
  for (let bit = 0; bit < 9 && 1 + (bit >> 3) < v.length; bit++) if (v[1 + (bit >> 3)]! & (0x80 >> (bit & 7))) mask |= 1 << bit;
  return mask;
}

/**
 * Decodes an issuingDistributionPoint extension value, each field in its place and at most once.
 *
 * @param value - the extension's DER value
 * @param crlIssuer - the CRL's issuer, the base of a nameRelativeToCRLIssuer
 * @returns the decoded extension
 * @throws {@link Decree130Error} `MALFORMED_DER` when the value does not decode
 * @example
 * ```ts
 * const idp = decodeIssuingDistributionPoint(ext.value, issuer);
 * ```
 */
export function decodeIssuingDistributionPoint(value: Uint8Array, crlIssuer: Name): IssuingDistributionPoint {
  const r = sequence(readRoot(value), "issuingDistributionPoint");
  const point = r.optional(ctx(0));
  const user = r.optional(ctxPrim(1));
  const ca = r.optional(ctxPrim(2));
  const some = r.optional(ctxPrim(3));
  const indirect = r.optional(ctxPrim(4));
  const attribute = r.optional(ctxPrim(5));
  r.end("issuingDistributionPoint");
  const out: IssuingDistributionPoint = {
    onlyContainsUserCerts: user ? flag(user) : false,
    onlyContainsCACerts: ca ? flag(ca) : false,
    onlySomeReasons: some !== undefined,
    reasons: some ? reasonMask(some) : ALL_REASONS,
    indirectCRL: indirect ? flag(indirect) : false,
    onlyContainsAttributeCerts: attribute ? flag(attribute) : false,
  };
  return point ? { ...out, names: new Set(pointNameKeys(point, crlIssuer)) } : out;
}

/**
 * Decodes a cRLDistributionPoints extension value. A nameRelativeToCRLIssuer is relative to the point's cRLIssuer when
 * it names one, else to the certificate's issuer (RFC 5280 §4.2.1.13).
 *
 * @param value - the extension's DER value
 * @param issuer - the certificate's issuer
 * @returns the points, in order
 * @throws {@link Decree130Error} `MALFORMED_DER` when the value does not decode
 * @example
 * ```ts
 * const points = decodeDistributionPoints(ext.value, cert.issuer);
 * ```
 */
export function decodeDistributionPoints(value: Uint8Array, issuer: Name): DistributionPoint[] {
  return sequence(readRoot(value), "cRLDistributionPoints")
    .rest(Tag.SEQUENCE, "cRLDistributionPoints", MAX_NAMES)
    .map((dp) => {
      const r = sequence(dp, "DistributionPoint");
      const point = r.optional(ctx(0));
      const reasons = r.optional(ctxPrim(1));
      const issuerField = r.optional(ctx(2));
      r.end("DistributionPoint");
      if (reasons) reasonMask(reasons);
      const issuerNames = issuerField ? generalNames(issuerField) : [];
      const dn = issuerNames.find((gn) => gn.tag === ctx(4));
      const base = dn ? decodeName(DerCursor.over(dn).read(Tag.SEQUENCE, "directoryName")) : issuer;
      const uris: string[] = [];
      if (point) {
        const choice = DerCursor.over(point).any("distributionPoint");
        if (choice.tag === ctx(0)) {
          for (const gn of generalNames(choice)) {
            const name = decodeGeneralName(gn);
            if (name.form === "uniformResourceIdentifier") uris.push(name.value);
          }
        }
      }
      return {
        names: new Set(point ? pointNameKeys(point, base) : []),
        crlIssuers: new Set(issuerNames.map(generalNameKey)),
        uris,
      };
    });
}
