import { checkByteRange, checkOverlap, contentInfoOf, type BrokenRule } from "./byte-range.js";
import { certificationOf, fieldLocksOf, type DocMdpP, type FieldLock } from "./certification.js";
import { compareRevisions, type ChangeDetail } from "./changes.js";
import { judgeChanges, type ChangesAfter } from "./changes-status.js";
import { readPdf, type ObjectLocation, type PdfDocument } from "./document.js";
import { readDss, type Dss } from "./dss.js";
import { mapGraph, type FoundSignature, type GraphMap } from "./graph-map.js";
import { overLimit, resolvePdfLimits, type PdfLimits } from "./limits.js";
import { dictOf, get, nameOf, textOf, type PdfDict } from "./objects.js";
import { parsePdfDate } from "./pdf-date.js";
import { resolvePdfPolicy, type PdfPolicy } from "./pdf-policy.js";
import { dispatchOf, type Dispatch } from "./sub-filter.js";

/**
 * One signature or document timestamp of a PDF, as the engine needs it: the signed bytes (two views of the input, never
 * copied), the CMS, the ByteRange rules it breaks, its claimed time, its certification and locks, and what changed
 * after it.
 */
export interface PdfSignatureUnderTest {
  readonly kind: "signature" | "document-timestamp";
  /** The fully qualified name of its field, or `null` when no field holds it. */
  readonly field: string | null;
  readonly subFilter: string | null;
  /** How `/Contents` is checked (decided from `/SubFilter` before `/Contents` is read). */
  readonly dispatch: Dispatch;
  readonly byteRange: readonly [number, number, number, number] | null;
  /** The revision its ByteRange ends at (1-based), or `null` when it ends at none. */
  readonly revision: number | null;
  readonly coversWholeDocument: boolean;
  /** `[0, b)` and `[c, c + d)` as views of the input, when the ranges lie inside the file. */
  readonly signedBytes: readonly [Uint8Array, Uint8Array] | null;
  /** The CMS ContentInfo from `/Contents` (a view of the decoded hex, zero padding cut), or `null`. */
  readonly cms: Uint8Array | null;
  /** Why `/Contents` is not a CMS (keyCorrespondence `MALFORMED_SIGNATURE`), or `null`. */
  readonly cmsProblem: string | null;
  /** Broken ByteRange rules (keyCorrespondence `BYTE_RANGE_INVALID`); empty when all hold. */
  readonly byteRangeProblems: readonly BrokenRule[];
  /** `/M` as milliseconds since the epoch (the signer's claim), when present and valid. */
  readonly claimedTime: number | undefined;
  /** DocMDP of a certification signature. */
  readonly certification: { readonly p: DocMdpP } | null;
  readonly locks: readonly FieldLock[];
  readonly changesAfter: ChangesAfter;
  /** No longer reachable in the final revision: the signature was removed. */
  readonly removed: boolean;
  /** `/Reason`, `/Name`, `/Location` as the signer wrote them (informative). */
  readonly info: { readonly reason: string | null; readonly name: string | null; readonly location: string | null };
}

/** A PDF's signatures and document facts. */
export interface PdfScan {
  readonly revisions: number;
  /** What the reader tolerated. */
  readonly warnings: readonly string[];
  /** Bytes after the last complete revision that are not white-space. */
  readonly trailingBytes: boolean;
  /** Signatures and document timestamps in document order. */
  readonly signatures: readonly PdfSignatureUnderTest[];
  /** The DSS of the final revision. */
  readonly dss: Dss;
}

/** Options of {@link scanPdf}. */
export interface ScanPdfOptions {
  readonly limits?: Partial<PdfLimits>;
  readonly policy?: Partial<PdfPolicy>;
}

interface Group {
  readonly key: string;
  readonly latest: FoundSignature;
  readonly latestRevision: number;
  readonly firstRevision: number;
}

