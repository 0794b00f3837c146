import { describe, expect, it } from "vitest";
import { CONDITION_CODES, WARNING_CODES } from "../../src/report/codes.js";
import { MESSAGES_EN } from "../../src/report/messages.en.js";
import { MESSAGES_VI } from "../../src/report/messages.vi.js";
import { verdictOf } from "../../src/report/verdict.js";
import { resolvePolicy } from "../../src/policy/policy.js";
import { isDecree130Error } from "../../src/errors.js";

describe("codes and messages", () => {
  it("every code has a Vietnamese and an English message, and no message is left over", () => {
    const codes = [...Object.keys(CONDITION_CODES), ...WARNING_CODES].sort();
    expect(Object.keys(MESSAGES_EN).sort()).toEqual(codes);
    expect(Object.keys(MESSAGES_VI).sort()).toEqual(codes);
  });
});

describe("verdict", () => {
  const c = (...s: ("PASSED" | "FAILED" | "INDETERMINATE")[]) => Object.fromEntries(s.map((status, i) => [`c${i}`, { status }]));
  it("is NOT_SECURE when any condition failed, even beside an indeterminate one", () => {
    expect(verdictOf(c("PASSED", "INDETERMINATE", "FAILED", "PASSED"))).toBe("NOT_SECURE");
  });
  it("is SECURE only when all four passed", () => {
    expect(verdictOf(c("PASSED", "PASSED", "PASSED", "PASSED"))).toBe("SECURE");
    expect(verdictOf(c("PASSED", "PASSED", "PASSED"))).toBe("INDETERMINATE");
    expect(verdictOf(c("PASSED", "PASSED", "INDETERMINATE", "PASSED"))).toBe("INDETERMINATE");
  });
});

describe("policy", () => {
  it("fills defaults and accepts each documented setting", () => {
    expect(resolvePolicy({ algorithms: "strict" })).toMatchObject({ algorithms: "strict", revocation: "require", soleControl: "presumed" });
  });
  it.each([[{ revocation: "maybe" }], [{ unknown: true }], [[1]], ["strict"]])("rejects %j with POLICY_INVALID", (input) => {
    let err: unknown;
    try {
      resolvePolicy(input);
    } catch (e) {
      err = e;
    }
    expect(isDecree130Error(err) && err.code).toBe("POLICY_INVALID");
  });
});
