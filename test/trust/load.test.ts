import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCertificate } from "../../src/model/certificate.js";
import { loadTrustList } from "../../src/trust/load.js";

const VN_PKI = new URL("../corpora/vn-pki/", import.meta.url);
const der = (path: string) => new Uint8Array(readFileSync(new URL(path, VN_PKI)));
const pem = (bytes: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(bytes).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----`;

const ROOT = der("roots/vietnam-national-root-ca-sha256-g2-2014.cer");
const VNPT = der("subca/vnpt-ca-sha2.cer");

function list(providers: unknown[], extra: Record<string, unknown> = {}) {
  return { schema: "decree130/trust-list@1", name: "test list", providers, ...extra };
}
function provider(extra: Record<string, unknown> = {}) {
  return { name: "VNPT-CA", category: "public", certificates: [pem(ROOT), pem(VNPT)], ...extra };
}
function rejects(json: unknown, message: string) {
  expect(() => loadTrustList(json)).toThrowError(expect.objectContaining({ name: "Decree130Error", code: "TRUST_LIST_INVALID", message }));
}

describe("loadTrustList: accepted input", () => {
  it("builds providers with defaults and anchors in order", () => {
    const tl = loadTrustList(list([provider()]));
    expect(tl.name).toBe("test list");
    const [p] = tl.providers;
    expect(p).toMatchObject({ name: "VNPT-CA", category: "public", keyProtection: null, services: ["signing"] });
    expect(p!.licenses).toBeUndefined();
    expect(tl.anchors.map((a) => a.certificate.serialHex)).toEqual([decodeCertificate(ROOT).serialHex, decodeCertificate(VNPT).serialHex]);
    expect(tl.anchors.every((a) => a.provider === p)).toBe(true);
  });

  it("accepts bare base64 DER, JSON text, licences, keyProtection and services", () => {
    const json = JSON.stringify(
      list([
        provider({
          certificates: [Buffer.from(VNPT).toString("base64")],
          licenses: [{ from: "2009-09-15T00:00:00Z", to: "2019-09-15T00:00:00+07:00" }, { from: "2019-09-15", to: null }],
          keyProtection: "remote-signing-hsm",
          services: ["signing", "timestamping"],
        }),
      ]),
    );
    const [p] = loadTrustList(json).providers;
    expect(p!.licenses).toEqual([
      { from: Date.UTC(2009, 8, 15), to: Date.UTC(2019, 8, 14, 17) },
      { from: Date.UTC(2019, 8, 15), to: null },
    ]);
    expect(p!.keyProtection).toBe("remote-signing-hsm");
    expect(p!.services).toEqual(["signing", "timestamping"]);
  });

  it("accepts keyProtection null and an empty provider list", () => {
    expect(loadTrustList(list([provider({ keyProtection: null })])).providers[0]!.keyProtection).toBeNull();
    expect(loadTrustList(list([])).anchors).toEqual([]);
  });

  it("returns frozen results", () => {
    const tl = loadTrustList(list([provider()]));
    expect(Object.isFrozen(tl)).toBe(true);
    expect(Object.isFrozen(tl.providers[0])).toBe(true);
    expect(Object.isFrozen(tl.anchors)).toBe(true);
  });
});

describe("loadTrustList: rejected input, with exact messages", () => {
  it("not a JSON object", () => {
    rejects([], "trust list: expected a JSON object, got an array");
    rejects(null, "trust list: expected a JSON object, got null");
    rejects(42, "trust list: expected a JSON object, got number 42");
    rejects("{", expect.stringMatching(/^trust list is not valid JSON: /) as unknown as string);
  });

  it("wrong schema", () => {
    rejects(list([], { schema: "decree130/trust-list@2" }), 'trust list: schema must be "decree130/trust-list@1", got "decree130/trust-list@2"');
    rejects({ name: "x", providers: [] }, 'trust list: schema must be "decree130/trust-list@1", got undefined');
  });

  it("missing name or providers", () => {
    rejects(list([], { name: "" }), 'trust list: name must be a non-empty string, got ""');
    rejects({ schema: "decree130/trust-list@1", name: "x" }, "trust list: providers must be an array, got undefined");
    rejects(list(["VNPT"]), 'providers[0]: expected an object, got "VNPT"');
    rejects(list([provider({ name: 7 })]), "providers[0]: name must be a non-empty string, got number 7");
  });

  it("unknown category", () => {
    rejects(
      list([provider(), provider({ name: "X-CA", category: "private" })]),
      'providers[1] "X-CA": category must be one of "national-root", "government", "public", "specialized", got "private"',
    );
  });

  it("bad PEM", () => {
    const bad = pem(VNPT).replace("MII", "MI*");
    rejects(list([provider({ certificates: [pem(ROOT), bad] })]), 'providers[0] "VNPT-CA": certificates[1] does not decode: PEM block "CERTIFICATE": invalid base64 character "*" at offset 3');
    rejects(list([provider({ certificates: ["-----BEGIN PKCS7-----\nMAA=\n-----END PKCS7-----"] })]), 'providers[0] "VNPT-CA": certificates[0] does not decode: PEM label is "PKCS7", not "CERTIFICATE"');
    rejects(list([provider({ certificates: [pem(ROOT) + "\n" + pem(VNPT)] })]), 'providers[0] "VNPT-CA": certificates[0] does not decode: holds 2 PEM blocks; list one certificate per entry');
  });

  it("bytes that are base64 but not a certificate", () => {
    const truncated = Buffer.from(VNPT.subarray(0, 200)).toString("base64");
    rejects(list([provider({ certificates: [truncated] })]), expect.stringMatching(/^providers\[0\] "VNPT-CA": certificates\[0\] does not decode: \S/) as unknown as string);
    rejects(list([provider({ certificates: [42] })]), 'providers[0] "VNPT-CA": certificates[0] must be a PEM or base64 string, got number 42');
  });

  it("missing or empty certificates, and a repeated one", () => {
    rejects(list([{ name: "VNPT-CA", category: "public" }]), 'providers[0] "VNPT-CA": certificates must be a non-empty array of PEM strings');
    rejects(list([provider({ certificates: [] })]), 'providers[0] "VNPT-CA": certificates must be a non-empty array of PEM strings');
    rejects(list([provider({ certificates: [pem(VNPT), Buffer.from(VNPT).toString("base64")] })]), 'providers[0] "VNPT-CA": certificates[1] repeats certificates[0]');
  });

  it("bad licence dates", () => {
    const at = (licenses: unknown) => list([provider({ licenses })]);
    rejects(at([{ from: "2019-09-15T00:00:00Z", to: "2009-09-15T00:00:00Z" }]), 'providers[0] "VNPT-CA": licenses[0]: from (2019-09-15T00:00:00Z) must be before to (2009-09-15T00:00:00Z)');
    rejects(at([{ from: "2019-09-15T00:00:00Z", to: "2019-09-15T00:00:00Z" }]), 'providers[0] "VNPT-CA": licenses[0]: from (2019-09-15T00:00:00Z) must be before to (2019-09-15T00:00:00Z)');
    rejects(at([{ from: "2019-02-30", to: null }]), 'providers[0] "VNPT-CA": licenses[0].from must be an ISO-8601 date-time, got "2019-02-30"');
    rejects(at([{ from: "2019-09-15T00:00:00", to: null }]), 'providers[0] "VNPT-CA": licenses[0].from must be an ISO-8601 date-time, got "2019-09-15T00:00:00"');
    rejects(at([{ from: "2019-09-15" }]), 'providers[0] "VNPT-CA": licenses[0].to must be an ISO-8601 date-time or null, got undefined');
    rejects(at([]), 'providers[0] "VNPT-CA": licenses must be a non-empty array (omit the field for no licence check)');
  });

  it("unknown field, at every level", () => {
    rejects(list([provider({ licences: [] })]), 'providers[0] "VNPT-CA": unknown field "licences"');
    rejects(list([], { version: 1 }), 'trust list: unknown field "version"');
    rejects(list([provider({ licenses: [{ from: "2019-09-15", to: null, note: "x" }] })]), 'providers[0] "VNPT-CA": licenses[0]: unknown field "note"');
  });

  it("bad keyProtection and services", () => {
    rejects(list([provider({ keyProtection: "hsm" })]), 'providers[0] "VNPT-CA": keyProtection must be one of "usb-token", "remote-signing-hsm", "mobile-pki" or null, got "hsm"');
    rejects(list([provider({ services: [] })]), 'providers[0] "VNPT-CA": services must be a non-empty array');
    rejects(list([provider({ services: ["signing", "ocsp"] })]), 'providers[0] "VNPT-CA": services[1] must be "signing" or "timestamping", got "ocsp"');
    rejects(list([provider({ services: ["signing", "signing"] })]), 'providers[0] "VNPT-CA": services[1] repeats "signing"');
  });
});
