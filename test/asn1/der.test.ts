import { describe, expect, it } from "vitest";
import { bytesEqual } from "../../src/lib/bytes.js";
import { children, oid, readRoot, readTlv, smallInt, time, text, integerBytes, octets } from "../../src/asn1/der.js";
import { toDer } from "../../src/asn1/encode.js";
import { isDecree130Error } from "../../src/errors.js";

const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return isDecree130Error(err) ? err.code : `untyped: ${String(err)}`;
  }
};

describe("DER reader", () => {
  it("reads a definite-length element and its children", () => {
    const seq = readRoot(bytes("3006020101020102"));
    expect(children(seq).map((c) => smallInt(c))).toEqual([1, 2]);
  });
  it("rejects trailing bytes after the root", () => {
    expect(codeOf(() => readRoot(bytes("3000ff")))).toBe("MALFORMED_DER");
  });
  it("rejects non-minimal long-form lengths in DER and accepts them in BER", () => {
    expect(codeOf(() => readRoot(bytes("30810100")))).toBe("MALFORMED_DER");
    expect(codeOf(() => readRoot(bytes("3081020500")))).toBe("MALFORMED_DER");
    expect(readRoot(bytes("3081020500"), "ber").valueEnd).toBe(5);
  });
  it("rejects indefinite lengths in DER and reads them in BER", () => {
    const ber = bytes("308005000000");
    expect(codeOf(() => readRoot(ber))).toBe("MALFORMED_DER");
    const tlv = readRoot(ber, "ber");
    expect(tlv.indefinite).toBe(true);
    expect(children(tlv, "ber")).toHaveLength(1);
  });
  it("rejects truncation and lengths past the container", () => {
    expect(codeOf(() => readRoot(bytes("3005020101")))).toBe("MALFORMED_DER");
    expect(codeOf(() => readRoot(bytes("30")))).toBe("MALFORMED_DER");
    expect(codeOf(() => readRoot(bytes("3084ffffffff")))).toBe("MALFORMED_DER");
  });
  it("bounds nesting depth without recursion blow-up", () => {
    const deep = new Uint8Array(2 * 10_000);
    for (let i = 0; i < 10_000; i++) deep.set([0x30, 0x80], i * 2);
    expect(codeOf(() => readRoot(deep, "ber"))).toBe("NESTING_TOO_DEEP");
  });
  it("decodes OIDs and rejects non-minimal arcs", () => {
    expect(oid(readRoot(bytes("06092a864886f70d010702")))).toBe("1.2.840.113549.1.7.2");
    expect(oid(readRoot(bytes("0603551d0f")))).toBe("2.5.29.15");
    expect(oid(readRoot(bytes("0603883703")))).toBe("2.999.3");
    expect(codeOf(() => oid(readRoot(bytes("0602882a"))))).toBe(undefined);
    expect(codeOf(() => oid(readRoot(bytes("06028188"))))).toBe("MALFORMED_DER");
    expect(codeOf(() => oid(readRoot(bytes("0603808001"))))).toBe("MALFORMED_DER");
  });
  it("rejects non-minimal integers", () => {
    expect(codeOf(() => integerBytes(readRoot(bytes("02020001"))))).toBe("MALFORMED_DER");
    expect(integerBytes(readRoot(bytes("02020080")))).toEqual(bytes("0080"));
  });
  it("reads UTCTime and GeneralizedTime, rejecting impossible dates", () => {
    expect(time(readRoot(bytes("170d3235303130323033303430355a")))).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(time(readRoot(bytes("180f32303530303130313030303030305a")))).toBe(Date.UTC(2050, 0, 1));
    expect(codeOf(() => time(readRoot(bytes("170d3235303233303033303430355a"))))).toBe("MALFORMED_DER");
  });
  it("knows the calendar: leap years, month lengths, and GeneralizedTime years below 100", () => {
    const gt = (text: string) => readRoot(Uint8Array.of(0x18, text.length, ...new TextEncoder().encode(text)));
    expect(time(gt("20240229000000Z"))).toBe(Date.UTC(2024, 1, 29));
    expect(time(gt("20000229235959Z"))).toBe(Date.UTC(2000, 1, 29, 23, 59, 59));
    for (const bad of ["20230229000000Z", "21000229000000Z", "20250431000000Z", "20251301000000Z", "20250001000000Z", "20250100000000Z", "20250101240000Z", "20250101006000Z", "20250101000060Z"]) {
      expect(codeOf(() => time(gt(bad))), bad).toBe("MALFORMED_DER");
    }
    const year50 = new Date(0);
    year50.setUTCFullYear(50, 0, 1);
    expect(time(gt("00500101000000Z"))).toBe(year50.getTime());
  });
  it("reads fractional GeneralizedTime and rejects non-digits and local times", () => {
    const gt = (s: string) => readRoot(Uint8Array.of(0x18, s.length, ...new TextEncoder().encode(s)));
    const ut = (s: string) => readRoot(Uint8Array.of(0x17, s.length, ...new TextEncoder().encode(s)));
    expect(time(gt("20250102030405.5Z"))).toBe(Date.UTC(2025, 0, 2, 3, 4, 5, 500));
    expect(codeOf(() => time(gt("2025010203040aZ")))).toBe("MALFORMED_DER");
    expect(codeOf(() => time(gt("20250102030405")))).toBe("MALFORMED_DER");
    expect(codeOf(() => time(ut("2501020304-5Z")))).toBe("MALFORMED_DER");
    expect(codeOf(() => time(ut("250102030405.1Z")))).toBe("MALFORMED_DER");
    expect(time(ut("491231235959Z"))).toBe(Date.UTC(2049, 11, 31, 23, 59, 59));
    expect(time(ut("500101000000Z"))).toBe(Date.UTC(1950, 0, 1));
  });
  it("decodes Vietnamese UTF-8 and BMP strings", () => {
    const utf8 = new TextEncoder().encode("Hà Nội");
    const tlv = readTlv(Uint8Array.of(0x0c, utf8.length, ...utf8), 0, utf8.length + 2);
    expect(text(tlv)).toBe("Hà Nội");
    expect(text(readRoot(bytes("1e0400480061")))).toBe("Ha");
  });
  it("joins segmented BER OCTET STRINGs", () => {
    expect(octets(readRoot(bytes("2480040161040162 0000".replace(/ /g, "")), "ber"))).toEqual(bytes("6162"));
  });
  it("re-encodes BER as DER with SET OF sorted", () => {
    const ber = readRoot(bytes("31800402bbbb0401aa0000"), "ber");
    expect(toDer(ber)).toEqual(bytes("31070401aa0402bbbb"));
  });
});

