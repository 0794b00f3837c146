// mergePartial: a delta CRL counts only with a complete CRL it builds on; reason-partitioned CRLs count only together.
import { describe, expect, it } from "vitest";
import type { Statement } from "../../src/revocation/assess.js";
import { ALL_REASONS } from "../../src/model/distribution-point.js";
import { mergePartial } from "../../src/revocation/merge.js";

const T0 = Date.UTC(2024, 0, 1);
const T1 = Date.UTC(2024, 0, 10);
const NEXT = Date.UTC(2024, 1, 1);
const src = (number: bigint) => ({ issuerKey: "cn=ca", number });
const baseClear: Statement = { thisUpdate: T0, nextUpdate: NEXT, says: "clear", source: src(10n) };
const baseHold: Statement = { thisUpdate: T0, nextUpdate: NEXT, says: "listed", at: T0 - 1, reason: "certificateHold", source: src(10n) };
const delta = (change: "listed" | "removed" | "silent", base = 10n): Statement => ({
  thisUpdate: T1,
  nextUpdate: NEXT,
  ...(change === "listed" ? { says: "listed" as const, at: T1 - 1, reason: "keyCompromise" as const } : { says: "clear" as const }),
  partial: true,
  source: src(11n),
  delta: { base, change },
});
const added = (input: Statement[]): Statement[] => mergePartial(input).slice(input.length);

describe("mergePartial", () => {
  it("a delta alone adds nothing", () => {
    expect(added([delta("silent")])).toEqual([]);
  });

  it("a delta whose base number is above every complete CRL adds nothing", () => {
    expect(added([baseClear, delta("silent", 12n)])).toEqual([]);
  });

  it("a silent delta repeats its base at the delta's time: clear stays clear, a hold stays listed", () => {
    expect(added([baseClear, delta("silent")])).toEqual([{ thisUpdate: T1, nextUpdate: NEXT, says: "clear" }]);
    expect(added([baseHold, delta("silent")])).toEqual([{ ...baseHold, thisUpdate: T1, nextUpdate: NEXT }]);
  });

  it("removeFromCRL in the delta clears a hold of the base; a listing in the delta is a listing", () => {
    expect(added([baseHold, delta("removed")])).toEqual([{ thisUpdate: T1, nextUpdate: NEXT, says: "clear" }]);
    expect(added([baseClear, delta("listed")])).toEqual([{ thisUpdate: T1, nextUpdate: NEXT, says: "listed", at: T1 - 1, reason: "keyCompromise" }]);
  });

  it("reason-partitioned CRLs make a complete statement only when their reasons cover all", () => {
    const part = (reasons: number, thisUpdate: number): Statement => ({ thisUpdate, nextUpdate: NEXT, says: "clear", partial: true, reasons });
    const compromise = 0b110;
    expect(added([part(compromise, T0)])).toEqual([]);
    expect(added([part(compromise, T0), part(ALL_REASONS & ~compromise & ~0b1000, T1)])).toEqual([]);
    expect(added([part(compromise, T1), part(ALL_REASONS & ~compromise, T0)])).toEqual([{ thisUpdate: T0, nextUpdate: NEXT, says: "clear" }]);
  });
});
