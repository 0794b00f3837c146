import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from "@peculiar/asn1-x509";
import { encode } from "./der.js";
import { KIT_OID } from "./oids.js";

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

const rdn = (type: string, value: AttributeValue): RelativeDistinguishedName =>
  new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value })]);

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

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
  return encode(subjectName(subject));
}

/**
 * The Name of a subject, as {@link encodeSubject} writes it.
 *
 * @param subject - the subject fields
 * @returns the Name
 */
export function subjectName(subject: SubjectInput): Name {
  if (!subject.commonName) throw new TypeError("subject.commonName is required");
  const country = subject.country ?? "VN";
  if (!PRINTABLE.test(country)) throw new TypeError(`"${country}" is not a PrintableString`);
  const parts = [rdn(KIT_OID.countryName, new AttributeValue({ printableString: country }))];
  const text: [string, string | undefined][] = [
    [KIT_OID.stateOrProvinceName, subject.province],
    [KIT_OID.localityName, subject.locality],
    [KIT_OID.organizationName, subject.organization],
    [KIT_OID.organizationalUnitName, subject.organizationalUnit],
    [KIT_OID.title, subject.title],
    [KIT_OID.commonName, subject.commonName],
  ];
  for (const [type, value] of text) if (value !== undefined) parts.push(rdn(type, new AttributeValue({ utf8String: value })));
  for (const id of ["MST", "CCCD", "CMND"] as const) {
    const value = subject[id];
    if (value !== undefined) parts.push(rdn(KIT_OID.userId, new AttributeValue({ utf8String: `${id}:${value}` })));
  }
  if (subject.email !== undefined) parts.push(rdn(KIT_OID.emailAddress, new AttributeValue({ ia5String: subject.email })));
  return new Name(parts);
}
