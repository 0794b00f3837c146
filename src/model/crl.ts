import { toHex } from "../lib/hex.js";
import { bytesEqual } from "../lib/bytes.js";
import { sequence } from "../asn1/cursor.js";
import { bitString, ctx, expect, integerBytes, rawOf, readRoot, readTlv, smallInt, Tag, time, type Tlv } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error, isDecree130Error } from "../errors.js";
import { decodeAlgorithm } from "./algorithm.js";
import { decodeExtensions, type Extension } from "./extensions.js";
import { decodeIssuingDistributionPoint, generalNameKey, type IssuingDistributionPoint } from "./distribution-point.js";
import { decodeName, type Name } from "./name.js";
import { reasonName } from "./revocation-reason.js";
import type { AlgorithmIdentifier } from "./algorithm.js";
import type { RevocationReason } from "./revocation-reason.js";

/** A CRL, decoded once; byte fields are views of `der`. */
export interface Crl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly issuer: Name;
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
  /** Serial (upper-case hex) → entry. */
  readonly entries: ReadonlyMap<string, CrlEntry>;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly extensions: readonly Extension[];
  readonly crlNumber?: bigint;
  /** Set for a delta CRL: the base CRL number it applies to. */
  readonly deltaBase?: bigint;
  /** The issuingDistributionPoint extension, decoded; `undefined` when absent. */
  readonly issuingDistributionPoint?: IssuingDistributionPoint;
  /** 1 (no version field) or 2. */
  readonly version: 1 | 2;
  /** OIDs of critical CRL extensions this library does not process: such a CRL must not be used (RFC 5280 §5.2). */
  readonly unknownCriticalExtensions: readonly string[];
  /** OIDs of critical entry extensions this library does not process: such a CRL must not be used (RFC 5280 §5.3). */
  readonly unknownCriticalEntryExtensions: readonly string[];
  /** Whether some entry carries certificateIssuer, which only an indirect CRL may hold. */
  readonly hasCertificateIssuerEntries: boolean;
  /**
   * Entries attributed by certificateIssuer (RFC 5280 §5.3.3) to an issuer other than the CRL's own, keyed
   * `<issuer name key>|<serial hex>`; `entries` then holds only the CRL issuer's own. Empty for a CRL without certificateIssuer.
   */
  readonly entriesByIssuer: ReadonlyMap<string, CrlEntry>;
  /** Some certificateIssuer names no directory name: later entries cannot be attributed, so the CRL must not be used. */
  readonly unattributableEntries: boolean;
}

/** One revoked certificate in a CRL. */
export interface CrlEntry {
  readonly serialHex: string;
  readonly revocationDate: number;
  readonly reason: RevocationReason;
  readonly invalidityDate?: number;
}

/**
 * Default bound on revoked entries in one CRL. One entry costs roughly 150-250 bytes of heap once decoded, so the default
 * caps a single CRL near 250 MB of memory; national CAs publish CRLs well below this (tens of thousands of entries).
 */
export const DEFAULT_MAX_CRL_ENTRIES = 1_000_000;

/** Options for {@link decodeCrl}. */
export interface DecodeCrlOptions {
  /** Most revoked entries accepted; more → `LIMIT_EXCEEDED`. Default {@link DEFAULT_MAX_CRL_ENTRIES}. */
  readonly maxEntries?: number;
}

/**
 * The key of {@link Crl.entriesByIssuer} for a certificate issuer's name key and a serial.
 *
 * @param issuerKey - the certificate issuer's name key (`Name.key`)
 * @param serialHex - the serial in upper-case hex
 * @returns the map key
 * @example
 * ```ts
 * crl.entriesByIssuer.get(issuerEntryKey(cert.issuer.key, cert.serialHex));
 * ```
 */
export const issuerEntryKey = (issuerKey: string, serialHex: string): string => `${issuerKey}|${serialHex}`;

/** CRL extensions whose meaning the status rules take into account (the rest, when critical, make a CRL unusable). */
const KNOWN_CRL_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.authorityKeyIdentifier,
  OID.issuerAltName,
  OID.cRLNumber,
  OID.deltaCRLIndicator,
  OID.issuingDistributionPoint,
  OID.freshestCRL,
  OID.authorityInfoAccess,
]);

/** holdInstructionCode (RFC 5280 §5.3.2 in RFC 3280): informative, never changes the status. */
const HOLD_INSTRUCTION_CODE = "2.5.29.23";

