import { isDecree130Error } from "../errors.js";
import type { Verdict } from "../report/types.js";
import { refusedEvidence } from "./evidence.js";
import { assumedZoneNotes } from "./format.js";
import type { AssumedZone, EvidenceFile } from "./inputs.js";
import { CliError, type Lang } from "./problem.js";

/** Exit codes of a document verdict, as for a CMS file. */
const EXIT: Readonly<Record<Verdict, number>> = { SECURE: 0, NOT_SECURE: 1, INDETERMINATE: 2 };

/** What `verify` hands to a document format's branch (PDF, XML): names, output choices and the evidence files. */
export interface DocumentRun {
  readonly file: string;
  readonly lang: Lang;
  readonly json: boolean;
  readonly evidence: readonly EvidenceFile[];
  readonly assumed: readonly AssumedZone[];
}

/**
 * Judges a document (a signed PDF or XML file) and prints its report: the JSON report with `--json`, else the readable
 * one; a library error on the file is exit 3, on an evidence file exit 64 naming it.
 *
 * @param judge - runs the format's validation
 * @param format - the readable report
 * @param run - the file name, language, output form, evidence files and time notes
 * @returns the exit code of the document verdict (0 secure, 1 not secure, 2 indeterminate)
 * @throws {@link CliError} for a file or evidence the library refuses
 * @example
 * ```ts
 * return printDocumentReport(() => validateXml(input, options), (r) => formatXmlReport(r, lang, now, assumed), run);
 * ```
 */
export async function printDocumentReport<R extends { readonly document: { readonly verdict: Verdict } }>(
  judge: () => Promise<R>,
  format: (report: R) => string,
  run: DocumentRun,
): Promise<number> {
  let report: R;
  try {
    report = await judge();
  } catch (err) {
    if (!isDecree130Error(err)) throw err;
    const problem = refusedEvidence(run.evidence) ?? { exit: 3, code: err.code, reason: { kind: "refused", code: err.code }, file: run.file, detail: err.message };
    throw new CliError(problem);
  }
  if (run.json) {
    const notes = assumedZoneNotes(run.assumed, run.lang);
    if (notes.length) process.stderr.write(`${notes.join("\n")}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(format(report));
  }
  return EXIT[report.document.verdict];
}
