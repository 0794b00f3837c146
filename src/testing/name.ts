import { ia5String, oidDer, printableString, seq, setOf, utf8String } from "./asn1.js";

/**
 * A subject in the Vietnamese convention: identifiers go in `UID` attributes as `MST:<tax code>`, `CCCD:<citizen id>`,
 * `CMND:<old id card>` (UTF8String, OID 0.9.2342.19200300.100.1.1), beside `CN`, `O`, `T` (title) and `C=VN`.
 */
export interface SubjectInput {
  /** `CN`: the person's or organisation's name. Vietnamese diacritics are kept (UTF8String). */
  readonly commonName: string;
  /** `O`. */
  readonly organization?: string;
  /** `OU`. */
  readonly organizationalUnit?: string;
  /** `T`: the signer's title, e.g. `Giám đốc`. */
  readonly title?: string;
  /** `L`. */
  readonly locality?: string;
  /** `ST`: the province or city, e.g. `Hà Nội`. */
  readonly province?: string;
  /** `C`, PrintableString; default `VN`. */
  readonly country?: string;
  /** Tax code (mã số thuế), written `UID=MST:<value>`. */
  readonly MST?: string;
  /** Citizen identity card (căn cước công dân), written `UID=CCCD:<value>`. */
  readonly CCCD?: string;
  /** Old identity card (chứng minh nhân dân), written `UID=CMND:<value>`. */
  readonly CMND?: string;
  /** `E`: e-mail address (IA5String, as PKCS #9 defines it). */
  readonly email?: string;
}

const ATTR = {
  C: "2.5.4.6",
  ST: "2.5.4.8",
  L: "2.5.4.7",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  T: "2.5.4.12",
  CN: "2.5.4.3",
  UID: "0.9.2342.19200300.100.1.1",
  E: "1.2.840.113549.1.9.1",
} as const;

const rdn = (type: string, value: Uint8Array): Uint8Array => setOf(seq(oidDer(type), value));

/**
 * Encodes a subject as a DER Name, most significant first: `C, ST, L, O, OU, T, CN, UID…, E`.
 *
 * @param subject - the subject fields
 * @returns the Name (DER)
 * @example
 * ```ts
 * encodeSubject({ commonName: "Công ty TNHH Thử nghiệm", MST: "0101234567" });
 * ```
 */
export function encodeSubject(subject: SubjectInput): Uint8Array {
  if (!subject.commonName) throw new TypeError("subject.commonName is required");
  const parts: Uint8Array[] = [rdn(ATTR.C, printableString(subject.country ?? "VN"))];
  const text: [string, string | undefined][] = [
    [ATTR.ST, subject.province],
    [ATTR.L, subject.locality],
    [ATTR.O, subject.organization],
    [ATTR.OU, subject.organizationalUnit],
    [ATTR.T, subject.title],
    [ATTR.CN, subject.commonName],
  ];
  for (const [type, value] of text) if (value !== undefined) parts.push(rdn(type, utf8String(value)));
  for (const id of ["MST", "CCCD", "CMND"] as const) {
    const value = subject[id];
    if (value !== undefined) parts.push(rdn(ATTR.UID, utf8String(`${id}:${value}`)));
  }
  if (subject.email !== undefined) parts.push(rdn(ATTR.E, ia5String(subject.email)));
  return seq(...parts);
}
