// --now and --signing-time through the library's one time reader: ISO-8601 or dd/mm/yyyy (day first), Vietnam time
// when no zone is written (and the output says so), everything else refused with exit 64 and both accepted forms.
// Before, 01/06/2025 was read as 6 January, "1" as the year 2001 and 2025-02-30 as 2 March.
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, fx, requireBuilt, runSync } from "./run-cli.js";

beforeAll(requireBuilt);

const EXPIRED = ["verify", fx("sig/expired-at-now.p7s"), ...BASE];
const SECURE = fx("sig/secure-attached-ecdsa.p7s");
const signingTimeOf = (stdout: string): unknown => (JSON.parse(stdout) as { signatures: { signingTime: unknown }[] }).signatures[0]!.signingTime;

describe("decree130 verify: typed times", () => {
  it("reads --signing-time dd/mm/yyyy HH:mm as Vietnam time, day first", () => {
    const r = runSync([...EXPIRED, "--signing-time", "01/03/2024 17:00", "--json"]);
    expect(r.code).toBe(0);
    expect(signingTimeOf(r.stdout)).toEqual({ value: "2024-03-01T10:00:00.000Z", source: "caller" });
    // 03/01/2024 is the 3rd of January, not the 1st of March.
    const january = runSync([...EXPIRED, "--signing-time", "03/01/2024", "--json"]);
    expect(signingTimeOf(january.stdout)).toEqual({ value: "2024-01-02T17:00:00.000Z", source: "caller" });
  });

  it("says a time without a zone was read as Vietnam time: in the report, or on stderr beside JSON", () => {
    const text = runSync(["verify", SECURE, ...BASE.slice(0, 6), "--now", "2025-06-10T00:00:00"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Thời điểm kiểm tra: 10/06/2025 00:00:00 (giờ Việt Nam)");
    expect(text.stdout).toContain('Lưu ý: --now "2025-06-10T00:00:00" không ghi múi giờ nên được hiểu là giờ Việt Nam (UTC+07:00).');
    const json = runSync(["verify", SECURE, ...BASE.slice(0, 6), "--now", "01/06/2025", "--json", "--lang", "en"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveProperty("signatures");
    expect(json.stderr).toBe('Note: --now "01/06/2025" has no time zone, so it was read as Vietnam time (UTC+07:00).\n');
  });

  it("says nothing about zones when the time names one", () => {
    const r = runSync(["verify", SECURE, ...BASE.slice(0, 6), "--now", "2025-06-01T09:00:00+07:00"]);
    expect(r.stdout).toContain("Thời điểm kiểm tra: 01/06/2025 09:00:00 (giờ Việt Nam)");
    expect(r.stdout).not.toContain("Lưu ý");
  });

  it.each([["1"], ["0"], ["June 10, 2025"], ["2025-02-30T00:00:00Z"], ["06-01-2025"], ["2025-06-01T00:00:00+0700"], ["31/02/2025"]])(
    "refuses --now %j with exit 64, showing both accepted forms in the language asked for",
    (now) => {
      const vi = runSync(["verify", SECURE, ...BASE.slice(0, 6), "--now", now]);
      expect(vi.code).toBe(64);
      expect(vi.stderr).toContain(`Lỗi ở --now ${JSON.stringify(now)}: Thời điểm không hợp lệ.`);
      expect(vi.stderr).toContain("ISO-8601");
      expect(vi.stderr).toContain("dd/mm/yyyy [HH:mm[:ss]] theo giờ Việt Nam");
      const en = runSync(["verify", SECURE, ...BASE.slice(0, 6), "--signing-time", now, "--json"]);
      expect(en.code).toBe(64);
      expect(JSON.parse(en.stdout).error).toMatchObject({ code: "TIME_INVALID", option: "--signing-time", value: now });
    },
  );
});
