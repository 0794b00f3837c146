// Name comparison (RFC 5280 §7.1 as semantics.md applies it): names built with the kit's DER encoder.
import { describe, expect, it } from "vitest";
import { decodeNameDer, sameName } from "../../src/model/name.js";
import { Decree130Error } from "../../src/errors.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import { NULL, oidDer, printableString, seq, setAsGiven, setOf, utf8String } from "../testing/asn1.js";

const CN = "2.5.4.3";
const O = "2.5.4.10";
const atv = (type: string, value: Uint8Array): Uint8Array => seq(oidDer(type), value);
const name = (...rdns: Uint8Array[][]): ReturnType<typeof decodeNameDer> => decodeNameDer(seq(...rdns.map((r) => setOf(...r))));

describe("sameName", () => {
  it("matches across string types, case and inner whitespace, and agrees with the comparison key", () => {
    const a = name([atv(O, printableString("VNPT Group"))], [atv(CN, printableString("VNPT  Certification Authority"))]);
    const b = name([atv(O, utf8String("vnpt group"))], [atv(CN, utf8String(" VNPT Certification   AUTHORITY "))]);
    expect(sameName(a, b)).toBe(true);
    expect(a.key).toBe(b.key);
  });

  it("tells apart names that differ in one value, in type, or in the number of RDNs", () => {
    const base = name([atv(O, utf8String("VNPT"))], [atv(CN, utf8String("CA"))]);
    const cases = [
      name([atv(O, utf8String("VNPT"))], [atv(CN, utf8String("CB"))]),
      name([atv(CN, utf8String("VNPT"))], [atv(CN, utf8String("CA"))]),
      name([atv(O, utf8String("VNPT"))]),
    ];
    for (const other of cases) {
      expect(sameName(base, other)).toBe(false);
      expect(base.key).not.toBe(other.key);
    }
  });

  it("cannot be fooled by a value that spells out separators", () => {
    // One RDN whose value imitates "a" followed by a second RDN "CN=b", under any key that joins without escaping.
    const one = name([atv(CN, utf8String(`a,${CN}=b`))]);
    const two = name([atv(CN, utf8String("a"))], [atv(CN, utf8String("b"))]);
    expect(sameName(one, two)).toBe(false);
    expect(one.key).not.toBe(two.key);
    const plus = name([atv(CN, utf8String(`a+${O}=b`))]);
    const multi = decodeNameDer(seq(setAsGiven(atv(CN, utf8String("a")), atv(O, utf8String("b")))));
    expect(sameName(plus, multi)).toBe(false);
    expect(plus.key).not.toBe(multi.key);
  });

  it("folds Vietnamese values (NFKC, case, whitespace) the same on every comparison, however long", () => {
    // Precomposed "Cơ yếu" against the same letters with combining marks, in capitals and with extra spaces.
    const composed = "Ban Cơ yếu Chính phủ";
    const decomposed = ` BAN  CO\u031B YE\u0302\u0301U CHI\u0301NH PHU\u0309 `;
    for (let round = 0; round < 2; round++) {
      expect(sameName(name([atv(O, utf8String(composed))]), name([atv(O, utf8String(decomposed))]))).toBe(true);
      expect(sameName(name([atv(O, utf8String(composed))]), name([atv(O, utf8String("Ban Cơ yếu Chính phu"))]))).toBe(false);
    }
    const long = `${"Nguyễn ".repeat(60)}Văn`;
    for (let round = 0; round < 2; round++) {
      expect(sameName(name([atv(CN, utf8String(long))]), name([atv(CN, utf8String(long.toUpperCase().replaceAll(" ", "  ")))]))).toBe(true);
      expect(sameName(name([atv(CN, utf8String(long))]), name([atv(CN, utf8String(`${long}x`))]))).toBe(false);
    }
  });

  it("compares multi-valued RDNs as sets", () => {
    const ab = decodeNameDer(seq(setAsGiven(atv(CN, utf8String("x")), atv(O, utf8String("y")))));
    const ba = decodeNameDer(seq(setAsGiven(atv(O, utf8String("Y")), atv(CN, utf8String("X")))));
    expect(sameName(ab, ba)).toBe(true);
    expect(ab.key).toBe(ba.key);
  });
});

describe("decodeName", () => {
  const malformed = (der: Uint8Array): string => {
    try {
      decodeNameDer(der);
    } catch (err) {
      return err instanceof Decree130Error ? err.code : String(err);
    }
    return "decoded";
  };

  // The text of values is read on first use; the structure never is: a malformed name fails where it is decoded.
  it("refuses a malformed structure when decoded, before any value is read", () => {
    expect(malformed(seq(seq(atv(CN, utf8String("x")))))).toBe("MALFORMED_DER"); // RDN not a SET
    expect(malformed(seq(setOf(seq(oidDer(CN)))))).toBe("MALFORMED_DER"); // type without value
    expect(malformed(seq(setOf(seq(oidDer(CN), utf8String("x"), NULL))))).toBe("MALFORMED_DER"); // three fields
    expect(malformed(seq(setOf(seq(utf8String("2.5.4.3"), utf8String("x")))))).toBe("MALFORMED_DER"); // type not an OID
    expect(malformed(seq(setOf(seq(encodeTlv(0x06, new Uint8Array()), utf8String("x")))))).toBe("MALFORMED_DER"); // empty OID
    expect(malformed(Uint8Array.of(0x30, 0x03, 0x31, 0x05, 0x30))).toBe("MALFORMED_DER"); // RDN runs past the name
  });

  it("reads values as text on first use, and keeps an undecodable one as hex", () => {
    const n = name([atv(O, utf8String("Công ty Cổ phần"))], [atv(CN, encodeTlv(0x0c, Uint8Array.of(0xc3, 0x28)))]);
    expect(n.rdns).toEqual([[{ type: O, value: "Công ty Cổ phần" }], [{ type: CN, value: "#c328" }]]);
    expect(n.rdns).toBe(n.rdns); // read once
  });

  it("compares an undecodable value by its encoding, never by the hex text a report shows for it (issue 19 item 7)", () => {
    const invalid = name([atv(CN, encodeTlv(0x0c, Uint8Array.of(0x41, 0xc0, 0x80)))]);
    const spelled = name([atv(CN, utf8String("#41c080"))]);
    expect(invalid.rdns).toEqual(spelled.rdns); // the same display form
    expect(sameName(invalid, spelled)).toBe(false);
    expect(invalid.key).not.toBe(spelled.key);
    // The same invalid octets match themselves, under any other casing of nothing: octet for octet.
    expect(sameName(invalid, name([atv(CN, encodeTlv(0x0c, Uint8Array.of(0x41, 0xc0, 0x80)))]))).toBe(true);
    // Another type whose text reads the same (an OCTET STRING "AB" against a UTF8String "AB") is another value.
    expect(sameName(name([atv(CN, encodeTlv(0x04, Uint8Array.of(0x41, 0x42)))]), name([atv(CN, utf8String("AB"))]))).toBe(false);
  });
});
