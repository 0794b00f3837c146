import { Decree130Error } from "../../errors.js";
import { decodeXmlText } from "./decode.js";
import { resolveXmlLimits, type XmlLimits } from "./limits.js";
import { NAME_AT, splitQName } from "./names.js";
import { expandReferences } from "./references.js";
import { XML_NS, type XmlAttribute, type XmlComment, type XmlDocument, type XmlElement, type XmlProcessingInstruction } from "./tree.js";

const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const XML_DECL = /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\4)?[ \t\n]*\?>/y;
/** Encodings a UTF-8 document may declare (US-ASCII is a subset). */
const UTF8_NAMES = new Set(["utf-8", "utf8", "us-ascii", "ascii"]);

type Misc = XmlComment | XmlProcessingInstruction;
type MutableElement = XmlElement & { children: XmlElement["children"] };

/**
 * A strict, non-validating XML 1.0 + Namespaces reader. It reads no DTD (a DOCTYPE is refused), expands only the five
 * predefined entities and character references, fetches nothing, and bounds depth, attributes and node count.
 */
class Reader {
  private pos = 0;
  private nodes = 0;

  constructor(
    private readonly s: string,
    private readonly limits: XmlLimits,
  ) {}

  fail(message: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = this.s.indexOf("\n"); i !== -1 && i < at; i = this.s.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    throw new Decree130Error("MALFORMED_XML", `${message} (line ${line}, column ${at - lineStart + 1})`);
  }

  private count(): void {
    if (++this.nodes > this.limits.maxNodes) {
      throw new Decree130Error("XML_LIMIT_EXCEEDED", `the document has more than ${this.limits.maxNodes} nodes`);
    }
  }

  private skipSpace(): boolean {
    const start = this.pos;
    for (let c = this.s.charCodeAt(this.pos); c === 0x20 || c === 0x0a || c === 0x09; c = this.s.charCodeAt(++this.pos));
    return this.pos > start;
  }

  private name(): string {
    // ASCII names (all of the GDT formats) without the regex; anything else goes through the full Name production.
    const s = this.s;
    const start = this.pos;
    let i = start;
    for (let c = s.charCodeAt(i); (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || (i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e)); c = s.charCodeAt(++i));
    if (i > start && s.charCodeAt(i) < 0x80) {
      this.pos = i;
      return s.slice(start, i);
    }
    NAME_AT.lastIndex = this.pos;
    const m = NAME_AT.exec(this.s);
    if (!m) return this.fail("a name was expected");
    this.pos += m[0].length;
    return m[0];
  }

  document(fromBytes: boolean): XmlDocument {
    XML_DECL.lastIndex = 0;
    const decl = XML_DECL.exec(this.s);
    if (decl) {
      this.pos = decl[0].length;
      const encoding = decl[3];
      if (fromBytes && encoding !== undefined && !UTF8_NAMES.has(encoding.toLowerCase())) {
        this.fail(`encoding "${encoding}" is not supported: only UTF-8`, 0);
      }
    } else if (/^<\?xml[ \t\n?]/.test(this.s)) {
      this.fail("malformed XML declaration", 0);
    }
    const before = this.misc();
    if (this.s.startsWith("<!DOCTYPE", this.pos)) {
      throw new Decree130Error("XML_DTD_REFUSED", "the document has a document type declaration (DTD): refused, never read");
    }
    if (this.s.charCodeAt(this.pos) !== 0x3c) this.fail("the root element was expected");
    const root = this.elements();
    const after = this.misc();
    if (this.pos < this.s.length) this.fail("content after the root element");
    return { root, before, after, nodeCount: this.nodes };
  }

