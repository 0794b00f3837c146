// Changes after a signature: every class of pdf.md, the status rules (DocMDP P, field locks, policy), removed
// signatures, hide-and-replace, trailing bytes, and what is not a change (re-serialised or re-compressed objects).
import { beforeAll, describe, expect, it } from "vitest";
import { documentVerdict } from "../../src/formats/pdf/index.js";
import { dictOf } from "../../src/formats/pdf/objects.js";
import { appendIncrementalUpdate, createTestPdf, signPdf } from "../../src/testing/index.js";
import { readBase, writeValue } from "../../src/testing/pdf-write.js";
import { deflate } from "./build.js";
import { bytes, judge, pdfKit, scan, SIGNED_AT, text } from "./kit.js";

// createTestPdf({ pages: 2, textFields }): 1 catalog, 2 pages, 3 font, 4 page 1, 5 its content, 6 page 2, 7 its
// content, 8 the text field "amount" (a field-widget), 9 its appearance. signPdf adds 10 (signature) and 11 (field).
const CONTENT = 5;
const FIELD = 8;
let base: Uint8Array;
let signed: Uint8Array;

beforeAll(async () => {
  const { signer } = await pdfKit();
  base = createTestPdf({ pages: 2, textFields: { amount: "100" } });
  signed = await signPdf(base, { signer, signingTime: SIGNED_AT });
});

async function first(pdf: Uint8Array, extra = {}) {
  const r = await judge(pdf, extra);
  return { ...r.signatures[0]!.pdf.changesAfter, document: r.document.code };
}

/** An object of the final revision, rewritten through a function of its dictionary's text. */
async function rewrite(pdf: Uint8Array, num: number, edit: (dict: string) => string): Promise<string> {
  const b = await readBase(pdf);
  return edit(writeValue(dictOf(b.view.object(num)!.value)!));
}

const fill = async (pdf: Uint8Array, value: string) =>
  appendIncrementalUpdate(pdf, {
    replaceObjects: { [FIELD]: await rewrite(pdf, FIELD, (d) => d.replace(/\/V <[0-9a-f]*>/, `/V (${value})`).replace(/\/N 9 0 R/, "/N 40 0 R")) },
    addObjects: { 40: { dict: "<< /Type /XObject /Subtype /Form /BBox [0 0 200 20] >>", data: `BT (${value}) Tj ET` } },
  });

describe("no change", () => {
  it("nothing after the signature: NONE", async () => {
    expect(await first(signed)).toMatchObject({ status: "NONE", classes: [], details: [] });
  });

  it("an object re-serialised without change, and a stream re-compressed without change, are no change", async () => {
    const page = await rewrite(signed, 4, (d) => d);
    const content = bytes("BT /F1 18 Tf 72 760 Td (Test document) Tj ET\nBT /F1 10 Tf 72 740 Td (Page 1 of 2) Tj ET");
    const zipped = await deflate(content);
    const again = await appendIncrementalUpdate(signed, {
      replaceObjects: { 4: page, [CONTENT]: { dict: "<< /Filter /FlateDecode >>", data: zipped } },
    });
    expect(await first(again)).toMatchObject({ status: "NONE", classes: [] });
  });

  it("objects added that nothing references are listed as unreferenced and ignored", async () => {
    const r = await first(await appendIncrementalUpdate(signed, { addObjects: { 50: "(orphan)" } }));
    expect(r).toMatchObject({ status: "NONE", classes: [] });
    expect(r.details).toEqual([expect.objectContaining({ class: "unreferenced", object: "50 0" })]);
  });
});

