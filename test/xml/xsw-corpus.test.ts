// The esig/dss XML signature-wrapping samples (test/corpora/suites/xml-xsw): every wrapping sample is rejected or
// bound only to the element really signed; the benign controls are accepted as far as the XML layer decides.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXml } from "decree130/xml";
import { vietnamTrustList } from "decree130/trust/vn";
import { classifyXsw, XSW_EXPECTED } from "../../conformance/suites/xml-xsw.js";
import { CORPORA } from "../corpora.js";

const dir = join(CORPORA, "suites", "xml-xsw");
const listed = readFileSync(join(dir, "expected.tsv"), "utf8").split("\n").slice(1).filter((l) => l.trim() !== "").map((l) => l.split("\t")[0]!);

describe("xml-xsw corpus", () => {
  it("has an expectation for each of its 11 samples", () => {
    expect(listed.sort()).toEqual(Object.keys(XSW_EXPECTED).sort());
    expect(listed).toHaveLength(11);
  });
  it.each(Object.entries(XSW_EXPECTED))("%s: %j", async (file, { outcome }) => {
    const report = await validateXml(new Uint8Array(readFileSync(join(dir, file))), { now: new Date("2026-01-01T00:00:00Z"), trustList: vietnamTrustList() });
    expect(classifyXsw(report)).toBe(outcome);
    if (outcome !== "accepted") expect(report.document.invoice).toBeNull();
  });
  it("the misplaced sample names only the moved element as signed, never the fake root", async () => {
    const report = await validateXml(new Uint8Array(readFileSync(join(dir, "dss-xades/XSW-enveloped-fake-content-misplaced.xml"))), { now: new Date("2026-01-01T00:00:00Z"), trustList: vietnamTrustList() });
    expect(report.signatures[0]!.xml.boundTo).toMatch(/^\/TrustServiceStatusList\/.+\/TrustServiceStatusList$/);
    expect(report.document.warnings.map((w) => w.code)).toEqual(["PARTIALLY_SIGNED"]);
  });
});
