// A trust list given as JSON with a shared cache is loaded once while the object stays the same and unchanged; a list
// changed in place is loaded again, so the report always follows the list the caller passes now.
import { describe, expect, it } from "vitest";
import { createTestInvoice, signXml, type TrustListJson } from "decree130/testing";
import { createValidationCache, validateXml } from "decree130/xml";
import { NOW, xmlSigners } from "./helpers.js";

const invoice = createTestInvoice({
  seller: { name: "TEST Công ty Bán", mst: "0101234567" },
  buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
  lines: [{ name: "Bút bi", quantity: 10, unitPrice: 5000 }],
});

describe("a trust list passed as JSON with a shared cache", async () => {
  const s = await xmlSigners();
  const xml = await signXml(invoice, s.seller, { role: "seller", signingTime: "2025-06-01T02:00:00Z" });
  const issuerType = async (trustList: TrustListJson, cache = createValidationCache()) =>
    (await validateXml(xml, { now: NOW, trustList, certificates: s.intermediates, cache, policy: { revocation: "ignore" } })).signatures[0]!.conditions.issuerType;

  it("judges as a freshly loaded list does, call after call", async () => {
    const list = structuredClone(s.trustList) as TrustListJson;
    const cache = createValidationCache();
    const first = await issuerType(list, cache);
    expect(first).toMatchObject({ status: "PASSED", code: "RECOGNIZED_PROVIDER" });
    expect(await issuerType(list, cache)).toEqual(first);
  });
  it("follows a list changed in place: a provider removed after a call is no longer recognised", async () => {
    const list = structuredClone(s.trustList) as { providers: unknown[] } & TrustListJson;
    const cache = createValidationCache();
    expect(await issuerType(list, cache)).toMatchObject({ status: "PASSED" });
    const kept = list.providers.filter((p) => (p as { category: string }).category === "government");
    expect(kept.length).toBeLessThan(list.providers.length);
    list.providers.splice(0, list.providers.length, ...kept);
    expect((await issuerType(list, cache)).status).not.toBe("PASSED");
  });
  it("a list made invalid in place is refused again, never served from memory", async () => {
    const list = structuredClone(s.trustList) as { name: string } & TrustListJson;
    const cache = createValidationCache();
    await issuerType(list, cache);
    list.name = "";
    await expect(issuerType(list, cache)).rejects.toMatchObject({ code: "TRUST_LIST_INVALID" });
  });
});