describe("DER re-encoding", () => {
  it("bounds the depth of definite-length nesting", () => {
    let inner = Uint8Array.of(0x05, 0x00);
    for (let i = 0; i < 200; i++) inner = Uint8Array.of(0x30, 0x82, inner.length >> 8, inner.length & 0xff, ...inner);
    expect(codeOf(() => toDer(readRoot(inner, "ber")))).toBe("NESTING_TOO_DEEP");
  });
  it("gives DER input back as a copy, under the tag it was read as", () => {
    const der = bytes("a0080401003003020101");
    const out = toDer({ ...readRoot(der), tag: 0x31 });
    expect(out).toEqual(bytes("31080401003003020101"));
    expect(der[0]).toBe(0xa0); // the input is untouched
  });
  it("re-encodes what is not DER deep inside: long-form lengths, unsorted SET OF, segmented strings", () => {
    expect(toDer(readRoot(bytes("3006308103020101"), "ber"))).toEqual(bytes("300530030201 01".replace(/ /g, "")));
    expect(toDer(readRoot(bytes("3008310604010204 0101".replace(/ /g, "")), "ber"))).toEqual(bytes("3008310604010104 0102".replace(/ /g, "")));
    expect(toDer(readRoot(bytes("300a2480040161040162 0000".replace(/ /g, "")), "ber"))).toEqual(bytes("300404026162"));
  });
});

describe("bytesEqual", () => {
  it("compares any length and alignment, including a difference in the last, unaligned octets", () => {
    const backing = new Uint8Array(300).map((_, i) => (i * 31) & 0xff);
    for (const [offset, length] of [[0, 0], [1, 5], [3, 31], [1, 32], [3, 101], [2, 257]] as const) {
      const a = backing.subarray(offset, offset + length);
      const b = a.slice();
      expect(bytesEqual(a, b)).toBe(true);
      for (const at of [0, Math.floor(length / 2), length - 1]) {
        if (length === 0) continue;
        const c = a.slice();
        c[at]! ^= 0x40;
        expect(bytesEqual(a, c)).toBe(false);
        expect(bytesEqual(c, a)).toBe(false);
      }
      expect(bytesEqual(a, backing.subarray(offset, offset + length + 1))).toBe(false);
    }
  });
});
