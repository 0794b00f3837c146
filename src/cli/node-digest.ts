import { createHash } from "node:crypto";
import type { DigestFunction } from "../index.js";

/** WebCrypto digest names and their node:crypto equivalents. */
const NODE_HASHES: Readonly<Record<string, string>> = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

/** Bytes hashed per update: views of the caller's buffer, so nothing is copied. */
const SLICE = 1 << 20;

/**
 * A streaming digest over node:crypto, for `options.digest`. WebCrypto's `subtle.digest` is one-shot and copies its
 * input (and a PDF's two byte ranges would have to be joined first), so a 100 MiB document would be held twice;
 * node:crypto hashes views of it, part after part.
 *
 * @example
 * ```ts
 * await validate(p7s, { trustList, content, digest: nodeDigest });
 * ```
 */
export const nodeDigest: DigestFunction = async (algorithm, parts) => {
  const name = NODE_HASHES[algorithm];
  if (name === undefined) throw new TypeError(`no node:crypto hash for ${algorithm}`);
  const hash = createHash(name);
  for (const part of parts) for (let i = 0; i < part.length; i += SLICE) hash.update(part.subarray(i, i + SLICE));
  return new Uint8Array(hash.digest());
};
