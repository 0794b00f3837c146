/**
 * The XML tree the signed-XML layer reads: what canonicalisation needs and nothing more. Namespace declarations are
 * kept apart from attributes (they become namespace nodes), CDATA sections are merged into text (C14N renders them as
 * text), line endings are already normalised to `\n`, and entity and character references are already replaced.
 */

/** The XMLDSig namespace. */
export const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
/** The namespace the `xml` prefix is bound to. */
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** An attribute (never a namespace declaration). */
export interface XmlAttribute {
  /** The name as written, e.g. `xml:lang`. */
  readonly qname: string;
  readonly prefix: string;
  readonly local: string;
  /** The namespace URI; `""` for an unprefixed attribute. */
  readonly ns: string;
  /** The normalised value (literal whitespace as spaces, references replaced). */
  readonly value: string;
}

/** An element. */
export interface XmlElement {
  readonly type: "element";
  readonly qname: string;
  readonly prefix: string;
  readonly local: string;
  /** The namespace URI; `""` when the element is in no namespace. */
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  /** Namespace declarations on this element, as `[prefix, uri]` (`""` prefix: the default namespace; `""` uri: undeclared). */
  readonly namespaces: readonly (readonly [string, string])[];
  readonly children: XmlNode[];
  readonly parent: XmlElement | null;
  /** Depth from the root element (the root is 1). */
  readonly depth: number;
}

/** Character data (text and CDATA sections together). */
export interface XmlText {
  readonly type: "text";
  value: string;
}

/** A comment. */
export interface XmlComment {
  readonly type: "comment";
  readonly value: string;
}

/** A processing instruction. */
export interface XmlProcessingInstruction {
  readonly type: "pi";
  readonly target: string;
  readonly data: string;
}

/** A node inside an element. */
export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

/** A parsed document: the root element and the comments and processing instructions around it. */
export interface XmlDocument {
  readonly root: XmlElement;
  /** Top-level comments and processing instructions before the root, in order. */
  readonly before: readonly (XmlComment | XmlProcessingInstruction)[];
  /** ... and after it. */
  readonly after: readonly (XmlComment | XmlProcessingInstruction)[];
  /** How many nodes (elements, texts, comments, processing instructions) the document holds. */
  readonly nodeCount: number;
}

/**
 * The child elements of an element, in order.
 *
 * @param el - the element
 * @returns its element children
 * @example
 * ```ts
 * childElements(doc.root).map((c) => c.local); // ["DLHDon", "MCCQT", "DSCKS"]
 * ```
 */
export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === "element") out.push(c);
  return out;
}

/**
 * The first child element with a local name (any namespace).
 *
 * @param el - the parent
 * @param local - the local name
 * @returns the child, or `undefined`
 * @example
 * ```ts
 * childNamed(hdon, "DLHDon");
 * ```
 */
export function childNamed(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.type === "element" && c.local === local) return c;
  return undefined;
}

/**
 * The text content of an element (its descendant texts, in order).
 *
 * @param el - the element
 * @returns the text
 * @example
 * ```ts
 * textOf(childNamed(ttchung, "SHDon")); // "0000169"
 * ```
 */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return "";
  let out = "";
  const stack: XmlNode[] = [...el.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === "text") out += n.value;
    else if (n.type === "element") for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/**
 * Whether `inner` is `outer` or lies inside it.
 *
 * @param outer - a possible ancestor
 * @param inner - the element
 * @returns `true` when `outer` is an ancestor-or-self of `inner`
 * @example
 * ```ts
 * isWithin(dlhdon, childNamed(dlhdon, "TTChung")!); // true
 * ```
 */
export function isWithin(outer: XmlElement, inner: XmlElement): boolean {
  for (let e: XmlElement | null = inner; e; e = e.parent) if (e === outer) return true;
  return false;
}

/**
 * The element's path from the root by qualified names, with a 1-based position where a name repeats among siblings:
 * `/TDiep/DLieu/HDon/DLHDon`, `/HDon/DSCKS[2]/CQT`.
 *
 * @param el - the element
 * @returns the path
 * @example
 * ```ts
 * elementPath(dlhdon); // "/HDon/DLHDon"
 * ```
 */
export function elementPath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) {
    let step = e.qname;
    if (e.parent) {
      const same = e.parent.children.filter((c): c is XmlElement => c.type === "element" && c.qname === e!.qname);
      if (same.length > 1) step += `[${same.indexOf(e) + 1}]`;
    }
    parts.push(step);
  }
  return `/${parts.reverse().join("/")}`;
}
