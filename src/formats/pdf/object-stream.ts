import { decodeStream } from "./filters.js";
import type { DecodeBudget } from "./flate.js";
import { Lexer } from "./lexer.js";
import { malformedPdf } from "./limits.js";
import { get, intOf, nameOf, type PdfStream, type PdfValue } from "./objects.js";
import { parseValue, type ParseContext } from "./parser.js";

/** A decoded object stream (`/Type /ObjStm`): its data and where each object starts in it. */
export interface ObjectStream {
  readonly data: Uint8Array;
  /** Object number and offset (from the start of `data`) of each object, in order. */
  readonly objects: readonly { readonly num: number; readonly offset: number }[];
}

/**
 * Decodes an object stream and reads its header of object numbers and offsets.
 *
 * @param stream - the stream object
 * @param budget - decoding caps
 * @param maxObjects - most objects it may hold
 * @returns the decoded stream
 * @throws {@link Decree130Error} `MALFORMED_PDF` for a stream that is not an object stream or whose header is broken
 * @example
 * ```ts
 * const os = await readObjectStream(stream, budget, limits.maxObjects);
 * ```
 */
export async function readObjectStream(stream: PdfStream, budget: DecodeBudget, maxObjects: number): Promise<ObjectStream> {
  if (nameOf(get(stream, "Type")) !== "ObjStm") throw malformedPdf("a compressed object points at a stream that is not an object stream");
  const n = intOf(get(stream, "N"));
  const first = intOf(get(stream, "First"));
  if (n === undefined || first === undefined || n < 0 || first < 0 || n > maxObjects) throw malformedPdf("object stream with a bad /N or /First");
  const decoded = await decodeStream(stream, budget);
  if (!decoded.ok) throw malformedPdf(`object stream: ${decoded.reason}`);
  const data = decoded.bytes;
  const lx = new Lexer(data, 0, Math.min(first, data.length));
  const objects: { num: number; offset: number }[] = [];
  for (let i = 0; i < n; i++) {
    const num = lx.next();
    const off = lx.next();
    if (num.type !== "int" || off.type !== "int" || num.value < 0 || off.value < 0 || first + off.value > data.length) {
      throw malformedPdf(`object stream header entry ${i} is broken`);
    }
    objects.push({ num: num.value, offset: first + off.value });
  }
  return { data, objects };
}

/**
 * The value of the object at an index of an object stream.
 *
 * @param os - the decoded object stream
 * @param index - the index the cross-reference entry gives
 * @param num - the object number the entry is for (checked against the stream's header)
 * @param ctx - parse context
 * @returns the value
 * @throws {@link Decree130Error} `MALFORMED_PDF` when the index is out of range or holds another object
 * @example
 * ```ts
 * const value = objectAt(os, entry.index, 12, ctx);
 * ```
 */
export function objectAt(os: ObjectStream, index: number, num: number, ctx: ParseContext): PdfValue {
  const at = os.objects[index];
  if (!at) throw malformedPdf(`object ${num}: index ${index} is past the end of its object stream`);
  if (at.num !== num) throw malformedPdf(`object ${num}: its object stream holds object ${at.num} at index ${index}`);
  return parseValue(new Lexer(os.data, at.offset), ctx);
}
