/** XML 1.0 (5th ed.) name characters: NameStartChar, then NameChar. */
const START = ":A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
const REST = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;

/** A Name at the sticky position. */
// eslint-disable-next-line no-misleading-character-class -- ranges of single code points, ZWNJ/ZWJ and combining marks as XML lists them
export const NAME_AT = new RegExp(`[${START}][${REST}]*`, "uy");

/** A whole string that is a Name. */
// eslint-disable-next-line no-misleading-character-class -- as above
export const IS_NAME = new RegExp(`^[${START}][${REST}]*$`, "u");

/**
 * Splits a qualified name into prefix and local part; `undefined` when it is not a QName (more than one colon, or an
 * empty side).
 *
 * @param qname - the name as written
 * @returns `[prefix, local]`, the prefix `""` when absent
 * @example
 * ```ts
 * splitQName("ds:Signature"); // ["ds", "Signature"]
 * ```
 */
export function splitQName(qname: string): readonly [string, string] | undefined {
  const colon = qname.indexOf(":");
  if (colon === -1) return ["", qname];
  if (colon === 0 || colon === qname.length - 1 || qname.indexOf(":", colon + 1) !== -1) return undefined;
  return [qname.slice(0, colon), qname.slice(colon + 1)];
}
