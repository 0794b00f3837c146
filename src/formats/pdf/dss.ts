import type { RevisionView } from "./document.js";
import { decodeStream } from "./filters.js";
import { dictOf, get, isRef, type PdfValue } from "./objects.js";

/** Validation material of one kind, each item the DER bytes of one stream. */
export interface DssMaterial {
  readonly certificates: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
}

/** The document security store (ETSI EN 319 142-1 §5.4) of the final revision. */
export interface Dss extends DssMaterial {
  /** Per-signature entries, keyed by the upper-case hex SHA-1 of the signature's `/Contents`. */
  readonly vri: Readonly<Record<string, DssMaterial>>;
  /** Streams that could not be decoded, and why. */
  readonly problems: readonly string[];
}

/** An empty store. */
export const NO_DSS: Dss = { certificates: [], crls: [], ocspResponses: [], vri: {}, problems: [] };

/**
 * Reads the DSS of a revision: `/Certs`, `/CRLs`, `/OCSPs` and `/VRI`, every stream decoded to its DER bytes.
 *
 * @param view - the final revision
 * @returns the store (empty when the catalog has none)
 * @throws {@link Decree130Error} `PDF_LIMIT_EXCEEDED` past the decoding budget
 * @example
 * ```ts
 * const dss = await readDss(doc.final);
 * dss.crls.length;
 * ```
 */
export async function readDss(view: RevisionView): Promise<Dss> {
  const dss = dictOf(view.resolve(get(view.catalog(), "DSS")));
  if (!dss) return NO_DSS;
  const decoded = new Map<number, Uint8Array | null>();
  const problems: string[] = [];
  const streams = async (v: PdfValue | undefined, what: string): Promise<Uint8Array[]> => {
    const arr = view.resolve(v);
    if (arr === undefined || arr === null || typeof arr !== "object" || arr.kind !== "array") return [];
    const out: Uint8Array[] = [];
    for (const item of arr.items) {
      const key = isRef(item) ? item.num : -1;
      let bytes = decoded.get(key);
      if (bytes === undefined) {
        const s = view.resolve(item);
        bytes = null;
        if (s !== null && s !== undefined && typeof s === "object" && s.kind === "stream") {
          const d = await decodeStream(s, view.doc.budget);
          if (d.ok) bytes = d.bytes;
          else problems.push(`${what} ${key}: ${d.reason}`);
        }
        if (key >= 0) decoded.set(key, bytes);
      }
      if (bytes) out.push(bytes);
    }
    return out;
  };
  const material = async (d: PdfValue | undefined, names: readonly [string, string, string]): Promise<DssMaterial> => ({
    certificates: await streams(get(d, names[0]), "certificate"),
    crls: await streams(get(d, names[1]), "CRL"),
    ocspResponses: await streams(get(d, names[2]), "OCSP response"),
  });
  const top = await material(dss, ["Certs", "CRLs", "OCSPs"]);
  const vri: Record<string, DssMaterial> = {};
  const vriDict = dictOf(view.resolve(get(dss, "VRI")));
  for (const [hash, entry] of vriDict?.entries ?? []) {
    vri[hash.toUpperCase()] = await material(dictOf(view.resolve(entry)), ["Cert", "CRL", "OCSP"]);
  }
  return { ...top, vri, problems };
}