  /** Comments, processing instructions and whitespace outside the root element. */
  private misc(): Misc[] {
    const out: Misc[] = [];
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith("<!--", this.pos)) out.push(this.comment());
      else if (this.s.startsWith("<?", this.pos)) out.push(this.pi());
      else return out;
    }
  }

  private comment(): XmlComment {
    const start = this.pos + 4;
    const end = this.s.indexOf("--", start);
    if (end === -1) this.fail("unterminated comment");
    if (this.s.charCodeAt(end + 2) !== 0x3e) this.fail("'--' inside a comment", end);
    this.pos = end + 3;
    this.count();
    return { type: "comment", value: this.s.slice(start, end) };
  }

  private pi(): XmlProcessingInstruction {
    this.pos += 2;
    const target = this.name();
    if (target.toLowerCase() === "xml") this.fail("an XML declaration is only allowed at the very start");
    if (target.includes(":")) this.fail("a processing instruction target may not contain ':'");
    const end = this.s.indexOf("?>", this.pos);
    if (end === -1) this.fail("unterminated processing instruction");
    let data = "";
    if (end > this.pos) {
      if (!this.skipSpace()) this.fail("whitespace expected after the processing instruction target");
      data = this.s.slice(this.pos, end);
    }
    this.pos = end + 2;
    this.count();
    return { type: "pi", target, data };
  }

  /** The root element and everything inside it, read with an explicit stack (no recursion). */
  private elements(): XmlElement {
    const root = this.startTag(null);
    if (root.selfClosing) return root.element;
    const stack: MutableElement[] = [root.element];
    const s = this.s;
    while (stack.length > 0) {
      const cur = stack[stack.length - 1]!;
      const lt = s.indexOf("<", this.pos);
      if (lt === -1) this.fail(`element <${cur.qname}> is not closed`, s.length);
      if (lt > this.pos) this.text(cur, s.slice(this.pos, lt));
      this.pos = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) {
        this.pos += 2;
        // The expected name, compared in place (no copy); anything else is read as a name for the error message.
        const after = s.charCodeAt(this.pos + cur.qname.length);
        if (s.startsWith(cur.qname, this.pos) && (after === 0x3e || after === 0x20 || after === 0x0a || after === 0x09)) this.pos += cur.qname.length;
        else {
          const name = this.name();
          if (name !== cur.qname) this.fail(`</${name}> closes <${cur.qname}>`);
        }
        this.skipSpace();
        if (s.charCodeAt(this.pos) !== 0x3e) this.fail("'>' expected");
        this.pos++;
        stack.pop();
      } else if (next === 0x21 /* ! */) {
        if (s.startsWith("<!--", lt)) cur.children.push(this.comment());
        else if (s.startsWith("<![CDATA[", lt)) {
          const end = s.indexOf("]]>", lt + 9);
          if (end === -1) this.fail("unterminated CDATA section");
          this.pos = end + 3;
          this.appendText(cur, s.slice(lt + 9, end));
        } else if (s.startsWith("<!DOCTYPE", lt)) {
          throw new Decree130Error("XML_DTD_REFUSED", "a document type declaration (DTD) inside the document: refused");
        } else this.fail("markup declarations are not allowed");
      } else if (next === 0x3f /* ? */) {
        cur.children.push(this.pi());
      } else {
        const child = this.startTag(cur);
        cur.children.push(child.element);
        if (!child.selfClosing) stack.push(child.element);
      }
    }
    return root.element;
  }

  private text(parent: MutableElement, raw: string): void {
    if (raw.includes("]]>")) this.fail("']]>' is not allowed in text");
    this.appendText(parent, raw.includes("&") ? this.expand(raw) : raw);
  }

  private appendText(parent: MutableElement, value: string): void {
    const last = parent.children[parent.children.length - 1];
    if (last?.type === "text") last.value += value;
    else {
      this.count();
      parent.children.push({ type: "text", value });
    }
  }

  private expand(raw: string): string {
    try {
      return expandReferences(raw);
    } catch (err) {
      return this.fail((err as Error).message);
    }
  }

  private startTag(parent: MutableElement | null): { element: MutableElement; selfClosing: boolean } {
    const tagStart = this.pos;
    this.pos++;
    const qname = this.name();
    const depth = (parent?.depth ?? 0) + 1;
    if (depth > this.limits.maxDepth) {
      throw new Decree130Error("XML_LIMIT_EXCEEDED", `elements are nested deeper than ${this.limits.maxDepth} levels`);
    }
    const raw: [string, string][] = [];
    let selfClosing = false;
    for (;;) {
      const spaced = this.skipSpace();
      const c = this.s.charCodeAt(this.pos);
      if (c === 0x3e) {
        this.pos++;
        break;
      }
      if (c === 0x2f && this.s.charCodeAt(this.pos + 1) === 0x3e) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (!spaced) this.fail(Number.isNaN(c) ? `unterminated tag <${qname}>` : "whitespace or the end of the tag expected");
      const name = this.name();
      this.skipSpace();
      if (this.s.charCodeAt(this.pos) !== 0x3d) this.fail(`'=' expected after attribute ${name}`);
      this.pos++;
      this.skipSpace();
      const quote = this.s[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${name} needs a quoted value`);
      const end = this.s.indexOf(quote, this.pos + 1);
      if (end === -1) this.fail(`unterminated value of attribute ${name}`);
      let value = this.s.slice(this.pos + 1, end);
      if (value.includes("<")) this.fail(`'<' in the value of attribute ${name}`);
      this.pos = end + 1;
      // Attribute-value normalisation (XML 1.0 §3.3.3, every attribute being CDATA without a DTD): literal whitespace
      // becomes a space before references are replaced, so &#10; stays a line feed.
      if (/[\t\n]/.test(value)) value = value.replace(/[\t\n]/g, " ");
      if (value.includes("&")) value = this.expand(value);
      if (raw.length >= this.limits.maxAttributesPerElement) {
        throw new Decree130Error("XML_LIMIT_EXCEEDED", `element <${qname}> has more than ${this.limits.maxAttributesPerElement} attributes`);
      }
      raw.push([name, value]);
    }
    this.count();
    return { element: this.bind(qname, raw, parent, depth, tagStart), selfClosing };
  }

  /** Applies Namespaces in XML 1.0: separates declarations, resolves prefixes, refuses duplicates. */
  private bind(qname: string, raw: readonly [string, string][], parent: MutableElement | null, depth: number, at: number): MutableElement {
    let namespaces: [string, string][] = NONE;
    let plain: [string, string][] = NONE;
    for (let i = 0; i < raw.length; i++) {
      const [name, value] = raw[i]!;
      for (let j = 0; j < i; j++) if (raw[j]![0] === name) this.fail(`attribute ${name} is repeated`, at);
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        const prefix = name === "xmlns" ? "" : name.slice(6);
        if (prefix === "xmlns" || value === XMLNS_NS) this.fail("the xmlns prefix and namespace cannot be declared", at);
        if ((prefix === "xml") !== (value === XML_NS)) this.fail("the xml prefix belongs to its own namespace only", at);
        if (prefix !== "" && value === "") this.fail(`prefix ${prefix} cannot be undeclared in XML 1.0`, at);
        if (prefix.includes(":")) this.fail(`bad namespace declaration ${name}`, at);
        if (namespaces === NONE) namespaces = [];
        namespaces.push([prefix, value]);
      } else {
        if (plain === NONE) plain = [];
        plain.push([name, value]);
      }
    }
    const parts = splitQName(qname);
    if (!parts || parts[0] === "xmlns") this.fail(`<${qname}> is not a valid qualified name`, at);
    // An element that declares nothing resolves its parent's prefix to its parent's namespace: no walk up the tree.
    const ns = namespaces === NONE && parent !== null && parts[0] === parent.prefix ? parent.ns : lookup(parts[0], namespaces, parent);
    if (ns === undefined) this.fail(`prefix ${parts[0]} of <${qname}> is not declared`, at);
    const attributes: XmlAttribute[] = plain.length === 0 ? (NONE as never[]) : [];
    for (const [name, value] of plain) {
      const p = splitQName(name);
      if (!p) this.fail(`attribute ${name} is not a valid qualified name`, at);
      const attrNs = p[0] === "" ? "" : lookup(p[0], namespaces, parent);
      if (attrNs === undefined) this.fail(`prefix ${p[0]} of attribute ${name} is not declared`, at);
      if (attrNs !== "" && attributes.some((a) => a.ns === attrNs && a.local === p[1])) this.fail(`attribute ${name} is repeated under another prefix`, at);
      attributes.push({ qname: name, prefix: p[0], local: p[1], ns: attrNs, value });
    }
    return { type: "element", qname, prefix: parts[0], local: parts[1], ns, attributes, namespaces, children: [], parent, depth };
  }
}

/** A shared empty list for elements without attributes or declarations (never written to). */
const NONE: [string, string][] = [];

/** The namespace a prefix is bound to at an element being read: its own declarations, then its ancestors'. */
function lookup(prefix: string, own: readonly (readonly [string, string])[], parent: XmlElement | null): string | undefined {
  for (const [p, uri] of own) if (p === prefix) return uri;
  if (prefix === "xml") return XML_NS;
  for (let e: XmlElement | null = parent; e; e = e.parent) for (const [p, uri] of e.namespaces) if (p === prefix) return uri;
  return prefix === "" ? "" : undefined;
}

/**
 * Reads an XML document strictly and safely: UTF-8 only, no DTD (a DOCTYPE is refused with `XML_DTD_REFUSED`), no
 * entity other than the five predefined ones and character references, no external resource, Namespaces in XML
 * enforced, and every size the input controls bounded by `limits`.
 *
 * @param input - the document's bytes (UTF-8) or text
 * @param limits - bounds; see {@link XmlLimits}
 * @returns the tree
 * @throws {@link Decree130Error} `MALFORMED_XML`, `XML_DTD_REFUSED`, `XML_LIMIT_EXCEEDED`, `INPUT_EMPTY`, `INPUT_TOO_LARGE`
 * @example
 * ```ts
 * const doc = parseXml('<HDon><DLHDon Id="a">…</DLHDon></HDon>');
 * doc.root.local; // "HDon"
 * ```
 */
export function parseXml(input: Uint8Array | string, limits: Partial<XmlLimits> = {}): XmlDocument {
  const resolved = resolveXmlLimits(limits);
  const { text, fromBytes } = decodeXmlText(input, resolved.maxInputBytes);
  return new Reader(text, resolved).document(fromBytes);
}
