// The one reader of times people type (CLI --now/--signing-time, the example service, the example page, validate()).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDecree130Error } from "../../src/errors.js";
import { utcMillis } from "../../src/lib/calendar.js";
import { parseTimeInput } from "../../src/time/parse-time.js";
import { formatVietnamTime } from "../../src/time/vietnam-time.js";

const at = (text: string): { iso: string; assumedZone?: string } => {
  const r = parseTimeInput(text);
  return { iso: r.time.toISOString(), ...(r.assumedZone ? { assumedZone: r.assumedZone } : {}) };
};

function refusal(text: string): string {
  try {
    parseTimeInput(text);
  } catch (err) {
    if (isDecree130Error(err) && err.code === "TIME_INVALID") return err.message;
    throw err;
  }
  throw new Error(`${JSON.stringify(text)} was accepted`);
}

describe("parseTimeInput: accepted forms", () => {
  it("reads ISO-8601 with a zone as that instant, and says nothing was assumed", () => {
    expect(at("2025-06-01T02:30:00Z")).toEqual({ iso: "2025-06-01T02:30:00.000Z" });
    expect(at("2025-06-01T09:30:00+07:00")).toEqual({ iso: "2025-06-01T02:30:00.000Z" });
    expect(at("2025-06-01T09:30+07:00")).toEqual({ iso: "2025-06-01T02:30:00.000Z" });
    expect(at("2025-05-31T21:30:00.250-05:00")).toEqual({ iso: "2025-06-01T02:30:00.250Z" });
    expect(at("2025-06-01 02:30:00z")).toEqual({ iso: "2025-06-01T02:30:00.000Z" });
  });

  it("reads an ISO date-time without a zone, and an ISO date alone, as Vietnam time, and says so", () => {
    expect(at("2025-06-01T09:30:00")).toEqual({ iso: "2025-06-01T02:30:00.000Z", assumedZone: "+07:00" });
    expect(at("2025-06-10T00:00:00")).toEqual({ iso: "2025-06-09T17:00:00.000Z", assumedZone: "+07:00" });
    expect(at("2025-06-01")).toEqual({ iso: "2025-05-31T17:00:00.000Z", assumedZone: "+07:00" });
  });

  it("reads dd/mm/yyyy [HH:mm[:ss]] day first, in Vietnam time", () => {
    // 01/06/2025 is the 1st of June, never the 6th of January.
    expect(at("01/06/2025")).toEqual({ iso: "2025-05-31T17:00:00.000Z", assumedZone: "+07:00" });
    expect(at("1/6/2025 9:30")).toEqual({ iso: "2025-06-01T02:30:00.000Z", assumedZone: "+07:00" });
    expect(at("31/12/2024 23:59:59")).toEqual({ iso: "2024-12-31T16:59:59.000Z", assumedZone: "+07:00" });
    expect(at("  29/02/2024 07:00 ")).toEqual({ iso: "2024-02-29T00:00:00.000Z", assumedZone: "+07:00" });
  });

  it("keeps the years 0000–0099 and 9999 as written (no 19xx shift)", () => {
    expect(at("0050-03-01T00:00:00Z").iso).toBe("0050-03-01T00:00:00.000Z");
    expect(at("0000-01-01T00:00:00Z").iso).toBe("0000-01-01T00:00:00.000Z");
    expect(at("01/01/0099 07:00").iso).toBe("0099-01-01T00:00:00.000Z");
    expect(at("9999-12-31T23:59:59Z").iso).toBe("9999-12-31T23:59:59.000Z");
    expect(at("0004-02-29T00:00:00Z").iso).toBe("0004-02-29T00:00:00.000Z");
  });
});

