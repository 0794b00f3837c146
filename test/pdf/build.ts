// Hand-built PDFs for reader tests: objects as text, offsets computed, every structural choice an option.
import { bytes } from "./kit.js";

/** Options of {@link buildPdf}. */
export interface BuildOptions {
  /** Bytes before `%PDF-`. */
  readonly prefix?: string;
  /** Offsets written relative to the header (as some writers do after a prefix). Default: relative to the file. */
  readonly offsetsFromHeader?: boolean;
  /** What follows `%%EOF`. Default `\n`. */
  readonly afterEof?: string;
  /** Extra trailer entries. */
  readonly trailer?: string;
  /** Replace the computed offset of an object. */
  readonly offsetOf?: Readonly<Record<number, number>>;
}

/**
 * A one-revision PDF with a classic cross-reference table.
 *
 * @param objects - object number → body text (object 1 is the catalog)
 * @param options - prefix, offsets, end of file
 * @returns the file
 */
export function buildPdf(objects: Readonly<Record<number, string>>, options: BuildOptions = {}): Uint8Array {
  const prefix = options.prefix ?? "";
  let out = `${prefix}%PDF-1.7\n`;
  const base = options.offsetsFromHeader ? prefix.length : 0;
  const nums = Object.keys(objects).map(Number).sort((a, b) => a - b);
  const offsets = new Map<number, number>();
  for (const n of nums) {
    offsets.set(n, out.length - base);
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const size = Math.max(...nums) + 1;
  const xref = out.length - base;
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const off = options.offsetOf?.[n] ?? offsets.get(n);
    out += off === undefined ? "0000000000 00001 f \n" : `${String(off).padStart(10, "0")} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${size} /Root 1 0 R ${options.trailer ?? ""}>>\nstartxref\n${xref}\n%%EOF${options.afterEof ?? "\n"}`;
  return bytes(out);
}

/** A catalog, a page tree and one page with a content stream: objects 1–4. */
export const MINIMAL: Readonly<Record<number, string>> = {
  1: "<< /Type /Catalog /Pages 2 0 R >>",
  2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
  3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>",
  4: "<< /Length 8 >>\nstream\nBT ET q \nendstream",
};

/**
 * zlib-deflates bytes with the platform's CompressionStream.
 *
 * @param data - the bytes
 * @returns the compressed bytes
 */
export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream("deflate");
  const w = cs.writable.getWriter();
  void w.write(data as Uint8Array<ArrayBuffer>);
  void w.close();
  return new Uint8Array(await new Response(cs.readable).arrayBuffer());
}
