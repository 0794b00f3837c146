// xml.md rules 2-4: explicit reference resolution, the enveloped transform and its .NET quirk, the binding rule.
import { describe, expect, it } from "vitest";
import { createTestInvoice, signXml, wrapSignedInvoice } from "decree130/testing";
import { validateXml, type XmlReport } from "decree130/xml";
import { parseXml } from "../../src/formats/xml/parse.js";
import { roleOf } from "../../src/formats/xml/roles.js";
import { childElements } from "../../src/formats/xml/tree.js";
import { xmlOptions, xmlSigners } from "./helpers.js";

const key = (r: XmlReport, i = 0) => r.signatures[i]!.conditions.keyCorrespondence;
const judge = async (xml: string) => validateXml(xml, await xmlOptions());
const T = "2025-06-01T02:00:00Z";
const invoice = createTestInvoice({
  seller: { name: "TEST Công ty Bán", mst: "0101234567" },
  buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
  lines: [{ name: "Bút bi", quantity: 10, unitPrice: 5000 }],
});

describe("references resolve explicitly", async () => {
  const s = await xmlSigners();
  const signed = await signXml(invoice, s.seller, { role: "seller", signingTime: T });

  it.each(["Id", "ID", "id"])("#value matches an unprefixed %s attribute", async (attr) => {
    const xml = invoice.replace('<DLHDon Id="DLHDon-1">', `<DLHDon ${attr}="DLHDon-1">`);
    const r = await judge(await signXml(xml, s.seller, { role: "seller", referenceIds: ["DLHDon-1"] }));
    expect(key(r)).toMatchObject({ status: "PASSED", code: "SIGNATURE_VALID" });
    expect(r.signatures[0]!.xml.boundTo).toBe("/HDon/DLHDon");
  });
  it("a value occurring twice across Id, ID and id is AMBIGUOUS_REFERENCE (no first match)", async () => {
    const r = await judge(signed.replace('<MCCQT Id="MCCQT-1"', '<MCCQT Id="MCCQT-1" id="DLHDon-1"'));
    expect(key(r)).toMatchObject({ status: "FAILED", code: "AMBIGUOUS_REFERENCE" });
  });
  it.each([
    ["an external URI", (x: string) => x.replace('URI="#DLHDon-1"', 'URI="invoice.xml"')],
    ["an XPointer", (x: string) => x.replace('URI="#DLHDon-1"', "URI=\"#xpointer(id('DLHDon-1'))\"")],
    ["no URI", (x: string) => x.replace(' URI="#DLHDon-1"', "")],
    ["an Id nothing carries", (x: string) => x.replace('URI="#DLHDon-1"', 'URI="#DLHDon-2"')],
  ])("%s is UNSUPPORTED_REFERENCE", async (_label, edit) => {
    expect(key(await judge(edit(signed)))).toMatchObject({ status: "FAILED", code: "UNSUPPORTED_REFERENCE" });
  });
  it('URI="" covers the whole document, satisfies the binding rule, and requires the enveloped transform', async () => {
    const whole = await signXml(invoice, s.seller, { role: "seller", wholeDocument: true });
    const r = await judge(whole);
    expect(key(r).code).toBe("SIGNATURE_VALID");
    expect(r.signatures[0]!.xml).toMatchObject({ boundTo: "/HDon/DLHDon", covers: [{ uri: "", element: "/", digestValid: true }] });
    const without = whole.replace('<Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>', "");
    expect(key(await judge(without))).toMatchObject({ status: "FAILED", code: "UNSUPPORTED_REFERENCE" });
  });
  it("a transform other than enveloped and C14N is UNSUPPORTED_ALGORITHM (FAILED)", async () => {
    // Writing the XPath URI changes SignedInfo, so SignatureValue fails too, and the engine names that first.
    const xpath = signed.replace("http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/TR/1999/REC-xpath-19991116");
    const k = key(await judge(xpath));
    expect(k).toMatchObject({ status: "FAILED", code: "SIGNATURE_INVALID" });
    expect(k.evidence["problems"]).toContainEqual({ code: "UNSUPPORTED_ALGORITHM", detail: "transform http://www.w3.org/TR/1999/REC-xpath-19991116" });
  });
});

