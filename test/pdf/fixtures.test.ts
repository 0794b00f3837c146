// The tool-made fixtures (test/fixtures/pdf, see PROVENANCE.md): each outcome in manifest.json, and agreement with
// pdfsig on the signer and on the signature check for every signed file pdfsig can judge.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTrustList } from "../../src/index.js";
import { validatePdf, type PdfReport } from "../../src/formats/pdf/index.js";

const DIR = fileURLToPath(new URL("../fixtures/pdf/", import.meta.url));
interface Expected {
  readonly now: string;
  readonly document: string;
  readonly revisions: number;
  readonly signatures: readonly Record<string, unknown>[];
}
const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, "utf8")) as { fixtures: Record<string, Expected> };
const trustList = loadTrustList(readFileSync(`${DIR}trust-list.json`, "utf8"));
const load = (name: string) => new Uint8Array(readFileSync(`${DIR}${name}`));
const judge = (name: string, now: string): Promise<PdfReport> => validatePdf(load(name), { trustList, now: new Date(now), policy: { revocation: "ignore" } });

describe("tool-made fixtures (manifest.json)", () => {
  it.each(Object.entries(manifest.fixtures))("%s", async (name, want) => {
    const r = await judge(name, want.now);
    expect(r.document.code).toBe(want.document);
    expect(r.document.revisions).toBe(want.revisions);
    expect(r.signatures).toHaveLength(want.signatures.length);
    want.signatures.forEach((w, i) => {
      const s = r.signatures[i]!;
      expect(s.pdf.field).toBe(w["field"]);
      expect(s.conditions.keyCorrespondence.code).toBe(w["keyCorrespondence"]);
      if (w["signer"]) expect(s.signer.commonName).toBe(w["signer"]);
      if (w["validityPeriod"]) expect(s.conditions.validityPeriod.code).toBe(w["validityPeriod"]);
      if (w["signingTimeFrom"]) expect(s.pdf.signingTimeFrom).toBe(w["signingTimeFrom"]);
      if (w["signingTime"]) expect(s.signingTime.value).toBe(w["signingTime"]);
      if (w["changesAfter"]) expect(s.pdf.changesAfter.status).toBe(w["changesAfter"]);
      if (w["classes"]) expect(s.pdf.changesAfter.classes).toEqual(w["classes"]);
      if (w["subFilter"]) expect(s.pdf.subFilter).toBe(w["subFilter"]);
      if (w["byteRangeRules"]) expect(s.pdf.byteRangeRules.map((b) => b.rule)).toEqual(w["byteRangeRules"]);
    });
  });
});

function pdfsig(file: string): { signer: string; valid: string }[] | undefined {
  let out: string;
  try {
    out = execFileSync("pdfsig", ["-nocert", file], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch (err) {
    const e = err as { code?: string; stdout?: string };
    if (e.code === "ENOENT") return undefined;
    out = e.stdout ?? "";
  }
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .filter((block) => !block.includes("The signature form field is not signed."))
    .map((block) => ({
      signer: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1]?.trim() ?? "",
      valid: /Signature Validation: (.*?)\.?$/m.exec(block)?.[1]?.trim() ?? "",
    }));
}

const hasPdfsig = pdfsig(`${DIR}pdfsig-rsa.pdf`) !== undefined;
/** pdfsig's words for the outcomes keyCorrespondence reports. */
const PDFSIG_WORDS: Readonly<Record<string, string>> = { SIGNATURE_VALID: "Signature is Valid", HASH_MISMATCH: "Digest Mismatch" };

// pdfsig checks the digest and the signature over the ByteRange; it does not check the ByteRange rules, changes after
// signing or DocMDP, so files whose verdict rests on those (the qpdf re-save) are compared on the signer only.
describe.skipIf(!hasPdfsig)("cross-check with pdfsig (poppler) — skipped when pdfsig is not installed", () => {
  const signed = Object.entries(manifest.fixtures).filter(([, w]) => w.signatures.length > 0);
  it.each(signed)("%s: same signer and same signature check as pdfsig", async (name, want) => {
    const theirs = pdfsig(`${DIR}${name}`)!;
    const ours = await judge(name, want.now);
    expect(theirs.map((t) => t.signer)).toEqual(ours.signatures.map((s) => s.signer.commonName));
    ours.signatures.forEach((s, i) => {
      const word = PDFSIG_WORDS[s.conditions.keyCorrespondence.code];
      if (word) expect(theirs[i]!.valid).toBe(word);
    });
  });
});
