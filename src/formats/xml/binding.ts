import type { XmlProblem } from "./problems.js";
import type { ReferenceResult } from "./reference.js";
import { DATA_ELEMENT, type XmlRole } from "./roles.js";
import { childElements, DSIG_NS, isWithin, type XmlDocument, type XmlElement } from "./tree.js";

/** What a signature vouches for. */
export interface Binding {
  /** The node a reader may take as signed by this signature; `null` when it is bound to nothing. */
  readonly bound: XmlElement | XmlDocument | null;
  /** The `HDon`, `TBao` or `TKhai` whose `DSCKS` holds the signature (Vietnamese roles). */
  readonly container: XmlElement | null;
  readonly problem?: XmlProblem;
}

const notBound = (detail: string, container: XmlElement | null = null): Binding => ({
  bound: null,
  container,
  problem: { code: "NOT_BOUND_TO_DOCUMENT", detail },
});

const isDocument = (t: XmlElement | XmlDocument | null): t is XmlDocument => t !== null && "root" in t;

function vietnamese(signature: XmlElement, role: XmlRole, refs: readonly ReferenceResult[]): Binding {
  const dscks = signature.parent?.parent;
  const container = dscks?.parent ?? null;
  const dataName = container ? DATA_ELEMENT.get(container.local) : undefined;
  if (!container || dscks?.local !== "DSCKS" || !dataName) {
    return notBound("the signature is not inside the DSCKS of an HDon, TBao or TKhai");
  }
  const kids = childElements(container);
  const data = kids.filter((c) => c.local === dataName);
  if (data.length !== 1) return notBound(`${container.local} has ${data.length} ${dataName} elements, not one`, container);
  const dl = data[0]!;
  const targets = refs.map((r) => r.target);
  const whole = targets.some(isDocument);
  let bound: XmlElement | undefined = whole || targets.includes(dl) ? dl : undefined;
  if (!bound && role === "buyer") {
    bound = targets.find((t): t is XmlElement => t !== null && !isDocument(t) && t !== dl && isWithin(dl, t));
  }
  if (!bound) return notBound(`the signature does not reference ${dataName} of this ${container.local}`, container);
  if (role === "tax-authority" && container.local === "HDon") {
    const codes = kids.filter((c) => c.local === "MCCQT");
    if (codes.length !== 1) return notBound(`HDon has ${codes.length} MCCQT elements, not one`, container);
    if (!whole && !targets.includes(codes[0]!)) return notBound("the tax-authority signature does not reference the HDon's MCCQT", container);
  }
  return { bound, container };
}

/** Whether an element lies in one of the signature's own `ds:Object`s and is not XAdES SignedProperties. */
function ownContent(signature: XmlElement, el: XmlElement): boolean {
  if (el.local === "SignedProperties") return false;
  for (let e: XmlElement | null = el; e && e !== signature; e = e.parent) {
    if (e.parent === signature && e.ns === DSIG_NS && e.local === "Object") return true;
  }
  return false;
}

function other(signature: XmlElement, doc: XmlDocument, refs: readonly ReferenceResult[]): Binding {
  const targets = refs.map((r) => r.target).filter((t) => t !== null);
  const whole = targets.find(isDocument);
  if (whole) return { bound: whole, container: null };
  const elements = targets.filter((t): t is XmlElement => !isDocument(t));
  const outside = elements.find((t) => !isWithin(signature, t));
  if (outside) return { bound: outside, container: null };
  // An enveloping signature (the document is the signature) signs the content of its own objects.
  const enveloped = doc.root === signature ? elements.find((t) => ownContent(signature, t)) : undefined;
  if (enveloped) return { bound: enveloped, container: null };
  return notBound("the signature references nothing outside itself: the document's content is not signed");
}

/**
 * The anti-wrapping binding rule: what a signature vouches for, judged by where it sits, never by what it claims.
 * Seller, buyer, tax-authority and taxpayer signatures must reference the `DLHDon` (`DLTBao`, `DLTKhai`) child of the
 * `HDon` (`TBao`, `TKhai`) whose `DSCKS` holds them (`URI=""` covers it too); a buyer may reference a descendant of it
 * instead; a tax-authority signature on an invoice must also reference that `HDon`'s `MCCQT`. A signature of role
 * `other` is bound to the whole document (`URI=""`), else to the first element it references outside itself, else
 * (an enveloping signature) to the content of its own objects; else to nothing.
 *
 * @param signature - the `ds:Signature` element
 * @param role - its role
 * @param doc - the document
 * @param refs - its resolved references
 * @returns the bound node, the container, or `NOT_BOUND_TO_DOCUMENT`
 * @example
 * ```ts
 * const b = bindSignature(sig, "seller", doc, refs);
 * b.problem?.code; // undefined when bound to /HDon/DLHDon
 * ```
 */
export function bindSignature(signature: XmlElement, role: XmlRole, doc: XmlDocument, refs: readonly ReferenceResult[]): Binding {
  return role === "other" ? other(signature, doc, refs) : vietnamese(signature, role, refs);
}
