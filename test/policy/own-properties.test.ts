// resolvePolicy reads own properties only: keys named like Object.prototype's members are unknown settings (a typed
// POLICY_INVALID, never a TypeError), and settings an application put on Object.prototype are never read.
import { afterEach, describe, expect, it } from "vitest";
import { isDecree130Error } from "../../src/errors.js";
import { DEFAULT_POLICY, resolvePolicy } from "../../src/policy/policy.js";

const planted: string[] = [];
function plant(key: string, value: unknown): void {
  Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true, enumerable: false });
  planted.push(key);
}
afterEach(() => {
  for (const key of planted.splice(0)) Reflect.deleteProperty(Object.prototype, key);
});

function refusal(input: unknown): string {
  try {
    resolvePolicy(input);
  } catch (err) {
    if (isDecree130Error(err) && err.code === "POLICY_INVALID") return err.message;
    throw err;
  }
  throw new Error("accepted");
}

describe("resolvePolicy", () => {
  it.each(["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "propertyIsEnumerable", "isPrototypeOf"])(
    'refuses the key "%s" from JSON as an unknown setting',
    (key) => {
      expect(refusal(JSON.parse(`{"${key}": {}}`))).toBe(`unknown policy setting "${key}"`);
    },
  );

  it("does not read settings from Object.prototype", () => {
    plant("algorithms", "strict");
    plant("soleControl", "require-evidence");
    expect(resolvePolicy({})).toEqual(DEFAULT_POLICY);
    expect(resolvePolicy({ revocation: "ignore" })).toEqual({ ...DEFAULT_POLICY, revocation: "ignore" });
  });

  it("still takes each own setting, and the result carries every setting as its own", () => {
    const policy = resolvePolicy(JSON.parse('{"algorithms":"strict","keyProtection":"usb-token"}'));
    expect(policy).toMatchObject({ algorithms: "strict", keyProtection: "usb-token" });
    expect(Object.keys(policy).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
    expect(Object.getPrototypeOf(policy)).toBe(Object.prototype);
  });
});
