import type { Env, VerifyOutcome, WebCrypto } from "../../crypto/types.js";
import { verifyRaw, verifySignature, type VerifyOptions } from "../../crypto/verify.js";
import type { AlgorithmIdentifier } from "../../model/algorithm.js";
import { bytesEqual } from "../../lib/bytes.js";
import { warning } from "../../report/finding.js";
import type { Warning } from "../../report/types.js";
import { XML_C14N_METHODS, XML_SIGNATURE_METHODS } from "./algorithms.js";
import { bindSignature } from "./binding.js";
import { canonicalize } from "./c14n.js";
import type { IdIndex } from "./ids.js";
import { readInvoiceData, type InvoiceData } from "./invoice-data.js";
import type { XmlLimits } from "./limits.js";
import { byPrecedence, type XmlProblem } from "./problems.js";
import { checkReference, type CanonicalForms, type ReferenceResult } from "./reference.js";
import { roleOf, type XmlRole } from "./roles.js";
import { readSignatureSpec } from "./signature-structure.js";
import { signedSigningTime, type XmlSigningTime } from "./signing-time.js";
import { elementPath, type XmlDocument, type XmlElement } from "./tree.js";

/** One reference as the report shows it. */
export interface XmlCoverage {
  readonly uri: string;
  /** The element path it resolved to (`/` for the whole document), `null` when it resolved to nothing. */
  readonly element: string | null;
  readonly digestValid: boolean;
}

/** One `ds:Signature`, checked as far as the XML layer can without a certificate. */
export interface XmlSignatureUnderTest {
  /** Position among the document's signatures (0-based, document order). */
  readonly index: number;
  readonly role: XmlRole;
  /** The `Id` attribute of the `ds:Signature`. */
  readonly id: string | null;
  /** The element path of the `ds:Signature`. */
  readonly path: string;
  /** The `ds:Signature` element. */
  readonly element: XmlElement;
  /** What each reference resolved to, in order (`null`: nothing). */
  readonly targets: readonly (XmlElement | XmlDocument | null)[];
  readonly covers: readonly XmlCoverage[];
  /** The node this signature vouches for, as an element path (`/` for the whole document); `null` when not bound. */
  readonly boundTo: string | null;
  /** The bound element itself (an `HDon`'s `DLHDon`, ...), for reading data from it. */
  readonly boundElement: XmlElement | XmlDocument | null;
  /** keyCorrespondence failures known without a certificate, first = the one to report (see XML_PROBLEM_PRECEDENCE). */
  readonly problems: readonly XmlProblem[];
  /** The signed claimed signing time; `null` when absent or not signed. */
  readonly signingTime: XmlSigningTime | null;
  /** The same, in milliseconds since the epoch (`T_claim`). */
  readonly claimedTime: number | undefined;
  /** Warnings about this signature: `NO_SIGNED_SIGNING_TIME` and the order warnings (legacy algorithms: the engine's `LEGACY_ALGORITHM`). */
  readonly warnings: Warning[];
  /** `KeyInfo/X509Data/X509Certificate` values, DER, in order: signing-certificate and path candidates. */
  readonly certificates: readonly Uint8Array[];
  /** The SignatureMethod as an X.509 AlgorithmIdentifier; `null` when unknown. */
  readonly signatureAlgorithm: AlgorithmIdentifier | null;
  readonly signatureMethod: string | null;
  /** The canonical `SignedInfo`: the bytes SignatureValue signs; `null` when it cannot be computed. */
  readonly signedInfo: Uint8Array | null;
  readonly signatureValue: Uint8Array | null;
  /** The invoice data read from the bound `DLHDon` when every reference's digest matched; else `null`. */
  readonly invoice: InvoiceData | null;
  /** The legacy algorithms it uses (SHA-1), accepted with a warning under the default policy. */
  readonly legacyAlgorithms: readonly string[];
  /**
   * Checks SignatureValue over the canonical SignedInfo with a candidate certificate's key.
   *
   * @param spki - the candidate's SubjectPublicKeyInfo (DER)
   * @param env - WebCrypto and the key cache
   * @param options - `algorithms: "strict"` refuses legacy algorithms and keys
   * @returns the verifier's outcome
   */
  verifyWith(spki: Uint8Array, env: Env, options?: VerifyOptions): Promise<VerifyOutcome>;
}