describe("the four classes", () => {
  it("extension: a DSS and XMP metadata added", async () => {
    const cat = await rewrite(signed, 1, (d) => d.replace(/ >>$/, " /DSS 60 0 R /Metadata 62 0 R >>"));
    const pdf = await appendIncrementalUpdate(signed, {
      replaceObjects: { 1: cat },
      addObjects: { 60: "<< /Certs [61 0 R] >>", 61: { dict: "<< >>", data: "0" }, 62: { dict: "<< /Type /Metadata /Subtype /XML >>", data: "<x/>" } },
    });
    expect(await first(pdf)).toMatchObject({ status: "ALLOWED", classes: ["extension"] });
  });

  it("signature-or-form-fill: a second signature, or a form field filled (value and appearance)", async () => {
    const { signer } = await pdfKit();
    expect(await first(await signPdf(signed, { signer }))).toMatchObject({ status: "ALLOWED", classes: ["signature-or-form-fill"] });
    expect(await first(await fill(signed, "200"))).toMatchObject({ status: "ALLOWED", classes: ["signature-or-form-fill"] });
  });

  it("annotation: a comment added, and a comment removed", async () => {
    expect(await first(await appendIncrementalUpdate(signed, { annotation: { contents: "Đã xem" } }))).toMatchObject({ status: "ALLOWED", classes: ["annotation"] });
    const { signer } = await pdfKit();
    // The comment is object 10; the signature 11 and its field 12.
    const commented = await signPdf(await appendIncrementalUpdate(base, { annotation: {} }), { signer });
    const page = await rewrite(commented, 4, (d) => d.replace("/Annots [8 0 R 10 0 R 12 0 R]", "/Annots [8 0 R 12 0 R]"));
    expect(page).toContain("/Annots [8 0 R 12 0 R]");
    expect(await first(await appendIncrementalUpdate(commented, { replaceObjects: { 4: page } }))).toMatchObject({ status: "ALLOWED", classes: ["annotation"] });
  });

  it("undefined: page content replaced or removed, a page added, a catalog entry added", async () => {
    const replaced = await appendIncrementalUpdate(signed, { replaceObjects: { [CONTENT]: { dict: "<< >>", data: "BT (Evil) Tj ET" } } });
    expect(await first(replaced)).toMatchObject({ status: "DISALLOWED", classes: ["undefined"], document: "MODIFIED_AFTER_SIGNING" });
    expect((await first(await appendIncrementalUpdate(signed, { removeObjects: [CONTENT] }))).classes).toEqual(["undefined"]);
    const pages = await appendIncrementalUpdate(signed, {
      replaceObjects: { 2: "<< /Type /Pages /Kids [4 0 R 6 0 R 70 0 R] /Count 3 >>" },
      addObjects: { 70: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>" },
    });
    expect(await first(pages)).toMatchObject({ status: "DISALLOWED", classes: ["undefined"] });
    const cat = await rewrite(signed, 1, (d) => d.replace(/ >>$/, " /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"));
    const action = await first(await appendIncrementalUpdate(signed, { replaceObjects: { 1: cat } }));
    expect(action).toMatchObject({ status: "DISALLOWED", classes: ["undefined"] });
    expect(action.details.map((d) => d.what)).toContain("catalog /OpenAction added");
  });

  it("undefined: the signature's own dictionary changed in a later revision (the /Reason spoof)", async () => {
    const sig = await rewrite(signed, 10, (d) => d.replace(/ >>$/, " /Reason (Changed) >>"));
    const r = await first(await appendIncrementalUpdate(signed, { replaceObjects: { 10: sig } }));
    expect(r).toMatchObject({ status: "DISALLOWED", classes: ["undefined"] });
    expect(r.details[0]!.what).toContain("signature dictionary changed");
  });

  it("undefined: a form field's appearance changed while its value did not (the shadow replace)", async () => {
    const field = await rewrite(signed, FIELD, (d) => d.replace(/\/N 9 0 R/, "/N 40 0 R"));
    const pdf = await appendIncrementalUpdate(signed, {
      replaceObjects: { [FIELD]: field },
      addObjects: { 40: { dict: "<< /Type /XObject /Subtype /Form /BBox [0 0 200 20] >>", data: "BT (999) Tj ET" } },
    });
    expect(await first(pdf)).toMatchObject({ status: "DISALLOWED", classes: ["undefined"] });
  });

  it("undefined: the cross-reference points an object at other bytes inside the signed revision (hide-and-replace)", async () => {
    const { signer } = await pdfKit();
    // A shadow copy of object 5 hidden in the data of an unused stream, signed along with the rest.
    const shadowed = await appendIncrementalUpdate(base, { addObjects: { 30: { dict: "<< >>", data: "\n5 0 obj\n<< /Length 15 >>\nstream\nBT (Evil) Tj ET\nendstream\nendobj\n" } } });
    const s = await signPdf(shadowed, { signer });
    const at = text(s).indexOf("\n5 0 obj\n<< /Length 15") + 1;
    const prev = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text(s))![1]);
    const update = `xref\n5 1\n${String(at).padStart(10, "0")} 00000 n\r\ntrailer\n<< /Size 40 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${s.length}\n%%EOF\n`;
    const r = await first(new Uint8Array([...s, ...bytes(update)]));
    expect(r).toMatchObject({ status: "DISALLOWED", classes: ["undefined"] });
    expect(r.details[0]!.what).toContain("other bytes inside the signed revision");
  });

  it("undefined: bytes after the last %%EOF, with warning TRAILING_BYTES", async () => {
    const pdf = new Uint8Array([...signed, ...bytes("5 0 obj << >> endobj\n")]);
    const r = await judge(pdf);
    expect(r.signatures[0]!.pdf.changesAfter).toMatchObject({ status: "DISALLOWED", classes: ["undefined"] });
    expect(r.signatures[0]!.warnings.map((w) => w.code)).toContain("TRAILING_BYTES");
    expect(r.document.warnings.map((w) => w.code)).toContain("TRAILING_BYTES");
  });

  it("ALLOWED changes carry warning CHANGED_AFTER_SIGNING naming the classes", async () => {
    const r = await judge(await appendIncrementalUpdate(signed, { annotation: {} }));
    expect(r.signatures[0]!.warnings.find((w) => w.code === "CHANGED_AFTER_SIGNING")?.message.en).toContain("annotation");
    expect(r.document.code).toBe("ALL_SECURE");
  });

  it("policy annotationsAfterSigning: reject makes a comment DISALLOWED", async () => {
    const pdf = await appendIncrementalUpdate(signed, { annotation: {} });
    expect(await first(pdf, { policy: { revocation: "ignore", pdf: { annotationsAfterSigning: "reject" } } })).toMatchObject({ status: "DISALLOWED" });
  });

  it("bounds the comparison: past maxComparedObjects the rest counts as an undefined change", async () => {
    const pdf = await appendIncrementalUpdate(signed, { annotation: {} });
    const r = await first(pdf, { limits: { maxComparedObjects: 1 } });
    expect(r.status).toBe("DISALLOWED");
    expect(r.details.map((d) => d.what)).toContain("more than 1 objects differ; the rest were not compared");
  });
});

