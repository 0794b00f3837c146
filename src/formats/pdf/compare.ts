import { bytesEqual } from "../../lib/bytes.js";
import { Decree130Error } from "../../errors.js";
import { decodeStream } from "./filters.js";
import type { DecodeBudget } from "./flate.js";
import type { PdfDict, PdfStream, PdfValue } from "./objects.js";

const numeric = (v: PdfValue): number | undefined =>
  typeof v === "number" ? v : v !== null && typeof v === "object" && v.kind === "real" ? v.value : undefined;

/** Stream entries that say how the data is encoded, not what it is. */
const ENCODING_KEYS: ReadonlySet<string> = new Set(["Length", "Filter", "DecodeParms", "DL"]);

/**
 * Whether two direct values are equal as PDF values: references by object number, strings by their bytes (hex or
 * literal alike), numbers by value; dictionaries key by key. Streams are not compared here (see {@link sameObject}).
 *
 * @param a - a value
 * @param b - another value
 * @returns `true` when equal
 * @example
 * ```ts
 * sameValue(signedCatalog.entries.get("Pages"), finalCatalog.entries.get("Pages"));
 * ```
 */
export function sameValue(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  const na = numeric(a);
  if (na !== undefined) return na === numeric(b);
  if (typeof a !== "object" || typeof b !== "object" || a.kind !== b.kind) return false;
  switch (a.kind) {
    case "name":
      return a.value === (b as typeof a).value;
    case "string":
      return bytesEqual(a.bytes, (b as typeof a).bytes);
    case "ref":
      return a.num === (b as typeof a).num && a.gen === (b as typeof a).gen;
    case "array": {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((x, i) => sameValue(x, bi[i]));
    }
    case "dict":
      return sameDict(a, b as PdfDict, undefined);
    case "stream":
      return sameDict(a.dict, (b as PdfStream).dict, undefined) && bytesEqual(a.data, (b as PdfStream).data);
    default:
      return false;
  }
}

function sameDict(a: PdfDict, b: PdfDict, ignore: ReadonlySet<string> | undefined): boolean {
  const keys = (d: PdfDict) => [...d.entries.keys()].filter((k) => !ignore?.has(k));
  const ka = keys(a);
  if (ka.length !== keys(b).length) return false;
  return ka.every((k) => b.entries.has(k) && sameValue(a.entries.get(k), b.entries.get(k)));
}

/**
 * Whether two objects are the same PDF object: equal values, and for streams equal dictionaries and equal content
 * (the raw data, or else the decoded data, so a stream re-compressed without change is not a change).
 *
 * @param a - the object's value in one revision
 * @param b - its value in another
 * @param budget - decoding caps
 * @returns `true` when equal
 * @throws {@link Decree130Error} `PDF_LIMIT_EXCEEDED` past the decoding budget
 * @example
 * ```ts
 * if (!(await sameObject(signed.value, final.value, doc.budget))) changed.push(num);
 * ```
 */
export async function sameObject(a: PdfValue, b: PdfValue, budget: DecodeBudget): Promise<boolean> {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || a.kind !== "stream" || b.kind !== "stream") {
    return sameValue(a, b);
  }
  if (sameValue(a, b)) return true;
  if (!sameDict(a.dict, b.dict, ENCODING_KEYS)) return false;
  const [da, db] = [await decoded(a, budget), await decoded(b, budget)];
  return da !== undefined && db !== undefined && bytesEqual(da, db);
}

async function decoded(s: PdfStream, budget: DecodeBudget): Promise<Uint8Array | undefined> {
  try {
    const d = await decodeStream(s, budget);
    return d.ok && d.complete ? d.bytes : undefined;
  } catch (err) {
    if (err instanceof Decree130Error && err.code === "MALFORMED_PDF") return undefined;
    throw err;
  }
}
