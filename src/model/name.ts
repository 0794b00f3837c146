import { bytesEqual } from "../lib/bytes.js";
import { toHex } from "../lib/hex.js";
import { children, expect, fields, oid, rawOf, readTlv, Tag, text, valueOf, type Tlv } from "../asn1/der.js";

/** One attribute of a distinguished name, such as `CN=...` or `UID=MST:...`. */
export interface NameAttribute {
  /** The attribute type OID. */
  readonly type: string;
  /** The value as text (undecodable values are kept as hex, prefixed with `#`). */
  readonly value: string;
}

/** An X.509 distinguished name: its DER bytes and its attributes in order. */
export interface Name {
  /** The DER encoding of the Name, as found. */
  readonly der: Uint8Array;
  /** The relative distinguished names, each a set of attributes. */
  readonly rdns: readonly (readonly NameAttribute[])[];
  /**
   * A key for RFC 5280 §7.1 comparison: case-folded, whitespace-collapsed, each RDN's key closed by `,` (so a name
   * with one more RDN has this key as a prefix).
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

/** The attributes of a Name whose structure {@link decodeName} has checked. */
function readAttributes(der: Uint8Array): NameAttribute[][] {
  const rdns: NameAttribute[][] = [];
  for (const set of children(readTlv(der, 0, der.length))) {
    const rdn: NameAttribute[] = [];
    for (const atv of children(set)) {
      const [typeTlv, valueTlv] = children(atv);
      const type = oid(typeTlv!);
      let value: string;
      try {
        value = text(valueTlv!);
      } catch {
        value = `#${toHex(valueOf(valueTlv!)).toLowerCase()}`;
      }
      rdn.push({ type, value });
    }
    rdns.push(rdn);
  }
  return rdns;
}

/** A Name whose attributes and comparison key are made on first use: often only its octets are ever compared. */
class DecodedName implements Name {
  #rdns: readonly (readonly NameAttribute[])[] | undefined;
  #key: string | undefined;
  #formatted: string | undefined;
  constructor(readonly der: Uint8Array) {}
  get rdns(): readonly (readonly NameAttribute[])[] {
    return (this.#rdns ??= readAttributes(this.der));
  }
  get key(): string {
    return (this.#key ??= comparisonKey(this.rdns));
  }
  /** The RFC 4514-style text, made once (a report names the same CAs again and again). */
  get formatted(): string {
    return (this.#formatted ??= formatRdns(this.rdns));
  }
  /** Whether {@link key} has been made. */
  get keyed(): boolean {
    return this.#key !== undefined;
  }
}

function comparisonKey(rdns: readonly (readonly NameAttribute[])[]): string {
  let key = "";
  for (const rdn of rdns) {
    // Values are length-prefixed so that no value, whatever it contains, can mimic a separator.
    const parts = rdn.map((a) => {
      const v = normalize(a.value);
      return `${a.type}=${v.length}:${v}`;
    });
    key += `${parts.length === 1 ? parts[0]! : parts.sort().join("+")},`;
  }
  return key;
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
  // Names compared again and again (those of cached certificates) have their keys made already.
  if (a instanceof DecodedName && b instanceof DecodedName && a.keyed && b.keyed) return a.key === b.key;
  for (let i = 0; i < a.rdns.length; i++) {
    const x = a.rdns[i]!;
    const y = b.rdns[i]!;
    if (x.length !== y.length) return false;
    // Multi-valued RDNs compare as sets: leave them to the full key.
    if (x.length !== 1) return a.key === b.key;
    const [p, q] = [x[0]!, y[0]!];
    if (p.type !== q.type || (p.value !== q.value && normalize(p.value) !== normalize(q.value))) return false;
  }
  return true;
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
