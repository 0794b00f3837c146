// esig/dss CAdES files: real-world CMS from several countries. Upstream tabulates no verdicts, so the expectation is
// robustness: every file yields a report or a typed Decree130Error, never an untyped error and never a hang.
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { isDecree130Error } from "../../src/errors.js";
import { indexTrustList } from "../../src/trust/anchor-index.js";
import { validate } from "../../src/validate.js";
import { SUITES_DIR, tally, timed, type CaseResult, type SuiteResult, type Verdict } from "../lib.js";

/** A fixed validation time, so the numbers do not drift with the clock. */
const NOW = new Date("2026-01-01T00:00:00Z");

/**
 * Runs validate() on every file of dss-cades/validation with an empty trust list.
 *
 * @returns the suite's tally: `expected` is `report-or-typed-error`, `actual` is `report`, `typed-error` or `untyped-error`
 * @example
 * ```ts
 * const r = await runDssCades(); // r.disagree === 0
 * ```
 */
export async function runDssCades(): Promise<SuiteResult> {
  const dir = join(SUITES_DIR, "dss-cades", "validation");
  const trustList = indexTrustList("empty", []);
  const out: (CaseResult & { verdict: Verdict })[] = [];
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const t = await timed(() => validate(bytes, { trustList, now: NOW }));
    const expected = "report-or-typed-error";
    if (t.hung) {
      out.push({ id: file, expected, actual: "hung", ms: t.ms, verdict: "hung" });
      continue;
    }
    if (t.value) {
      const verdicts = t.value.signatures.map((s) => s.verdict).join(",");
      out.push({ id: file, expected, actual: "report", reason: `signatures: ${verdicts || "none"}`, ms: t.ms, verdict: "agree" });
    } else if (isDecree130Error(t.error)) {
      out.push({ id: file, expected, actual: "typed-error", reason: t.error.code, ms: t.ms, verdict: "agree" });
    } else {
      const e = t.error as Error;
      out.push({ id: file, expected, actual: "untyped-error", reason: `${e?.name}: ${e?.message}`, ms: t.ms, verdict: "disagree" });
    }
  }
  return tally(out);
}