/**
 * Reads a PDF and everything pdf.md decides about its signatures short of the CMS checks: revisions, signatures found
 * through the object graph, ByteRange and scope rules, SubFilter dispatch, `/M`, DocMDP, field locks, changes after
 * each signature, removed signatures and the DSS.
 *
 * @param bytes - the PDF
 * @param options - budgets and the PDF policy
 * @returns the scan
 * @throws {@link Decree130Error} `MALFORMED_PDF`, `PDF_LIMIT_EXCEEDED`, `UNSUPPORTED_PDF` for a file that cannot be read
 * @example
 * ```ts
 * const scan = await scanPdf(pdfBytes);
 * for (const s of scan.signatures) console.log(s.field, s.byteRangeProblems, s.changesAfter.status);
 * ```
 */
export async function scanPdf(bytes: Uint8Array, options: ScanPdfOptions = {}): Promise<PdfScan> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("scanPdf expects the PDF as a Uint8Array");
  const limits = resolvePdfLimits(options.limits);
  const policy = resolvePdfPolicy(options.policy);
  const doc = await readPdf(bytes, limits);
  const maps: GraphMap[] = [];
  const visits = { visits: limits.maxObjects * 4 };
  for (const r of doc.revisions) maps.push(mapGraph(doc.view(r.number), visits));
  const map = (n: number): GraphMap => maps[n - 1]!;
  const groups = groupSignatures(maps);
  if (groups.length > limits.maxSignatures) throw overLimit(`more than ${limits.maxSignatures} signatures`);
  const finalKeys = new Set(map(maps.length).signatures.map((s) => s.key));
  const prepared = groups.map((g) => prepare(doc, g, map));
  const compared = new Map<string, Promise<ChangeDetail[]>>();
  const out: { signature: PdfSignatureUnderTest; order: readonly [number, number, number] }[] = [];
  for (const p of prepared) {
    const others = prepared.filter((o) => o !== p && o.facts.gap && o.facts.byteRange);
    const broken = [...p.facts.broken, ...p.cmsRules];
    if (p.facts.byteRange) {
      const overlap = checkOverlap(
        p.facts.byteRange,
        others.map((o) => ({ gap: o.facts.gap!, rangeEnd: o.facts.byteRange![2] + o.facts.byteRange![3], label: o.label })),
      );
      if (overlap) broken.push(overlap);
    }
    const signedRevision = p.facts.revision ?? p.ownRevision;
    const signedEnd = p.facts.byteRange ? p.facts.byteRange[2] + p.facts.byteRange[3] : doc.revisions[signedRevision - 1]!.end;
    const cacheKey = `${signedRevision}:${signedEnd}`;
    let details = compared.get(cacheKey);
    if (!details) compared.set(cacheKey, (details = compareRevisions({ doc, signed: signedRevision, map, signedEnd })));
    const changesAfter = judgeChanges(await details, {
      certification: p.certification,
      locks: p.locks,
      fieldsAtSigning: new Set(map(signedRevision).fields.map((f) => f.name)),
      annotationsAfterSigning: policy.annotationsAfterSigning,
    });
    out.push({ signature: { ...p.result, byteRangeProblems: broken, changesAfter, removed: !finalKeys.has(p.group.key) }, order: p.order });
  }
  out.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
  return {
    revisions: doc.revisions.length,
    warnings: doc.warnings,
    trailingBytes: doc.structure.trailing !== null,
    signatures: out.map((o) => o.signature),
    dss: await readDss(doc.final),
  };
}

function groupSignatures(maps: readonly GraphMap[]): Group[] {
  const byKey = new Map<string, { latest: FoundSignature; latestRevision: number; firstRevision: number }>();
  maps.forEach((m, i) => {
    for (const s of m.signatures) {
      const g = byKey.get(s.key);
      if (g) {
        g.latest = s;
        g.latestRevision = i + 1;
      } else byKey.set(s.key, { latest: s, latestRevision: i + 1, firstRevision: i + 1 });
    }
  });
  return [...byKey].map(([key, g]) => ({ key, ...g }));
}

const text = (d: PdfDict, key: string): string | null => textOf(get(d, key)) ?? null;