describe("certification (DocMDP) and field locks", () => {
  const cases: [string, 1 | 2 | 3, "comment" | "signature" | "fill" | "dss", string][] = [
    ["P=1 forbids a later signature", 1, "signature", "DISALLOWED"],
    ["P=1 forbids a comment", 1, "comment", "DISALLOWED"],
    ["P=1 allows a DSS", 1, "dss", "ALLOWED"],
    ["P=2 allows a later signature", 2, "signature", "ALLOWED"],
    ["P=2 allows filling a form", 2, "fill", "ALLOWED"],
    ["P=2 forbids a comment", 2, "comment", "DISALLOWED"],
    ["P=3 allows a comment", 3, "comment", "ALLOWED"],
  ];
  it.each(cases)("%s", async (_, p, change, status) => {
    const { signer } = await pdfKit();
    const certified = await signPdf(base, { signer, signingTime: SIGNED_AT, certification: { p } });
    const after =
      change === "comment" ? await appendIncrementalUpdate(certified, { annotation: {} })
        : change === "signature" ? await signPdf(certified, { signer })
          : change === "fill" ? await fill(certified, "200")
            : await appendIncrementalUpdate(certified, {
              replaceObjects: { 1: await rewrite(certified, 1, (d) => d.replace(/ >>$/, " /DSS << /Certs [] >> >>")) },
            });
    const r = await judge(after);
    expect(r.signatures[0]!.pdf.certification).toEqual({ p });
    expect(r.signatures[0]!.pdf.changesAfter.status).toBe(status);
  });

  it("P defaults to 2 when the DocMDP reference has none", async () => {
    const { signer } = await pdfKit();
    const certified = await signPdf(base, { signer, certification: { p: 2 } });
    const noP = bytes(text(certified).replace("/TransformParams << /Type /TransformParams /P 2 /V /1.2 >>", "/TransformParams << /Type /TransformParams      /V /1.2 >>"));
    expect((await scan(noP)).signatures[0]!.certification).toEqual({ p: 2 });
  });

  it.each([
    ["/Lock Include the filled field", { lock: { action: "Include" as const, fields: ["amount"] } }, "DISALLOWED"],
    ["/Lock Exclude the filled field", { lock: { action: "Exclude" as const, fields: ["amount"] } }, "ALLOWED"],
    ["/Lock All", { lock: { action: "All" as const } }, "DISALLOWED"],
    ["/Lock Include another field", { lock: { action: "Include" as const, fields: ["other"] } }, "ALLOWED"],
    ["FieldMDP Include the filled field", { fieldMdp: { action: "Include" as const, fields: ["amount"] } }, "DISALLOWED"],
  ])("%s", async (_, lock, status) => {
    const { signer } = await pdfKit();
    const locked = await signPdf(base, { signer, ...lock });
    const r = await first(await fill(locked, "200"));
    expect(r.status).toBe(status);
    if (status === "DISALLOWED") expect(r.disallowedBecause.join()).toContain("locked field(s) changed: amount");
  });

  it("a lock covers the fields that existed when signing: a later signature field is not locked by /Lock All", async () => {
    const { signer } = await pdfKit();
    const locked = await signPdf(base, { signer, lock: { action: "All" } });
    expect((await first(await signPdf(locked, { signer }))).status).toBe("ALLOWED");
  });
});

