import { warning } from "../../report/finding.js";
import type { Warning } from "../../report/types.js";
import type { InvoiceData } from "./invoice-data.js";
import { KIND_BY_CONTAINER } from "./roles.js";
import type { XmlSignatureUnderTest } from "./signature-under-test.js";
import { childElements, childNamed, isWithin, textOf, type XmlDocument, type XmlElement } from "./tree.js";

/** What kind of document the first signature vouches for. */
export type XmlDocumentKind = "invoice" | "notice" | "declaration" | "other";

/** The `TDiep/TTChung` message envelope (sender, receiver, message type), which no signature covers. */
export interface XmlEnvelope {
  /** `MNGui`. */
  readonly sender: string | null;
  /** `MNNhan`. */
  readonly receiver: string | null;
  /** `MLTDiep`. */
  readonly messageType: string | null;
  /** `MTDiep`. */
  readonly messageId: string | null;
  /** Whether a signature covers it (none does in the GDT format). */
  readonly signed: boolean;
}

/** What the XML layer says about the file as a whole. */
export interface XmlDocumentFacts {
  readonly kind: XmlDocumentKind;
  /** `ENVELOPE_UNSIGNED`, `PARTIALLY_SIGNED`, `MCCQT_MISSING`, `TAX_AUTHORITY_SIGNATURE_MISSING`. */
  readonly warnings: readonly Warning[];
  /** The first `TDiep/TTChung`, when the document has one. */
  readonly envelope: XmlEnvelope | null;
  /** The invoice data of the first signature bound to a `DLHDon` whose digests all matched; else `null`. */
  readonly invoice: InvoiceData | null;
}

const text = (el: XmlElement | undefined): string | null => textOf(el).trim() || null;
const MCCQT = /^[0-9A-F]{34}$/;

function elementsNamed(root: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.local === local) out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === "element") stack.push(c);
    }
  }
  return out;
}

/** Whether some signature references the element, an ancestor of it, or the whole document. */
function covered(el: XmlElement, signatures: readonly XmlSignatureUnderTest[]): boolean {
  return signatures.some((s) => s.targets.some((t) => t !== null && ("root" in t || isWithin(t, el))));
}

function kindOf(first: XmlSignatureUnderTest | undefined): XmlDocumentKind {
  const b = first?.boundElement;
  if (!b || "root" in b) return "other";
  for (let e: XmlElement | null = b; e; e = e.parent) {
    const kind = e.parent ? KIND_BY_CONTAINER.get(e.parent.local) : undefined;
    if (kind && e.local === `DL${e.parent!.local}`) return kind;
  }
  return "other";
}

/** Order rules per invoice: a tax-authority signature implies a seller one that came first; coded invoices need MCCQT. */
function orderWarnings(signatures: readonly XmlSignatureUnderTest[], out: Warning[]): void {
  const containers = new Set<XmlElement>();
  for (const s of signatures) {
    const b = s.boundElement;
    if (b && !("root" in b) && b.local === "DLHDon" && b.parent?.local === "HDon") containers.add(b.parent);
  }
  for (const hdon of containers) {
    const inside = signatures.filter((s) => s.role !== "other" && isWithin(hdon, s.element));
    const sellers = inside.filter((s) => s.role === "seller");
    const authorities = inside.filter((s) => s.role === "tax-authority");
    for (const cqt of authorities) {
      if (sellers.length === 0) cqt.warnings.push(warning("SELLER_SIGNATURE_MISSING"));
      const seller = sellers.find((s) => s.claimedTime !== undefined);
      if (seller && cqt.claimedTime !== undefined && cqt.claimedTime < seller.claimedTime!) {
        cqt.warnings.push(warning("SIGNING_ORDER_INVERTED", { taxAuthority: cqt.signingTime!.value, seller: seller.signingTime!.value }));
      }
    }
    const invoice = sellers.find((s) => s.invoice)?.invoice ?? authorities.find((s) => s.invoice)?.invoice;
    const series = invoice?.series;
    if (series?.startsWith("C")) {
      const codes = childElements(hdon).filter((c) => c.local === "MCCQT");
      const code = codes.length === 1 ? textOf(codes[0]).trim() : undefined;
      if (code === undefined || !MCCQT.test(code)) {
        const detail = code === undefined ? `${codes.length} MCCQT elements` : `"${code.slice(0, 40)}" is not 34 characters 0-9A-F`;
        out.push(warning("MCCQT_MISSING", { series, detail }));
      }
      if (authorities.length === 0) out.push(warning("TAX_AUTHORITY_SIGNATURE_MISSING", { series }));
    }
  }
}


/**
 * The document-level facts: its kind (from the node the first signature is bound to), the envelope, the invoice data
 * read from a bound and intact `DLHDon`, and the file's warnings (unsigned envelope, partly signed document, order
 * and coded-invoice rules). Adds order warnings (`SELLER_SIGNATURE_MISSING`, `SIGNING_ORDER_INVERTED`) to the
 * tax-authority signatures they concern.
 *
 * @param doc - the document
 * @param signatures - its checked signatures, in document order
 * @returns the facts
 * @example
 * ```ts
 * documentFacts(doc, signatures).kind; // "invoice"
 * ```
 */
export function documentFacts(doc: XmlDocument, signatures: readonly XmlSignatureUnderTest[]): XmlDocumentFacts {
  const warnings: Warning[] = [];
  const envelopes = elementsNamed(doc.root, "TDiep").map((t) => childNamed(t, "TTChung")).filter((e) => e !== undefined);
  const unsigned = envelopes.filter((e) => !covered(e, signatures));
  if (unsigned.length > 0) warnings.push(warning("ENVELOPE_UNSIGNED"));
  const first = envelopes[0];
  const envelope: XmlEnvelope | null = first
    ? {
        sender: text(childNamed(first, "MNGui")),
        receiver: text(childNamed(first, "MNNhan")),
        messageType: text(childNamed(first, "MLTDiep")),
        messageId: text(childNamed(first, "MTDiep")),
        signed: !unsigned.includes(first),
      }
    : null;
  const partial = new Set<string>();
  for (const s of signatures) {
    const b = s.boundElement;
    // Only a signature that holds vouches for part of the document; a failing one vouches for nothing.
    if (s.role === "other" && s.problems.length === 0 && b && !("root" in b) && b !== doc.root && s.boundTo) partial.add(s.boundTo);
  }
  for (const boundTo of partial) warnings.push(warning("PARTIALLY_SIGNED", { boundTo }));
  orderWarnings(signatures, warnings);
  return { kind: kindOf(signatures[0]), warnings, envelope, invoice: signatures.find((s) => s.invoice)?.invoice ?? null };
}
