import { children, ctx, ctxPrim, expect, readRoot, Tag, valueOf, type Tlv } from "../asn1/der.js";
import { Decree130Error } from "../errors.js";
import type { Certificate } from "./certificate.js";
import { decodeName, type Name } from "./name.js";

/** A GeneralName (RFC 5280 §4.2.1.6) in the forms name constraints act on; other forms keep only their tag. */
export type GeneralName =
  | { readonly form: "rfc822Name" | "dNSName" | "uniformResourceIdentifier"; readonly value: string }
  | { readonly form: "directoryName"; readonly value: Name }
  | { readonly form: "iPAddress"; readonly value: Uint8Array }
  | { readonly form: "other"; readonly tag: number };

/** The GeneralName forms name constraints are enforced for. */
export type ConstrainedForm = Exclude<GeneralName["form"], "other">;

/** emailAddress, the subject attribute rfc822Name constraints also apply to (RFC 5280 §4.2.1.10). */
const EMAIL_ADDRESS = "1.2.840.113549.1.9.1";

/** Most names read from one extension: real certificates carry a handful. */
const MAX_NAMES = 1024;

function ia5(tlv: Tlv, what: string): string {
  const v = valueOf(tlv);
  let s = "";
  for (const b of v) {
    if (b > 0x7f) throw new Decree130Error("MALFORMED_DER", `non-ASCII byte in ${what}`);
    s += String.fromCharCode(b);
  }
  return s;
}

/**
 * Decodes one GeneralName element (implicit tags, except directoryName which wraps a Name explicitly).
 *
 * @param tlv - the GeneralName element
 * @returns the name
 * @example
 * ```ts
 * decodeGeneralName(readRoot(Uint8Array.of(0x82, 3, 0x61, 0x2e, 0x62))); // { form: "dNSName", value: "a.b" }
 * ```
 */
export function decodeGeneralName(tlv: Tlv): GeneralName {
  switch (tlv.tag) {
    case ctxPrim(1):
      return { form: "rfc822Name", value: ia5(tlv, "rfc822Name") };
    case ctxPrim(2):
      return { form: "dNSName", value: ia5(tlv, "dNSName") };
    case ctxPrim(6):
      return { form: "uniformResourceIdentifier", value: ia5(tlv, "uniformResourceIdentifier") };
    case ctxPrim(7):
      return { form: "iPAddress", value: valueOf(tlv) };
    case ctx(4): {
      const inner = children(tlv, "der", 1);
      if (inner.length !== 1) throw new Decree130Error("MALFORMED_DER", "directoryName must hold one Name");
      return { form: "directoryName", value: decodeName(inner[0]!) };
    }
    default:
      return { form: "other", tag: tlv.tag };
  }
}

/**
 * Decodes a GeneralNames SEQUENCE (the value of subjectAltName).
 *
 * @param value - the extension value (DER)
 * @returns the names in order
 * @example
 * ```ts
 * const names = decodeGeneralNames(sanExtension.value);
 * ```
 */
export function decodeGeneralNames(value: Uint8Array): GeneralName[] {
  return children(expect(readRoot(value), Tag.SEQUENCE, "GeneralNames"), "der", MAX_NAMES).map(decodeGeneralName);
}

/**
 * The names of a certificate that name constraints judge: its subject (when not empty), emailAddress attributes of the
 * subject (as rfc822Name) and every subjectAltName entry.
 *
 * @param cert - a certificate
 * @returns its names
 * @throws {@link Decree130Error} `MALFORMED_DER` when subjectAltName does not decode
 * @example
 * ```ts
 * namesOf(leaf).filter((n) => n.form === "dNSName");
 * ```
 */
export function namesOf(cert: Certificate): GeneralName[] {
  const out: GeneralName[] = [];
  if (cert.subject.rdns.length > 0) out.push({ form: "directoryName", value: cert.subject });
  for (const rdn of cert.subject.rdns) {
    for (const a of rdn) if (a.type === EMAIL_ADDRESS) out.push({ form: "rfc822Name", value: a.value });
  }
  const san = cert.subjectAltNames;
  if (san && !san.ok) throw new Decree130Error("MALFORMED_DER", san.error);
  if (san) out.push(...san.value);
  return out;
}
