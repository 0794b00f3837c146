/**
 * Checks test/fixtures/openssl/manifest.json itself: every file it names exists, it uses only the published codes, each
 * verdict follows from its conditions, every reachable code has a case, and the trust lists follow §3 of interfaces.md.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CODES, CONDITIONS, DIR, INPUT_ERRORS, manifest, PDF_ONLY, signatures, statusOf, WARNINGS } from "./manifest-codes.js";
import { cleanUp, run, tmpFile } from "./openssl-kit.js";

afterAll(cleanUp);

describe("manifest", () => {
  it("has unique ids and names only files that exist", () => {
    expect(manifest.length).toBeGreaterThan(60);
    expect(new Set(manifest.map((c) => c.id)).size).toBe(manifest.length);
    for (const c of manifest) {
      for (const f of [c.file, c.trustList, ...c.crls, ...c.ocsp, ...c.certs, ...(c.content ? [c.content] : [])]) {
        expect(existsSync(join(DIR, f)), `${c.id}: ${f}`).toBe(true);
      }
      expect(Number.isNaN(Date.parse(c.now)), c.id).toBe(false);
      if (c.signingTime !== null) expect(Number.isNaN(Date.parse(c.signingTime)), c.id).toBe(false);
    }
  });

  it("uses every generated signature and input file", () => {
    const used = new Set(manifest.map((c) => c.file));
    for (const dir of ["sig", "input"]) {
      for (const f of readdirSync(join(DIR, dir))) expect(used.has(`${dir}/${f}`), `${dir}/${f} unused`).toBe(true);
    }
  });

  it("uses only published codes, and each verdict follows from its conditions", () => {
    for (const c of manifest) {
      if ("error" in c.expected) {
        for (const code of [c.expected.error, ...(c.expected.alsoAcceptable ?? [])]) expect(INPUT_ERRORS, c.id).toContain(code);
        continue;
      }
      expect(c.expected.signatures.length, c.id).toBeGreaterThan(0);
      for (const s of c.expected.signatures) {
        const statuses = CONDITIONS.map((k) => statusOf(k, s.conditions[k]));
        expect(statuses.every((x) => x !== undefined), `${c.id}: ${JSON.stringify(s.conditions)}`).toBe(true);
        const verdict = statuses.includes("FAILED") ? "NOT_SECURE" : statuses.every((x) => x === "PASSED") ? "SECURE" : "INDETERMINATE";
        expect(s.verdict, c.id).toBe(verdict);
        for (const w of s.warnings) expect(WARNINGS, c.id).toContain(w);
      }
    }
  });

  it("covers every condition code a file can reach without a timestamp token", () => {
    const seen = new Set(manifest.flatMap((c) => signatures(c).flatMap((s) => CONDITIONS.map((k) => `${k}:${s.conditions[k]}`))));
    // Not reachable with plain `openssl cms -sign`: malformed attribute sets and unknown algorithms need hand-built ASN.1.
    const notHere = ["keyCorrespondence:MALFORMED_SIGNED_ATTRIBUTES", "keyCorrespondence:UNSUPPORTED_ALGORITHM"];
    // Codes of other formats' binding checks: a CMS file cannot reach them; the PDF and XML suites do.
    const otherFormats = ["BYTE_RANGE_INVALID", "MALFORMED_SIGNATURE", "UNSUPPORTED_SUBFILTER", "NOT_BOUND_TO_DOCUMENT", "AMBIGUOUS_REFERENCE", "UNSUPPORTED_REFERENCE"];
    notHere.push(...otherFormats.map((c) => `keyCorrespondence:${c}`));
    for (const k of CONDITIONS) {
      for (const code of Object.values(CODES[k]).flat()) {
        if (!notHere.includes(`${k}:${code}`) && !PDF_ONLY.has(code)) expect(seen.has(`${k}:${code}`), `${k}:${code}`).toBe(true);
      }
    }
  });
});

describe("coverage", () => {
  it("has a case for every warning but TIMESTAMP_INVALID, CERTIFICATE_UNUSABLE and FETCH_*, and every input error but INPUT_TOO_LARGE", () => {
    const warnings = new Set(manifest.flatMap((c) => signatures(c).flatMap((s) => s.warnings)));
    // CERTIFICATE_UNUSABLE needs a certificate OpenSSL will not write (BER inside a SignedData): the esig/dss dss-667
    // files carry one, and test/property/dss-cades.test.ts checks the warning on them.
    // FETCH_FAILED and FETCH_REFUSED need a fetcher and a server: test/engine/online.test.ts checks them.
    const elsewhere = new Set(["TIMESTAMP_INVALID", "CERTIFICATE_UNUSABLE", "FETCH_FAILED", "FETCH_REFUSED"]);
    for (const w of WARNINGS.filter((x) => !elsewhere.has(x) && !PDF_ONLY.has(x))) expect(warnings.has(w), w).toBe(true);
    // INPUT_TOO_LARGE needs a 32 MiB file; it belongs in a unit test with a small limit, not in the repository.
    const errors = new Set(manifest.flatMap((c) => ("error" in c.expected ? [c.expected.error] : [])));
    for (const e of INPUT_ERRORS.filter((x) => x !== "INPUT_TOO_LARGE" && !PDF_ONLY.has(x))) expect(errors.has(e), e).toBe(true);
  });
});

describe("trust lists", () => {
  it.each(["trust-list.json", "trust-list-unlicensed.json"])("%s follows decree130/trust-list@1 and its certificates decode", (name) => {
    const tl = JSON.parse(readFileSync(join(DIR, name), "utf8")) as {
      schema: string;
      providers: { category: string; certificates: string[]; licenses?: { from: string; to: string | null }[]; keyProtection?: string }[];
    };
    expect(tl.schema).toBe("decree130/trust-list@1");
    expect(tl.providers.map((p) => p.category)).toEqual(["national-root", "public", "government", "specialized"]);
    expect(tl.providers[3]!.keyProtection).toBe("usb-token");
    expect(tl.providers[1]!.licenses![0]!.to).toBe(name.includes("unlicensed") ? "2025-01-01T00:00:00Z" : "2030-01-01T00:00:00Z");
    for (const p of tl.providers) {
      for (const pem of p.certificates) expect(run(["x509", "-noout", "-in", tmpFile("anchor.pem", pem)]).ok).toBe(true);
    }
  });
});