describe("the enveloped-signature transform", async () => {
  const s = await xmlSigners();
  it(".NET quirk: on a reference inside the signature's own ds:Object it is a no-op", async () => {
    const r = await judge(await signXml(invoice, s.seller, { role: "seller", signingTime: T, dotNetQuirk: true }));
    expect(key(r).code).toBe("SIGNATURE_VALID");
    expect(r.signatures[0]!.xml.covers[1]).toMatchObject({ element: expect.stringMatching(/\/Object\/SignatureProperties\/SignatureProperty$/), digestValid: true });
    expect(r.signatures[0]!.xml.signingTime?.value).toBe("2025-06-01T02:00:00Z");
  });
  it("on a target without a signature it is a no-op; on one containing the signature it removes only that one", async () => {
    const seller = await signXml(invoice, s.seller, { role: "seller", signingTime: T });
    const other = await signXml(seller, s.buyer, { role: "other", wholeDocument: true });
    const r = await judge(other);
    expect(r.signatures.map((x) => x.conditions.keyCorrespondence.code)).toEqual(["SIGNATURE_VALID", "SIGNATURE_VALID"]);
  });
  it("two signatures over the same node each remove only themselves (a canonical form is shared only when identical)", async () => {
    // Both reference the whole document: the second one's digest covers the first signature, the first one's digest
    // (made before the second existed) no longer matches. Serialising the document once for both would get one wrong.
    const first = await signXml(invoice, s.seller, { role: "other", wholeDocument: true, signatureId: "sig-1" });
    const second = await signXml(first, s.buyer, { role: "other", wholeDocument: true, signatureId: "sig-2" });
    const r = await judge(second);
    expect(r.signatures.map((x) => x.xml.covers[0]!.digestValid)).toEqual([false, true]);
    // Two signatures over the same DLHDon under the same transforms share its canonical form, and both hold.
    const both = await signXml(await signXml(invoice, s.seller, { role: "seller", signingTime: T }), s.buyer, { role: "other", referenceIds: ["DLHDon-1"] });
    expect((await judge(both)).signatures.map((x) => x.xml.covers[0]!.digestValid)).toEqual([true, true]);
    // The same form hashed with two digest algorithms: each reference gets its own algorithm's digest.
    const mixed = await signXml(await signXml(invoice, s.seller, { role: "seller", signingTime: T }), s.buyer, { role: "other", referenceIds: ["DLHDon-1"], digest: "SHA-384" });
    const m = await judge(mixed);
    expect(m.signatures.map((x) => x.xml.covers[0]!.digestValid)).toEqual([true, true]);
    expect(m.signatures.map((x) => x.conditions.keyCorrespondence.code)).toEqual(["SIGNATURE_VALID", "SIGNATURE_VALID"]);
  });
});

