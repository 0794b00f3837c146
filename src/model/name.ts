import { bytesEqual } from "../lib/bytes.js";
import { toHex } from "../lib/hex.js";
import { children, expect, fields, oid, rawOf, readTlv, Tag, text, valueOf, type Tlv } from "../asn1/der.js";

/** One attribute of a distinguished name, such as `CN=...` or `UID=MST:...`. */
export interface NameAttribute {
  /** The attribute type OID. */
  readonly type: string;
  /**
   * The value as text, for display (undecodable values are shown as hex, prefixed with `#`). Names are never compared by
   * this text: see {@link Name.key}.
   */
  readonly value: string;
}

/** An X.509 distinguished name: its DER bytes and its attributes in order. */
export interface Name {
  /** The DER encoding of the Name, as found. */
  readonly der: Uint8Array;
  /** The relative distinguished names, each a set of attributes. */
  readonly rdns: readonly (readonly NameAttribute[])[];
  /**
   * A key for RFC 5280 §7.1 comparison: per attribute its type, its string type class and its prepared value (case-folded
   * and whitespace-collapsed for the directory-string types; the exact encoding for other types and for values whose
   * text does not decode), each RDN's key closed by `,` (so a name with one more RDN has this key as a prefix).
   */
  readonly key: string;
}

/** Short labels for the attribute types seen on Vietnamese and international certificates. */
export const ATTRIBUTE_LABELS: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "T",
  "2.5.4.42": "GN",
  "2.5.4.46": "dnQualifier",
  "2.5.4.97": "organizationIdentifier",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "E",
};


const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

function normalize(value: string): string {
  // Most attribute values are printable ASCII with single spaces: NFKC and whitespace folding leave them unchanged.
  if (PLAIN_ASCII.test(value)) return value.toLowerCase();
  // The others (Vietnamese names, with their diacritics) recur in every certificate a CA issues, and NFKC is costly.
  let folded = FOLDED.get(value);
  if (folded === undefined) {
    folded = value.normalize("NFKC").toLowerCase().trim().replace(/\s+/g, " ");
    if (value.length <= MAX_FOLDED_LENGTH) {
      if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
      FOLDED.set(value, folded);
    }
  }
  return folded;
}

/** Folded forms of non-ASCII values (a pure function of the value, so safe to share). */
const FOLDED = new Map<string, string>();
/** Entries, and the longest value kept: real names are short, and the bounds keep the memo small whatever the input. */
const MAX_FOLDED = 1024;
const MAX_FOLDED_LENGTH = 256;

/**
 * Decodes a Name (RDNSequence). Its structure is checked now, so a malformed name fails where it is read; the text of
 * its values is decoded on first use of {@link Name.rdns}, since many names are only ever compared octet for octet.
 *
 * @param tlv - the Name element
 * @returns the decoded name
 */
export function decodeName(tlv: Tlv): Name {
  expect(tlv, Tag.SEQUENCE, "name");
  const { buf, valueEnd } = tlv;
  for (let p = tlv.valueStart; p < valueEnd; ) {
    const set = expect(readTlv(buf, p, valueEnd), Tag.SET, "relative distinguished name");
    for (let q = set.valueStart; q < set.valueEnd; ) {
      const atv = readTlv(buf, q, set.valueEnd);
      oid(fields(atv, 2, 2, "attribute type and value")[0]!);
      q = atv.end;
    }
    p = set.end;
  }
  return new DecodedName(rawOf(tlv));
}

/**
 * The string type class of an attribute value, for comparison (RFC 5280 §7.1): the DirectoryString types (UTF8String,
 * PrintableString, TeletexString, BMPString, UniversalString) are one class, compared by their prepared text; IA5String is
 * its own class (email, domain components), compared the same way; any other type, and any value whose text does not
 * decode, is compared by its exact encoding (tag included), never by the text a report shows for it.
 */
type ValueClass = "d" | "i" | "x";

const DIRECTORY_STRING: ReadonlySet<number> = new Set([Tag.UTF8_STRING, Tag.PRINTABLE_STRING, Tag.T61_STRING, Tag.BMP_STRING, Tag.UNIVERSAL_STRING]);

/** What one attribute is compared by: its type, its class, and its text (class `x`: its value element's encoding in hex). */
interface Compared {
  readonly type: string;
  readonly cls: ValueClass;
  readonly compared: string;
}

/** The attributes of a Name whose structure {@link decodeName} has checked, for display and for comparison. */
function readAttributes(der: Uint8Array): { rdns: NameAttribute[][]; compared: Compared[][] } {
  const rdns: NameAttribute[][] = [];
  const compared: Compared[][] = [];
  for (const set of children(readTlv(der, 0, der.length))) {
    const rdn: NameAttribute[] = [];
    const cmp: Compared[] = [];
    for (const atv of children(set)) {
      const [typeTlv, valueTlv] = children(atv);
      const type = oid(typeTlv!);
      let value: string | undefined;
      try {
        value = text(valueTlv!);
      } catch {
        value = undefined;
      }
      const tag = valueTlv!.tag;
      if (value !== undefined && (DIRECTORY_STRING.has(tag) || tag === Tag.IA5_STRING)) {
        rdn.push({ type, value });
        cmp.push({ type, cls: tag === Tag.IA5_STRING ? "i" : "d", compared: value });
      } else {
        rdn.push({ type, value: value ?? `#${toHex(valueOf(valueTlv!)).toLowerCase()}` });
        cmp.push({ type, cls: "x", compared: toHex(rawOf(valueTlv!)).toLowerCase() });
      }
    }
    rdns.push(rdn);
    compared.push(cmp);
  }
  return { rdns, compared };
}

