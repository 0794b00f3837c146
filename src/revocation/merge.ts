import type { Statement } from "./assess.js";
import { ALL_REASONS } from "../model/distribution-point.js";

/** Most partial statements combined: enough for any real CRL partitioning, bounded against crafted input. */
const MAX_PARTIAL = 64;

/**
 * Turns partial CRL statements into complete ones where RFC 5280 allows (§6.3.3): a delta CRL merged with an accepted
 * complete CRL of the same issuer it builds on (cRLNumber at least the delta's base, and older than the delta), and
 * reason-partitioned CRLs whose silence together covers every reason. Unpaired partial statements stay partial, so they
 * never make a status known.
 *
 * @param statements - accepted statements about one certificate
 * @returns the statements with merged complete ones added
 * @example
 * ```ts
 * const complete = mergePartial([baseClear, deltaRemoved]); // adds the merged "clear" at the delta's thisUpdate
 * ```
 */
export function mergePartial(statements: readonly Statement[]): Statement[] {
  const out = [...statements];
  const complete = statements.filter((s) => !s.partial && s.source?.number !== undefined && s.reasons === undefined);
  for (const d of statements.filter((s) => s.delta).slice(0, MAX_PARTIAL)) {
    const delta = d.delta!;
    const bases = complete.filter(
      (b) => b.source!.issuerKey === d.source?.issuerKey && b.source!.number! >= delta.base && (d.source?.number === undefined || b.source!.number! < d.source.number),
    );
    if (bases.length === 0) continue;
    const base = bases.reduce((a, b) => (b.source!.number! > a.source!.number! ? b : a));
    const times = { thisUpdate: d.thisUpdate, ...(d.nextUpdate === undefined ? {} : { nextUpdate: d.nextUpdate }) };
    if (delta.change === "listed") {
      out.push({ ...times, says: "listed", at: d.at!, reason: d.reason!, ...(d.invalidityDate === undefined ? {} : { invalidityDate: d.invalidityDate }) });
    }
    else if (delta.change === "removed" || base.says !== "listed") out.push({ ...times, says: "clear" });
    else out.push({ ...base, ...times });
  }
  const byReasons = statements.filter((s) => s.reasons !== undefined && !s.delta && s.says === "clear").slice(0, MAX_PARTIAL);
  let mask = 0;
  for (const s of byReasons) mask |= s.reasons!;
  if (byReasons.length > 0 && (mask & ALL_REASONS) === ALL_REASONS) {
    // Together they speak for the earliest of their moments, and are current only while all of them are.
    const thisUpdate = Math.min(...byReasons.map((s) => s.thisUpdate));
    const nexts = byReasons.map((s) => s.nextUpdate);
    const nextUpdate = nexts.every((n) => n !== undefined) ? Math.min(...(nexts as number[])) : undefined;
    out.push({ thisUpdate, ...(nextUpdate === undefined ? {} : { nextUpdate }), says: "clear" });
  }
  return out;
}
