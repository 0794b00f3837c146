import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bytesEqual } from "../../src/lib/bytes.js";
import { checkPath } from "../../src/revocation/path-status.js";
import { sameName } from "../../src/model/name.js";
import type { Certificate } from "../../src/model/certificate.js";
import { readCert, request, trustListOf } from "./helpers.js";
import { CORPORA } from "../corpora.js";

/** Real Vietnamese certificates, see test/corpora/vn-pki/INDEX.md for provenance. */
const VN = `${CORPORA}/vn-pki`;

function load(dir: string): { file: string; cert: Certificate }[] {
  return readdirSync(join(VN, dir))
    .filter((f) => /\.(cer|pem)$/.test(f))
    .sort()
    .map((f) => ({ file: f, cert: readCert(join(VN, dir, f)) }));
}

const roots = load("roots");
const subca = load("subca");
const lookalike = load("lookalike");
const rootList = trustListOf(
  roots.map((r) => r.cert),
  ["signing", "timestamping"],
);
const candidates = subca.map((s) => s.cert);
const byFile = (list: typeof roots, file: string): Certificate => list.find((x) => x.file === file)!.cert;

/** Sub-CAs whose path is not a plain valid one, and why. */
const SPECIAL: Readonly<Record<string, string>> = {
  // INDEX.md quirk 7: the authorityInfoAccess extension is marked critical; nothing here reads AIA.
  "fpt-certification-authority-timestamping.cer": "invalid:UNKNOWN_CRITICAL_EXTENSION",
};

describe("VN PKI: each sub-CA chains to its national root", () => {
  it("holds the expected files", () => {
    expect(roots).toHaveLength(8);
    expect(subca).toHaveLength(53);
  });

  it("chains BkavCA RS to Vietnam National Root CA (SHA-256, G2 2014)", async () => {
    const r = await checkPath(request(byFile(subca, "bkavca-rs.cer"), candidates, rootList));
    expect(r.status).toBe("valid");
    const g2 = byFile(roots, "vietnam-national-root-ca-sha256-g2-2014.cer");
    if (r.status === "valid") {
      expect(r.path).toHaveLength(2);
      expect(bytesEqual(r.anchor.certificate.der, g2.der)).toBe(true);
      expect(r.strength).toBe("ok");
    }
  });

  for (const { file, cert } of subca) {
    it(`${file}`, async () => {
      const r = await checkPath(request(cert, candidates, rootList));
      const special = SPECIAL[file];
      if (special) {
        expect(r.status === "invalid" ? `invalid:${r.reason}` : r.status).toBe(special);
        return;
      }
      expect(r.status).toBe("valid");
      if (r.status !== "valid") return;
      // Every certificate up the path is named by the one below, and the top is a listed root.
      for (let i = 0; i + 1 < r.path.length; i++) expect(sameName(r.path[i]!.issuer, r.path[i + 1]!.subject)).toBe(true);
      expect(roots.some((x) => x.cert === r.anchor.certificate)).toBe(true);
      // SHA-1 signed sub-CAs (MIC era) are accepted as legacy, the rest as ok.
      const sha1 = r.path.slice(0, -1).some((c) => c.signatureAlgorithm.oid === "1.2.840.113549.1.1.5");
      expect(r.strength).toBe(sha1 ? "legacy" : "ok");
    });
  }

  it("refuses a SHA-1 signed sub-CA under algorithms: strict", async () => {
    const fpt = byFile(subca, "fpt-certification-authority-sha1-2019-mic.cer");
    const r = await checkPath(request(fpt, candidates, rootList, { algorithms: "strict" }));
    expect(r.status).toBe("invalid");
    if (r.status === "invalid") expect([r.reason, r.index]).toEqual(["WEAK_ALGORITHM", 0]);
  });

  it("builds a real three-level path (VNPT-CA operator under VNPT-CA under MIC)", async () => {
    const r = await checkPath(request(byFile(subca, "vnpt-ca-operator-sha1-2010.cer"), candidates, rootList));
    expect(r.status).toBe("valid");
    if (r.status === "valid") {
      expect(r.path).toHaveLength(3);
      expect(r.cas.map((c) => c.revocation)).toEqual([null]);
    }
  });
});

describe("VN PKI: look-alike certificates never reach a real root", () => {
  const all = [...candidates, ...lookalike.map((l) => l.cert)];
  for (const { file, cert } of lookalike) {
    it(`${file} ends at an untrusted root when the fake root is supplied`, async () => {
      const r = await checkPath(request(cert, all, rootList));
      expect(r.status).toBe("untrusted-root");
      const top = r.path[r.path.length - 1]!;
      expect(rootList.anchorsFor(top)).toHaveLength(0);
    });

    it(`${file} is not valid when only the real roots and sub-CAs are available`, async () => {
      const r = await checkPath(request(cert, candidates, rootList));
      expect(r.status).not.toBe("valid");
    });
  }

  it("reports a missing re-keyed issuer as no-path, not as a bad signature (FPT-CA's older key, INDEX.md)", async () => {
    // Issued by an FPT-CA key whose certificate is not in the data; the 2019 FPT-CA has the same name, another key.
    const ee = readCert(join(VN, "ee", "ee-fpt-ca-tct-org-mst-0100231226-2019.cer"));
    const r = await checkPath(request(ee, candidates, rootList));
    expect(r.status).toBe("no-path");
    if (r.status === "no-path") expect(r.detail).toContain("another key");
  });

  it("builds an end-entity path through a real sub-CA (VNPT SmartCA RS)", async () => {
    const ee = readCert(join(VN, "ee", "ee-vnpt-smartca-rs-org-mst-0101498046.cer"));
    const r = await checkPath(request(ee, candidates, rootList));
    expect(r.status).toBe("valid");
    expect(r.path).toHaveLength(3);
  });
});