function prepare(doc: PdfDocument, g: Group, map: (n: number) => GraphMap) {
  // Locate the revision from the latest dictionary, then read the one written in that revision: it is what counts.
  const latest = checkByteRange(g.latest.dict, null, doc.bytes, doc.revisions);
  const ownRevision = latest.revision ?? g.firstRevision;
  const own = map(ownRevision).signatures.find((s) => s.key === g.key) ?? ownFromObject(doc, g, ownRevision);
  const found = own ?? g.latest;
  const location = locationOf(doc, found, own ? ownRevision : g.latestRevision);
  const facts = checkByteRange(found.dict, location, doc.bytes, doc.revisions);
  const broken: BrokenRule[] = [];
  if (!own) broken.push({ rule: "dictionary-not-in-own-revision", detail: `revision ${ownRevision} has no such signature dictionary` });
  const subFilter = nameOf(get(found.dict, "SubFilter")) ?? null;
  const dispatch = dispatchOf(subFilter ?? undefined);
  let cms: Uint8Array | null = null;
  let cmsProblem: string | null = null;
  if (dispatch !== "unsupported") {
    if (!facts.contents) cmsProblem = "the signature dictionary has no /Contents string";
    else {
      const ci = contentInfoOf(facts.contents);
      if (ci.ok) cms = ci.cms;
      else if (ci.problem === "trailing") {
        cms = ci.cms ?? null;
        broken.push({ rule: "contents-trailing-data", detail: ci.detail });
      } else cmsProblem = ci.detail;
    }
  }
  const br = facts.byteRange;
  const inFile = br && br[0] === 0 && br[2] >= br[1] && br[2] + br[3] <= doc.bytes.length;
  const view = doc.view(ownRevision);
  const fieldDict = found.field ? dictOf(view.resolve(found.field.num === null ? found.field.dict : { kind: "ref", num: found.field.num, gen: 0 })) : undefined;
  const fieldName = g.latest.field?.name ?? found.field?.name ?? null;
  const fieldIndex = map(doc.revisions.length).signatures.find((s) => s.key === g.key)?.field?.index ?? g.latest.field?.index ?? Number.MAX_SAFE_INTEGER;
  const m = textOf(get(found.dict, "M"));
  const result = {
    kind: dispatch === "document-timestamp" ? ("document-timestamp" as const) : ("signature" as const),
    field: fieldName,
    subFilter,
    dispatch,
    byteRange: br,
    revision: facts.revision,
    coversWholeDocument: facts.coversWholeDocument,
    signedBytes: inFile ? ([doc.bytes.subarray(0, br[1]), doc.bytes.subarray(br[2], br[2] + br[3])] as const) : null,
    cms,
    cmsProblem,
    claimedTime: m === undefined ? undefined : parsePdfDate(m),
    certification: certificationOf(found.dict, found.num, view),
    locks: fieldLocksOf(found.dict, fieldDict, view),
    info: { reason: text(found.dict, "Reason"), name: text(found.dict, "Name"), location: text(found.dict, "Location") },
  };
  return {
    group: g,
    facts,
    cmsRules: broken,
    ownRevision,
    certification: result.certification,
    locks: result.locks,
    result,
    label: fieldName ? `signature field "${fieldName}"` : `signature dictionary ${g.key.slice(1)}`,
    order: [facts.revision ?? ownRevision, fieldIndex, g.firstRevision] as const,
  };
}

function ownFromObject(doc: PdfDocument, g: Group, revision: number): FoundSignature | undefined {
  if (g.latest.num === null) return undefined;
  const d = dictOf(doc.view(revision).object(g.latest.num)?.value);
  return d && get(d, "ByteRange") !== undefined ? { ...g.latest, dict: d } : undefined;
}

function locationOf(doc: PdfDocument, s: FoundSignature, revision: number): ObjectLocation | null {
  const num = s.num ?? s.field?.num ?? null;
  return num === null ? null : (doc.view(revision).object(num)?.location ?? null);
}