/** What every signature of one document shares. */
export interface XmlContext {
  readonly doc: XmlDocument;
  readonly ids: IdIndex;
  readonly limits: XmlLimits;
  readonly crypto: WebCrypto;
  readonly algorithms: "default" | "strict";
  /** Canonical forms already made in this document (see `CanonicalForms`). */
  readonly forms?: CanonicalForms;
  /**
   * Told each well-formed signature's `KeyInfo` certificates and its SignatureValue check as soon as they are known,
   * before the reference digests settle (validateXml starts the checks there, so that the waits overlap).
   */
  readonly onVerifiable?: (certificates: readonly Uint8Array[], verifyWith: XmlSignatureUnderTest["verifyWith"]) => void;
}

/** At most this many checks are remembered per signature: a KeyInfo names very few keys. */
const MAX_STARTED = 16;

const refuse = (detail: string): Promise<VerifyOutcome> => Promise.resolve({ ok: false, code: "UNSUPPORTED_ALGORITHM", detail });

function malformed(index: number, el: XmlElement, detail: string): XmlSignatureUnderTest {
  return {
    index,
    role: roleOf(el),
    id: el.attributes.find((a) => a.ns === "" && a.local === "Id")?.value ?? null,
    path: elementPath(el),
    element: el,
    targets: [],
    covers: [],
    boundTo: null,
    boundElement: null,
    problems: [{ code: "MALFORMED_SIGNATURE", detail }],
    signingTime: null,
    claimedTime: undefined,
    warnings: [],
    certificates: [],
    signatureAlgorithm: null,
    signatureMethod: null,
    signedInfo: null,
    signatureValue: null,
    invoice: null,
    legacyAlgorithms: [],
    verifyWith: () => refuse(`the signature is malformed: ${detail}`),
  };
}

/**
 * Checks one `ds:Signature` on its own: shape, every reference (explicit resolution, transforms, digest), the canonical
 * SignedInfo, algorithms, the binding rule and the signed signing time. SignatureValue is checked later, per candidate
 * certificate, through `verifyWith`.
 *
 * @param el - the `ds:Signature` element
 * @param index - its position among the document's signatures
 * @param ctx - the document, its Id index, limits, WebCrypto and the algorithm policy
 * @returns the signature under test
 * @example
 * ```ts
 * const sig = await checkSignature(signatureElement, 0, ctx);
 * sig.problems[0]?.code; // e.g. "NOT_BOUND_TO_DOCUMENT"
 * ```
 */
