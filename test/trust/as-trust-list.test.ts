// The obvious call works: the testing kit's `pki.trustList` (the decree130/trust-list@1 JSON) can be passed to
// validate() and validateMany() as is, with the same verdict as a loaded list; a broken one is TRUST_LIST_INVALID, and
// no trust list at all is misuse (TypeError).
import { beforeAll, describe, expect, it } from "vitest";
import { isDecree130Error, loadTrustList, validate, validateMany } from "decree130";
import { createCrl, createTestPki, issueCertificate, signCms, type TestPki } from "decree130/testing";

let pki: TestPki;
let p7s: Uint8Array;
let crls: Uint8Array[];
const now = "2025-06-01T00:00:00Z";

beforeAll(async () => {
  pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Nguyễn Văn A" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
  p7s = await signCms(new TextEncoder().encode("x"), signer, { signingTime: "2025-05-01T00:00:00Z" });
  const dates = { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-30T00:00:00Z" };
  crls = [await createCrl(pki.publicCa, dates), await createCrl(pki.nationalRoot, dates)];
});

describe("options.trustList", () => {
  it("takes the kit's JSON as is, with the verdict a loaded list gives", async () => {
    const fromJson = await validate(p7s, { trustList: pki.trustList, crls, now });
    const loaded = await validate(p7s, { trustList: loadTrustList(pki.trustList), crls, now });
    expect(fromJson.signatures[0]!.verdict).toBe("SECURE");
    expect(fromJson).toEqual(loaded);
    const batch = await validateMany([{ input: p7s }], { trustList: pki.trustList, crls, now });
    expect(batch[0]).toMatchObject({ ok: true, report: { signatures: [{ verdict: "SECURE" }] } });
  });

  it("refuses a broken JSON list with TRUST_LIST_INVALID, and a missing one as misuse", async () => {
    const broken = { ...pki.trustList, providers: [{ ...pki.trustList.providers[0]!, category: "bank" }] };
    const err: unknown = await validate(p7s, { trustList: broken as never, crls, now }).catch((e: unknown) => e);
    expect(isDecree130Error(err) && err.code).toBe("TRUST_LIST_INVALID");
    await expect(validate(p7s, { trustList: undefined as never })).rejects.toThrow(TypeError);
    await expect(validate(p7s, { trustList: {} as never })).rejects.toThrow(TypeError);
  });

  it("accepts undefined for every optional option (projects with exactOptionalPropertyTypes)", async () => {
    const options = { trustList: pki.trustList, crls, now, content: undefined, certificates: undefined, ocspResponses: undefined, signingTime: undefined, policy: undefined, crypto: undefined, digest: undefined, cache: undefined, limits: undefined, fetch: undefined, fetchLimits: undefined, signal: undefined };
    expect((await validate(p7s, options)).signatures[0]!.verdict).toBe("SECURE");
  });
});
