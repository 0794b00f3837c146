import { describe, expect, it } from "vitest";
import { MATCHERS, uriHost } from "../../src/path/name-match.js";
import type { GeneralName } from "../../src/model/general-name.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import { decodeNameDer } from "../../src/model/name.js";
import { oidDer, printableString, seq, setOf, utf8String } from "../testing/asn1.js";

const dns = (value: string): GeneralName => ({ form: "dNSName", value });
const mail = (value: string): GeneralName => ({ form: "rfc822Name", value });
const uri = (value: string): GeneralName => ({ form: "uniformResourceIdentifier", value });
const ip = (...bytes: number[]): GeneralName => ({ form: "iPAddress", value: Uint8Array.from(bytes) });

describe("name constraint matchers", () => {
  it("matches DNS names at and below a domain, case-insensitively, but not lookalike suffixes", () => {
    expect(MATCHERS.dNSName(dns("Example.COM"), dns("example.com"))).toBe(true);
    expect(MATCHERS.dNSName(dns("a.b.example.com"), dns("example.com"))).toBe(true);
    expect(MATCHERS.dNSName(dns("badexample.com"), dns("example.com"))).toBe(false);
    expect(MATCHERS.dNSName(dns("example.com"), dns(".example.com"))).toBe(false);
    expect(MATCHERS.dNSName(dns("anything.test"), dns(""))).toBe(true);
  });

  it("matches mailboxes, hosts and domains as RFC 5280 §4.2.1.10 describes", () => {
    expect(MATCHERS.rfc822Name(mail("a@example.com"), mail("a@example.com"))).toBe(true);
    expect(MATCHERS.rfc822Name(mail("b@example.com"), mail("a@example.com"))).toBe(false);
    expect(MATCHERS.rfc822Name(mail("a@EXAMPLE.com"), mail("example.com"))).toBe(true);
    expect(MATCHERS.rfc822Name(mail("a@mail.example.com"), mail("example.com"))).toBe(false);
    expect(MATCHERS.rfc822Name(mail("a@mail.example.com"), mail(".example.com"))).toBe(true);
    expect(MATCHERS.rfc822Name(mail("no-at-sign"), mail("example.com"))).toBeUndefined();
  });

  it("reads URI hosts and matches them exactly or below a leading-dot domain", () => {
    expect(uriHost("ftp://user@files.example.com:21/x")).toBe("files.example.com");
    expect(uriHost("urn:isbn:123")).toBeUndefined();
    expect(MATCHERS.uniformResourceIdentifier(uri("http://example.com/a"), uri("example.com"))).toBe(true);
    expect(MATCHERS.uniformResourceIdentifier(uri("http://www.example.com/a"), uri("example.com"))).toBe(false);
    expect(MATCHERS.uniformResourceIdentifier(uri("http://www.example.com/a"), uri(".example.com"))).toBe(true);
    expect(MATCHERS.uniformResourceIdentifier(uri("mailto:a@example.com"), uri("example.com"))).toBeUndefined();
  });

  it("matches IP addresses under a mask, only within the same family", () => {
    expect(MATCHERS.iPAddress(ip(10, 1, 2, 3), ip(10, 0, 0, 0, 255, 0, 0, 0))).toBe(true);
    expect(MATCHERS.iPAddress(ip(11, 1, 2, 3), ip(10, 0, 0, 0, 255, 0, 0, 0))).toBe(false);
    expect(MATCHERS.iPAddress(ip(...new Array<number>(16).fill(0)), ip(10, 0, 0, 0, 255, 0, 0, 0))).toBe(false);
    expect(MATCHERS.iPAddress(ip(1, 2, 3), ip(10, 0, 0, 0, 255, 0, 0, 0))).toBeUndefined();
  });

  it("matches directory names by RDN as names are chained: string class and prepared value, not display text", () => {
    const dn = (...rdns: [string, Uint8Array][]): GeneralName => ({
      form: "directoryName",
      value: decodeNameDer(seq(...rdns.map(([type, value]) => setOf(seq(oidDer(type), value))))),
    });
    const [C, O, CN] = ["2.5.4.6", "2.5.4.10", "2.5.4.3"];
    const base = dn([C, printableString("VN")], [O, encodeTlv(0x0c, Uint8Array.of(0x41, 0xc0, 0x80))]);
    // The same octets below the base: inside; the UTF8String text "#41c080" (the base's display form): outside.
    expect(MATCHERS.directoryName(dn([C, utf8String("vn")], [O, encodeTlv(0x0c, Uint8Array.of(0x41, 0xc0, 0x80))], [CN, utf8String("x")]), base)).toBe(true);
    expect(MATCHERS.directoryName(dn([C, utf8String("VN")], [O, utf8String("#41c080")], [CN, utf8String("x")]), base)).toBe(false);
  });
});
