import { paramsAbsentOrNull, type AlgorithmIdentifier } from "../model/algorithm.js";
import { DIGESTS } from "../policy/algorithms.js";
import { concat } from "../lib/bytes.js";
import { bufferSource } from "./import-key.js";
import type { DigestFunction, WebCrypto } from "./types.js";
import type { Strength } from "./types.js";

/**
 * The result of {@link digest}: the hash value with the algorithm's name and strength class, or why it was refused.
 * A value, never an exception, so a caller comparing a CMS messageDigest cannot mistake a refusal for a match.
 */
export type DigestResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly name: string; readonly strength: Exclude<Strength, "weak"> }
  | { readonly ok: false; readonly code: "UNSUPPORTED_ALGORITHM" | "WEAK_ALGORITHM"; readonly detail: string; readonly name?: string };

/**
 * Hashes data with the digest algorithm an AlgorithmIdentifier names.
 * MD2/MD5 are refused (`WEAK_ALGORITHM`); SHA-224, SHA-512/t, SHA-3 and unknown OIDs are `UNSUPPORTED_ALGORITHM`;
 * under `algorithms: "strict"`, SHA-1 is refused as `WEAK_ALGORITHM`. Parameters must be absent or NULL.
 *
 * @param alg - the digest algorithm (e.g. a SignerInfo's `digestAlgorithm`)
 * @param data - the bytes to hash: one array, or several parts hashed as if joined (a PDF's two byte ranges)
 * @param crypto - WebCrypto
 * @param options - `algorithms: "strict"` refuses legacy digests; `digest` hashes parts without joining them (see
 *   {@link DigestFunction}); without it, WebCrypto hashes them (several parts are joined first, as its digest is one-shot)
 * @returns the digest, or a refusal value
 * @example
 * ```ts
 * const d = await digest({ oid: "2.16.840.1.101.3.4.2.1" }, content, globalThis.crypto);
 * if (d.ok && bytesEqual(d.bytes, messageDigest)) { ... }
 * ```
 */
export async function digest(
  alg: AlgorithmIdentifier,
  data: Uint8Array | readonly Uint8Array[],
  crypto: WebCrypto,
  options: { readonly algorithms?: "default" | "strict"; readonly digest?: DigestFunction | undefined } = {},
): Promise<DigestResult> {
  const entry = DIGESTS.get(alg.oid);
  if (entry === undefined) return { ok: false, code: "UNSUPPORTED_ALGORITHM", detail: `unknown digest algorithm ${alg.oid}` };
  const name = entry.name;
  if (entry.strength === "weak") return { ok: false, code: "WEAK_ALGORITHM", detail: `${name} is a broken digest`, name };
  if (options.algorithms === "strict" && entry.strength === "legacy") {
    return { ok: false, code: "WEAK_ALGORITHM", detail: `${name} is refused under algorithms: "strict"`, name };
  }
  if (entry.webcrypto === undefined) {
    return { ok: false, code: "UNSUPPORTED_ALGORITHM", detail: `${name} is not available in WebCrypto`, name };
  }
  if (!paramsAbsentOrNull(alg)) {
    return { ok: false, code: "UNSUPPORTED_ALGORITHM", detail: `${name} with unexpected parameters`, name };
  }
  const parts = data instanceof Uint8Array ? [data] : data;
  let bytes: Uint8Array;
  if (options.digest) bytes = await options.digest(entry.webcrypto, parts);
  else {
    const one = parts.length === 1 ? parts[0]! : concat(parts);
    bytes = new Uint8Array(await crypto.subtle.digest(entry.webcrypto, bufferSource(one)));
  }
  return { ok: true, bytes, name, strength: entry.strength };
}
