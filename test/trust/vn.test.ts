import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import { formatName } from "../../src/model/name.js";
import { loadTrustList } from "../../src/trust/load.js";
import { decodePem } from "../../src/lib/pem.js";
import { vietnamTrustList } from "../../src/trust/vn/index.js";
import data from "../../src/trust/vn/data.json" with { type: "json" };
import sources from "../../src/trust/vn/sources.json" with { type: "json" };

const VN_PKI = fileURLToPath(new URL("../corpora/vn-pki/", import.meta.url));
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
function cert(path: string): Certificate {
  const bytes = readFileSync(join(VN_PKI, path));
  const text = bytes.toString("latin1");
  return decodeCertificate(text.includes("-----BEGIN") ? decodePem(text)[0]!.der : new Uint8Array(bytes));
}
const listed = data.providers.flatMap((p) => p.certificates.map((c) => ({ provider: p, der: decodePem(c)[0]!.der })));

describe("built-in Vietnamese trust list data", () => {
  it("loads through the strict loader, every certificate decoding", () => {
    const tl = loadTrustList(data);
    expect(tl.anchors).toHaveLength(listed.length);
    expect(listed.length).toBe(64);
    for (const { der } of listed) expect(decodeCertificate(der).der.length).toBe(der.length);
    expect(tl.name).toBe("Vietnam (NEAC + Ban Cơ yếu Chính phủ), built 2026-07-16");
  });

  it("is memoised", () => {
    expect(vietnamTrustList()).toBe(vietnamTrustList());
  });

  it("has one provenance entry per certificate, and every sha256 recomputes from the listed bytes and the source file", () => {
    const byHash = new Map(listed.map((l) => [sha256(l.der), l]));
    expect(sources).toHaveLength(listed.length);
    expect(new Set(sources.map((s) => s.sha256)).size).toBe(sources.length);
    for (const s of sources) {
      const l = byHash.get(s.sha256);
      expect(l, s.source).toBeDefined();
      expect(l!.provider.name).toBe(s.provider);
      expect(l!.provider.category).toBe(s.category);
      expect(s.source.startsWith("vn-pki/")).toBe(true);
      if (!s.source.startsWith("vn-pki/p7b-official/")) {
        expect(sha256(cert(s.source.slice("vn-pki/".length)).der)).toBe(s.sha256);
      }
      const c = decodeCertificate(l!.der);
      expect(new Date(c.notBefore).toISOString().replace(".000Z", "Z")).toBe(s.notBefore);
      expect(new Date(c.notAfter).toISOString().replace(".000Z", "Z")).toBe(s.notAfter);
    }
  });

  it("holds no look-alike and no end-entity certificate", () => {
    const hashes = new Set(sources.map((s) => s.sha256));
    for (const dir of ["lookalike", "ee"]) {
      for (const f of readdirSync(join(VN_PKI, dir))) expect(hashes.has(sha256(cert(`${dir}/${f}`).der)), f).toBe(false);
    }
    for (const { der } of listed) {
      const c = decodeCertificate(der);
      expect(c.basicConstraints?.ca === true || c.keyUsage?.has("keyCertSign") === true, formatName(c.subject)).toBe(true);
    }
  });

  it("classifies categories, key models and timestamping services", () => {
    const tl = vietnamTrustList();
    const of = (path: string) => tl.anchorsFor(cert(path)).map((a) => a.provider);
    expect(of("roots/vietnam-national-root-ca-sha256-g2-2014.cer")).toMatchObject([{ category: "national-root", services: ["signing", "timestamping"] }]);
    expect(of("roots/vietnam-national-root-ca-tsa-2025.cer")).toMatchObject([{ category: "national-root", services: ["timestamping"] }]);
    expect(of("roots/vietnam-national-root-ca-usbtoken-2025.cer")).toMatchObject([{ keyProtection: "usb-token" }]);
    expect(of("gov/vgca-rootca-chuyen-dung-chinh-phu-g2.pem")).toMatchObject([{ category: "government", name: "Ban Cơ yếu Chính phủ (VGCA)" }]);
    expect(of("gov/vgca-ca-phuc-vu-co-quan-nha-nuoc-g2.pem")).toMatchObject([{ category: "government" }]);
    expect(of("subca/vnpt-smartca-rs.cer")).toMatchObject([{ name: "VNPT SmartCA", category: "public", keyProtection: "remote-signing-hsm" }]);
    expect(of("subca/mobifone-ca-simpki.cer")).toMatchObject([{ keyProtection: "mobile-pki" }]);
    expect(of("subca/one-ca-sha-256-v2.cer")).toMatchObject([{ name: "ONE-CA", keyProtection: "usb-token" }]);
    expect(of("subca/viettel-ca-timestamping.cer")).toMatchObject([{ name: "Viettel-CA", services: ["timestamping"], keyProtection: null }]);
    expect(of("subca/viettel-ca-sha2-2024.cer")).toMatchObject([{ name: "Viettel-CA", services: ["signing"], keyProtection: null }]);
    for (const p of tl.providers) expect(p.licenses).toBeUndefined();
  });

  it("is what the build script produces from the data folder (deterministic, not stale)", () => {
    const out = mkdtempSync(join(tmpdir(), "vn-trust-"));
    execFileSync("node", [join(REPO, "scripts/build-vn-trust-list.mjs"), VN_PKI, out], { stdio: "pipe" });
    expect(readFileSync(join(out, "data.json"), "utf8")).toBe(readFileSync(join(REPO, "src/trust/vn/data.json"), "utf8"));
    expect(readFileSync(join(out, "sources.json"), "utf8")).toBe(readFileSync(join(REPO, "src/trust/vn/sources.json"), "utf8"));
  }, 120_000); // about 200 openssl runs: slow on a loaded machine, never timed against
});

