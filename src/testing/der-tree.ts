import { AsnAnyConverter, AsnObjectIdentifierConverter } from "@peculiar/asn1-schema";

// Where things are inside an encoded object, read with asn1js (through @peculiar/asn1-schema), for the helpers that
// take a SignedData apart or flip one byte of it. BER is accepted: signatures made elsewhere can be tampered with too.

/** One element of an encoded object, with its place in the input. */
export interface Element {
  /** The identifier octet for tags below 31: class, constructed bit and number, e.g. `0x30`, `0xa0`. */
  readonly tag: number;
  /** Offsets into the input: the element, and its contents. */
  readonly start: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly end: number;
  /** The element's own bytes. */
  readonly bytes: Uint8Array;
  /** The elements inside a constructed one (empty for a primitive). */
  readonly children: readonly Element[];
  /** The content octets of a primitive element. */
  readonly content: Uint8Array;
}

interface Parsed {
  readonly idBlock: { readonly tagClass: number; readonly tagNumber: number; readonly isConstructed: boolean; readonly blockLength: number };
  readonly lenBlock: { readonly isIndefiniteForm: boolean; readonly blockLength: number };
  readonly valueBlock: { readonly value?: unknown };
  readonly valueBeforeDecodeView: Uint8Array;
}

const MAX_DEPTH = 64;

/**
 * Reads one whole encoded element.
 *
 * @param der - DER or BER bytes
 * @returns the element tree
 * @throws TypeError when the bytes are not exactly one element
 */
export function readElement(der: Uint8Array): Element {
  const input = new Uint8Array(der); // a copy with a buffer of its own (a Node Buffer shares its pool)
  const parsed = AsnAnyConverter.toASN(input.buffer) as unknown as Parsed;
  if (parsed.valueBeforeDecodeView.byteLength !== input.length) throw new TypeError("not exactly one encoded element");
  return wrap(parsed, input, 0);
}

function wrap(p: Parsed, input: Uint8Array, depth: number): Element {
  if (depth > MAX_DEPTH) throw new TypeError("nested too deep");
  const view = p.valueBeforeDecodeView;
  const start = view.byteOffset - input.byteOffset;
  const end = start + view.byteLength;
  const valueStart = start + p.idBlock.blockLength + p.lenBlock.blockLength;
  const valueEnd = p.lenBlock.isIndefiniteForm ? end - 2 : end;
  const { tagClass, tagNumber, isConstructed } = p.idBlock;
  const inner = isConstructed && Array.isArray(p.valueBlock.value) ? (p.valueBlock.value as Parsed[]) : [];
  // asn1js keeps the end-of-contents octets of an indefinite-length element as a last, empty child.
  const children = inner.filter((c) => c.idBlock.tagClass !== 1 || c.idBlock.tagNumber !== 0 || c.valueBeforeDecodeView.byteLength !== 2);
  return {
    tag: ((tagClass - 1) << 6) | (isConstructed ? 0x20 : 0) | tagNumber,
    start,
    valueStart,
    valueEnd,
    end,
    bytes: input.subarray(start, end),
    children: children.map((c) => wrap(c, input, depth + 1)),
    content: input.subarray(valueStart, valueEnd),
  };
}

/**
 * The dotted form of an OBJECT IDENTIFIER element.
 *
 * @param element - the element
 * @returns e.g. `1.2.840.113549.1.7.2`
 */
export function oidOf(element: Element): string {
  if (element.tag !== 0x06) throw new TypeError("not an OBJECT IDENTIFIER");
  return AsnObjectIdentifierConverter.fromASN(AsnAnyConverter.toASN(new Uint8Array(element.bytes).buffer) as Parameters<typeof AsnObjectIdentifierConverter.fromASN>[0]);
}

/**
 * The octets of an OCTET STRING element, joining the segments of a constructed (BER) one.
 *
 * @param element - the element
 * @returns its octets
 */
export function octetsOf(element: Element): Uint8Array {
  if (element.tag === 0x04) return new Uint8Array(element.content);
  if (element.tag !== 0x24) throw new TypeError("not an OCTET STRING");
  const parts = element.children.map(octetsOf);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The child at `index`, checked to carry `tag`.
 *
 * @param element - a constructed element
 * @param index - which child
 * @param tag - the identifier octet expected
 * @param what - what the child is, for the error message
 * @returns the child
 * @throws TypeError when it is missing or differently tagged
 */
export function childAt(element: Element, index: number, tag: number, what: string): Element {
  const child = element.children[index];
  if (!child || child.tag !== tag) throw new TypeError(`${what}: expected tag 0x${tag.toString(16)}`);
  return child;
}
