import { Decree130Error } from "../../errors.js";
import { overLimit } from "./limits.js";

/** What all decoding in one file may still produce, shared by every stream of the file. */
export interface DecodeBudget {
  /** Most bytes one stream may decode to. */
  readonly perStream: number;
  /** Bytes all streams of the file may still decode to; decreases as streams are decoded. */
  remaining: number;
}

/** The bytes a stream inflated to, and whether the compressed data ended cleanly. */
export interface Inflated {
  readonly bytes: Uint8Array;
  /** `false` when the data was cut or corrupt after some output (the output so far is kept). */
  readonly complete: boolean;
}

/**
 * Inflates zlib (`FlateDecode`) data with the platform's `DecompressionStream`, stopping as soon as the output passes
 * the budget, so a compression bomb costs no more than the budget.
 *
 * @param data - the compressed bytes
 * @param budget - the per-stream and per-file caps (the file's remainder is reduced by the output)
 * @returns the output, and whether the data ended cleanly
 * @throws {@link Decree130Error} `PDF_LIMIT_EXCEEDED` past a cap; `MALFORMED_PDF` when nothing decodes at all
 * @example
 * ```ts
 * const { bytes } = await inflate(stream.data, budget);
 * ```
 */
export async function inflate(data: Uint8Array, budget: DecodeBudget): Promise<Inflated> {
  const cap = Math.min(budget.perStream, budget.remaining);
  const ds = new DecompressionStream("deflate");
  const writer = ds.writable.getWriter();
  // Not awaited: the writer settles only as the reader drains, and an error surfaces through the reader.
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let complete = true;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        reader.cancel().catch(() => undefined);
        throw overLimit(
          total > budget.remaining
            ? `the file's streams decode to more than the budget of ${budget.remaining} bytes left`
            : `a stream decodes to more than ${budget.perStream} bytes`,
        );
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof Decree130Error) throw err;
    if (total === 0) throw new Decree130Error("MALFORMED_PDF", `FlateDecode data does not inflate: ${(err as Error).message}`);
    complete = false;
  }
  budget.remaining -= total;
  if (chunks.length === 1) return { bytes: chunks[0]!, complete };
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { bytes: out, complete };
}
