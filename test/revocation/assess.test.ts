import { describe, expect, it } from "vitest";
import { assessStatements, type Statement } from "../../src/revocation/assess.js";

const D = (day: number): number => Date.UTC(2024, 0, day);
const clear = (thisUpdate: number, nextUpdate?: number): Statement => ({ thisUpdate, ...(nextUpdate ? { nextUpdate } : {}), says: "clear" });

describe("assessStatements", () => {
  it("no evidence: unknown, no revocation", () => {
    expect(assessStatements([], D(1), D(2))).toEqual({ known: false });
  });

  it("a statement without nextUpdate is never current", () => {
    expect(assessStatements([clear(D(5))], D(6), D(7)).known).toBe(false);
    expect(assessStatements([clear(D(5), D(10))], D(6), D(7)).known).toBe(true);
  });

  it("nextUpdate equal to now is still current; one millisecond later is not", () => {
    expect(assessStatements([clear(D(5), D(10))], D(6), D(10)).known).toBe(true);
    expect(assessStatements([clear(D(5), D(10))], D(6), D(10) + 1).known).toBe(false);
  });

  it("an OCSP unknown never makes the status known", () => {
    expect(assessStatements([{ thisUpdate: D(9), nextUpdate: D(20), says: "unknown" }], D(1), D(10)).known).toBe(false);
  });

  it("a partial statement counts as a revocation but not for knowledge", () => {
    const s: Statement = { thisUpdate: D(9), nextUpdate: D(20), says: "listed", at: D(3), reason: "superseded", partial: true };
    expect(assessStatements([s], D(1), D(10))).toEqual({ known: false, revocation: { at: D(3), reason: "superseded" } });
  });

  it("the earliest revocation wins, and a compromise reason from any listing is kept with its earliest time", () => {
    const r = assessStatements(
      [
        { thisUpdate: D(10), says: "listed", at: D(4), reason: "superseded" },
        { thisUpdate: D(12), says: "listed", at: D(6), reason: "keyCompromise", invalidityDate: D(2) },
      ],
      D(1),
      D(20),
    );
    expect(r.revocation).toEqual({ at: D(4), reason: "keyCompromise", compromiseAt: D(2) });
  });

  it("an ongoing hold before a permanent revocation moves the revocation time back to the hold", () => {
    const r = assessStatements(
      [
        { thisUpdate: D(10), says: "listed", at: D(3), reason: "certificateHold" },
        { thisUpdate: D(20), says: "listed", at: D(15), reason: "cessationOfOperation" },
      ],
      D(1),
      D(25),
    );
    expect(r.revocation).toEqual({ at: D(3), reason: "cessationOfOperation" });
  });

  it("a hold is lifted only by clear evidence later than every listing of it", () => {
    const hold = (thisUpdate: number): Statement => ({ thisUpdate, says: "listed", at: D(3), reason: "certificateHold" });
    expect(assessStatements([hold(D(5)), clear(D(8)), clear(D(7))], D(1), D(9)).revocation).toEqual({
      at: D(3),
      reason: "certificateHold",
      holdUntil: D(7),
    });
    // Listed again after the clear statement: contradictory evidence, so the hold stands.
    expect(assessStatements([hold(D(5)), clear(D(7)), hold(D(9))], D(1), D(10)).revocation).toEqual({ at: D(3), reason: "certificateHold" });
    // Clear evidence older than the hold does not lift it.
    expect(assessStatements([hold(D(5)), clear(D(2))], D(1), D(10)).revocation).toEqual({ at: D(3), reason: "certificateHold" });
  });

  it("an ongoing hold is reported over an earlier lifted one", () => {
    const r = assessStatements(
      [
        { thisUpdate: D(5), says: "listed", at: D(3), reason: "certificateHold" },
        clear(D(7)),
        { thisUpdate: D(12), says: "listed", at: D(10), reason: "certificateHold" },
      ],
      D(1),
      D(13),
    );
    expect(r.revocation).toEqual({ at: D(10), reason: "certificateHold" });
  });
});
