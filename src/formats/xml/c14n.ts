import { XML_NS, type XmlAttribute, type XmlDocument, type XmlElement, type XmlNode } from "./tree.js";

/** How to canonicalise: inclusive or exclusive C14N 1.0, with or without comments. */
export interface C14nOptions {
  /** Exclusive XML Canonicalization 1.0 instead of Canonical XML 1.0. */
  readonly exclusive: boolean;
  /** Keep comments (the `#WithComments` variants). */
  readonly withComments: boolean;
  /** Exclusive only: the `InclusiveNamespaces PrefixList`, `""` standing for `#default`. */
  readonly inclusivePrefixes?: ReadonlySet<string>;
}

/** What to canonicalise: the subtree of `apex` (a whole document, or an element and its descendants), minus `exclude`. */
export interface C14nTarget {
  readonly apex: XmlDocument | XmlElement;
  /** A subtree removed from the node-set: the enveloping signature under the enveloped-signature transform. */
  readonly exclude?: XmlElement | undefined;
}

type Scope = ReadonlyMap<string, string>;
const EMPTY: Scope = new Map();

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<"\t\n\r]/;

function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
}

function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

const byPrefix = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const byName = (a: XmlAttribute, b: XmlAttribute): number =>
  a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.local < b.local ? -1 : a.local > b.local ? 1 : 0;

/** The namespaces in scope at an element, its own declarations included. */
export function namespacesInScope(el: XmlElement | null): Scope {
  const chain: XmlElement[] = [];
  for (let e = el; e; e = e.parent) chain.push(e);
  let scope: Scope = EMPTY;
  for (let i = chain.length - 1; i >= 0; i--) scope = extend(scope, chain[i]!);
  return scope;
}

function extend(scope: Scope, el: XmlElement): Scope {
  if (el.namespaces.length === 0) return scope;
  const next = new Map(scope);
  for (const [p, uri] of el.namespaces) next.set(p, uri);
  return next;
}

/** `xml:*` attributes of the apex's ancestors, nearest first wins (C14N 1.0 §2.4, inclusive only). */
function inheritedXmlAttributes(apex: XmlElement): XmlAttribute[] {
  const found = new Map<string, XmlAttribute>();
  for (const a of apex.attributes) if (a.ns === XML_NS) found.set(a.local, a);
  const out: XmlAttribute[] = [];
  for (let e = apex.parent; e; e = e.parent) {
    for (const a of e.attributes) {
      if (a.ns === XML_NS && !found.has(a.local)) {
        found.set(a.local, a);
        out.push(a);
      }
    }
  }
  return out;
}

/** Adds a namespace node to render when the output in effect does not already bind the prefix to the same URI. */
function consider(p: string, scope: Scope, rendered: Scope, decls: [string, string][]): void {
  if (p === "xml") return;
  const uri = scope.get(p) ?? "";
  if (p === "" ? uri !== (rendered.get("") ?? "") : rendered.get(p) !== uri && scope.has(p)) decls.push([p, uri]);
}

class Canonicalizer {
  /** The output so far: one string grown in place (V8 keeps it as a rope until it is read), not parts to join. */
  out = "";

  constructor(
    private readonly options: C14nOptions,
    private readonly exclude: XmlElement | undefined,
  ) {}

  element(el: XmlElement, parentScope: Scope, rendered: Scope, apex: boolean): void {
    const scope = extend(parentScope, el);
    let inner = rendered;
    let tag = "<" + el.qname;
    // Inclusive: below the apex, an element declaring nothing has its parent's scope, which the output already holds.
    if (this.options.exclusive || apex || el.namespaces.length > 0) {
      const decls: [string, string][] = [];
      if (this.options.exclusive) {
        const used = new Set<string>([el.prefix]);
        for (const a of el.attributes) if (a.prefix !== "") used.add(a.prefix);
        for (const p of this.options.inclusivePrefixes ?? []) if (p === "" || scope.has(p)) used.add(p);
        for (const p of used) consider(p, scope, rendered, decls);
      } else {
        for (const p of scope.keys()) consider(p, scope, rendered, decls);
      }
      if (decls.length > 0) {
        const next = new Map(rendered);
        for (const [p, uri] of decls) next.set(p, uri);
        inner = next;
        if (decls.length > 1) decls.sort(byPrefix);
        for (const [p, uri] of decls) tag += (p === "" ? ' xmlns="' : " xmlns:" + p + '="') + escapeAttr(uri) + '"';
      }
    }
    let attrs: readonly XmlAttribute[] = el.attributes;
    if (apex && !this.options.exclusive) attrs = [...attrs, ...inheritedXmlAttributes(el)].sort(byName);
    else if (attrs.length > 1) attrs = [...attrs].sort(byName);
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i]!;
      tag += " " + a.qname + '="' + escapeAttr(a.value) + '"';
    }
    this.out += tag + ">";
    this.children(el.children, scope, inner);
    this.out += "</" + el.qname + ">";
  }

  children(nodes: readonly XmlNode[], scope: Scope, rendered: Scope): void {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.type === "text") this.out += escapeText(n.value);
      else if (n.type === "element") {
        if (n !== this.exclude) this.element(n, scope, rendered, false);
      } else this.misc(n);
    }
  }

  misc(n: Exclude<XmlNode, XmlElement | { type: "text" }>): boolean {
    if (n.type === "comment") {
      if (!this.options.withComments) return false;
      this.out += "<!--" + n.value + "-->";
    } else this.out += n.data === "" ? "<?" + n.target + "?>" : "<?" + n.target + " " + n.data + "?>";
    return true;
  }
}

/**
 * Canonicalises a document or an element's subtree under Canonical XML 1.0 or Exclusive XML Canonicalization 1.0,
 * with real namespace-node semantics: for inclusive C14N of a subtree, every namespace in scope at the apex (declared
 * on any ancestor, such as an `HDon` or a `TDiep` wrapper) is rendered on it, and `xml:*` attributes are inherited;
 * `xmlns=""` is rendered where a default namespace is undeclared below one that was output.
 *
 * @param target - the apex (document or element) and an optional subtree to leave out
 * @param options - exclusive or inclusive, comments, inclusive prefixes
 * @returns the canonical form as a string (encode it as UTF-8 to hash it)
 * @example
 * ```ts
 * const c = canonicalize({ apex: dlhdon }, { exclusive: false, withComments: false });
 * const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(c));
 * ```
 */
export function canonicalize(target: C14nTarget, options: C14nOptions): string {
  const c = new Canonicalizer(options, target.exclude);
  const apex = target.apex;
  if ("root" in apex) {
    for (const n of apex.before) if (c.misc(n)) c.out += "\n";
    if (apex.root !== target.exclude) c.element(apex.root, EMPTY, EMPTY, false);
    for (const n of apex.after) {
      const at = c.out.length;
      if (c.misc(n)) c.out = c.out.slice(0, at) + "\n" + c.out.slice(at);
    }
  } else if (apex !== target.exclude) {
    c.element(apex, namespacesInScope(apex.parent), EMPTY, true);
  }
  return c.out;
}
