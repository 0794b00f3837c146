import { inflate, type DecodeBudget } from "./flate.js";
import { malformedPdf } from "./limits.js";
import { dictOf, get, intOf, nameOf, type PdfStream, type PdfValue } from "./objects.js";

/** A stream's decoded data, or why it stays encoded. */
export type Decoded =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly complete: boolean }
  | { readonly ok: false; readonly reason: string };

const asList = (v: PdfValue | undefined): readonly PdfValue[] =>
  v === undefined || v === null ? [] : typeof v === "object" && v.kind === "array" ? v.items : [v];

/**
 * Decodes a stream's data through its filters. Only what a signature check needs is implemented: `FlateDecode` with
 * PNG and TIFF predictors (cross-reference and object streams); any other filter leaves the stream encoded.
 *
 * @param stream - the stream (its `/Length` already applied)
 * @param budget - decoding caps for the file
 * @returns the bytes, or the reason they stay encoded
 * @throws {@link Decree130Error} `PDF_LIMIT_EXCEEDED` past a cap, `MALFORMED_PDF` for data that does not inflate
 * @example
 * ```ts
 * const d = await decodeStream(xrefStream, budget);
 * if (!d.ok) throw new Error(d.reason);
 * ```
 */
export async function decodeStream(stream: PdfStream, budget: DecodeBudget): Promise<Decoded> {
  const filters = asList(get(stream, "Filter"));
  const params = asList(get(stream, "DecodeParms") ?? get(stream, "DP"));
  let bytes = stream.data;
  let complete = true;
  for (let i = 0; i < filters.length; i++) {
    const name = nameOf(filters[i]);
    if (name !== "FlateDecode" && name !== "Fl") return { ok: false, reason: `filter ${name ?? "?"} is not decoded` };
    const out = await inflate(bytes, budget);
    complete &&= out.complete;
    bytes = unpredict(out.bytes, params[i] ?? null);
  }
  return { ok: true, bytes, complete };
}

function unpredict(data: Uint8Array, params: PdfValue): Uint8Array {
  const p = dictOf(params);
  const predictor = intOf(get(p, "Predictor")) ?? 1;
  if (predictor === 1) return data;
  const colors = intOf(get(p, "Colors")) ?? 1;
  const bits = intOf(get(p, "BitsPerComponent")) ?? 8;
  const columns = intOf(get(p, "Columns")) ?? 1;
  if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bits) || columns < 1 || columns > 1 << 24) {
    throw malformedPdf(`bad predictor parameters (Colors ${colors}, BitsPerComponent ${bits}, Columns ${columns})`);
  }
  const bpp = Math.max(1, (colors * bits) >> 3);
  const rowBytes = (colors * bits * columns + 7) >> 3;
  if (predictor === 2) return tiff(data, rowBytes, bpp, bits);
  if (predictor < 10 || predictor > 15) throw malformedPdf(`unknown predictor ${predictor}`);
  return png(data, rowBytes, bpp);
}

/** PNG predictors (RFC 2083 §6): each row starts with its filter type. A short last row is kept as far as it goes. */
function png(data: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = Math.ceil(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let prev = new Uint8Array(rowBytes);
  let o = 0;
  for (let r = 0, i = 0; i < data.length; r++) {
    const type = data[i++]!;
    const n = Math.min(rowBytes, data.length - i);
    const row = out.subarray(o, o + rowBytes);
    for (let x = 0; x < n; x++) {
      const raw = data[i + x]!;
      const left = x >= bpp ? row[x - bpp]! : 0;
      const up = prev[x]!;
      const upLeft = x >= bpp ? prev[x - bpp]! : 0;
      let v: number;
      switch (type) {
        case 0: v = raw; break;
        case 1: v = raw + left; break;
        case 2: v = raw + up; break;
        case 3: v = raw + ((left + up) >> 1); break;
        case 4: v = raw + paeth(left, up, upLeft); break;
        default: throw malformedPdf(`unknown PNG filter type ${type} in row ${r}`);
      }
      row[x] = v & 0xff;
    }
    i += n;
    o += n;
    prev = row;
  }
  return out.subarray(0, o);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function tiff(data: Uint8Array, rowBytes: number, bpp: number, bits: number): Uint8Array {
  if (bits !== 8) throw malformedPdf(`TIFF predictor with ${bits} bits per component is not supported`);
  const out = new Uint8Array(data);
  for (let start = 0; start < out.length; start += rowBytes) {
    const end = Math.min(out.length, start + rowBytes);
    for (let x = start + bpp; x < end; x++) out[x] = (out[x]! + out[x - bpp]!) & 0xff;
  }
  return out;
}
