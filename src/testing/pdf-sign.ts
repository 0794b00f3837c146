import type { WebCrypto } from "../crypto/types.js";
import { dictOf, get, isRef, nameOf, textOf, type PdfDict, type PdfValue } from "../formats/pdf/objects.js";
import type { Digest } from "./algorithms.js";
import { signCms, type CmsOptions } from "./cms.js";
import type { TestIdentity } from "./identity.js";
import { addToAnnots, pageOf } from "./pdf.js";
import { latin1Bytes, pdfText, readBase, writeUpdate, writeValue, type BasePdf, type TestPdfObject } from "./pdf-write.js";
import { toMillis, type DateInput } from "./time.js";

/** A field lock (`/Lock` of the signature field, or a FieldMDP reference). */
export interface TestFieldLock {
  readonly action: "All" | "Include" | "Exclude";
  readonly fields?: readonly string[];
}

/** Options of {@link signPdf}. */
export interface PdfSignOptions {
  /** Who signs. Required unless `contents` makes the `/Contents` bytes. */
  readonly signer?: TestIdentity;
  /** The claimed time: the CMS `signingTime` (unless `cmsSigningTime: false`) and `/M` (unless `m` says otherwise). */
  readonly signingTime?: DateInput;
  /** Put `signingTime` in the CMS. Default `true`; `false` writes a CMS like pdfsig's, whose claimed time is `/M`. */
  readonly cmsSigningTime?: boolean;
  /** `/M`; default `signingTime`; `null` writes none. */
  readonly m?: DateInput | null;
  /** The field's name; default `Signature<n>`. An empty signature field of that name is signed in place. */
  readonly fieldName?: string;
  /** Default `adbe.pkcs7.detached`. */
  readonly subFilter?: string;
  /** Make it a certification signature (DocMDP) with these permissions. */
  readonly certification?: { readonly p: 1 | 2 | 3 };
  /** `/Lock` on the signature field. */
  readonly lock?: TestFieldLock;
  /** A FieldMDP reference in the signature dictionary. */
  readonly fieldMdp?: TestFieldLock;
  readonly reason?: string;
  readonly location?: string;
  /** 1-based page the field's widget sits on. Default 1. */
  readonly page?: number;
  /** Bytes reserved for `/Contents`. Default 8192. */
  readonly contentsSize?: number;
  /** The CMS digest. Default SHA-256 (SHA-1 for `adbe.pkcs7.sha1`). */
  readonly digest?: Digest;
  /** More options for the kit's `signCms`. */
  readonly cms?: Omit<CmsOptions, "detached" | "signingTime" | "digest" | "crypto">;
  /** Make `/Contents` yourself from the signed bytes (an RFC 3161 token, broken bytes ...) instead of a CMS. */
  readonly contents?: (signedBytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** Cross-reference style of the update. Default: that of the last section. */
  readonly xref?: "table" | "stream";
  readonly crypto?: WebCrypto;
}

const BYTE_RANGE_PLACEHOLDER = "/ByteRange [0 9999999999 9999999999 9999999999]";

function pdfDate(t: number): string {
  return `D:${new Date(t).toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}

function lockDict(l: TestFieldLock, type: string): string {
  return `<< /Type /${type} /Action /${l.action}${l.fields ? ` /Fields [${l.fields.map(pdfText).join(" ")}]` : ""}${type === "TransformParams" ? " /V /1.2" : ""} >>`;
}

interface FieldHit {
  readonly num: number;
  readonly dict: PdfDict;
}

function signatureFields(base: BasePdf): { count: number; find: (name: string) => FieldHit | undefined } {
  const fields: { name: string; hit: FieldHit | undefined; signed: boolean }[] = [];
  const acro = dictOf(base.view.resolve(get(base.view.catalog(), "AcroForm")));
  const walk = (v: PdfValue, parent: string, depth: number): void => {
    const d = dictOf(base.view.resolve(v));
    if (!d || depth > 16) return;
    const t = textOf(get(d, "T"));
    const name = t === undefined ? parent : parent ? `${parent}.${t}` : t;
    if (nameOf(get(d, "FT")) === "Sig") fields.push({ name, hit: isRef(v) ? { num: v.num, dict: d } : undefined, signed: get(d, "V") !== undefined });
    const kids = base.view.resolve(get(d, "Kids"));
    if (kids !== null && kids !== undefined && typeof kids === "object" && kids.kind === "array") for (const k of kids.items) walk(k, name, depth + 1);
  };
  const list = base.view.resolve(get(acro, "Fields"));
  if (list !== null && list !== undefined && typeof list === "object" && list.kind === "array") for (const f of list.items) walk(f, "", 0);
  return {
    count: fields.length,
    find: (name) => fields.find((f) => f.name === name && !f.signed)?.hit,
  };
}

/**
 * Signs a PDF as a viewer does: an incremental update with a signature field (or an existing empty one filled), its
 * widget, a signature dictionary whose `/ByteRange` covers the whole new file but `/Contents`, and a detached CMS from
 * the kit's `signCms` in `/Contents` (zero-padded hex).
 *
 * @param pdf - the PDF to sign
 * @param options - signer, times, SubFilter, certification, locks, field
 * @returns the signed PDF
 * @throws TypeError when the CMS does not fit in `contentsSize`, or no signer is given
 * @example
 * ```ts
 * const signed = await signPdf(createTestPdf(), { signer, signingTime: "2025-06-01T08:00:00Z" });
 * const certified = await signPdf(createTestPdf(), { signer, certification: { p: 2 } });
 * ```
 */
export async function signPdf(pdf: Uint8Array, options: PdfSignOptions): Promise<Uint8Array> {
  if (!options.signer && !options.contents) throw new TypeError("signPdf needs a signer (or a contents function)");
  const crypto = options.crypto ?? options.signer?.crypto ?? globalThis.crypto;
  const base = await readBase(pdf);
  const fields = signatureFields(base);
  const fieldName = options.fieldName ?? `Signature${fields.count + 1}`;
  const existing = fields.find(fieldName);
  const subFilter = options.subFilter ?? "adbe.pkcs7.detached";
  const size = options.contentsSize ?? 8192;
  const signingTime = options.signingTime === undefined ? undefined : toMillis(options.signingTime, "signingTime");
  const m = options.m === null ? undefined : options.m === undefined ? signingTime : toMillis(options.m, "m");
  const objects = new Map<number, TestPdfObject>();
  let next = base.size;
  const sigNum = next++;
  const references = [
    ...(options.certification ? [`<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${options.certification.p} /V /1.2 >> >>`] : []),
    ...(options.fieldMdp ? [`<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams ${lockDict(options.fieldMdp, "TransformParams")} >>`] : []),
  ];
  const type = subFilter === "ETSI.RFC3161" ? "DocTimeStamp" : "Sig";
  objects.set(
    sigNum,
    `<< /Type /${type} /Filter /Adobe.PPKLite /SubFilter /${subFilter} ${BYTE_RANGE_PLACEHOLDER} /Contents <${"0".repeat(size * 2)}>` +
      `${m === undefined ? "" : ` /M (${pdfDate(m)})`}${options.reason ? ` /Reason ${pdfText(options.reason)}` : ""}` +
      `${options.location ? ` /Location ${pdfText(options.location)}` : ""}${references.length ? ` /Reference [${references.join(" ")}]` : ""} >>`,
  );
  const lock = options.lock ? ` /Lock ${lockDict(options.lock, "SigFieldLock")}` : "";
  const catalogEntries = new Map(base.view.catalog()?.entries);
  let catalogChanged = false;
  if (existing) {
    const entries = new Map(existing.dict.entries);
    entries.set("V", { kind: "ref", num: sigNum, gen: 0 });
    objects.set(existing.num, writeValue({ kind: "dict", entries, duplicates: [] }).replace(/ >>$/, `${lock} >>`));
  } else {
    const fieldNum = next++;
    const page = pageOf(base, options.page ?? 1);
    objects.set(fieldNum, `<< /FT /Sig /T ${pdfText(fieldName)} /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${page.num} 0 R /V ${sigNum} 0 R${lock} >>`);
    addToAnnots(base, page, fieldNum, objects);
    const acroRef = catalogEntries.get("AcroForm");
    const acro = new Map(dictOf(base.view.resolve(acroRef))?.entries);
    const current = base.view.resolve(acro.get("Fields"));
    const items = current !== null && current !== undefined && typeof current === "object" && current.kind === "array" ? current.items : [];
    acro.set("Fields", { kind: "array", items: [...items, { kind: "ref", num: fieldNum, gen: 0 }] });
    acro.set("SigFlags", 3);
    const acroDict: PdfValue = { kind: "dict", entries: acro, duplicates: [] };
    if (isRef(acroRef)) objects.set(acroRef.num, writeValue(acroDict));
    else {
      catalogEntries.set("AcroForm", acroDict);
      catalogChanged = true;
    }
  }
  if (options.certification) {
    catalogEntries.set("Perms", { kind: "dict", entries: new Map([["DocMDP", { kind: "ref", num: sigNum, gen: 0 }]]), duplicates: [] });
    catalogChanged = true;
  }
  const root = base.view.trailerEntry("Root");
  if (catalogChanged && isRef(root)) objects.set(root.num, writeValue({ kind: "dict", entries: catalogEntries, duplicates: [] }));
  const out = writeUpdate(base, { objects, ...(options.xref ? { xref: options.xref } : {}) });
  return fill(out, base.bytes.length, size, options, subFilter, signingTime, crypto);
}

async function fill(out: Uint8Array, from: number, size: number, options: PdfSignOptions, subFilter: string, signingTime: number | undefined, crypto: WebCrypto): Promise<Uint8Array> {
  const text = new TextDecoder("latin1").decode(out.subarray(from));
  const brAt = from + text.indexOf(BYTE_RANGE_PLACEHOLDER);
  const b = from + text.indexOf("/Contents <", brAt - from) + "/Contents ".length;
  const c = b + size * 2 + 2;
  const d = out.length - c;
  const range = `/ByteRange [0 ${b} ${c} ${d}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, " ");
  out.set(latin1Bytes(range), brAt);
  const signed = new Uint8Array(b + d);
  signed.set(out.subarray(0, b));
  signed.set(out.subarray(c), b);
  let cms: Uint8Array;
  if (options.contents) cms = await options.contents(signed);
  else {
    const sha1 = subFilter === "adbe.pkcs7.sha1";
    const content = sha1 ? new Uint8Array(await crypto.subtle.digest("SHA-1", signed)) : signed;
    const time = options.cmsSigningTime === false || signingTime === undefined ? {} : { signingTime };
    cms = await signCms(content, options.signer!, {
      ...options.cms,
      ...time,
      detached: !sha1,
      digest: options.digest ?? (sha1 ? "SHA-1" : "SHA-256"),
      ...(subFilter === "ETSI.CAdES.detached" ? { signingCertificateV2: true } : {}),
      crypto,
    });
  }
  if (cms.length > size) throw new TypeError(`the signature (${cms.length} bytes) does not fit in contentsSize ${size}`);
  out.set(latin1Bytes([...cms].map((x) => x.toString(16).padStart(2, "0")).join("")), b + 1);
  return out;
}
