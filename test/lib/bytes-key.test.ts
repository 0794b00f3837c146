import { describe, expect, it } from "vitest";
import { latin1 } from "../../src/lib/bytes.js";
import { viewKey } from "../../src/cache/spki-key.js";

describe("latin1 and viewKey", () => {
  it("identify bytes exactly, including inputs longer than one conversion chunk", () => {
    const a = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) & 0xff);
    const b = new Uint8Array(a);
    b[19_999] = b[19_999]! ^ 1;
    expect(latin1(a)).toHaveLength(20_000);
    expect(latin1(a)).toBe(latin1(new Uint8Array(a)));
    expect(latin1(a)).not.toBe(latin1(b));
    expect(latin1(Uint8Array.of(1, 2))).not.toBe(latin1(Uint8Array.of(1, 2, 0)));
  });

  it("viewKey gives latin1's answer, once per view, and another view of other bytes its own", () => {
    const buf = Uint8Array.from({ length: 64 }, (_, i) => i);
    const first = buf.subarray(0, 32);
    const second = buf.subarray(32);
    expect(viewKey(first)).toBe(latin1(first));
    expect(viewKey(first)).toBe(viewKey(first));
    expect(viewKey(second)).toBe(latin1(second));
    expect(viewKey(second)).not.toBe(viewKey(first));
  });
});
