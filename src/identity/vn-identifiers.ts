import { ObjectMemo } from "../cache/object-memos.js";
import { attributeValues, isDecodedName, type Name } from "../model/name.js";

/** Whether an identifier names an organisation, a natural person, or says neither. */
type IdentifierSide = "organization" | "person" | "neutral";

/** One Vietnamese identifier prefix, as written in a certificate attribute (`MST:0101498046`). */
export interface IdentifierRule {
  /** The prefix before the colon, upper case; also the key in the result's `identifiers`. */
  readonly prefix: string;
  /** The well-formed value; a value that fails it is kept, with a note. */
  readonly pattern: RegExp;
  /** What the prefix says about the holder. */
  readonly side: IdentifierSide;
  /** What the value should look like, for the note when it does not. */
  readonly expected: string;
}

/**
 * The identifier prefixes seen in Vietnamese certificate subjects, one entry each. Order matters only for notes.
 * MST: mã số thuế (tax code), 10 digits, or 13 with a branch suffix `-NNN`. CCCD: căn cước công dân, 12 digits.
 * CMND: chứng minh nhân dân, 9 or 12 digits. HC: hộ chiếu (passport). BHXH: mã số bảo hiểm xã hội, 10 digits.
 * MNS: mã đơn vị có quan hệ với ngân sách (budget-unit code), 7 digits. PID: other personal identifier.
 */
export const VN_IDENTIFIER_RULES: readonly IdentifierRule[] = [
  { prefix: "MST", pattern: /^\d{10}(-\d{3})?$/, side: "organization", expected: "10 digits, or 10 digits + \"-\" + 3 digits" },
  { prefix: "MNS", pattern: /^\d{7}$/, side: "organization", expected: "7 digits" },
  { prefix: "CCCD", pattern: /^\d{12}$/, side: "person", expected: "12 digits" },
  { prefix: "CMND", pattern: /^(\d{9}|\d{12})$/, side: "person", expected: "9 or 12 digits" },
  { prefix: "HC", pattern: /^[A-Z0-9]{6,12}$/, side: "person", expected: "6 to 12 letters or digits" },
  { prefix: "PID", pattern: /^[A-Za-z0-9-]{1,32}$/, side: "person", expected: "1 to 32 letters, digits or \"-\"" },
  { prefix: "BHXH", pattern: /^\d{10}$/, side: "neutral", expected: "10 digits" },
];

/** What {@link parseVietnameseIdentifiers} found in a subject name. */
export interface VietnameseIdentity {
  /** Identifier values by prefix, e.g. `{ MST: "0101498046" }`; the first value of each prefix. */
  readonly identifiers: Record<string, string>;
  /** `person` when a personal identifier is present, `organization` when only an MST / MNS is, else `unknown`. */
  readonly kind: "organization" | "person" | "unknown";
  /** The title attribute (`T=`), when present. */
  readonly title?: string;
  /** Oddities met on the way: malformed values, bare numbers read as MST, repeated prefixes. */
  readonly notes: string[];
}

const UID = "0.9.2342.19200300.100.1.1";
const TITLE = "2.5.4.12";
/** Attributes that may carry `PREFIX:value`: UID first (the usual place), then where some CAs put the MST. */
const CARRIERS: readonly [string, string][] = [
  [UID, "UID"],
  ["2.5.4.5", "serialNumber"],
  ["2.5.4.10", "O"],
  ["2.5.4.11", "OU"],
];
const PREFIXED = /^\s*([A-Za-z]{2,5})\s*:\s*(.*?)\s*$/s;
const MAX_VALUES = 64;

/**
 * Reads the Vietnamese identifiers from a certificate subject: `UID=MST:…`, `UID=CCCD:…`, `UID=CMND:…`, `HC:`, `BHXH:`,
 * `MNS:`, `PID:`, an MST written in `O=` (older FPT-CA certificates), and a bare 10-digit UID (`UID=0100109106`, on
 * MOST-era sub-CAs) taken as an MST. Malformed values (such as an 11-digit "MST") are kept and flagged in `notes`.
 *
 * @param name - a certificate's subject
 * @returns the identifiers, the kind of holder, the title and notes
 * @example
 * ```ts
 * parseVietnameseIdentifiers(cert.subject);
 * // { identifiers: { MST: "0101498046" }, kind: "organization", notes: [] }
 * ```
 */
export function parseVietnameseIdentifiers(name: Name): VietnameseIdentity {
  if (!isDecodedName(name)) return parse(name);
  const known = parsed.get(name) ?? parsed.set(name, parse(name));
  // Each caller gets its own objects, so editing one answer cannot change another.
  return { ...known, identifiers: { ...known.identifiers }, notes: [...known.notes] };
}

/**
 * Identities read from decoded names, kept with the name: a decoded name never changes, and every signature of a
 * signer (and every report naming it) reads the same subject again.
 */
const parsed = new ObjectMemo<Name, VietnameseIdentity>("Vietnamese identifiers of a subject");

function parse(name: Name): VietnameseIdentity {
  const identifiers: Record<string, string> = {};
  const notes: string[] = [];
  const carried = CARRIERS.flatMap(([type, label]) => attributeValues(name, type).map((raw) => ({ raw, label, isUid: type === UID })));
  if (carried.length > MAX_VALUES) notes.push(`more than ${MAX_VALUES} identifier attributes; the rest were not read`);
  for (const { raw, label, isUid } of carried.slice(0, MAX_VALUES)) readValue(raw, label, isUid, identifiers, notes);
  const present = VN_IDENTIFIER_RULES.filter((r) => r.prefix in identifiers);
  const kind = present.some((r) => r.side === "person")
    ? "person"
    : present.some((r) => r.side === "organization")
      ? "organization"
      : "unknown";
  const title = attributeValues(name, TITLE)[0]?.trim();
  return { identifiers, kind, ...(title ? { title } : {}), notes };
}

function readValue(raw: string, label: string, isUid: boolean, identifiers: Record<string, string>, notes: string[]): void {
  const m = PREFIXED.exec(raw);
  const rule = m ? VN_IDENTIFIER_RULES.find((r) => r.prefix === m[1]!.toUpperCase()) : undefined;
  if (m && rule) {
    record(rule, m[2]!, `${label}=${raw}`, identifiers, notes);
    return;
  }
  if (!isUid) return; // O= and OU= are ordinary names unless they carry a known prefix.
  const bare = raw.trim();
  const mst = VN_IDENTIFIER_RULES[0]!;
  if (/^\d{10}(-\d{3})?$/.test(bare)) {
    notes.push(`UID=${bare} has no prefix; read as MST`);
    record(mst, bare, `UID=${raw}`, identifiers, notes);
  } else {
    notes.push(`UID=${raw} is not a recognised Vietnamese identifier`);
  }
}

function record(rule: IdentifierRule, value: string, where: string, identifiers: Record<string, string>, notes: string[]): void {
  if (value === "") {
    notes.push(`${where}: empty ${rule.prefix} value`);
    return;
  }
  if (!rule.pattern.test(value)) notes.push(`${where}: ${rule.prefix} should be ${rule.expected}; kept as written`);
  const prior = identifiers[rule.prefix];
  if (prior === undefined) identifiers[rule.prefix] = value;
  else if (prior !== value) notes.push(`${where}: a second ${rule.prefix} (${value}) besides ${prior}; the first is kept`);
}
