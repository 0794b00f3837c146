// Every real-world CAdES file of the esig/dss corpus yields a report or a typed Decree130Error: never an untyped error.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "../../src/index.js";
import { indexTrustList } from "../../src/trust/anchor-index.js";
import { typedOutcome } from "./kit.js";
import { CORPORA } from "../corpora.js";

const DIR = `${CORPORA}/suites/dss-cades/validation`;
const files = readdirSync(DIR, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile())
  .map((d) => join(d.parentPath, d.name))
  .sort();
const options = { trustList: indexTrustList("empty", []), now: new Date("2026-01-01T00:00:00Z") };

describe("dss-cades corpus", () => {
  it("holds the 99 files of the corpus", () => {
    expect(files).toHaveLength(99);
  });

  it.each(files.map((f) => [f.slice(DIR.length + 1), f] as const))("%s: a report or a typed error", async (_name, file) => {
    expect(await typedOutcome(new Uint8Array(readFileSync(file)), options)).toMatch(/^(report|error:[A-Z_]+)$/);
  });
});

describe("dss-667: a certificate embedded in BER", () => {
  it.each(["dss-667/BER_reordered_prova.txt.p7m", "dss-667/DER_reordered_prova.txt.p7m"])(
    "%s gives a report whose signer certificate could not be used, not an unreadable file",
    async (name) => {
      const report = await validate(new Uint8Array(readFileSync(`${DIR}/${name}`)), options);
      expect(report.signatures).toHaveLength(1);
      const s = report.signatures[0]!;
      expect(s.verdict).toBe("INDETERMINATE");
      expect(s.conditions.keyCorrespondence.code).toBe("SIGNING_CERT_NOT_FOUND");
      expect(s.warnings.map((w) => w.code)).toContain("CERTIFICATE_UNUSABLE");
      expect(s.warnings.find((w) => w.code === "CERTIFICATE_UNUSABLE")!.message.en).toMatch(/embedded certificate 0: certificate does not decode: non-minimal length/);
    },
  );
});
