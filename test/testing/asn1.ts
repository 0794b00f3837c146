import {
  AsnNullConverter,
  AsnObjectIdentifierConverter,
  AsnPrintableStringConverter,
  AsnUtf8StringConverter,
} from "@peculiar/asn1-schema";
import { derSorted, encode, Verbatim, VerbatimSequence, VerbatimSet } from "../../src/testing/der.js";

// Single DER elements for tests that build odd Names by hand (test/model/name.test.ts), written by asn1js through
// @peculiar/asn1-schema. Not part of the kit's public API; the kit itself writes whole schema objects.

const der = (block: { toBER(): ArrayBuffer }): Uint8Array => new Uint8Array(block.toBER());

/**
 * A SEQUENCE of already-encoded elements.
 *
 * @param parts - the encoded elements, in order
 * @returns the SEQUENCE
 */
export const seq = (...parts: readonly Uint8Array[]): Uint8Array => encode(new VerbatimSequence(parts.map((p) => new Verbatim(p))));

/**
 * A SET OF, sorted as DER demands (X.690 §11.6).
 *
 * @param parts - the encoded elements
 * @returns the SET, elements in byte order
 */
export const setOf = (...parts: readonly Uint8Array[]): Uint8Array => encode(new VerbatimSet(derSorted(parts.map((p) => new Verbatim(p)))));

/**
 * A SET OF kept in the given order: deliberately non-DER when the order is not sorted.
 *
 * @param parts - the encoded elements
 * @returns the SET, elements as given
 */
export const setAsGiven = (...parts: readonly Uint8Array[]): Uint8Array => encode(new VerbatimSet(parts.map((p) => new Verbatim(p))));

/**
 * An OBJECT IDENTIFIER from its dotted form.
 *
 * @param dotted - e.g. `1.2.840.113549.1.7.2`
 * @returns the encoded OID
 */
export const oidDer = (dotted: string): Uint8Array => der(AsnObjectIdentifierConverter.toASN(dotted));

/** A NULL. */
export const NULL: Uint8Array = der(AsnNullConverter.toASN(null));

/**
 * A UTF8String.
 *
 * @param s - the text
 * @returns the encoded string
 */
export const utf8String = (s: string): Uint8Array => der(AsnUtf8StringConverter.toASN(s));

/**
 * A PrintableString.
 *
 * @param s - text within the PrintableString character set
 * @returns the encoded string
 * @throws TypeError for characters outside the set
 */
export function printableString(s: string): Uint8Array {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s)) throw new TypeError(`"${s}" is not a PrintableString`);
  return der(AsnPrintableStringConverter.toASN(s));
}
