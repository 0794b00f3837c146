// Profile rules checked on every path: names present, subjectAltName decodes, nameConstraints only on CAs.
import { describe, expect, it } from "vitest";
import type { Certificate } from "../../src/model/certificate.js";
import { checkExtensionForms, checkNonEmptyNames } from "../../src/path/profile-checks.js";

const name = (cn: string) => ({ der: new Uint8Array(), rdns: cn ? [[{ type: "2.5.4.3", value: cn }]] : [], key: cn.toLowerCase() });
const cert = (subject: string, issuer: string, extra: Partial<Certificate> = {}): Certificate =>
  ({ subject: name(subject), issuer: name(issuer), extensions: [], ...extra }) as unknown as Certificate;
const SAN = "2.5.29.17";
const NC = "2.5.29.30";

describe("checkNonEmptyNames", () => {
  it("passes ordinary names", () => {
    expect(checkNonEmptyNames([cert("leaf", "ca"), cert("ca", "root"), cert("root", "root")])).toBeNull();
  });
  it("refuses an empty issuer anywhere, the anchor's included, and an empty CA subject", () => {
    expect(checkNonEmptyNames([cert("leaf", ""), cert("", "root"), cert("root", "root")])).toMatchObject({ reason: "NAME_CHAINING", index: 0 });
    expect(checkNonEmptyNames([cert("leaf", "ca"), cert("", "root"), cert("root", "root")])).toMatchObject({ reason: "NAME_CHAINING", index: 1 });
    expect(checkNonEmptyNames([cert("leaf", "root"), cert("root", "")])).toMatchObject({ reason: "NAME_CHAINING", index: 1 });
  });
  it("allows an empty subject on the signing certificate (its names may live in subjectAltName)", () => {
    expect(checkNonEmptyNames([cert("", "root"), cert("root", "root")])).toBeNull();
  });
});

describe("checkExtensionForms", () => {
  const dns = Uint8Array.of(0x30, 0x0d, 0x82, 0x0b, ...new TextEncoder().encode("example.com"));
  it("accepts a well-formed subjectAltName", () => {
    expect(checkExtensionForms([cert("leaf", "root", { extensions: [{ oid: SAN, critical: false, value: dns }] })])).toBeNull();
  });
  it("refuses a subjectAltName that does not decode or names nothing", () => {
    const bad = Uint8Array.of(0x30, 0x05, 0x82, 0x09, 0x61);
    expect(checkExtensionForms([cert("leaf", "root", { extensions: [{ oid: SAN, critical: false, value: bad }] })])).toMatchObject({ reason: "MALFORMED_EXTENSION", index: 0 });
    expect(checkExtensionForms([cert("leaf", "root", { extensions: [{ oid: SAN, critical: false, value: Uint8Array.of(0x30, 0x00) }] })])).toMatchObject({
      reason: "MALFORMED_EXTENSION",
    });
  });
  it("refuses nameConstraints on a signing certificate that is not a CA", () => {
    const nc = { oid: NC, critical: true, value: Uint8Array.of(0x30, 0x00) };
    expect(checkExtensionForms([cert("leaf", "root", { extensions: [nc] })])).toMatchObject({ reason: "MALFORMED_EXTENSION", index: 0 });
    expect(checkExtensionForms([cert("ca", "root", { extensions: [nc], basicConstraints: { ca: true } })])).toBeNull();
  });
});
