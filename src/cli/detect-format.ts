/** What a file given to `verify` holds, judged by its content (never by its name). */
export type FileFormat = "pdf" | "xml" | "cms";

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** A PDF's header may follow some bytes of garbage; viewers look this far for it. */
const PDF_WINDOW = 1024;

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_WINDOW) - PDF_HEADER.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < PDF_HEADER.length; j++) if (bytes[i + j] !== PDF_HEADER[j]) continue outer;
    return true;
  }
  return false;
}

function startsWithTag(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}

/**
 * The format of a file given to `verify`, from its content: a PDF has `%PDF-` within its first 1024 bytes; XML starts,
 * after an optional UTF-8 byte-order mark and white space, with `<`; anything else is read as CMS (DER, PEM or base64).
 *
 * @param bytes - the file's bytes
 * @returns `"pdf"`, `"xml"` or `"cms"`
 * @example
 * ```ts
 * detectFormat(new TextEncoder().encode("%PDF-1.7\n...")); // "pdf"
 * ```
 */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (hasPdfHeader(bytes)) return "pdf";
  if (startsWithTag(bytes)) return "xml";
  return "cms";
}