describe("parseTimeInput: everything else is refused with TIME_INVALID", () => {
  it.each([
    ["1"],
    ["0"],
    ["1718000000000"],
    ["-1"],
    ["June 10, 2025"],
    ["10 June 2025"],
    ["2025/06/01"],
    ["06-01-2025"],
    ["01.06.2025"],
    ["yesterday"],
    ["now"],
    [""],
    ["   "],
    ["2025-6-1"],
    ["25-06-01"],
    ["01/06/25"],
    ["12025-01-01T00:00:00Z"],
    ["+002025-06-01T00:00:00Z"],
    ["2025-06-01T00:00:00+0700"],
    ["2025-06-01T00:00:00+7"],
    ["2025-06-01T00Z"],
    ["2025-06-01Z"],
    ["2025-06-01T00:00:00ZZ"],
    ["Sun Jun 01 2025 00:00:00 GMT+0700"],
    ["2025-06-01T00:00:00.0000000000Z"],
  ])("refuses %j", (text) => {
    expect(refusal(text)).toContain("dd/mm/yyyy");
  });

  it.each([
    ["2025-02-30T00:00:00Z"],
    ["2025-02-29"],
    ["1900-02-29T00:00:00Z"],
    ["31/04/2025"],
    ["00/01/2025"],
    ["01/13/2025"],
    ["06/31/2025"],
    ["2025-06-01T24:00:00Z"],
    ["2025-06-01T23:60:00Z"],
    ["2016-12-31T23:59:60Z"],
    ["01/06/2025 25:00"],
    ["2025-06-01T00:00:00+24:00"],
    ["2025-06-01T00:00:00+07:60"],
  ])("refuses %j: no such date, time or zone", (text) => {
    expect(refusal(text)).toMatch(/does not exist/);
  });

  it("shows both accepted forms in every refusal, and cuts long text short", () => {
    const message = refusal("x".repeat(10_000));
    expect(message).toContain("ISO-8601");
    expect(message).toContain("dd/mm/yyyy [HH:mm[:ss]]");
    expect(message.length).toBeLessThan(400);
  });

  it("throws TypeError for a value that is not text (misuse, not input)", () => {
    expect(() => parseTimeInput(0 as unknown as string)).toThrow(TypeError);
    expect(() => parseTimeInput(new Date() as unknown as string)).toThrow(TypeError);
  });

  it("never accepts what Date.parse would read differently: any accepted text is one of the two forms", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        let accepted = false;
        try {
          parseTimeInput(text);
          accepted = true;
        } catch (err) {
          if (!isDecree130Error(err)) throw err;
        }
        const forms = /^\s*(\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})?)?|\d{1,2}\/\d{1,2}\/\d{4}( +\d{1,2}:\d{2}(:\d{2})?)?)\s*$/;
        return !accepted || forms.test(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the calendar under both readers", () => {
  it("agrees with Date for every valid day of the years 1970–2100, and refuses the day after each month's last", () => {
    for (let y = 1970; y <= 2100; y += 13) {
      for (let m = 1; m <= 12; m++) {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        const f = { year: y, month: m, day: last, hour: 12, minute: 0, second: 0, millisecond: 0 };
        expect(utcMillis(f)).toBe(Date.UTC(y, m - 1, last, 12));
        expect(utcMillis({ ...f, day: last + 1 })).toBeUndefined();
      }
    }
  });

  it("round-trips through the Vietnam-time display", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9998-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
        const shown = formatVietnamTime(whole, "vi").replace(" (giờ Việt Nam)", "");
        return parseTimeInput(shown).time.getTime() === whole.getTime();
      }),
      { numRuns: 500 },
    );
  });
});

describe("formatVietnamTime", () => {
  it("shows dd/mm/yyyy HH:mm:ss in Vietnam time, with the zone in words", () => {
    const t = new Date("2025-03-01T10:00:00Z");
    expect(formatVietnamTime(t, "vi")).toBe("01/03/2025 17:00:00 (giờ Việt Nam)");
    expect(formatVietnamTime(t.getTime(), "en")).toBe("01/03/2025 17:00:00 (Vietnam time, UTC+07:00)");
    expect(formatVietnamTime(new Date("2024-12-31T17:00:00Z"), "vi")).toBe("01/01/2025 00:00:00 (giờ Việt Nam)");
    expect(formatVietnamTime(new Date("0050-01-01T00:00:00Z"), "en")).toBe("01/01/0050 07:00:00 (Vietnam time, UTC+07:00)");
  });

  it("refuses an invalid date", () => {
    expect(() => formatVietnamTime(new Date(Number.NaN), "vi")).toThrow(RangeError);
  });
});
