import type { WebCrypto } from "../../crypto/types.js";
import { bytesEqual } from "../../lib/bytes.js";
import { digest, type DigestResult } from "../../crypto/digest.js";
import { DEFAULT_C14N, ENVELOPED_SIGNATURE, MANIFEST_TYPE, XML_C14N_METHODS, XML_DIGEST_METHODS, type XmlDigestMethod } from "./algorithms.js";
import { canonicalize, type C14nOptions } from "./c14n.js";
import type { IdIndex } from "./ids.js";
import type { XmlProblem } from "./problems.js";
import type { XmlReferenceSpec, XmlSignatureSpec } from "./signature-structure.js";
import { DSIG_NS, elementPath, isWithin, type XmlDocument, type XmlElement } from "./tree.js";

/** What one `Reference` resolved to and whether its digest matched. */
export interface ReferenceResult {
  readonly uri: string;
  /** The element (or the document, for `URI=""`) the reference dereferences to; `null` when it resolves to nothing. */
  readonly target: XmlElement | XmlDocument | null;
  /** The element path of the target (`/` for the whole document); `null` when unresolved. */
  readonly element: string | null;
  readonly digestValid: boolean;
  readonly digestMethod?: XmlDigestMethod;
  /** Why the reference cannot be accepted, when it cannot. */
  readonly problem?: XmlProblem;
}

type Resolved = { target: XmlElement | XmlDocument } | { problem: XmlProblem };

function resolve(ref: XmlReferenceSpec, doc: XmlDocument, ids: IdIndex): Resolved {
  const uri = ref.uri;
  if (uri === undefined) return { problem: { code: "UNSUPPORTED_REFERENCE", detail: "a Reference without URI (application-defined data)" } };
  if (ref.type === MANIFEST_TYPE) {
    return { problem: { code: "UNSUPPORTED_REFERENCE", detail: `${uri} is a Manifest, whose references are never checked` } };
  }
  if (uri === "") return { target: doc };
  if (!uri.startsWith("#")) return { problem: { code: "UNSUPPORTED_REFERENCE", detail: `external URI ${uri.slice(0, 80)} (only same-document references)` } };
  const id = uri.slice(1);
  if (id.startsWith("xpointer(")) return { problem: { code: "UNSUPPORTED_REFERENCE", detail: `XPointer ${uri.slice(0, 80)} is not supported` } };
  const found = ids.get(id) ?? [];
  if (found.length === 0) return { problem: { code: "UNSUPPORTED_REFERENCE", detail: `no element has Id, ID or id "${id.slice(0, 80)}"` } };
  if (found.length > 1) return { problem: { code: "AMBIGUOUS_REFERENCE", detail: `Id "${id.slice(0, 80)}" occurs ${found.length} times` } };
  return { target: found[0]! };
}

/** The transforms as a node-set filter (enveloped) and the final canonicalisation; or why they are not supported. */
function plan(ref: XmlReferenceSpec): { enveloped: boolean; c14n: C14nOptions } | { problem: XmlProblem } {
  let enveloped = false;
  let c14n: C14nOptions | undefined;
  for (const t of ref.transforms) {
    if (c14n) return { problem: { code: "UNSUPPORTED_ALGORITHM", detail: `transform ${t.algorithm} after canonicalisation` } };
    if (t.algorithm === ENVELOPED_SIGNATURE) enveloped = true;
    else {
      const m = XML_C14N_METHODS.get(t.algorithm);
      if (!m) return { problem: { code: "UNSUPPORTED_ALGORITHM", detail: `transform ${t.algorithm.slice(0, 100)}` } };
      c14n = m.exclusive && t.inclusivePrefixes ? { ...m, inclusivePrefixes: t.inclusivePrefixes } : m;
    }
  }
  return { enveloped, c14n: c14n ?? DEFAULT_C14N };
}

/** Whether the element lies inside one of the signature's own `ds:Object` elements. */
function insideOwnObject(sig: XmlElement, el: XmlElement): boolean {
  for (let e: XmlElement | null = el; e && e !== sig; e = e.parent) {
    if (e.parent === sig && e.ns === DSIG_NS && e.local === "Object") return true;
  }
  return false;
}

/** One canonical form of a node, and its digests so far by digest algorithm (OID). */
interface CanonicalForm {
  readonly exclude: XmlElement | undefined;
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly digests: Map<string, Promise<DigestResult>>;
}

/**
 * Canonical forms already made in one document, by node: two signatures covering the same `DLHDon` under the same
 * transforms (a seller's and the tax authority's) have it serialised, and hashed with each digest algorithm, once;
 * each reference still compares the digest with its own DigestValue. Per document read, never kept longer.
 */
export type CanonicalForms = Map<XmlElement | XmlDocument, CanonicalForm[]>;

const encoder = new TextEncoder();