/** Entry extensions read or safely ignored. certificateIssuer is read (it flags an indirect CRL). */
const KNOWN_ENTRY_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.cRLReason,
  OID.invalidityDate,
  OID.certificateIssuer,
  HOLD_INSTRUCTION_CODE,
]);

function malformed(message: string): never {
  throw new Decree130Error("MALFORMED_DER", message);
}

/**
 * Decodes a DER CRL (RFC 5280 §5), v1 or v2. The caller decodes PEM first.
 *
 * @param der - the CertificateList bytes (kept, not copied: byte fields are views of it)
 * @param options - limits
 * @returns the decoded CRL; entries keyed by upper-case serial hex
 * @throws {@link Decree130Error} `MALFORMED_CRL` for bytes that are not a strict-DER CRL, `LIMIT_EXCEEDED` for more entries
 * than `maxEntries` (or more than 256 extensions in one place)
 * @example
 * ```ts
 * const crl = decodeCrl(bytes);
 * crl.entries.get(cert.serialHex)?.reason; // e.g. "keyCompromise"
 * ```
 */
export function decodeCrl(der: Uint8Array, options: DecodeCrlOptions = {}): Crl {
  try {
    return decode(readRoot(der), options.maxEntries ?? DEFAULT_MAX_CRL_ENTRIES);
  } catch (err) {
    if (isDecree130Error(err) && err.code === "LIMIT_EXCEEDED") throw err;
    throw new Decree130Error("MALFORMED_CRL", `CRL does not decode: ${(err as Error).message}`, { cause: err });
  }
}

function decode(root: Tlv, maxEntries: number): Crl {
  // RFC 5280 §5.1: each field in its place, the optional ones at most once and in order.
  const outer = sequence(root, "certificateList");
  const tbsTlv = outer.read(Tag.SEQUENCE, "tbsCertList");
  const algTlv = outer.read(Tag.SEQUENCE, "signatureAlgorithm");
  const sigTlv = outer.read(Tag.BIT_STRING, "signatureValue");
  outer.end("certificateList");
  const f = sequence(tbsTlv, "tbsCertList");
  let version: 1 | 2 = 1;
  const versionTlv = f.optional(Tag.INTEGER);
  if (versionTlv) {
    if (smallInt(versionTlv, 1) !== 1) malformed("CRL version field present but not v2");
    version = 2;
  }
  const innerAlg = rawOf(f.read(Tag.SEQUENCE, "signature"));
  const issuer = decodeName(f.read(Tag.SEQUENCE, "issuer"));
  const thisUpdate = time(f.any("thisUpdate"));
  const nextTlv = f.optionalOf(TIME_TAGS);
  const nextUpdate = nextTlv ? time(nextTlv) : undefined;
  const revoked = f.optional(Tag.SEQUENCE);
  let extensions: Extension[] = [];
  const exts = f.optionalExplicit(ctx(0), "crlExtensions");
  if (exts) {
    if (version !== 2) malformed("crlExtensions in a v1 CRL");
    extensions = decodeExtensions(exts);
  }
  f.end("tbsCertList");
  if (!bytesEqual(innerAlg, rawOf(algTlv))) malformed("tbsCertList.signature differs from signatureAlgorithm");
  const signatureAlgorithm = decodeAlgorithm(algTlv);
  const signature = bitString(sigTlv).bytes;

  const entryInfo: EntryInfo = {
    unknownCritical: new Set<string>(),
    certificateIssuer: false,
    crlIssuerKey: issuer.key,
    byIssuer: new Map(),
    unattributable: false,
  };
  const entries = revoked ? decodeEntries(revoked, version, maxEntries, entryInfo) : new Map<string, CrlEntry>();
  const byOid = new Map(extensions.map((e) => [e.oid, e.value]));
  const crlNumber = byOid.has(OID.cRLNumber) ? unsignedBig(byOid.get(OID.cRLNumber)!) : undefined;
  const deltaBase = byOid.has(OID.deltaCRLIndicator) ? unsignedBig(byOid.get(OID.deltaCRLIndicator)!) : undefined;
  const idpValue = byOid.get(OID.issuingDistributionPoint);
  const issuingDistributionPoint = idpValue ? decodeIssuingDistributionPoint(idpValue, issuer) : undefined;
  return {
    der: rawOf(root),
    tbs: rawOf(tbsTlv),
    issuer,
    thisUpdate,
    ...(nextUpdate === undefined ? {} : { nextUpdate }),
    entries,
    signatureAlgorithm,
    signature,
    extensions,
    ...(crlNumber === undefined ? {} : { crlNumber }),
    ...(deltaBase === undefined ? {} : { deltaBase }),
    ...(issuingDistributionPoint === undefined ? {} : { issuingDistributionPoint }),
    version,
    unknownCriticalExtensions: extensions.filter((e) => e.critical && !KNOWN_CRL_EXTENSIONS.has(e.oid)).map((e) => e.oid),
    unknownCriticalEntryExtensions: [...entryInfo.unknownCritical],
    hasCertificateIssuerEntries: entryInfo.certificateIssuer,
    entriesByIssuer: entryInfo.byIssuer,
    unattributableEntries: entryInfo.unattributable,
  };
}

