import { decodeBase64 } from "../../lib/pem.js";
import { EXC_C14N_NS } from "./algorithms.js";
import type { XmlLimits } from "./limits.js";
import { Decree130Error } from "../../errors.js";
import { DSIG_NS, textOf, type XmlElement } from "./tree.js";

/** A `Transform` or `CanonicalizationMethod`: its algorithm and, for exclusive C14N, the inclusive prefixes. */
export interface XmlTransform {
  readonly algorithm: string;
  /** `InclusiveNamespaces PrefixList`, `#default` written as `""`. */
  readonly inclusivePrefixes?: ReadonlySet<string>;
}

/** One `ds:Reference` as written. */
export interface XmlReferenceSpec {
  readonly element: XmlElement;
  /** The `URI` attribute; `undefined` when absent. */
  readonly uri: string | undefined;
  readonly type: string | undefined;
  readonly transforms: readonly XmlTransform[];
  readonly digestMethod: string;
  readonly digestValue: Uint8Array;
}

/** One `ds:Signature` as written, its shape checked. */
export interface XmlSignatureSpec {
  readonly element: XmlElement;
  readonly id: string | null;
  readonly signedInfo: XmlElement;
  readonly canonicalization: XmlTransform;
  readonly signatureMethod: string;
  readonly references: readonly XmlReferenceSpec[];
  readonly signatureValue: Uint8Array;
  /** `KeyInfo/X509Data/X509Certificate` values, DER, in order. */
  readonly certificates: readonly Uint8Array[];
  readonly objects: readonly XmlElement[];
}

class Malformed extends Error {}

/** The child elements of a ds element, each required to be in the ds namespace; text must be whitespace. */
function dsChildren(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.type === "element") {
      if (c.ns !== DSIG_NS) throw new Malformed(`<${c.qname}> inside ${el.local} is not an XMLDSig element`);
      out.push(c);
    } else if (c.type === "text" && c.value.trim() !== "") throw new Malformed(`text inside ${el.local}`);
  }
  return out;
}

function expect(list: XmlElement[], i: number, local: string, where: string): XmlElement {
  const el = list[i];
  if (el?.local !== local) throw new Malformed(`${where}: ${local} expected${el ? `, found ${el.local}` : ""}`);
  return el;
}

function attr(el: XmlElement, name: string): string | undefined {
  for (const a of el.attributes) if (a.ns === "" && a.local === name) return a.value;
  return undefined;
}

function algorithmOf(el: XmlElement): string {
  const a = attr(el, "Algorithm");
  if (a === undefined) throw new Malformed(`${el.local} without Algorithm`);
  return a;
}

function base64(el: XmlElement, what: string): Uint8Array {
  try {
    return decodeBase64(textOf(el));
  } catch {
    throw new Malformed(`${what} is not valid base64`);
  }
}

function transformOf(el: XmlElement): XmlTransform {
  const algorithm = algorithmOf(el);
  for (const c of el.children) {
    if (c.type === "element" && c.ns === EXC_C14N_NS && c.local === "InclusiveNamespaces") {
      const list = (attr(c, "PrefixList") ?? "").split(/[ \t\n]+/).filter((p) => p !== "");
      return { algorithm, inclusivePrefixes: new Set(list.map((p) => (p === "#default" ? "" : p))) };
    }
  }
  return { algorithm };
}

function reference(el: XmlElement): XmlReferenceSpec {
  const kids = dsChildren(el);
  let i = 0;
  const transforms: XmlTransform[] = [];
  if (kids[0]?.local === "Transforms") {
    const list = dsChildren(kids[0]);
    if (list.length === 0) throw new Malformed("Transforms without a Transform");
    for (const t of list) transforms.push(transformOf(expect([t], 0, "Transform", "Transforms")));
    i = 1;
  }
  const digestMethod = algorithmOf(expect(kids, i, "DigestMethod", "Reference"));
  const digestValue = base64(expect(kids, i + 1, "DigestValue", "Reference"), "DigestValue");
  if (kids.length > i + 2) throw new Malformed(`Reference: unexpected ${kids[i + 2]!.local}`);
  return { element: el, uri: attr(el, "URI"), type: attr(el, "Type"), transforms, digestMethod, digestValue };
}

function certificatesOf(keyInfo: XmlElement | undefined, limits: XmlLimits): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (!keyInfo) return out;
  for (const data of keyInfo.children) {
    if (data.type !== "element" || data.ns !== DSIG_NS || data.local !== "X509Data") continue;
    for (const c of data.children) {
      if (c.type !== "element" || c.ns !== DSIG_NS || c.local !== "X509Certificate") continue;
      if (out.length >= limits.maxCertificatesPerSignature) {
        throw new Decree130Error("XML_LIMIT_EXCEEDED", `a signature carries more than ${limits.maxCertificatesPerSignature} certificates`);
      }
      out.push(base64(c, "X509Certificate"));
    }
  }
  return out;
}

/**
 * Reads one `ds:Signature` strictly by the XMLDSig schema: `SignedInfo` (`CanonicalizationMethod`, `SignatureMethod`,
 * one or more `Reference`), `SignatureValue`, an optional `KeyInfo`, then `Object`s.
 *
 * @param el - the `ds:Signature` element
 * @param limits - bounds on references and certificates
 * @returns the signature's parts, or why its shape is wrong
 * @throws {@link Decree130Error} `XML_LIMIT_EXCEEDED` for too many references or certificates
 * @example
 * ```ts
 * const spec = readSignatureSpec(signatureElement, DEFAULT_XML_LIMITS);
 * if ("malformed" in spec) console.log(spec.malformed);
 * ```
 */
export function readSignatureSpec(el: XmlElement, limits: XmlLimits): XmlSignatureSpec | { readonly malformed: string } {
  try {
    const kids = dsChildren(el);
    const signedInfo = expect(kids, 0, "SignedInfo", "Signature");
    const valueEl = expect(kids, 1, "SignatureValue", "Signature");
    let i = 2;
    const keyInfo = kids[i]?.local === "KeyInfo" ? kids[i++] : undefined;
    const objects = kids.slice(i);
    for (const o of objects) if (o.local !== "Object") throw new Malformed(`Signature: unexpected ${o.local}`);
    const si = dsChildren(signedInfo);
    const canonicalization = transformOf(expect(si, 0, "CanonicalizationMethod", "SignedInfo"));
    const signatureMethod = algorithmOf(expect(si, 1, "SignatureMethod", "SignedInfo"));
    const refs = si.slice(2);
    if (refs.length === 0) throw new Malformed("SignedInfo without a Reference");
    if (refs.length > limits.maxReferencesPerSignature) {
      throw new Decree130Error("XML_LIMIT_EXCEEDED", `a signature has more than ${limits.maxReferencesPerSignature} references`);
    }
    const references = refs.map((r) => reference(expect([r], 0, "Reference", "SignedInfo")));
    return {
      element: el,
      id: attr(el, "Id") ?? null,
      signedInfo,
      canonicalization,
      signatureMethod,
      references,
      signatureValue: base64(valueEl, "SignatureValue"),
      certificates: certificatesOf(keyInfo, limits),
      objects,
    };
  } catch (err) {
    if (err instanceof Malformed) return { malformed: err.message };
    throw err;
  }
}