/** What distinguishes one canonicalisation of a node from another (comments are always dropped here). */
function formKey(c14n: C14nOptions): string {
  if (!c14n.exclusive) return "i";
  return c14n.inclusivePrefixes ? `e ${[...c14n.inclusivePrefixes].sort().join(" ")}` : "e";
}

/**
 * The octets a reference's digest covers: the target minus comments (XMLDSig §4.3.3.3), with the enveloped-signature
 * transform removing this signature where the target contains it. The .NET `SignedXml` behaviour real signers rely on
 * is kept: the transform is a no-op when the target contains no signature or lies inside this signature's own
 * `ds:Object`; a target elsewhere inside the signature is removed whole (XPath semantics).
 */
function octets(target: XmlElement | XmlDocument, sig: XmlElement, enveloped: boolean, c14n: C14nOptions, forms: CanonicalForms | undefined): CanonicalForm {
  let exclude: XmlElement | undefined;
  const key = formKey(c14n);
  if (enveloped) {
    const apexEl = "root" in target ? target.root : target;
    if (isWithin(sig, apexEl)) {
      if (!insideOwnObject(sig, apexEl)) return { exclude: sig, key, bytes: new Uint8Array(0), digests: new Map() };
    } else if (isWithin(apexEl, sig)) exclude = sig;
  }
  const known = forms?.get(target);
  const hit = known?.find((f) => f.exclude === exclude && f.key === key);
  if (hit) return hit;
  // Same-document references drop comments whatever the canonicalisation says.
  const form = { exclude, key, bytes: encoder.encode(canonicalize({ apex: target, exclude }, { ...c14n, withComments: false })), digests: new Map() };
  if (forms) {
    if (known) known.push(form);
    else forms.set(target, [form]);
  }
  return form;
}

/**
 * Dereferences one `Reference` explicitly (`#id` through the Id index, `URI=""` for the whole document, nothing else),
 * applies its transforms and compares its digest.
 *
 * @param ref - the reference
 * @param sig - the signature holding it
 * @param doc - the document
 * @param ids - the document's Id index
 * @param crypto - WebCrypto, for the digest
 * @param algorithms - `strict` refuses SHA-1 digests
 * @param forms - canonical forms already made in this document, shared between its references and signatures
 * @returns the target, whether the digest matched, and any problem
 * @example
 * ```ts
 * const r = await checkReference(spec.references[0], spec, doc, indexIds(doc), crypto, "default");
 * r.digestValid; // true
 * ```
 */
export async function checkReference(
  ref: XmlReferenceSpec,
  sig: XmlSignatureSpec,
  doc: XmlDocument,
  ids: IdIndex,
  crypto: WebCrypto,
  algorithms: "default" | "strict",
  forms?: CanonicalForms,
): Promise<ReferenceResult> {
  const uri = ref.uri ?? "";
  const resolved = resolve(ref, doc, ids);
  if ("problem" in resolved) return { uri, target: null, element: null, digestValid: false, problem: resolved.problem };
  const target = resolved.target;
  const element = "root" in target ? "/" : elementPath(target);
  const base = { uri, target, element };
  const steps = plan(ref);
  if ("problem" in steps) return { ...base, digestValid: false, problem: steps.problem };
  if (uri === "" && !steps.enveloped) {
    return { ...base, digestValid: false, problem: { code: "UNSUPPORTED_REFERENCE", detail: 'URI="" without the enveloped-signature transform' } };
  }
  const method = XML_DIGEST_METHODS.get(ref.digestMethod);
  if (!method) return { ...base, digestValid: false, problem: { code: "UNSUPPORTED_ALGORITHM", detail: `digest ${ref.digestMethod.slice(0, 100)}` } };
  if (method.strength === "weak" || (algorithms === "strict" && method.strength === "legacy")) {
    const why = method.strength === "weak" ? "is broken" : 'is refused under algorithms: "strict"';
    return { ...base, digestMethod: method, digestValid: false, problem: { code: "WEAK_ALGORITHM", detail: `digest ${method.name} ${why}` } };
  }
  const form = octets(target, sig.element, steps.enveloped, steps.c14n, forms);
  let pending = form.digests.get(method.algorithm.oid);
  if (!pending) form.digests.set(method.algorithm.oid, (pending = digest(method.algorithm, form.bytes, crypto)));
  const d = await pending;
  if (!d.ok) return { ...base, digestMethod: method, digestValid: false, problem: { code: d.code, detail: d.detail } };
  const digestValid = bytesEqual(d.bytes, ref.digestValue);
  return digestValid
    ? { ...base, digestMethod: method, digestValid }
    : { ...base, digestMethod: method, digestValid, problem: { code: "HASH_MISMATCH", detail: `the digest of ${uri === "" ? 'URI=""' : uri} does not match` } };
}