/** A Name whose attributes and comparison key are made on first use: often only its octets are ever compared. */
class DecodedName implements Name {
  #read: ReturnType<typeof readAttributes> | undefined;
  #rdnKeys: readonly string[] | undefined;
  #key: string | undefined;
  #formatted: string | undefined;
  constructor(readonly der: Uint8Array) {}
  get rdns(): readonly (readonly NameAttribute[])[] {
    return (this.#read ??= readAttributes(this.der)).rdns;
  }
  /** Each RDN's comparison key, closed by `,`. */
  get rdnKeys(): readonly string[] {
    return (this.#rdnKeys ??= rdnKeysOf((this.#read ??= readAttributes(this.der)).compared));
  }
  get key(): string {
    return (this.#key ??= this.rdnKeys.join(""));
  }
  /** The RFC 4514-style text, made once (a report names the same CAs again and again). */
  get formatted(): string {
    return (this.#formatted ??= formatRdns(this.rdns));
  }
}

/** An attribute's comparison key: type, class and prepared value, length-prefixed so no value can mimic a separator. */
function attributeKey(type: string, cls: ValueClass, compared: string): string {
  const v = cls === "x" ? compared : normalize(compared);
  return `${type}=${cls}${v.length}:${v}`;
}

function rdnKeysOf(rdns: readonly (readonly Compared[])[]): string[] {
  return rdns.map((rdn) => {
    const parts = rdn.map((a) => attributeKey(a.type, a.cls, a.compared));
    return `${parts.length === 1 ? parts[0]! : parts.sort().join("+")},`;
  });
}

/**
 * Each RDN's RFC 5280 §7.1 comparison key, most significant first, each closed by `,` (the name's `key` is their
 * concatenation): two RDNs match when their keys are equal, so a name lies under a directory base when the base's keys
 * are the first of its own.
 *
 * @param name - a decoded name
 * @returns the keys, one per RDN
 * @example
 * ```ts
 * const under = rdnKeys(base).every((k, i) => k === rdnKeys(name)[i]);
 * ```
 */
export function rdnKeys(name: Name): readonly string[] {
  // A name made elsewhere (not decoded here) has only text: it is compared as directory strings.
  return name instanceof DecodedName ? name.rdnKeys : rdnKeysOf(name.rdns.map((rdn) => rdn.map((a) => ({ type: a.type, cls: "d", compared: a.value }))));
}

/**
 * Decodes a DER Name held in its own buffer.
 *
 * @param der - the Name's encoding
 * @returns the decoded name
 */
export function decodeNameDer(der: Uint8Array): Name {
  return decodeName(readTlv(der, 0, der.length));
}

/**
 * Whether two names are the same under RFC 5280 §7.1 (case-insensitive, whitespace-insensitive comparison).
 *
 * @param a - one name
 * @param b - another
 * @returns `true` when they match
 */
export function sameName(a: Name, b: Name): boolean {
  if (bytesEqual(a.der, b.der)) return true;
  if (a.rdns.length !== b.rdns.length) return false;
  // Keys are made once per decoded name (names compared again and again are those of cached certificates).
  if (a instanceof DecodedName && b instanceof DecodedName) return a.key === b.key;
  const x = rdnKeys(a);
  const y = rdnKeys(b);
  return x.every((k, i) => k === y[i]);
}

/**
 * The name as an RFC 4514-style string, most significant RDN first as written in the certificate.
 *
 * @param name - a decoded name
 * @returns e.g. `C=VN, O=VNPT Group, CN=VNPT Certification Authority`
 */
export function formatName(name: Name): string {
  return name instanceof DecodedName ? name.formatted : formatRdns(name.rdns);
}

function formatRdns(rdns: Name["rdns"]): string {
  return rdns.map((rdn) => rdn.map((a) => `${ATTRIBUTE_LABELS[a.type] ?? a.type}=${a.value}`).join(" + ")).join(", ");
}

/**
 * Whether a name was decoded by this library from DER (and so never changes), rather than built by a caller.
 *
 * @param name - any name
 * @returns `true` for a decoded name
 * @example
 * ```ts
 * isDecodedName(cert.subject); // true
 * isDecodedName({ rdns: [], key: "" }); // false
 * ```
 */
export function isDecodedName(name: Name): boolean {
  return name instanceof DecodedName;
}

/**
 * The values of one attribute type, in order.
 *
 * @param name - a decoded name
 * @param type - the attribute type OID
 * @returns every value of that type
 */
export function attributeValues(name: Name, type: string): string[] {
  const out: string[] = [];
  for (const rdn of name.rdns) for (const a of rdn) if (a.type === type) out.push(a.value);
  return out;
}
