import { createHash } from "node:crypto";

/** WebCrypto digest names and their node:crypto equivalents. */
const NODE_HASHES: Readonly<Record<string, string>> = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

/** Bytes hashed per update: views of the caller's buffer, so nothing is copied. */
const SLICE = 1 << 20;

/**
 * WebCrypto with a digest that hashes the caller's buffer in place. Node's `subtle.digest` copies its input first, so
 * a 100 MiB document would take 200 MiB; node:crypto hashes views of it. Everything else is `globalThis.crypto`.
 *
 * @returns a `Crypto` to pass as `options.crypto`
 * @example
 * ```ts
 * await validate(p7s, { trustList, content, crypto: streamingCrypto() });
 * ```
 */
export function streamingCrypto(): Crypto {
  const base = globalThis.crypto;
  const subtle = base.subtle;
  const digest = async (algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> => {
    const name = typeof algorithm === "string" ? algorithm : algorithm.name;
    const node = NODE_HASHES[name.toUpperCase()];
    if (node === undefined) return subtle.digest(algorithm, data);
    const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    const hash = createHash(node);
    for (let i = 0; i < view.length; i += SLICE) hash.update(view.subarray(i, i + SLICE));
    const out = hash.digest();
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  };
  const wrapped = new Proxy(subtle, {
    get(target, property) {
      if (property === "digest") return digest;
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { subtle: wrapped, getRandomValues: base.getRandomValues.bind(base), randomUUID: base.randomUUID.bind(base) } as Crypto;
}
