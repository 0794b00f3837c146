import { describe, expect, it } from "vitest";
import { bytesKey, viewKey } from "../../src/asn1/bytes-key.js";

describe("bytesKey and viewKey", () => {
  it("identify bytes exactly, including inputs longer than one conversion chunk", () => {
    const a = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) & 0xff);
    const b = new Uint8Array(a);
    b[19_999] = b[19_999]! ^ 1;
    expect(bytesKey(a)).toHaveLength(20_000);
    expect(bytesKey(a)).toBe(bytesKey(new Uint8Array(a)));
    expect(bytesKey(a)).not.toBe(bytesKey(b));
    expect(bytesKey(Uint8Array.of(1, 2))).not.toBe(bytesKey(Uint8Array.of(1, 2, 0)));
  });

  it("viewKey gives bytesKey's answer, once per view, and another view of other bytes its own", () => {
    const buf = Uint8Array.from({ length: 64 }, (_, i) => i);
    const first = buf.subarray(0, 32);
    const second = buf.subarray(32);
    expect(viewKey(first)).toBe(bytesKey(first));
    expect(viewKey(first)).toBe(viewKey(first));
    expect(viewKey(second)).toBe(bytesKey(second));
    expect(viewKey(second)).not.toBe(viewKey(first));
  });
});
