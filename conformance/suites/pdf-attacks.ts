// PDF attacks (test/corpora/suites/pdf-attacks): the RUB-NDS shadow and certification attacks and the esig/dss PAdES
// files, judged by validatePdf against expected.tsv. Every file is judged on what the PDF layer decides (document code,
// change classes, ByteRange rules, the signature check over the ByteRange), with an empty trust list: no signer of
// these research files is a Vietnamese provider, so no document is SECURE and the verdict alone would prove nothing.
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { isDecree130Error } from "../../src/errors.js";
import { validatePdf, type PdfReport } from "../../src/formats/pdf/index.js";
import { indexTrustList } from "../../src/trust/anchor-index.js";
import { SUITES_DIR, tally, timed, type CaseResult, type SuiteResult, type Verdict } from "../lib.js";

/** What a file must give, by the expected.tsv row its name matches. */
interface Expectation {
  /** `attack`: flagged with the class named; `byte-range`: a signature breaks the ByteRange rules; `clean`: no change the
   * signers did not allow and every signature intact; `no-signature`. */
  readonly kind: "attack" | "byte-range" | "clean" | "no-signature";
  /** The change class an attack must be reported with (in some signature's changesAfter). */
  readonly named?: "undefined" | "annotation";
  /** esig/dss's intactness (the signature check over the ByteRange) of each signature, in document order. */
  readonly intact?: readonly boolean[];
  /** How many undefined changes the first signature reports, when upstream counts them. */
  readonly undefinedCount?: number;
  readonly note?: string;
}

/** expected.tsv's rows (by their file pattern), as what the PDF layer must decide. */
const BY_ROW: Readonly<Record<string, Expectation>> = {
  "dss-pades/hide.pdf": { kind: "attack", named: "undefined", intact: [true] },
  "dss-pades/replace.pdf": { kind: "attack", named: "undefined", intact: [true] },
  "dss-pades/annotation-and-visible-change.pdf": { kind: "attack", named: "annotation", intact: [true, true, true] },
  "dss-pades/pdf-signed-out-of-byteRange.pdf": { kind: "byte-range", intact: [false] },
  "dss-pades/pdf-byterange-overlap.pdf": {
    kind: "byte-range",
    intact: [true, false],
    note: "both signatures break the overlap rule; the first is intact, as upstream says",
  },
  "dss-pades/pdf-spoofing-attack.pdf": { kind: "attack", named: "undefined" },
  "dss-pades/pades-spoofing-replaced-reason.pdf": { kind: "attack", named: "undefined", intact: [true], undefinedCount: 1 },
  "dss-pades/modified_after_signature.pdf": { kind: "attack", named: "undefined", intact: [true] },
  "rub-nds-shadow/*/1_original-document.pdf": { kind: "no-signature" },
  "rub-nds-shadow/*/2_*-shadowed.pdf": { kind: "no-signature" },
  "rub-nds-shadow/*/3_*-shadowed-signed.pdf": { kind: "clean" },
  "rub-nds-shadow/*/4_*-manipulated*.pdf": { kind: "attack", named: "undefined" },
  "rub-nds-certification/*/01_*_original.pdf": {
    kind: "clean",
    note: "expected.tsv says unsigned from the file name; the file holds the certification signature (pdfsig agrees)",
  },
  "rub-nds-certification/*/02_*_sign_original.pdf": { kind: "clean" },
  "rub-nds-certification/*/03_*_sign_manipulate.pdf, 2/04_*": { kind: "attack" },
  "rub-nds-certification/shadowed-certified-visible.pdf": {
    kind: "clean",
    note: "the hidden content was signed; nothing changed after the certification",
  },
};

const NOW = new Date("2026-01-01T00:00:00Z");

