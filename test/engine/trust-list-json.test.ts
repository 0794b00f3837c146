// The engine loads a trust list given as JSON once per shared cache while the caller passes the same, unchanged object
// (test/xml/trust-list-json.test.ts covers XML); here for CMS and PDF, whose entries share that start of a validation.
import { describe, expect, it } from "vitest";
import { createValidationCache, validate } from "../../src/index.js";
import { validatePdf } from "../../src/formats/pdf/index.js";
import { createPkiCrls, createTestPdf, createTestPki, issueCertificate, signCms, signPdf, type TrustListJson } from "../../src/testing/index.js";

const CONTENT = new TextEncoder().encode("HỢP ĐỒNG số 12/2025");
const NOW = new Date("2025-06-01T00:00:00Z");

describe("a trust list passed as JSON with a shared cache (CMS and PDF)", async () => {
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Nguyễn Văn A" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
  const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  const p7s = await signCms(CONTENT, signer, { signingTime: "2025-03-01T10:00:00Z", detached: true });
  const pdf = await signPdf(createTestPdf({ pages: 1, text: "Hop dong" }), { signer, signingTime: "2025-03-01T10:00:00Z" });

  it("follows a list changed in place between two calls: a provider removed is no longer recognised", async () => {
    const list = structuredClone(pki.trustList) as { providers: unknown[] } & TrustListJson;
    const cache = createValidationCache();
    const cms = async () => (await validate(p7s, { trustList: list, content: CONTENT, crls, now: NOW, cache })).signatures[0]!.conditions.issuerType;
    const inPdf = async () => (await validatePdf(pdf, { trustList: list, crls, now: NOW, cache })).signatures[0]!.conditions.issuerType;
    expect(await cms()).toMatchObject({ status: "PASSED", code: "RECOGNIZED_PROVIDER" });
    expect(await cms()).toMatchObject({ status: "PASSED", code: "RECOGNIZED_PROVIDER" });
    expect(await inPdf()).toMatchObject({ status: "PASSED", code: "RECOGNIZED_PROVIDER" });
    list.providers.splice(0, list.providers.length, ...list.providers.filter((p) => (p as { category: string }).category === "government"));
    expect((await cms()).status).not.toBe("PASSED");
    expect((await inPdf()).status).not.toBe("PASSED");
  });
});
