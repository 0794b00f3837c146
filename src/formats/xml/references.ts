import { Decree130Error } from "../../errors.js";
import { IS_NAME } from "./names.js";

const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["apos", "'"],
  ["quot", '"'],
]);

/** Whether a code point is an XML 1.0 Char. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Replaces the references in character data or an attribute value: the five predefined entities and character
 * references. Any other entity is undeclared (no DTD is ever read), which XML makes a well-formedness error.
 *
 * @param raw - text as written, containing `&`
 * @returns the text with references replaced
 * @throws {@link Decree130Error} `MALFORMED_XML` for an undeclared entity or a bad reference
 * @example
 * ```ts
 * expandReferences("a &lt; b &#x1EA1;"); // "a < b ạ"
 * ```
 */
export function expandReferences(raw: string): string {
  let out = "";
  let last = 0;
  for (let i = raw.indexOf("&"); i !== -1; i = raw.indexOf("&", last)) {
    out += raw.slice(last, i);
    const semi = raw.indexOf(";", i);
    if (semi === -1) throw new Decree130Error("MALFORMED_XML", "a reference (&...) without its closing ';'");
    const ref = raw.slice(i + 1, semi);
    if (ref.startsWith("#")) {
      const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
      const cp = m ? (m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10)) : -1;
      if (!isXmlChar(cp)) throw new Decree130Error("MALFORMED_XML", `character reference &${ref.slice(0, 16)}; names no XML character`);
      out += String.fromCodePoint(cp);
    } else {
      const value = PREDEFINED.get(ref);
      if (value === undefined) {
        const what = IS_NAME.test(ref) ? `undeclared entity &${ref.slice(0, 32)}; (entities are never expanded)` : "a malformed reference";
        throw new Decree130Error("MALFORMED_XML", what);
      }
      out += value;
    }
    last = semi + 1;
  }
  return out + raw.slice(last);
}