const TIME_TAGS: readonly number[] = [Tag.UTC_TIME, Tag.GENERALIZED_TIME];

/** What the entry walk learns besides the entries. */
interface EntryInfo {
  readonly unknownCritical: Set<string>;
  certificateIssuer: boolean;
  readonly crlIssuerKey: string;
  readonly byIssuer: Map<string, CrlEntry>;
  unattributable: boolean;
}

/** The directory name of a certificateIssuer GeneralNames value, as a name key; `null` when it names none. */
function certificateIssuerKey(value: Uint8Array): string | null {
  for (const gn of sequence(readRoot(value), "certificateIssuer").rest(undefined, "certificateIssuer", 64)) {
    if (gn.tag === ctx(4)) return generalNameKey(gn).slice("dn:".length);
  }
  return null;
}

function decodeEntries(
  list: Tlv,
  version: 1 | 2,
  maxEntries: number,
  info: EntryInfo,
): Map<string, CrlEntry> {
  const out = new Map<string, CrlEntry>();
  let count = 0;
  // RFC 5280 §5.3.3: an entry belongs to the CRL issuer until a certificateIssuer names another, and that name carries on.
  let current: string | null = info.crlIssuerKey;
  // Walk the list without materialising every child first, so memory stays proportional to the bound.
  for (let p = list.valueStart; p < list.valueEnd; ) {
    if (++count > maxEntries) throw new Decree130Error("LIMIT_EXCEEDED", `CRL holds more than ${maxEntries} entries`);
    const tlv = readTlv(list.buf, p, list.valueEnd);
    p = tlv.end;
    const r = sequence(tlv, "revoked certificate");
    const serialHex = toHex(integerBytes(r.read(Tag.INTEGER, "userCertificate")));
    const revocationDate = time(r.any("revocationDate"));
    const extTlv = r.optional(Tag.SEQUENCE);
    r.end("revoked certificate");
    let reason: RevocationReason = "unspecified";
    let invalidityDate: number | undefined;
    if (extTlv) {
      if (version !== 2) malformed("crlEntryExtensions in a v1 CRL");
      for (const ext of decodeExtensions(extTlv)) {
        if (ext.oid === OID.cRLReason) reason = decodeReason(ext.value);
        else if (ext.oid === OID.invalidityDate) invalidityDate = time(expect(readRoot(ext.value), Tag.GENERALIZED_TIME, "invalidityDate"));
        else if (ext.oid === OID.certificateIssuer) {
          info.certificateIssuer = true;
          current = certificateIssuerKey(ext.value);
          if (current === null) info.unattributable = true;
        }
        else if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.oid)) info.unknownCritical.add(ext.oid);
      }
    }
    if (current === null) continue;
    // A serial listed twice: keep the earlier revocation, which is the stricter reading.
    const target = current === info.crlIssuerKey ? out : info.byIssuer;
    const key = current === info.crlIssuerKey ? serialHex : issuerEntryKey(current, serialHex);
    const prior = target.get(key);
    if (prior && prior.revocationDate <= revocationDate) continue;
    target.set(key, { serialHex, revocationDate, reason, ...(invalidityDate === undefined ? {} : { invalidityDate }) });
  }
  return out;
}

function decodeReason(value: Uint8Array): RevocationReason {
  const code = smallInt(readRoot(value), 255, Tag.ENUMERATED);
  return reasonName(code) ?? malformed(`unassigned CRL reason code ${code}`);
}

function unsignedBig(value: Uint8Array): bigint {
  const bytes = integerBytes(readRoot(value));
  if ((bytes[0]! & 0x80) !== 0) malformed("negative CRL number");
  if (bytes.length > 20) malformed("CRL number longer than 20 octets");
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}