function patterns(row: string): RegExp[] {
  const [first, ...more] = row.split(", ");
  const dir = first!.slice(0, first!.indexOf("/") + 1);
  return [first!, ...more.map((m) => dir + m)].map(
    (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`),
  );
}

function expectationOf(file: string, rows: readonly string[]): Expectation | undefined {
  const row = rows.find((r) => patterns(r).some((re) => re.test(file)));
  return row === undefined ? undefined : BY_ROW[row];
}

/** The signature check over the ByteRange, under a BYTE_RANGE_INVALID override. */
const cryptographic = (s: PdfReport["signatures"][number]): string =>
  String(s.conditions.keyCorrespondence.evidence["cryptographic"] ?? s.conditions.keyCorrespondence.code);

function judge(r: PdfReport, e: Expectation): { actual: string; problems: string[] } {
  const problems: string[] = [];
  const sigs = r.signatures;
  const classes = new Set(sigs.flatMap((s) => s.pdf.changesAfter.classes));
  const byteRange = sigs.some((s) => s.conditions.keyCorrespondence.code === "BYTE_RANGE_INVALID");
  const flagged = r.document.code === "MODIFIED_AFTER_SIGNING" || byteRange || sigs.some((s) => s.conditions.keyCorrespondence.code === "MALFORMED_SIGNATURE");
  const actual =
    sigs.length === 0 ? "no-signature"
      : byteRange ? "byte-range"
        : flagged ? `attack (${[...classes].join(", ")})`
          : "clean";
  if (e.kind === "no-signature" && r.document.code !== "NO_SIGNATURES") problems.push(`document ${r.document.code}`);
  if (e.kind === "byte-range" && !byteRange) problems.push("no signature breaks the ByteRange rules");
  if (e.kind === "attack") {
    if (!flagged) problems.push("not flagged");
    if (e.named && !classes.has(e.named)) problems.push(`class ${e.named} not named`);
  }
  if (e.kind === "clean") {
    if (flagged) problems.push(`flagged (${r.document.code})`);
    for (const s of sigs) if (cryptographic(s) !== "SIGNATURE_VALID") problems.push(`${s.pdf.field}: ${cryptographic(s)}`);
  }
  e.intact?.forEach((want, i) => {
    const s = sigs[i];
    const got = s !== undefined && cryptographic(s) === "SIGNATURE_VALID";
    if (got !== want) problems.push(`signature ${i + 1} ${got ? "intact" : "not intact"}, esig/dss says ${want ? "intact" : "not intact"}`);
  });
  if (e.undefinedCount !== undefined) {
    const n = sigs[0]?.pdf.changesAfter.details.filter((d) => d.class === "undefined").length ?? 0;
    if (n !== e.undefinedCount) problems.push(`${n} undefined changes, upstream counts ${e.undefinedCount}`);
  }
  return { actual, problems };
}

/**
 * Runs validatePdf on every PDF of the pdf-attacks suite.
 *
 * @returns the tally: `expected` is the expectation kind, `actual` what the PDF layer decided
 * @example
 * ```ts
 * const r = await runPdfAttacks(); // r.disagree === 0
 * ```
 */
export async function runPdfAttacks(): Promise<SuiteResult> {
  const dir = join(SUITES_DIR, "pdf-attacks");
  const rows = readFileSync(join(dir, "expected.tsv"), "utf8").split("\n").slice(1).filter(Boolean).map((l) => l.split("\t")[0]!);
  const trustList = indexTrustList("empty", []);
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile() && d.name.endsWith(".pdf"))
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
  const out: (CaseResult & { verdict: Verdict })[] = [];
  for (const file of files) {
    const e = expectationOf(file, rows);
    if (!e) {
      out.push({ id: file, expected: "?", actual: "skipped", reason: "no expected.tsv row matches", verdict: "skipped" });
      continue;
    }
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const t = await timed(() => validatePdf(bytes, { trustList, now: NOW }));
    if (t.hung) {
      out.push({ id: file, expected: e.kind, actual: "hung", ms: t.ms, verdict: "hung" });
      continue;
    }
    if (!t.value) {
      const reason = isDecree130Error(t.error) ? `typed error ${t.error.code}` : `untyped error ${String(t.error)}`;
      out.push({ id: file, expected: e.kind, actual: "error", reason, ms: t.ms, verdict: "disagree" });
      continue;
    }
    const { actual, problems } = judge(t.value, e);
    const reason = [...problems, ...(e.note ? [e.note] : [])].join("; ");
    // `actual` is the expected kind when every check holds, so the run's report lists only real disagreements.
    out.push({ id: file, expected: e.kind, actual: problems.length === 0 ? e.kind : actual, ...(reason ? { reason } : {}), ms: t.ms, verdict: problems.length === 0 ? "agree" : "disagree" });
  }
  return tally(out);
}
