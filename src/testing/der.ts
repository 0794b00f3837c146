import { AsnAnyConverter, AsnArray, AsnIntegerBigIntConverter, AsnConvert, AsnType, AsnTypeTypes } from "@peculiar/asn1-schema";

// The kit writes every structure with @peculiar/asn1-schema and its schema packages, never with the validator's DER
// code: a bug the two shared would otherwise pass unseen.

/**
 * The DER of an @peculiar/asn1-schema object.
 *
 * @param value - an object of a schema class (a `Certificate`, a `SignedData`...)
 * @returns its encoding
 */
export const encode = (value: unknown): Uint8Array => new Uint8Array(AsnConvert.serialize(value));

/**
 * A copy of some bytes in an `ArrayBuffer` of their own, as the schema classes hold binary fields.
 *
 * @param bytes - the bytes
 * @returns a fresh buffer
 */
export const buffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

type Block = ReturnType<typeof AsnAnyConverter.toASN>;

/**
 * An element already encoded, written back exactly as given wherever a schema expects an element: certificates,
 * CRLs and SignerInfos taken from another SignedData keep their bytes (and so their signatures), BER included.
 */
export class Verbatim {
  /** The encoded element. */
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array = new Uint8Array()) {
    this.bytes = bytes;
  }

  /**
   * The parsed element, made to write its original bytes back.
   *
   * @returns the asn1js block
   */
  toASN(): Block {
    const bytes = this.bytes;
    // Parsing checks that the bytes are one whole element. A fresh NULL block then carries them: its own `toBER` writes
    // them unchanged (asn1js would re-encode a parsed tree, and mark its parents indefinite-length after a BER child).
    const parsed = AsnAnyConverter.toASN(buffer(bytes));
    if (parsed.valueBeforeDecodeView.byteLength !== bytes.length) throw new TypeError("not exactly one encoded element");
    const block = AsnAnyConverter.toASN(null);
    Object.defineProperty(block, "toBER", {
      value: (sizeOnly?: boolean, writer?: { write(b: ArrayBuffer): void }): ArrayBuffer => {
        if (writer) {
          writer.write(buffer(bytes));
          return new ArrayBuffer(0);
        }
        return sizeOnly ? new ArrayBuffer(bytes.length) : buffer(bytes);
      },
      writable: true,
      configurable: true,
    });
    return block;
  }

  /**
   * Keeps the encoding of a parsed element.
   *
   * @param asn - the parsed element
   * @returns this
   */
  fromASN(asn: Block): this {
    return Object.assign(this, { bytes: new Uint8Array(asn.valueBeforeDecodeView) });
  }

  /**
   * A schema for asn1js's comparison: any element.
   *
   * @returns the schema
   */
  toSchema(): Block {
    return AsnAnyConverter.toASN(null);
  }
}

/**
 * Stands an encoded element in for a schema object of type `T` (its bytes are written as they are).
 *
 * @param bytes - the encoded element
 * @returns the stand-in, typed as the slot it fills
 */
export const verbatim = <T>(bytes: Uint8Array): T => new Verbatim(bytes) as unknown as T;

/** A SEQUENCE OF encoded elements, in the given order. */
export class VerbatimSequence extends AsnArray<Verbatim> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: Verbatim })(VerbatimSequence);

/** A SET OF encoded elements, in the given order (DER's order is the caller's business: see {@link derSorted}). */
export class VerbatimSet extends AsnArray<Verbatim> {}
AsnType({ type: AsnTypeTypes.Set, itemType: Verbatim })(VerbatimSet);

/**
 * Byte order of DER SET OF elements (X.690 §11.6).
 *
 * @param a - one encoding
 * @param b - another
 * @returns negative, zero or positive, as for `Array.prototype.sort`
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Schema objects in the order DER gives the elements of a SET OF: by their encodings.
 *
 * @param items - the elements
 * @returns a sorted copy
 */
export function derSorted<T>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, der: encode(item) }))
    .sort((a, b) => compareBytes(a.der, b.der))
    .map((x) => x.item);
}

/**
 * Whether two byte strings are equal.
 *
 * @param a - one
 * @param b - the other
 * @returns true when they hold the same bytes
 */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => compareBytes(a, b) === 0;

/**
 * The content octets of a positive INTEGER, minimal, as asn1js encodes it.
 *
 * @param value - the integer
 * @returns its content octets
 */
export function integerContent(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError("negative integer");
  return new Uint8Array(AsnIntegerBigIntConverter.toASN(value).valueBlock.valueHexView);
}

/**
 * The content octets of an INTEGER from an unsigned big-endian magnitude (a serial, an ECDSA `r` or `s`).
 *
 * @param magnitude - unsigned big-endian octets
 * @returns minimal INTEGER content octets
 */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let value = 0n;
  for (const b of magnitude) value = (value << 8n) | BigInt(b);
  return integerContent(value);
}

/**
 * An object of a schema class with the given fields, made without running the class's constructor: some classes
 * (Validity, TBSCertificate, the OCSP ResponseData, TSTInfo...) read the clock for a default time there, and the kit
 * never reads the clock.
 *
 * @param cls - the schema class
 * @param fields - every field to write
 * @returns the object
 */
export function schemaObject<T extends object>(cls: abstract new (...args: never[]) => T, fields: Partial<T>): T {
  return Object.assign(Object.create(cls.prototype) as T, fields);
}