describe("removed signatures and the document verdict", () => {
  it("a signature no longer reachable in the final revision is still reported, and the document is MODIFIED_AFTER_SIGNING", async () => {
    const { signer } = await pdfKit();
    const twice = await signPdf(signed, { signer, fieldName: "Second" });
    const b = await readBase(twice);
    const cat = writeValue(dictOf(b.view.object(1)!.value)!).replace(/\/Fields \[8 0 R 11 0 R 13 0 R\]/, "/Fields [8 0 R 11 0 R]");
    const page = writeValue(dictOf(b.view.object(4)!.value)!).replace(/\/Annots \[8 0 R 11 0 R 13 0 R\]/, "/Annots [8 0 R 11 0 R]");
    const r = await judge(await appendIncrementalUpdate(twice, { replaceObjects: { 1: cat, 4: page } }));
    expect(r.signatures.map((s) => [s.pdf.field, s.pdf.removed])).toEqual([["Signature1", false], ["Second", true]]);
    expect(r.signatures[1]!.warnings.map((w) => w.code)).toContain("SIGNATURE_REMOVED");
    expect(r.document).toMatchObject({ verdict: "NOT_SECURE", code: "MODIFIED_AFTER_SIGNING" });
  });

  it.each([
    [[], "NO_SIGNATURES", "INDETERMINATE"],
    [[["SECURE", "NONE", false]], "ALL_SECURE", "SECURE"],
    [[["SECURE", "ALLOWED", false], ["SECURE", "NONE", false]], "ALL_SECURE", "SECURE"],
    [[["SECURE", "DISALLOWED", false]], "MODIFIED_AFTER_SIGNING", "NOT_SECURE"],
    [[["SECURE", "NONE", true]], "MODIFIED_AFTER_SIGNING", "NOT_SECURE"],
    [[["NOT_SECURE", "DISALLOWED", false]], "MODIFIED_AFTER_SIGNING", "NOT_SECURE"],
    [[["NOT_SECURE", "NONE", false], ["SECURE", "NONE", false]], "SIGNATURE_NOT_SECURE", "NOT_SECURE"],
    [[["INDETERMINATE", "NONE", false], ["NOT_SECURE", "NONE", false]], "SIGNATURE_NOT_SECURE", "NOT_SECURE"],
    [[["INDETERMINATE", "NONE", false], ["SECURE", "ALLOWED", false]], "SIGNATURE_INDETERMINATE", "INDETERMINATE"],
  ] as const)("document verdict table: %j → %s", (sigs, code, verdict) => {
    const outcome = documentVerdict(sigs.map(([v, status, removed]) => ({ verdict: v, changesAfter: { status }, removed })));
    expect(outcome).toEqual({ code, verdict });
  });
});
