import { Decree130Error } from "../../errors.js";
import { decodeBase64, decodePem } from "../../lib/pem.js";
import type { Limits } from "../../model/limits.js";

const CMS_PEM_LABELS: ReadonlySet<string> = new Set(["PKCS7", "CMS", "PKCS #7 SIGNED DATA"]);

const latin1 = new TextDecoder("latin1");

/**
 * Finds the CMS bytes in what the caller gave: DER/BER as is, PEM with `PKCS7` or `CMS` armour, or bare base64. Detection
 * is by content, never by file name.
 *
 * @param input - bytes of a file, or its text
 * @param limits - the size limit
 * @returns the DER (or BER) of the ContentInfo
 * @throws {@link Decree130Error} `INPUT_EMPTY`, `INPUT_TOO_LARGE`, `INPUT_NOT_RECOGNIZED`
 */
export function readSignatureBytes(input: Uint8Array | string, limits: Limits): Uint8Array {
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size === 0) throw new Decree130Error("INPUT_EMPTY", "the input is empty");
  if (size > limits.maxInputBytes) {
    throw new Decree130Error("INPUT_TOO_LARGE", `the input has ${size} bytes; the limit is ${limits.maxInputBytes}`);
  }
  if (typeof input !== "string" && input[0] === 0x30) return input;
  // A UTF-8 byte-order mark (as Windows editors write it) is not part of the PEM or base64 text.
  const text = (typeof input === "string" ? input : latin1.decode(input)).replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, "").trim();
  if (text.startsWith("-----BEGIN ")) {
    let blocks;
    try {
      blocks = decodePem(text);
    } catch (err) {
      throw new Decree130Error("INPUT_NOT_RECOGNIZED", `unreadable PEM: ${(err as Error).message}`, { cause: err });
    }
    const cms = blocks.find((b) => CMS_PEM_LABELS.has(b.label));
    if (!cms) {
      const labels = blocks.map((b) => b.label).join(", ") || "none";
      throw new Decree130Error("INPUT_NOT_RECOGNIZED", `PEM holds no PKCS7/CMS block (found: ${labels})`);
    }
    return cms.der;
  }
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) {
    try {
      const der = decodeBase64(text);
      if (der[0] === 0x30) return der;
    } catch {
      // falls through to the generic message below
    }
  }
  throw new Decree130Error("INPUT_NOT_RECOGNIZED", "the input is neither DER, PEM nor base64 CMS");
}