export async function checkSignature(el: XmlElement, index: number, ctx: XmlContext): Promise<XmlSignatureUnderTest> {
  const spec = readSignatureSpec(el, ctx.limits);
  if ("malformed" in spec) return malformed(index, el, spec.malformed);
  const role = roleOf(el);
  // Every reference's canonical form and digest are started first; SignatureValue needs none of them, so its check can
  // start (ctx.onVerifiable) while the digests are computed.
  const pending = Promise.all(spec.references.map((r) => checkReference(r, spec, ctx.doc, ctx.ids, ctx.crypto, ctx.algorithms, ctx.forms)));
  const algorithmProblems: XmlProblem[] = [];
  let legacyMethod: string | undefined;
  const c14n = XML_C14N_METHODS.get(spec.canonicalization.algorithm);
  if (!c14n) algorithmProblems.push({ code: "UNSUPPORTED_ALGORITHM", detail: `canonicalization ${spec.canonicalization.algorithm.slice(0, 100)}` });
  const method = XML_SIGNATURE_METHODS.get(spec.signatureMethod);
  if (!method) algorithmProblems.push({ code: "UNSUPPORTED_ALGORITHM", detail: `signature method ${spec.signatureMethod.slice(0, 100)}` });
  else if (method.strength === "weak") algorithmProblems.push({ code: "WEAK_ALGORITHM", detail: `${method.name} is broken` });
  else if (method.strength === "legacy") {
    if (ctx.algorithms === "strict") algorithmProblems.push({ code: "WEAK_ALGORITHM", detail: `${method.name} is refused under algorithms: "strict"` });
    else legacyMethod = method.name;
  }
  const options = c14n && spec.canonicalization.inclusivePrefixes && c14n.exclusive ? { ...c14n, inclusivePrefixes: spec.canonicalization.inclusivePrefixes } : c14n;
  const signedInfo = options ? new TextEncoder().encode(canonicalize({ apex: spec.signedInfo }, options)) : null;

  // One check per (key, WebCrypto and key cache, policy) while it runs or once it verified: validateXml starts every
  // signature's check at once and the engine, judging the signatures one after the other, then finds it under way. A
  // failure is forgotten once settled, as the engine's own verify-once does: it may be the verifier's error.
  const started: { spki: Uint8Array; env: Env; strict: boolean; outcome: Promise<VerifyOutcome> }[] = [];
  const verifyWith = (spki: Uint8Array, env: Env, verifyOptions?: VerifyOptions): Promise<VerifyOutcome> => {
    if (!method || !signedInfo) return refuse("the signature or canonicalization method is not supported");
    const strict = verifyOptions?.algorithms === "strict";
    const known = started.find((s) => s.env === env && s.strict === strict && bytesEqual(s.spki, spki));
    if (known) return known.outcome;
    const req = { signatureAlgorithm: method.algorithm, spki, signature: spec.signatureValue, data: signedInfo };
    const outcome = method.valueForm === "p1363" ? verifyRaw(req, env, verifyOptions) : verifySignature(req, env, verifyOptions);
    if (started.length >= MAX_STARTED) started.shift();
    const entry = { spki, env, strict, outcome };
    started.push(entry);
    const forget = (): void => {
      const at = started.indexOf(entry);
      if (at !== -1) started.splice(at, 1);
    };
    void outcome.then((o) => {
      if (!o.ok) forget();
    }, forget);
    return outcome;
  };
  ctx.onVerifiable?.(spec.certificates, verifyWith);

  const refs: ReferenceResult[] = await pending;
  const problems: XmlProblem[] = [];
  const legacy = new Set<string>();
  for (const r of refs) {
    if (r.problem) problems.push(r.problem);
    if (r.digestMethod?.strength === "legacy") legacy.add(r.digestMethod.name);
  }
  problems.push(...algorithmProblems);
  if (legacyMethod !== undefined) legacy.add(legacyMethod);

  const binding = bindSignature(el, role, ctx.doc, refs);
  // A reference that cannot be used already fails the signature and is the reason it binds to nothing: naming the
  // missing binding too would hide the cause behind its consequence.
  if (binding.problem && refs.every((r) => r.problem === undefined)) problems.push(binding.problem);
  const bound = binding.bound;
  const allDigestsValid = refs.every((r) => r.digestValid);
  const invoice = allDigestsValid && bound && !("root" in bound) && bound.local === "DLHDon" ? readInvoiceData(bound) : null;

  const warnings: Warning[] = [];
  const time = signedSigningTime(spec, refs);
  if ("missing" in time) warnings.push(warning("NO_SIGNED_SIGNING_TIME", { detail: time.missing }));

  return {
    index,
    role,
    id: spec.id,
    path: elementPath(el),
    element: el,
    targets: refs.map((r) => r.target),
    covers: refs.map((r) => ({ uri: r.uri, element: r.element, digestValid: r.digestValid })),
    boundTo: bound ? ("root" in bound ? "/" : elementPath(bound)) : null,
    boundElement: bound,
    problems: byPrecedence(problems),
    signingTime: "time" in time ? time.time : null,
    claimedTime: "time" in time ? time.ms : undefined,
    warnings,
    certificates: spec.certificates,
    signatureAlgorithm: method?.algorithm ?? null,
    signatureMethod: spec.signatureMethod,
    signedInfo,
    signatureValue: spec.signatureValue,
    invoice,
    legacyAlgorithms: [...legacy],
    verifyWith,
  };
}
