import { describe, expect, it } from "vitest";
import { isDecree130Error } from "../../src/errors.js";
import { parseXml } from "../../src/formats/xml/parse.js";
import type { XmlElement } from "../../src/formats/xml/tree.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isDecree130Error(err) ? err.code : `untyped ${(err as Error).name}`;
  }
  return undefined;
}

describe("safe XML reading: DTDs and entities are refused", () => {
  it("refuses an XXE document without reading the external entity", () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(codeOf(() => parseXml(xxe))).toBe("XML_DTD_REFUSED");
  });
  it("refuses billion laughs before expanding anything", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]><lolz>&lol9;</lolz>`;
    expect(codeOf(() => parseXml(lol))).toBe("XML_DTD_REFUSED");
  });
  it("refuses a DOCTYPE with only an external subset, and one inside the content", () => {
    expect(codeOf(() => parseXml('<!DOCTYPE HDon SYSTEM "http://example.invalid/x.dtd"><HDon/>'))).toBe("XML_DTD_REFUSED");
    expect(codeOf(() => parseXml("<a><!DOCTYPE a></a>"))).toBe("XML_DTD_REFUSED");
  });
  it("treats an entity other than the five predefined ones as not well-formed", () => {
    expect(codeOf(() => parseXml("<a>&nbsp;</a>"))).toBe("MALFORMED_XML");
    expect(codeOf(() => parseXml('<a b="&x;"/>'))).toBe("MALFORMED_XML");
  });
  it("expands the predefined entities and character references only", () => {
    const doc = parseXml('<a b="&lt;&#x1EA1;&#39;">&amp;&gt;&quot;&apos;&#8364;</a>');
    expect(doc.root.attributes[0]!.value).toBe("<ạ'");
    expect(doc.root.children[0]).toEqual({ type: "text", value: "&>\"'€" });
  });
  it.each(["&#0;", "&#xD800;", "&#x110000;", "&#12345678;", "&#xZZ;", "&;"])("refuses the reference %s", (ref) => {
    expect(codeOf(() => parseXml(`<a>${ref}</a>`))).toBe("MALFORMED_XML");
  });
});

describe("limits", () => {
  it("refuses nesting deeper than the limit with XML_LIMIT_EXCEEDED, iteratively (no stack overflow)", () => {
    const deep = `${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}`;
    expect(codeOf(() => parseXml(deep))).toBe("XML_LIMIT_EXCEEDED");
    expect(codeOf(() => parseXml(`${"<a>".repeat(256)}${"</a>".repeat(256)}`))).toBeUndefined();
    expect(codeOf(() => parseXml(`${"<a>".repeat(257)}${"</a>".repeat(257)}`))).toBe("XML_LIMIT_EXCEEDED");
  });
  it("refuses too many attributes and too many nodes", () => {
    const attrs = Array.from({ length: 300 }, (_, i) => `a${i}="1"`).join(" ");
    expect(codeOf(() => parseXml(`<r ${attrs}/>`))).toBe("XML_LIMIT_EXCEEDED");
    expect(codeOf(() => parseXml(`<r>${"<x/>".repeat(50)}</r>`, { maxNodes: 20 }))).toBe("XML_LIMIT_EXCEEDED");
  });
  it("reads a huge attribute value in one pass, and refuses input above the size limit", () => {
    const big = `<r a="${"x".repeat(8_000_000)}"/>`;
    expect(parseXml(big).root.attributes[0]!.value.length).toBe(8_000_000);
    expect(codeOf(() => parseXml(big, { maxInputBytes: 1_000_000 }))).toBe("INPUT_TOO_LARGE");
    expect(codeOf(() => parseXml(new TextEncoder().encode(big), { maxInputBytes: 1_000_000 }))).toBe("INPUT_TOO_LARGE");
  });
  it("refuses a limit that is not a positive integer, or a depth above 1024 (misuse)", () => {
    expect(() => parseXml("<a/>", { maxDepth: 0 })).toThrow(TypeError);
    expect(() => parseXml("<a/>", { maxDepth: 5000 })).toThrow(TypeError);
  });
});

describe("well-formedness", () => {
  it.each([
    ["<a><b></a>", "mismatched end tag"],
    ["<a>", "unclosed element"],
    ['<a b="1" b="2"/>', "repeated attribute"],
    ['<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>', "same expanded attribute name"],
    ["<p:a/>", "undeclared prefix"],
    ['<a xmlns:p=""/>', "prefix undeclaration (XML 1.0)"],
    ['<a xmlns:xml="urn:other"/>', "xml prefix rebound"],
    ["<a>]]></a>", "]]> in text"],
    ["<a/><b/>", "two roots"],
    ["text<a/>", "text before the root"],
    ['<a x="<"/>', "< in attribute value"],
    ["<a x=1/>", "unquoted attribute"],
    ["<a><!-- x -- y --></a>", "-- in comment"],
    ["<a><?xml version='1.0'?></a>", "XML declaration not at the start"],
    ["<a>\u0001</a>", "forbidden control character"],
    ["<a:b:c/>", "not a QName"],
    ["", "empty"],
  ])("refuses %j (%s) with a typed error", (xml) => {
    expect(codeOf(() => parseXml(xml))).toMatch(/^(MALFORMED_XML|INPUT_EMPTY)$/);
  });
  it("reads UTF-8 with or without a BOM, refuses invalid UTF-8, UTF-16 and a non-UTF-8 encoding declaration", () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?><a>Hóa đơn</a>');
    expect((parseXml(bytes).root.children[0] as { value: string }).value).toBe("Hóa đơn");
    expect(parseXml(Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes)).root.local).toBe("a");
    expect(codeOf(() => parseXml(Uint8Array.of(0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e)))).toBe("MALFORMED_XML");
    expect(codeOf(() => parseXml(Uint8Array.of(0xff, 0xfe, 0x3c, 0x00)))).toBe("MALFORMED_XML");
    expect(codeOf(() => parseXml(new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')))).toBe("MALFORMED_XML");
  });
  it("normalises line endings, keeps CDATA as text and literal whitespace in attributes as spaces", () => {
    const doc = parseXml('<a x="1\r\n2\t3&#10;">l1\r\nl2\rl3<![CDATA[<&>]]></a>');
    expect(doc.root.attributes[0]!.value).toBe("1 2 3\n");
    expect(doc.root.children).toEqual([{ type: "text", value: "l1\nl2\nl3<&>" }]);
  });
  it("binds namespaces: prefixes, default namespace, xmlns=\"\" undeclaration, unprefixed attributes in no namespace", () => {
    const doc = parseXml('<r xmlns="urn:d" xmlns:p="urn:p"><p:a p:x="1" y="2"/><b xmlns=""/></r>');
    const [a, b] = doc.root.children as XmlElement[];
    expect([doc.root.ns, a!.ns, a!.attributes.map((x) => x.ns), b!.ns]).toEqual(["urn:d", "urn:p", ["urn:p", ""], ""]);
    expect(b!.namespaces).toEqual([["", ""]]);
  });
});
