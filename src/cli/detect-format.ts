/** The kinds of signed file the CLI tells apart by content. */
export type FileFormat = "pdf" | "xml" | "cms";

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-1, Annex H). */
const PDF_WINDOW = 1024;

function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, PDF_WINDOW) - PDF_MAGIC.length;
  for (let i = 0; i <= end; i++) {
    if (PDF_MAGIC.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
}

/**
 * The format of a file by its content, never its name: PDF when `%PDF-` occurs in the first 1024 bytes; XML when, after
 * an optional UTF-8 byte order mark and whitespace, the first byte is `<`; otherwise CMS (DER, PEM or base64).
 *
 * @param bytes - the file
 * @returns `"pdf"`, `"xml"` or `"cms"`
 * @example
 * ```ts
 * detectFormat(new TextEncoder().encode("\uFEFF  <?xml version=\"1.0\"?><HDon/>")); // "xml"
 * ```
 */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (hasPdfHeader(bytes)) return "pdf";
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d) i++;
  return bytes[i] === 0x3c ? "xml" : "cms";
}
