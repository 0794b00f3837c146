import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCertificate } from "../../src/model/certificate.js";
import type { Name } from "../../src/model/name.js";
import { parseVietnameseIdentifiers } from "../../src/identity/vn-identifiers.js";
import { decodePem } from "../../src/lib/pem.js";

const VN_PKI = new URL("../corpora/vn-pki/", import.meta.url);
function subjectOf(path: string): Name {
  const bytes = readFileSync(new URL(path, VN_PKI));
  const text = bytes.toString("latin1");
  return decodeCertificate(text.includes("-----BEGIN") ? decodePem(text)[0]!.der : new Uint8Array(bytes)).subject;
}
const OID: Record<string, string> = { UID: "0.9.2342.19200300.100.1.1", O: "2.5.4.10", OU: "2.5.4.11", CN: "2.5.4.3", T: "2.5.4.12", serialNumber: "2.5.4.5" };
function name(...attrs: [string, string][]): Name {
  return { der: new Uint8Array(), rdns: attrs.map(([t, value]) => [{ type: OID[t]!, value }]), key: "" };
}

// Expected values from INDEX.md (subjects as printed by openssl x509 -subject).
const EXPECTED: Record<string, { identifiers: Record<string, string>; kind: string; notes: number }> = {
  "ee/ee-fpt-ca-sha1-license-signer-mst-09331231237.cer": { identifiers: { MST: "09331231237" }, kind: "organization", notes: 1 },
  "ee/ee-fpt-ca-tct-org-mst-0100231226-2019.cer": { identifiers: { MST: "0100231226" }, kind: "organization", notes: 0 },
  "ee/ee-fpt-ca-tct-test01-mst-0100231226-998.cer": { identifiers: { MST: "0100231226-998" }, kind: "organization", notes: 0 },
  "ee/ee-newtel-ca-v2-test-mst-0123456789-2019.cer": { identifiers: { MST: "0123456789" }, kind: "organization", notes: 0 },
  "ee/ee-safe-ca-2020-test-org-mst-0106324653.cer": { identifiers: { MST: "0106324653" }, kind: "organization", notes: 0 },
  "ee/ee-smartsign-2021-test-org-mst-0313032391.cer": { identifiers: { MST: "0313032391" }, kind: "organization", notes: 0 },
  "ee/ee-tct-test01-cyberlotus-ca-test.cer": { identifiers: {}, kind: "unknown", notes: 0 },
  "ee/ee-viettel-ca-sha1-org-mst-0104831030-091-2020.cer": { identifiers: { MST: "0104831030-091" }, kind: "organization", notes: 0 },
  "ee/ee-vnpt-ca-sha1-codesigning-vnpt-software-2018.cer": { identifiers: {}, kind: "unknown", notes: 0 },
  "ee/ee-vnpt-ca-sha1-org-mst-0302345459-rsa1024-2020.cer": { identifiers: { MST: "0302345459" }, kind: "organization", notes: 0 },
  "ee/ee-vnpt-smartca-rs-org-mst-0101498046.cer": { identifiers: { MST: "0101498046" }, kind: "organization", notes: 0 },
  "gov/ee-vgca-btc-org-chi-cuc-thue-hong-bang-an-duong-2019.cer": { identifiers: {}, kind: "unknown", notes: 0 },
  "gov/ee-vgca-g1-cp-mobile-test-03-2016.cer": { identifiers: {}, kind: "unknown", notes: 0 },
  "gov/ee-vgca-g2-tong-cuc-thue-cqt-2021.cer": { identifiers: {}, kind: "unknown", notes: 0 },
  "gov/vgca-ca-phuc-vu-co-quan-nha-nuoc-g2.pem": { identifiers: {}, kind: "unknown", notes: 0 },
  "gov/vgca-g1-rootca-co-quan-chung-thuc-so-chuyen-dung-chinh-phu-2010.cer": { identifiers: {}, kind: "unknown", notes: 0 },
  "gov/vgca-rootca-chuyen-dung-chinh-phu-g2.pem": { identifiers: {}, kind: "unknown", notes: 0 },
};

