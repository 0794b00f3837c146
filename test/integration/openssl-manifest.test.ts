// Runs every case of test/fixtures/openssl/manifest.json (made by test/fixtures/make-fixtures.sh with OpenSSL under
// faketime) through the public API and checks the verdict and every condition code against the expected outcome.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isDecree130Error, loadTrustList, validate, type ValidateOptions } from "decree130";

const dir = new URL("../fixtures/openssl/", import.meta.url);
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, dir)));

interface Case {
  id: string;
  file: string;
  content: string | null;
  trustList: string;
  crls?: string[];
  ocsp?: string[];
  certs?: string[];
  now: string;
  signingTime: string | null;
  policy: Record<string, unknown> | null;
  expected:
    | { error: string }
    | {
        signatures: {
          verdict: string;
          conditions: Record<string, string>;
          warnings?: string[];
          category?: string | null;
          signingTimeSource?: string;
        }[];
      };
  why: string;
}

const manifest = JSON.parse(readFileSync(new URL("manifest.json", dir), "utf8")) as Case[];

function optionsFor(c: Case): ValidateOptions {
  return {
    trustList: loadTrustList(JSON.parse(readFileSync(new URL(c.trustList, dir), "utf8"))),
    now: new Date(c.now),
    crls: (c.crls ?? []).map(read),
    ocspResponses: (c.ocsp ?? []).map(read),
    certificates: (c.certs ?? []).map(read),
    ...(c.content ? { content: read(c.content) } : {}),
    ...(c.signingTime ? { signingTime: new Date(c.signingTime) } : {}),
    ...(c.policy ? { policy: c.policy } : {}),
  };
}

describe("OpenSSL fixtures", () => {
  it("has cases", () => {
    expect(manifest.length).toBeGreaterThan(20);
  });
  for (const c of manifest) {
    it(`${c.id}: ${c.why}`, async () => {
      const run = validate(read(c.file), optionsFor(c));
      if ("error" in c.expected) {
        const err = await run.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isDecree130Error(err), `expected a Decree130Error, got ${String(err)}`).toBe(true);
        expect((err as { code: string }).code).toBe(c.expected.error);
        return;
      }
      const report = await run;
      const actual = report.signatures.map((s) => ({
        verdict: s.verdict,
        conditions: Object.fromEntries(Object.entries(s.conditions).map(([k, v]) => [k, v.code])),
        warnings: [...new Set(s.warnings.map((w) => w.code))].sort(),
        category: s.conditions.issuerType.category,
        signingTimeSource: s.signingTime.source,
      }));
      const expected = c.expected.signatures.map((s, i) => ({
        verdict: s.verdict,
        conditions: s.conditions,
        warnings: [...new Set(s.warnings ?? [])].sort(),
        category: s.category === undefined ? actual[i]?.category : s.category,
        signingTimeSource: s.signingTimeSource ?? actual[i]?.signingTimeSource,
      }));
      expect(actual).toEqual(expected);
    });
  }
});
