// Profile rules checked on every path (names present, subjectAltName decodes, nameConstraints only on CAs), and the
// RFC 5280 section 4 issuance rules the rfc5280-strict profile adds: each made with OpenSSL, valid under the default
// relying-party profile, PROFILE_VIOLATION under rfc5280-strict.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standIn } from "../model/stand-in.js";
import { loadTrustList, validate } from "../../src/index.js";
import { createPkiCrls, createTestPki, issueCertificate, signCms } from "../../src/testing/index.js";
import type { Certificate } from "../../src/model/certificate.js";
import { checkPath } from "../../src/revocation/path-status.js";
import { checkExtensionForms, checkNameSyntaxProfile, checkNonEmptyNames } from "../../src/path/profile-checks.js";
import type { CertificateProfile, PathResult } from "../../src/path/types.js";
import { readCert, request, trustListOf } from "./helpers.js";

const name = (cn: string) => ({ der: new Uint8Array(), rdns: cn ? [[{ type: "2.5.4.3", value: cn }]] : [], key: cn.toLowerCase() });
const cert = (subject: string, issuer: string, extra: Partial<Certificate> = {}): Certificate =>
  standIn({ subject: name(subject), issuer: name(issuer), extensions: [], ...extra });
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

/** A throw-away OpenSSL PKI with full control of extensions and serials (P-256 keys). */
class StrictPki {
  readonly dir = mkdtempSync(join(tmpdir(), "decree130-profile-"));
  private n = 1;

