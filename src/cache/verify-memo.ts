import { copyBytes, bytesEqual } from "../lib/bytes.js";
import { objectId } from "./object-id.js";
import { MemoSlot } from "./memo-slot.js";
import { fingerprint } from "../lib/fingerprint.js";
import { createLru, type Lru } from "../lib/lru.js";

/** Signed data longer than this is not remembered: copying it would cost more than verifying again. */
export const MAX_MEMO_DATA_BYTES = 64 * 1024;

/** One remembered verification: the exact inputs (copies) and WebCrypto's answer. */
interface Entry {
  readonly signature: Uint8Array;
  readonly data: Uint8Array;
  readonly result: Promise<boolean>;
}

/** Remembered `subtle.verify` answers, bounded; shareable across validations. */
export interface VerifyMemo {
  /** Most answers kept. */
  readonly maxEntries: number;
  /** @internal the store */
  readonly entries: Lru<string, Entry>;
}

/**
 * Creates an empty store of verification answers.
 *
 * @param maxEntries - most answers kept (least recently used dropped)
 * @returns the store
 * @example
 * ```ts
 * const memo = createVerifyMemo(1024);
 * const crypto = memoizeVerify(globalThis.crypto, memo);
 * ```
 */
export function createVerifyMemo(maxEntries: number): VerifyMemo {
  return { maxEntries, entries: createLru(maxEntries) };
}

function view(source: BufferSource): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  return new Uint8Array(source);
}

/**
 * Wraps a WebCrypto implementation so that `subtle.verify` answers are remembered in `memo`. Verification is a pure
 * function of (key, parameters, signature, data): the memo is keyed on the key object (one per imported SPKI and import
 * parameters), the parameters, and fingerprints of the signature and data, and a hit is only used after comparing the
 * signature and data octet for octet with the remembered copies. A rejected verification is never remembered. Every
 * other method is the original's.
 *
 * @param crypto - the WebCrypto to wrap
 * @param memo - the store, possibly shared across validations
 * @returns a `Crypto` whose `subtle.verify` consults the store
 * @example
 * ```ts
 * const env = { crypto: memoizeVerify(globalThis.crypto, memo), keys };
 * ```
 */
export function memoizeVerify(crypto: Crypto, memo: VerifyMemo): Crypto {
  let perCrypto = wrappers.get(memo);
  if (perCrypto === undefined) wrappers.set(memo, (perCrypto = new WeakMap()));
  let wrapped = perCrypto.get(crypto);
  if (wrapped === undefined) perCrypto.set(crypto, (wrapped = wrap(crypto, memo)));
  return wrapped;
}

/**
 * One wrapper per (memo, crypto) pair, so repeated validations do not build new proxies. Kept on the memo: a one-off
 * validation's memo, and its wrapper, die with the call.
 */
const wrappers = new MemoSlot<VerifyMemo, WeakMap<Crypto, Crypto>>();

function wrap(crypto: Crypto, memo: VerifyMemo): Crypto {
  const subtle = crypto.subtle;
  // The keys' numbers, kept with the wrapper: a one-off validation's keys and table then die together.
  const keyIds = new WeakMap<CryptoKey, number>();
  const verify = (algorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean> => {
    const sig = view(signature);
    const bytes = view(data);
    if (bytes.length > MAX_MEMO_DATA_BYTES) return subtle.verify(algorithm, key, signature, data);
    let params: string;
    try {
      params = JSON.stringify(algorithm);
    } catch {
      return subtle.verify(algorithm, key, signature, data);
    }
    // A CryptoKey stands for exactly one (SPKI, import parameters) pair, so its identity keys the key.
    const id = `${objectId(key, keyIds)}|${params}|${fingerprint(sig)}|${fingerprint(bytes)}`;
    const hit = memo.entries.get(id);
    if (hit !== undefined && bytesEqual(hit.signature, sig) && bytesEqual(hit.data, bytes)) return hit.result;
    // Copies: the remembered inputs must not change with the caller's buffers.
    const entry: Entry = { signature: copyBytes(sig), data: copyBytes(bytes), result: subtle.verify(algorithm, key, signature, data) };
    memo.entries.set(id, entry);
    // A verifier error is not an answer: forget it, so the next call asks again (and fails again, or succeeds honestly).
    entry.result.catch(() => {
      if (memo.entries.get(id) === entry) memo.entries.delete(id);
    });
    return entry.result;
  };
  const wrappedSubtle = new Proxy(subtle, {
    get(target, prop) {
      if (prop === "verify") return verify;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return new Proxy(crypto, {
    get(target, prop) {
      if (prop === "subtle") return wrappedSubtle;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
