import { resolveLimitTable } from "../../model/limits.js";

/** Bounds on what one signed-XML document may hold, so hostile input costs bounded time and memory. */
export interface XmlLimits {
  /** Largest document, in bytes (UTF-8). */
  readonly maxInputBytes: number;
  /** Deepest element nesting, counted from the root element (the root is depth 1). At most 1024. */
  readonly maxDepth: number;
  /** Most attributes (namespace declarations included) on one element. */
  readonly maxAttributesPerElement: number;
  /** Most nodes (elements, texts, comments, processing instructions) in the document. */
  readonly maxNodes: number;
  /** Most `ds:Signature` elements in the document. */
  readonly maxSignatures: number;
  /** Most `X509Certificate` elements in one signature's `KeyInfo`. */
  readonly maxCertificatesPerSignature: number;
  /** Most `Reference` elements in one signature's `SignedInfo`. */
  readonly maxReferencesPerSignature: number;
}

/**
 * The default limits. A real e-invoice is 5 KB–2 MB with 1–3 signatures; 2,000,000 nodes is about a 30 MB invoice of
 * plain lines, and keeps the tree within a few hundred megabytes even in a browser tab.
 */
export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxInputBytes: 32 * 1024 * 1024,
  maxDepth: 256,
  maxAttributesPerElement: 256,
  maxNodes: 2_000_000,
  maxSignatures: 64,
  maxCertificatesPerSignature: 32,
  maxReferencesPerSignature: 64,
};

/** The ceiling on `maxDepth`: canonicalisation recurses once per level. */
export const MAX_DEPTH_CEILING = 1024;

/**
 * The limits in force: the defaults with the caller's values over them.
 *
 * @param limits - the caller's limits, if any
 * @returns the complete limits
 * @throws TypeError for a limit that is not a positive integer, or a depth above 1024
 * @example
 * ```ts
 * resolveXmlLimits({ maxDepth: 64 }).maxSignatures; // 64
 * ```
 */
export function resolveXmlLimits(limits: Partial<XmlLimits> = {}): XmlLimits {
  return resolveLimitTable(DEFAULT_XML_LIMITS, limits, { maxDepth: MAX_DEPTH_CEILING });
}
