// The trust-list loader reads own properties only: keys an application put on Object.prototype (or Array.prototype)
// never reach a provider, and "__proto__" from JSON is an unknown field like any other.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadTrustList } from "../../src/trust/load.js";

const VNPT = new Uint8Array(readFileSync(new URL("../corpora/vn-pki/subca/vnpt-ca-sha2.cer", import.meta.url)));
const base64 = Buffer.from(VNPT).toString("base64");
const provider = { name: "VNPT-CA", category: "public", certificates: [base64] };
const list = (providers: unknown[]): Record<string, unknown> => ({ schema: "decree130/trust-list@1", name: "test", providers });

/** Sets `Object.prototype[key]` (or another prototype's) for one test; afterEach takes it away again. */
const planted: { target: object; key: PropertyKey }[] = [];
function plant(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, configurable: true, writable: true, enumerable: false });
  planted.push({ target, key });
}
afterEach(() => {
  for (const { target, key } of planted.splice(0)) Reflect.deleteProperty(target, key);
});

function code(json: unknown): string | undefined {
  try {
    loadTrustList(json);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe("loadTrustList reads own properties only", () => {
  it("a keyProtection on Object.prototype does not make every provider a USB token", () => {
    plant(Object.prototype, "keyProtection", "usb-token");
    expect(loadTrustList(list([provider])).providers[0]!.keyProtection).toBeNull();
  });

  it("licenses and services on Object.prototype are not read", () => {
    plant(Object.prototype, "licenses", [{ from: "2000-01-01T00:00:00Z", to: "2001-01-01T00:00:00Z" }]);
    plant(Object.prototype, "services", ["timestamping"]);
    const [p] = loadTrustList(list([provider])).providers;
    expect(Object.hasOwn(p!, "licenses")).toBe(false);
    expect(p!.services).toEqual(["signing"]);
  });

  it("a licence's missing 'to' is not taken from Object.prototype", () => {
    plant(Object.prototype, "to", null);
    expect(code(list([{ ...provider, licenses: [{ from: "2019-09-15T00:00:00Z" }] }]))).toBe("TRUST_LIST_INVALID");
  });

  it("schema, name and providers on Object.prototype do not make an empty object a trust list", () => {
    plant(Object.prototype, "schema", "decree130/trust-list@1");
    plant(Object.prototype, "name", "planted");
    plant(Object.prototype, "providers", []);
    expect(code({})).toBe("TRUST_LIST_INVALID");
  });

  it("an array hole is not filled from Array.prototype", () => {
    plant(Array.prototype, 1, provider);
    const providers = [provider];
    providers.length = 2;
    expect(code(list(providers))).toBe("TRUST_LIST_INVALID");
  });

  it('refuses "__proto__", "constructor" and "toString" as unknown fields, at every level', () => {
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(code(`{"schema":"decree130/trust-list@1","name":"x","providers":[],"${key}":{}}`)).toBe("TRUST_LIST_INVALID");
      const p = JSON.stringify(provider).replace(/}$/, `,"${key}":{}}`);
      expect(code(`{"schema":"decree130/trust-list@1","name":"x","providers":[${p}]}`)).toBe("TRUST_LIST_INVALID");
    }
  });
});
