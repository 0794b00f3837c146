import type { WebCrypto } from "../../crypto/types.js";
import { Decree130Error } from "../../errors.js";
import { documentFacts, type XmlDocumentFacts } from "./document-facts.js";
import { indexIds } from "./ids.js";
import { resolveXmlLimits, type XmlLimits } from "./limits.js";
import { parseXml } from "./parse.js";
import { checkSignature, type XmlContext, type XmlSignatureUnderTest } from "./signature-under-test.js";
import { DSIG_NS, type XmlDocument, type XmlElement } from "./tree.js";

/** Options of {@link readSignedXml}. */
export interface ReadSignedXmlOptions {
  /** Bounds; see {@link XmlLimits}. */
  readonly limits?: Partial<XmlLimits>;
  /** WebCrypto, for the reference digests; default `globalThis.crypto`. */
  readonly crypto?: WebCrypto;
  /** `strict` refuses SHA-1 (policy `algorithms`). */
  readonly algorithms?: "default" | "strict";
}

/** A signed XML document as the XML layer reads it: the file's facts and each signature under test. */
export interface SignedXml {
  readonly document: XmlDocumentFacts;
  /** In document order. */
  readonly signatures: readonly XmlSignatureUnderTest[];
  /** The parsed tree. */
  readonly tree: XmlDocument;
}

function findSignatures(doc: XmlDocument, max: number): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [doc.root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.ns === DSIG_NS && el.local === "Signature") {
      if (out.length >= max) throw new Decree130Error("XML_LIMIT_EXCEEDED", `the document has more than ${max} signatures`);
      out.push(el);
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === "element") stack.push(c);
    }
  }
  return out;
}

/**
 * Reads a signed XML document (an e-invoice, a tax notice or declaration, or any XMLDSig document): parses it safely,
 * then checks every `ds:Signature` on its own (references, digests, canonical SignedInfo, algorithms, the binding rule,
 * the signed signing time) and the document as a whole. SignatureValue is checked per candidate certificate with each
 * signature's `verifyWith` (or `selectSigningCertificate`).
 *
 * @param input - the document's bytes (UTF-8) or text
 * @param options - limits, WebCrypto, algorithm policy
 * @returns the document facts and the signatures under test (`[]` when it has none)
 * @throws {@link Decree130Error} `MALFORMED_XML`, `XML_DTD_REFUSED`, `XML_LIMIT_EXCEEDED`, `INPUT_EMPTY`, `INPUT_TOO_LARGE`
 * @example
 * ```ts
 * const signed = await readSignedXml(bytes);
 * for (const s of signed.signatures) console.log(s.role, s.boundTo, s.problems[0]?.code ?? "ok");
 * ```
 */
export function readSignedXml(input: Uint8Array | string, options: ReadSignedXmlOptions = {}): Promise<SignedXml> {
  return readSignedXmlStarting(input, options, undefined);
}

/**
 * {@link readSignedXml}, telling `onVerifiable` each signature's `KeyInfo` certificates and SignatureValue check as soon
 * as they are known, before its reference digests settle: validateXml starts the checks there.
 *
 * @param input - the document's bytes (UTF-8) or text
 * @param options - limits, WebCrypto, algorithm policy
 * @param onVerifiable - called once per well-formed signature, synchronously, in document order
 * @returns as {@link readSignedXml}
 * @throws as {@link readSignedXml}
 * @example
 * ```ts
 * const signed = await readSignedXmlStarting(bytes, {}, (certificates, verifyWith) => console.log(certificates.length));
 * ```
 */
export async function readSignedXmlStarting(
  input: Uint8Array | string,
  options: ReadSignedXmlOptions,
  onVerifiable: XmlContext["onVerifiable"],
): Promise<SignedXml> {
  const limits = resolveXmlLimits(options.limits);
  const crypto = options.crypto ?? globalThis.crypto;
  if (!crypto?.subtle) throw new TypeError("WebCrypto is not available: pass options.crypto");
  const doc = parseXml(input, limits);
  const elements = findSignatures(doc, limits.maxSignatures);
  const ctx: XmlContext = { doc, ids: indexIds(doc), limits, crypto, algorithms: options.algorithms ?? "default", forms: new Map(), ...(onVerifiable ? { onVerifiable } : {}) };
  const signatures = await Promise.all(elements.map((el, i) => checkSignature(el, i, ctx)));
  return { document: documentFacts(doc, signatures), signatures, tree: doc };
}
