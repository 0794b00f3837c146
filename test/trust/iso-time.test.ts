// Trust-list dates (licence periods): strict ISO-8601, and the years 0000–0099 are those years (Date.UTC alone would
// read them as 1900–1999).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTrustList } from "../../src/trust/load.js";
import { parseIsoTime } from "../../src/trust/iso-time.js";

const VNPT = new Uint8Array(readFileSync(new URL("../corpora/vn-pki/subca/vnpt-ca-sha2.cer", import.meta.url)));
const provider = { name: "VNPT-CA", category: "public", certificates: [Buffer.from(VNPT).toString("base64")] };

describe("trust-list dates", () => {
  it("keep the years 0000–0099 (no 19xx shift) and refuse impossible dates", () => {
    expect(new Date(parseIsoTime("0050-06-01T00:00:00Z")!).toISOString()).toBe("0050-06-01T00:00:00.000Z");
    expect(new Date(parseIsoTime("0099-12-31")!).toISOString()).toBe("0099-12-31T00:00:00.000Z");
    expect(new Date(parseIsoTime("0000-01-01T07:00:00+07:00")!).toISOString()).toBe("0000-01-01T00:00:00.000Z");
    expect(parseIsoTime("0004-02-29")).toBeDefined();
    expect(parseIsoTime("0100-02-29")).toBeUndefined();
    expect(parseIsoTime("2025-02-30T00:00:00Z")).toBeUndefined();
  });

  it("load a licence of the year 0050 as the year 0050", () => {
    const licensed = { ...provider, licenses: [{ from: "0050-01-01T00:00:00Z", to: null }] };
    const [p] = loadTrustList({ schema: "decree130/trust-list@1", name: "test", providers: [licensed] }).providers;
    expect(new Date(p!.licenses![0]!.from).getUTCFullYear()).toBe(50);
  });
});
