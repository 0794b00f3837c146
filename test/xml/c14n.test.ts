import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalize } from "../../src/formats/xml/c14n.js";
import { parseXml } from "../../src/formats/xml/parse.js";
import { childElements, type XmlElement } from "../../src/formats/xml/tree.js";

const dir = new URL("../fixtures/xml/c14n/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, dir), "utf8");
const inclusive = { exclusive: false, withComments: false };
const exclusive = { exclusive: true, withComments: false };

describe("Canonical XML 1.0: the W3C examples (test/fixtures/xml/c14n, see PROVENANCE.md)", () => {
  it.each(["3.1-pis-comments", "3.2-whitespace", "3.3-tags", "3.4-characters", "3.6-utf8"])("%s", (name) => {
    const doc = parseXml(readFileSync(new URL(`${name}.xml`, dir)));
    expect(canonicalize({ apex: doc }, inclusive)).toBe(read(`${name}.c14n`));
  });
  it("3.1 with comments", () => {
    expect(canonicalize({ apex: parseXml(read("3.1-pis-comments.xml")) }, { exclusive: false, withComments: true })).toBe(
      read("3.1-pis-comments.c14n-comments"),
    );
  });
});

describe("namespace nodes of a subtree (exc-c14n §2.2)", () => {
  const doc = parseXml(read("exc-2.2.xml"));
  const elem2 = childElements(doc.root)[0]!;
  it("inclusive C14N renders every namespace in scope at the apex, inherited ones included", () => {
    expect(canonicalize({ apex: elem2 }, inclusive)).toBe(read("exc-2.2.elem2.c14n"));
  });
  it("exclusive C14N renders only the visibly used ones, where they are used", () => {
    expect(canonicalize({ apex: elem2 }, exclusive)).toBe(read("exc-2.2.elem2.exc-c14n"));
  });
  it("InclusiveNamespaces PrefixList brings a prefix back, #default (\"\") the default namespace", () => {
    expect(canonicalize({ apex: elem2 }, { ...exclusive, inclusivePrefixes: new Set(["n0"]) })).toMatch(
      /^<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http:\/\/example.net" xml:lang="en">/,
    );
    const d = parseXml('<r xmlns="urn:d"><a xmlns:p="urn:p"><b/></a></r>');
    const a = childElements(d.root)[0]!;
    expect(canonicalize({ apex: a }, exclusive)).toBe('<a xmlns="urn:d"><b></b></a>');
    expect(canonicalize({ apex: a }, { ...exclusive, inclusivePrefixes: new Set(["p"]) })).toBe('<a xmlns="urn:d" xmlns:p="urn:p"><b></b></a>');
  });
});

describe("what signed invoices need", () => {
  it("carries HDon's and a TDiep wrapper's namespaces into DLHDon, and inherits xml:lang (inclusive only)", () => {
    const doc = parseXml('<TDiep xmlns:t="urn:t" xml:lang="vi"><HDon xmlns:inv="urn:inv" xmlns:ds="urn:ds"><DLHDon Id="a">x</DLHDon></HDon></TDiep>');
    const dl = childElements(childElements(doc.root)[0]!)[0]!;
    expect(canonicalize({ apex: dl }, inclusive)).toBe('<DLHDon xmlns:ds="urn:ds" xmlns:inv="urn:inv" xmlns:t="urn:t" Id="a" xml:lang="vi">x</DLHDon>');
    expect(canonicalize({ apex: dl }, exclusive)).toBe('<DLHDon Id="a">x</DLHDon>');
  });
  it('renders xmlns="" where the default namespace is undeclared inside ds:Object, not on the apex', () => {
    const doc = parseXml('<Signature xmlns="urn:ds"><Object Id="o"><SignatureProperties xmlns=""><SigningTime>t</SigningTime></SignatureProperties></Object></Signature>');
    const object = childElements(doc.root)[0]!;
    expect(canonicalize({ apex: object }, inclusive)).toBe('<Object xmlns="urn:ds" Id="o"><SignatureProperties xmlns=""><SigningTime>t</SigningTime></SignatureProperties></Object>');
    const props = childElements(object)[0]!;
    expect(canonicalize({ apex: props }, inclusive)).toBe("<SignatureProperties><SigningTime>t</SigningTime></SignatureProperties>");
  });
  it("leaves out an excluded subtree (the enveloped signature) and escapes text and attributes", () => {
    const doc = parseXml('<r a="&quot;&#9;&lt;">&lt;&amp;&gt;&#13;<s><x/></s><t/></r>');
    const s = childElements(doc.root)[0] as XmlElement;
    expect(canonicalize({ apex: doc, exclude: s }, inclusive)).toBe('<r a="&quot;&#x9;&lt;">&lt;&amp;&gt;&#xD;<t></t></r>');
  });
});