  key(name: string): string {
    const file = join(this.dir, `${name}.key`);
    try {
      execFileSync("openssl", ["pkey", "-in", file, "-noout"], { stdio: "pipe" });
    } catch {
      execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file]);
    }
    return file;
  }

  /** Makes `name`, signed by `issuer` (absent: self-signed); `ext` is the whole extension section. */
  cert(name: string, o: { subject: string; issuer?: string; ext: readonly string[]; serial?: string }): Certificate {
    const cfg = join(this.dir, `${name}.cnf`);
    writeFileSync(cfg, `[ext]\n${o.ext.join("\n")}\n`);
    const csr = join(this.dir, `${name}.csr`);
    const out = join(this.dir, `${name}.pem`);
    execFileSync("openssl", ["req", "-new", "-key", this.key(name), "-subj", o.subject, "-out", csr], { stdio: "pipe" });
    const signer = o.issuer ? ["-CA", join(this.dir, `${o.issuer}.pem`), "-CAkey", this.key(o.issuer)] : ["-signkey", this.key(name)];
    execFileSync("openssl", [
      "x509", "-req", "-in", csr, ...signer, "-set_serial", o.serial ?? String(this.n++), "-days", "3650", "-sha256",
      "-extfile", cfg, "-extensions", "ext", "-out", out,
    ], { stdio: "pipe" });
    return readCert(out);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const IDS = ["subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid:always"];
const NO_IDS = ["subjectKeyIdentifier=none", "authorityKeyIdentifier=none"];
const ROOT_EXT = ["basicConstraints=critical,CA:true", "keyUsage=critical,keyCertSign,cRLSign", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=none"];
const CA = ["basicConstraints=critical,CA:true", "keyUsage=critical,keyCertSign,cRLSign", ...IDS];
const EE = ["basicConstraints=critical,CA:false", "keyUsage=critical,digitalSignature,nonRepudiation"];

describe("the rfc5280-strict profile (RFC 5280 section 4 issuance rules)", () => {
  let pki: StrictPki;
  let root: Certificate;

  beforeAll(() => {
    pki = new StrictPki();
    root = pki.cert("root", { subject: "/O=Strict/CN=Root", ext: ROOT_EXT });
  });
  afterAll(() => pki.dispose());

  const under = (profile: CertificateProfile, leaf: Certificate, cas: readonly Certificate[], anchor: Certificate): Promise<PathResult> =>
    checkPath(request(leaf, cas, trustListOf([anchor]), { profile }));

  /** Valid under the default (and with no profile named), PROFILE_VIOLATION at `index` naming `section` under strict. */
  async function onlyStrictRejects(leaf: Certificate, cas: readonly Certificate[], anchor: Certificate, index: number, section: string): Promise<void> {
    expect((await checkPath(request(leaf, cas, trustListOf([anchor])))).status).toBe("valid");
    expect((await under("relying-party", leaf, cas, anchor)).status).toBe("valid");
    const r = await under("rfc5280-strict", leaf, cas, anchor);
    expect(r.status).toBe("invalid");
    if (r.status === "invalid") {
      expect({ reason: r.reason, index: r.index }).toEqual({ reason: "PROFILE_VIOLATION", index });
      expect(r.detail).toContain(`RFC 5280 ${section}`);
    }
  }

  it("control: a conforming chain is valid under both profiles", async () => {
    const ca = pki.cert("ok-ca", { subject: "/CN=OK CA", issuer: "root", ext: CA });
    const leaf = pki.cert("ok-leaf", { subject: "/CN=OK", issuer: "ok-ca", ext: [...EE, ...IDS, "subjectAltName=DNS:*.example.com,email:ky.so@example.com"] });
    expect((await under("relying-party", leaf, [ca], root)).status).toBe("valid");
    const strict = await under("rfc5280-strict", leaf, [ca], root);
    expect(strict.status === "invalid" ? strict.detail : strict.status).toBe("valid");
  });

  it("4.1.2.2: a serial number of zero", async () => {
    const leaf = pki.cert("serial-zero", { subject: "/CN=Zero", issuer: "root", ext: [...EE, ...IDS], serial: "0" });
    await onlyStrictRejects(leaf, [], root, 0, "4.1.2.2");
  });

  it("4.1.2.2: a serial number longer than 20 octets", async () => {
    const leaf = pki.cert("serial-long", { subject: "/CN=Long", issuer: "root", ext: [...EE, ...IDS], serial: `0x7${"f".repeat(41)}` });
    expect(leaf.serial.length).toBe(21);
    await onlyStrictRejects(leaf, [], root, 0, "4.1.2.2");
  });

  it("4.2.1.1: authorityKeyIdentifier missing, or critical", async () => {
    const missing = pki.cert("aki-missing", { subject: "/CN=No AKI", issuer: "root", ext: [...EE, ...NO_IDS] });
    await onlyStrictRejects(missing, [], root, 0, "4.2.1.1");
    const critical = pki.cert("aki-critical", { subject: "/CN=Critical AKI", issuer: "root", ext: [...EE, "subjectKeyIdentifier=hash", "authorityKeyIdentifier=critical,keyid:always"] });
    await onlyStrictRejects(critical, [], root, 0, "4.2.1.1");
  });

  it("4.2.1.2: subjectKeyIdentifier missing from a CA, or critical", async () => {
    // OpenSSL cannot issue below a CA without SKI (it derives the AKI from it), so the CA certificate is judged itself.
    const ca = pki.cert("ski-missing-ca", { subject: "/CN=No SKI CA", issuer: "root", ext: ["basicConstraints=critical,CA:true", "keyUsage=critical,keyCertSign", "subjectKeyIdentifier=none", "authorityKeyIdentifier=keyid:always"] });
    await onlyStrictRejects(ca, [], root, 0, "4.2.1.2");
    const critical = pki.cert("ski-critical", { subject: "/CN=Critical SKI", issuer: "root", ext: [...EE, "subjectKeyIdentifier=critical,hash", "authorityKeyIdentifier=keyid:always"] });
    await onlyStrictRejects(critical, [], root, 0, "4.2.1.2");
  });

  it("4.2.1.9: a self-signed anchor without basicConstraints, with it non-critical, or with cA but no keyCertSign", async () => {
    const cases: [string, readonly string[]][] = [
      ["root-nobc", ["keyUsage=critical,keyCertSign,cRLSign"]],
      ["root-noncrit-bc", ["basicConstraints=CA:true", "keyUsage=critical,keyCertSign,cRLSign"]],
      ["root-inconsistent", ["basicConstraints=critical,CA:true", "keyUsage=critical,digitalSignature,cRLSign"]],
    ];
    for (const [name, ext] of cases) {
      const anchor = pki.cert(name, { subject: `/CN=${name}`, ext: [...ext, "subjectKeyIdentifier=hash", "authorityKeyIdentifier=none"] });
      const leaf = pki.cert(`${name}-leaf`, { subject: `/CN=${name} leaf`, issuer: name, ext: [...EE, ...IDS] });
      await onlyStrictRejects(leaf, [], anchor, 1, name === "root-inconsistent" ? "4.2.1.3" : "4.2.1.9");
    }
  });

  it("4.2.1.9: an end-entity certificate asserting keyCertSign without cA", async () => {
    const leaf = pki.cert("ee-kcs", { subject: "/CN=EE keyCertSign", issuer: "root", ext: ["basicConstraints=critical,CA:false", "keyUsage=critical,digitalSignature,keyCertSign", ...IDS] });
    await onlyStrictRejects(leaf, [], root, 0, "4.2.1.9");
  });

  it("4.2.1.6: an empty subject with a non-critical subjectAltName", async () => {
    const leaf = pki.cert("empty-subject", { subject: "/", issuer: "root", ext: [...EE, ...IDS, "subjectAltName=DNS:example.com"] });
    expect(leaf.subject.rdns).toHaveLength(0);
    await onlyStrictRejects(leaf, [], root, 0, "4.2.1.6");
  });

  it("4.2.1.10 and 4.2.1.11: non-critical nameConstraints and policyConstraints", async () => {
    const nc = pki.cert("nc-noncrit", { subject: "/CN=NC CA", issuer: "root", ext: [...CA, "nameConstraints=permitted;DNS:example.com"] });
    const ncLeaf = pki.cert("nc-noncrit-leaf", { subject: "/CN=NC leaf", issuer: "nc-noncrit", ext: [...EE, ...IDS, "subjectAltName=DNS:www.example.com"] });
    await onlyStrictRejects(ncLeaf, [nc], root, 1, "4.2.1.10");
    const pc = pki.cert("pc-noncrit", { subject: "/CN=PC CA", issuer: "root", ext: [...CA, "policyConstraints=requireExplicitPolicy:5"] });
    const pcLeaf = pki.cert("pc-noncrit-leaf", { subject: "/CN=PC leaf", issuer: "pc-noncrit", ext: [...EE, ...IDS] });
    await onlyStrictRejects(pcLeaf, [pc], root, 1, "4.2.1.11");
  });

  it("4.2.1.10: a dNSName constraint with a leading period", async () => {
    const nc = pki.cert("nc-dot", { subject: "/CN=NC dot CA", issuer: "root", ext: [...CA, "nameConstraints=critical,permitted;DNS:.example.com"] });
    const leaf = pki.cert("nc-dot-leaf", { subject: "/CN=NC dot leaf", issuer: "nc-dot", ext: [...EE, ...IDS, "subjectAltName=DNS:www.example.com"] });
    await onlyStrictRejects(leaf, [nc], root, 1, "4.2.1.10");
  });

  it("4.2.1.6: a malformed dNSName or rfc822Name in subjectAltName", async () => {
    const dns = pki.cert("san-dot", { subject: "/CN=SAN dot", issuer: "root", ext: [...EE, ...IDS, "subjectAltName=DNS:.example.com"] });
    await onlyStrictRejects(dns, [], root, 0, "4.2.1.6");
    const mail = pki.cert("san-mail", { subject: "/CN=SAN mail", issuer: "root", ext: [...EE, ...IDS, "subjectAltName=email:invalid@address@example.com"] });
    await onlyStrictRejects(mail, [], root, 0, "4.2.1.6");
  });

  it("name syntax: accepts rfc822Name constraints naming a domain (leading period) or a host", () => {
    const nc = pki.cert("nc-forms", { subject: "/CN=NC forms CA", issuer: "root", ext: [...CA, "nameConstraints=critical,permitted;email:.example.com,excluded;email:example.org"] });
    expect(checkNameSyntaxProfile({ path: [nc, root], sigs: { verify: () => Promise.resolve(null) } })).toBeNull();
  });
});

describe("certificateProfile through validate()", () => {
  it("a signing certificate without key identifiers is SECURE by default, PATH_INVALID / PROFILE_VIOLATION under rfc5280-strict", async () => {
    const kit = await createTestPki();
    const signer = await issueCertificate(kit.publicCa, {
      subject: { commonName: "CÔNG TY TNHH HỒ SƠ CHẶT", MST: "0108888888" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2026-01-01T00:00:00Z",
      omitKeyIdentifiers: true,
    });
    const crls = await createPkiCrls(kit, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
    const cms = await signCms(new TextEncoder().encode("hợp đồng"), signer, { signingTime: "2025-03-01T10:00:00Z" });
    const options = { trustList: loadTrustList(JSON.stringify(kit.trustList)), crls, now: new Date("2025-06-01T00:00:00Z") };
    const [relying] = (await validate(cms, options)).signatures;
    expect(relying!.verdict).toBe("SECURE");
    expect(relying!.conditions.issuerType.status).toBe("PASSED");
    const [strict] = (await validate(cms, { ...options, policy: { certificateProfile: "rfc5280-strict" } })).signatures;
    expect(strict!.conditions.issuerType).toMatchObject({ status: "FAILED", code: "PATH_INVALID" });
    expect(strict!.conditions.issuerType.evidence).toMatchObject({ reason: "PROFILE_VIOLATION" });
    expect(String(strict!.conditions.issuerType.evidence["detail"])).toContain("4.2.1.1");
    expect(strict!.verdict).toBe("NOT_SECURE");
  });
});
