// One resolver for every table of limits: a value that would switch a limit off (NaN, a string, 0, a fraction) is
// misuse, `undefined` keeps the default, and each reader takes only its own keys from the shared `limits` object.
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, resolveLimitTable, resolveLimits } from "../../src/model/limits.js";
import { DEFAULT_PDF_LIMITS, resolvePdfLimits } from "../../src/formats/pdf/limits.js";
import { DEFAULT_XML_LIMITS, resolveXmlLimits } from "../../src/formats/xml/limits.js";
import { validate } from "../../src/index.js";
import { validatePdf } from "../../src/formats/pdf/index.js";
import { validateXml } from "../../src/formats/xml/index.js";
import { createTestPki } from "../../src/testing/index.js";

describe("resolveLimitTable", () => {
  it("keeps the defaults for absent and undefined values, and takes the caller's own keys only", () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ maxSigners: undefined, maxCertificates: 7, maxDepth: 3 })).toEqual({ ...DEFAULT_LIMITS, maxCertificates: 7 });
    expect(resolvePdfLimits({ maxRevisions: 5, maxSigners: 2 })).toEqual({ ...DEFAULT_PDF_LIMITS, maxRevisions: 5 });
    expect(resolveXmlLimits({ maxDepth: 64 })).toEqual({ ...DEFAULT_XML_LIMITS, maxDepth: 64 });
  });
  it.each([Number.NaN, "10", 0, -1, 1.5, Number.POSITIVE_INFINITY, null])("refuses %s rather than switch a limit off", (bad) => {
    expect(() => resolveLimits({ maxCertificates: bad })).toThrow(TypeError);
    expect(() => resolvePdfLimits({ maxRevisions: bad })).toThrow(TypeError);
    expect(() => resolveXmlLimits({ maxNodes: bad as number })).toThrow(TypeError);
  });
  it("holds a ceiling, and refuses limits that are not an object", () => {
    expect(() => resolveXmlLimits({ maxDepth: 1025 })).toThrow(/at most 1024/);
    expect(() => resolveLimitTable(DEFAULT_LIMITS, 5)).toThrow(TypeError);
  });
  it("reads own properties only", () => {
    const inherited = Object.create({ maxCertificates: 1 }) as object;
    expect(resolveLimits(inherited)).toEqual(DEFAULT_LIMITS);
  });
});

describe("every entry refuses a limit that would be switched off", async () => {
  const pki = await createTestPki();
  const limits = { maxCertificates: Number.NaN };
  it("validate, validatePdf and validateXml throw TypeError before reading the file", async () => {
    await expect(validate(new Uint8Array([0x30, 0x00]), { trustList: pki.trustList, limits })).rejects.toThrow(TypeError);
    await expect(validatePdf(new TextEncoder().encode("%PDF-1.7\n"), { trustList: pki.trustList, limits })).rejects.toThrow(TypeError);
    await expect(validateXml("<HDon/>", { trustList: pki.trustList, limits })).rejects.toThrow(TypeError);
  });
});