describe("anchorsFor and issuersOf on real certificates", () => {
  const tl = vietnamTrustList();

  it("anchorsFor matches a listed certificate by subject and key", () => {
    const c = cert("subca/fpt-certification-authority-sha1-2019-mic.cer");
    const [a, ...rest] = tl.anchorsFor(c);
    expect(rest).toEqual([]);
    expect(a!.provider.name).toBe("FPT-CA");
    expect(sha256(a!.certificate.der)).toBe(sha256(c.der));
  });

  it("anchorsFor rejects the look-alike CAs (same names, other keys)", () => {
    const fakeRoot = cert("lookalike/mobileid-test-fake-mic-national-root-ca-2019.cer");
    const fakeFpt = cert("lookalike/mobileid-test-fake-fpt-ca-2020.cer");
    expect(tl.anchorsFor(fakeRoot)).toEqual([]);
    expect(tl.anchorsFor(fakeFpt)).toEqual([]);
    // Same attributes as the listed FPT CA, only in another RDN order.
    const realFpt = cert("subca/fpt-certification-authority-sha1-2019-mic.cer");
    expect(formatName(fakeFpt.subject).split(", ").sort()).toEqual(formatName(realFpt.subject).split(", ").sort());
  });

  it("anchorsFor rejects a certificate whose subject is listed but whose key differs", () => {
    const real = cert("subca/fpt-certification-authority-sha1-2019-mic.cer");
    const other = cert("subca/fpt-sha256-2025.cer");
    const forged: Certificate = { ...real, spki: other.spki };
    expect(tl.anchorsFor(forged)).toEqual([]);
    expect(tl.issuersOf(cert("ee/ee-fpt-ca-tct-test01-mst-0100231226-998.cer")).map((a) => a.certificate.serialHex)).toEqual([real.serialHex]);
  });

  it("issuersOf finds the national root for a public CA certificate", () => {
    const issuers = tl.issuersOf(cert("subca/vnpt-ca-sha2.cer"));
    expect(issuers.map((a) => a.provider.category)).toEqual(["national-root"]);
    expect(sha256(issuers[0]!.certificate.der)).toBe(sha256(cert("roots/vietnam-national-root-ca-sha256-g2-2014.cer").der));
    expect(tl.issuersOf(cert("subca/vnpt-smartca-rs2026.cer"))[0]!.certificate.subject).toMatchObject({
      key: cert("roots/vietnam-national-root-ca-rs-2025.cer").subject.key,
    });
  });

  it("issuersOf finds the Government root for the G2 intermediate, and nothing for an unlisted issuer", () => {
    expect(tl.issuersOf(cert("gov/vgca-ca-phuc-vu-co-quan-nha-nuoc-g2.pem")).map((a) => a.provider.category)).toEqual(["government"]);
    expect(tl.issuersOf(cert("ee/ee-tct-test01-cyberlotus-ca-test.cer"))).toEqual([]);
  });

  it("issuersOf does not offer the real MIC root for the look-alike chain (its names are in reversed RDN order)", () => {
    const fakeFpt = cert("lookalike/mobileid-test-fake-fpt-ca-2020.cer");
    const fakeEe = cert("lookalike/mobileid-test-ee-mst-12345678-fico.cer");
    expect(tl.issuersOf(fakeFpt)).toEqual([]);
    expect(tl.issuersOf(fakeEe)).toEqual([]);
    // Whereas the genuine FPT CA of the same period does reach the real MIC root.
    const real = tl.issuersOf(cert("subca/fpt-certification-authority-sha1-2019-mic.cer"));
    expect(real.map((a) => formatName(a.certificate.subject))).toEqual([
      "C=VN, O=Ministry of Information and Communications, OU=National CA Center, CN=MIC National Root CA",
    ]);
  });
});
