import type { XmlDocument, XmlElement, XmlNode } from "../formats/xml/tree.js";

const escapeText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
const escapeAttr = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");

/** Where to write extra markup while serialising: after the children of an element, or in place of one. */
export interface Splice {
  readonly appendTo?: XmlElement;
  readonly append?: string;
  readonly replace?: ReadonlyMap<XmlElement, string>;
}

function element(el: XmlElement, out: string[], splice: Splice): void {
  const replaced = splice.replace?.get(el);
  if (replaced !== undefined) {
    out.push(replaced);
    return;
  }
  let tag = `<${el.qname}`;
  for (const [p, uri] of el.namespaces) tag += `${p === "" ? " xmlns" : ` xmlns:${p}`}="${escapeAttr(uri)}"`;
  for (const a of el.attributes) tag += ` ${a.qname}="${escapeAttr(a.value)}"`;
  out.push(`${tag}>`);
  for (const c of el.children) node(c, out, splice);
  if (splice.appendTo === el && splice.append) out.push(splice.append);
  out.push(`</${el.qname}>`);
}

function node(n: XmlNode, out: string[], splice: Splice): void {
  if (n.type === "element") element(n, out, splice);
  else if (n.type === "text") out.push(escapeText(n.value));
  else if (n.type === "comment") out.push(`<!--${n.value}-->`);
  else out.push(n.data === "" ? `<?${n.target}?>` : `<?${n.target} ${n.data}?>`);
}

/**
 * Writes a parsed document back as XML text (UTF-8 declaration, namespace declarations then attributes as read, every
 * element with an end tag), optionally appending markup inside one element or replacing elements by markup.
 *
 * @param doc - the document
 * @param splice - markup to add or substitute
 * @returns the XML text
 * @example
 * ```ts
 * serializeXml(parseXml("<a><b/></a>")); // '<?xml version="1.0" encoding="UTF-8"?><a><b></b></a>'
 * ```
 */
export function serializeXml(doc: XmlDocument, splice: Splice = {}): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  for (const n of doc.before) node(n, out, splice);
  element(doc.root, out, splice);
  for (const n of doc.after) node(n, out, splice);
  return out.join("");
}
