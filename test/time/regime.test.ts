import { describe, expect, it } from "vitest";
import { REGIMES, regimeAt } from "../../src/report/regime.js";

const t = (iso: string) => Date.parse(iso);
const MS = 1;

describe("regimeAt", () => {
  it("switches from Decree 26/2007 to Decree 130/2018 at 2018-11-15 00:00 Vietnam time", () => {
    const start = t("2018-11-15T00:00:00+07:00");
    expect(start).toBe(t("2018-11-14T17:00:00Z"));
    expect(regimeAt(start - MS).id).toBe("decree-26-2007");
    expect(regimeAt(start).id).toBe("decree-130-2018");
    expect(regimeAt(t("2008-01-01T00:00:00Z")).id).toBe("decree-26-2007");
  });

  it("switches to Law 20/2023 at 2024-07-01 00:00 Vietnam time", () => {
    const start = t("2024-07-01T00:00:00+07:00");
    expect(regimeAt(start - MS).id).toBe("decree-130-2018");
    expect(regimeAt(t("2024-06-30T16:59:59.999Z")).id).toBe("decree-130-2018");
    expect(regimeAt(start).id).toBe("law-20-2023");
    expect(regimeAt(t("2030-01-01T00:00:00Z")).id).toBe("law-20-2023");
  });

  it("keeps a certificate issued before 2024-07-01 and valid then under Decree 130 until it expires", () => {
    const law = t("2024-07-01T00:00:00+07:00");
    const cert = { notBefore: t("2023-03-01T00:00:00Z"), notAfter: t("2026-03-01T00:00:00Z") };
    expect(regimeAt(law - MS, cert).id).toBe("decree-130-2018");
    expect(regimeAt(law, cert).id).toBe("decree-130-2018-transitional");
    expect(regimeAt(cert.notAfter, cert).id).toBe("decree-130-2018-transitional");
    expect(regimeAt(cert.notAfter + MS, cert).id).toBe("law-20-2023");
  });

  it("applies Law 20/2023 to certificates issued on or after 2024-07-01, or expired before it", () => {
    const law = t("2024-07-01T00:00:00+07:00");
    expect(regimeAt(law + 1000, { notBefore: law, notAfter: law + 1e10 }).id).toBe("law-20-2023");
    expect(regimeAt(law + 1000, { notBefore: law - 1, notAfter: law + 1e10 }).id).toBe("decree-130-2018-transitional");
    // Expired one millisecond before the law took effect: not "still valid then".
    expect(regimeAt(law + 1000, { notBefore: law - 1e10, notAfter: law - 1 }).id).toBe("law-20-2023");
    expect(regimeAt(law + 1000, { notBefore: law - 1e10, notAfter: law }).id).toBe("law-20-2023");
    expect(regimeAt(law, { notBefore: law - 1e10, notAfter: law }).id).toBe("decree-130-2018-transitional");
  });

  it("does not apply the transitional rule before 2024-07-01", () => {
    const cert = { notBefore: t("2020-01-01T00:00:00Z"), notAfter: t("2030-01-01T00:00:00Z") };
    expect(regimeAt(t("2021-01-01T00:00:00Z"), cert).id).toBe("decree-130-2018");
  });

  it("returns bilingual notes naming the decrees, with Vietnamese diacritics", () => {
    const law = regimeAt(t("2025-05-01T00:00:00Z")).note;
    expect(law.vi).toContain("Nghị định 68/2024/NĐ-CP");
    expect(law.vi).toContain("Nghị định 23/2025/NĐ-CP");
    expect(law.vi).toContain("15/8/2024");
    expect(law.vi).toContain("10/4/2025");
    expect(law.en).toContain("Decree 68/2024/ND-CP");
    expect(law.en).toContain("2025-04-10");
    expect(regimeAt(t("2020-01-01T00:00:00Z")).note.vi).toContain("Nghị định 130/2018/NĐ-CP");
    expect(regimeAt(t("2010-01-01T00:00:00Z")).note.vi).toContain("Nghị định 26/2007/NĐ-CP");
    for (const r of REGIMES) {
      expect(r.note.vi.normalize("NFC")).toBe(r.note.vi);
      expect(r.note.vi).toMatch(/[ịữốứờ]/);
    }
  });

  it("covers every instant with exactly one unconditional regime", () => {
    const plain = REGIMES.filter((r) => r.certificateIssuedBefore === undefined);
    expect(plain[0]!.from).toBeNull();
    expect(plain.at(-1)!.to).toBeNull();
    for (let i = 1; i < plain.length; i++) expect(plain[i]!.from).toBe(plain[i - 1]!.to);
  });

  it("rejects a time that is not a finite number", () => {
    expect(() => regimeAt(Number.NaN)).toThrowError(TypeError);
    expect(() => regimeAt(Number.POSITIVE_INFINITY)).toThrowError(TypeError);
  });
});