describe("parseVietnameseIdentifiers on real certificates", () => {
  it("covers every file in ee/ and gov/", () => {
    const files = ["ee", "gov"].flatMap((d) => readdirSync(new URL(`${d}/`, VN_PKI)).map((f) => `${d}/${f}`));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s", (path, want) => {
    const got = parseVietnameseIdentifiers(subjectOf(path));
    expect(got.identifiers).toEqual(want.identifiers);
    expect(got.kind).toBe(want.kind);
    expect(got.notes).toHaveLength(want.notes);
    expect(got.title).toBeUndefined();
  });

  it("flags the 11-digit MST of the FPT licence signer but keeps it", () => {
    const got = parseVietnameseIdentifiers(subjectOf("ee/ee-fpt-ca-sha1-license-signer-mst-09331231237.cer"));
    expect(got.notes).toEqual(['UID=MST:09331231237: MST should be 10 digits, or 10 digits + "-" + 3 digits; kept as written']);
  });

  it.each([
    ["subca/viettel-ca-rs-2026.cer", "0100109106"],
    ["subca/vnpt-smartca-rs2026.cer", "0100684378"],
    ["subca/misa-ca-rs2026.cer", "0101243150"],
    ["subca/mkcars.cer", "2500650909"],
    ["subca/one-ca-sha-256-v2.cer", "0401486901"],
  ])("reads the bare UID of %s as an MST, with a note", (path, mst) => {
    const got = parseVietnameseIdentifiers(subjectOf(path));
    expect(got).toEqual({ identifiers: { MST: mst }, kind: "organization", notes: [`UID=${mst} has no prefix; read as MST`] });
  });

  it("gives each call its own answer: editing one leaves the next read of the same decoded name intact", () => {
    const subject = subjectOf("ee/ee-fpt-ca-sha1-license-signer-mst-09331231237.cer");
    const first = parseVietnameseIdentifiers(subject);
    first.identifiers["MST"] = "0000000000";
    first.notes.push("edited");
    const second = parseVietnameseIdentifiers(subject);
    expect(second.identifiers).toEqual({ MST: "09331231237" });
    expect(second.notes).toHaveLength(1);
    expect(second).not.toBe(first);
  });
});

describe("parseVietnameseIdentifiers on synthetic names", () => {
  const parse = (...attrs: [string, string][]) => parseVietnameseIdentifiers(name(...attrs));

  it("reads a person with CCCD and a title", () => {
    expect(parse(["CN", "Nguyễn Văn A"], ["T", " Giám đốc "], ["UID", "CCCD:001203004567"])).toEqual({
      identifiers: { CCCD: "001203004567" }, kind: "person", title: "Giám đốc", notes: [],
    });
  });

  it("calls a holder with both MST and a personal id a person", () => {
    expect(parse(["UID", "MST:0101498046"], ["UID", "CMND:012345678"])).toMatchObject({
      identifiers: { MST: "0101498046", CMND: "012345678" }, kind: "person", notes: [],
    });
  });

  it("accepts CMND of 9 and 12 digits, HC, PID, BHXH and MNS", () => {
    expect(parse(["UID", "CMND:012345678912"]).notes).toEqual([]);
    expect(parse(["UID", "HC:C1234567"])).toMatchObject({ identifiers: { HC: "C1234567" }, kind: "person", notes: [] });
    expect(parse(["UID", "PID:79-123456"])).toMatchObject({ identifiers: { PID: "79-123456" }, kind: "person", notes: [] });
    expect(parse(["UID", "BHXH:0123456789"])).toMatchObject({ identifiers: { BHXH: "0123456789" }, kind: "unknown", notes: [] });
    expect(parse(["UID", "MNS:1234567"])).toMatchObject({ identifiers: { MNS: "1234567" }, kind: "organization", notes: [] });
  });

  it("tolerates case and spaces around the prefix", () => {
    expect(parse(["UID", " mst : 0101498046 "]).identifiers).toEqual({ MST: "0101498046" });
  });

  it("reads an MST from O= and from serialNumber, but not an ordinary O=", () => {
    expect(parse(["O", "MST:0100231226"]).identifiers).toEqual({ MST: "0100231226" });
    expect(parse(["serialNumber", "MST:0100231226-012"]).identifiers).toEqual({ MST: "0100231226-012" });
    expect(parse(["O", "Viettel Group"], ["OU", "0100109106"])).toEqual({ identifiers: {}, kind: "unknown", notes: [] });
  });

  it("flags malformed values, empty values, unknown UIDs and a conflicting second value", () => {
    expect(parse(["UID", "CCCD:12345"]).notes).toEqual(["UID=CCCD:12345: CCCD should be 12 digits; kept as written"]);
    expect(parse(["UID", "CCCD:"])).toEqual({ identifiers: {}, kind: "unknown", notes: ["UID=CCCD:: empty CCCD value"] });
    expect(parse(["UID", "ABC:123"]).notes).toEqual(["UID=ABC:123 is not a recognised Vietnamese identifier"]);
    expect(parse(["UID", "123456789012"]).notes).toEqual(["UID=123456789012 is not a recognised Vietnamese identifier"]);
    expect(parse(["UID", "MST:0101498046"], ["O", "MST:0100231226"])).toMatchObject({
      identifiers: { MST: "0101498046" },
      notes: ["O=MST:0100231226: a second MST (0100231226) besides 0101498046; the first is kept"],
    });
    expect(parse(["UID", "MST:0101498046"], ["O", "MST:0101498046"]).notes).toEqual([]);
  });

  it("bounds the number of attributes it reads", () => {
    const many = Array.from({ length: 100 }, (_, i): [string, string] => ["UID", `BHXH:${String(i).padStart(10, "0")}`]);
    const got = parse(...many);
    expect(got.notes[0]).toBe("more than 64 identifier attributes; the rest were not read");
    expect(got.identifiers).toEqual({ BHXH: "0000000000" });
  });
});
