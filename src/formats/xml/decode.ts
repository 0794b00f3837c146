import { Decree130Error } from "../../errors.js";

/** Characters XML 1.0 forbids anywhere in a document (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** A surrogate that is not half of a pair (only a string input can hold one; UTF-8 decoding never makes one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const fail = (message: string): never => {
  throw new Decree130Error("MALFORMED_XML", message);
};

/**
 * The document's characters, ready to tokenise: decoded strictly from UTF-8 (a UTF-8 byte-order mark is dropped; UTF-16
 * and invalid UTF-8 are refused), checked for characters XML forbids, and with every line ending (`\r\n`, `\r`)
 * normalised to `\n` as XML 1.0 §2.11 requires before parsing.
 *
 * @param input - the document's bytes or text
 * @param maxBytes - the size limit
 * @returns the normalised text, and whether it came from bytes (then an encoding declaration must say UTF-8)
 * @throws {@link Decree130Error} `INPUT_EMPTY`, `INPUT_TOO_LARGE` or `MALFORMED_XML`
 * @example
 * ```ts
 * decodeXmlText(new TextEncoder().encode("<a>\r\n</a>"), 1024).text; // "<a>\n</a>"
 * ```
 */
export function decodeXmlText(input: Uint8Array | string, maxBytes: number): { readonly text: string; readonly fromBytes: boolean } {
  let text: string;
  const fromBytes = typeof input !== "string";
  if (typeof input === "string") {
    if (input.length > maxBytes) throw new Decree130Error("INPUT_TOO_LARGE", `the document has more than ${maxBytes} characters`);
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (LONE_SURROGATE.test(text)) fail("the text holds an unpaired surrogate");
  } else if (input instanceof Uint8Array) {
    if (input.length > maxBytes) throw new Decree130Error("INPUT_TOO_LARGE", `the document is larger than ${maxBytes} bytes`);
    if ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe)) fail("UTF-16 documents are not supported: only UTF-8");
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      return fail("the document is not valid UTF-8");
    }
  } else {
    throw new TypeError("input must be a Uint8Array or a string");
  }
  if (text.trim().length === 0) throw new Decree130Error("INPUT_EMPTY", "the document is empty");
  const bad = FORBIDDEN.exec(text);
  if (bad) fail(`character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`);
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  return { text, fromBytes };
}