describe("binding (anti-wrapping)", async () => {
  const s = await xmlSigners();
  const signed = await signXml(invoice, s.seller, { role: "seller", signingTime: T });

  it.each(["signature-object", "extension", "duplicate-id"] as const)("an XSW attack (%s) never shows the forged data as signed", async (placement) => {
    const r = await judge(wrapSignedInvoice(signed, { placement, total: "1" }));
    expect(key(r).status).toBe("FAILED");
    expect(key(r).code).toBe(placement === "duplicate-id" ? "AMBIGUOUS_REFERENCE" : "NOT_BOUND_TO_DOCUMENT");
    expect(r.signatures[0]!.xml.boundTo).toBeNull();
    expect(r.document.invoice).toBeNull();
  });
  it("the signed original moved into the signature keeps its digest (the attack is caught by binding, not by digests)", async () => {
    const r = await judge(wrapSignedInvoice(signed, { placement: "signature-object" }));
    expect(r.signatures[0]!.xml.covers[0]!.digestValid).toBe(true);
  });
  it("a seller signature referencing something other than its DLHDon is NOT_BOUND_TO_DOCUMENT", async () => {
    const r = await judge(await signXml(invoice, s.seller, { role: "seller", referenceIds: ["MCCQT-1"] }));
    expect(key(r)).toMatchObject({ status: "FAILED", code: "NOT_BOUND_TO_DOCUMENT" });
  });
  it("a buyer may reference a descendant of DLHDon and is bound to it; a seller may not", async () => {
    const xml = invoice.replace("<NDHDon>", '<NDHDon Id="nd-1">');
    const buyer = await judge(await signXml(xml, s.buyer, { role: "buyer", referenceIds: ["nd-1"] }));
    expect(key(buyer).code).toBe("SIGNATURE_VALID");
    expect(buyer.signatures[0]!.xml).toMatchObject({ role: "buyer", boundTo: "/HDon/DLHDon/NDHDon" });
    const seller = await judge(await signXml(xml, s.seller, { role: "seller", referenceIds: ["nd-1"] }));
    expect(key(seller).code).toBe("NOT_BOUND_TO_DOCUMENT");
  });
  it("a tax-authority signature must also reference the HDon's MCCQT", async () => {
    const withCode = await judge(await signXml(signed, s.taxAuthority, { role: "tax-authority", signingTime: "2025-06-01T02:05:00Z" }));
    expect(key(withCode, 1).code).toBe("SIGNATURE_VALID");
    const dataOnly = await judge(await signXml(signed, s.taxAuthority, { role: "tax-authority", referenceIds: ["DLHDon-1"] }));
    expect(key(dataOnly, 1)).toMatchObject({ status: "FAILED", code: "NOT_BOUND_TO_DOCUMENT" });
    const noCode = createTestInvoice({ seller: { name: "B" }, lines: [{ name: "x", quantity: 1, unitPrice: 1 }], mccqt: null });
    const missing = await judge(await signXml(noCode, s.taxAuthority, { role: "tax-authority" }));
    expect(key(missing).code).toBe("NOT_BOUND_TO_DOCUMENT");
    expect(key(missing).evidence["problems"]).toEqual([{ code: "NOT_BOUND_TO_DOCUMENT", detail: "HDon has 0 MCCQT elements, not one" }]);
  });
  it("notices bind to TBao/DLTBao and declarations to TKhai/DLTKhai", async () => {
    const notice = await judge(await signXml('<TBao><DLTBao Id="tb-1"><MSo>01/TB-TNĐT</MSo></DLTBao><DSCKS><CQT/></DSCKS></TBao>', s.taxAuthority, { role: "tax-authority" }));
    expect([key(notice).code, notice.signatures[0]!.xml.boundTo, notice.document.kind]).toEqual(["SIGNATURE_VALID", "/TBao/DLTBao", "notice"]);
    const decl = await judge(await signXml('<TKhai><DLTKhai Id="tk-1"><MST>0101234567</MST></DLTKhai><DSCKS><NNT/></DSCKS></TKhai>', s.seller, { role: "taxpayer" }));
    expect([key(decl).code, decl.signatures[0]!.xml.role, decl.signatures[0]!.xml.boundTo, decl.document.kind]).toEqual([
      "SIGNATURE_VALID",
      "taxpayer",
      "/TKhai/DLTKhai",
      "declaration",
    ]);
    const wrong = await judge(await signXml('<TBao><DLTBao Id="tb-1"/><Khac Id="k-1"/><DSCKS><CQT/></DSCKS></TBao>', s.taxAuthority, { role: "tax-authority", referenceIds: ["k-1"] }));
    expect(key(wrong).code).toBe("NOT_BOUND_TO_DOCUMENT");
  });
  it("roles come from the parent under DSCKS: NBan, NMua, CQT, NNT, CCKSKhac; anything else is other", () => {
    const doc = parseXml(
      '<HDon><DSCKS><NBan><S/></NBan><NMua><S/></NMua><CQT><S/></CQT><NNT><S/></NNT><CCKSKhac><S/></CCKSKhac><X><S/></X></DSCKS><NBan><S/></NBan></HDon>',
    );
    const [dscks, loose] = childElements(doc.root);
    const roles = [...childElements(dscks!), loose!].map((p) => roleOf(childElements(p)[0]!));
    expect(roles).toEqual(["seller", "buyer", "tax-authority", "taxpayer", "other", "other", "other"]);
  });
});
