import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/lib/fingerprint.js";
import { createVerifyMemo, MAX_MEMO_DATA_BYTES, memoizeVerify } from "../../src/cache/verify-memo.js";

/** A fake WebCrypto whose verify says yes exactly when the data's first octet is 1, and counts its calls. */
function fakeCrypto(options: { readonly throwOnce?: boolean } = {}) {
  let calls = 0;
  let throwNext = options.throwOnce === true;
  const subtle = {
    verify: async (_alg: unknown, _key: unknown, _sig: BufferSource, data: BufferSource): Promise<boolean> => {
      calls++;
      if (throwNext) {
        throwNext = false;
        throw new Error("engine failure");
      }
      const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
      return view[0] === 1;
    },
    digest: async () => new ArrayBuffer(32),
  };
  return { crypto: { subtle } as unknown as Crypto, calls: () => calls };
}

const key = { type: "public" } as unknown as CryptoKey;
const otherKey = { type: "public" } as unknown as CryptoKey;
const alg = { name: "ECDSA", hash: "SHA-256" };
const sig = new Uint8Array([9, 9, 9, 9]);

/** Two different 8-octet strings with the same fingerprint, found by a birthday search (about 2^16 tries). */
function colliding(): [Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>] {
  const seen = new Map<string, Uint8Array<ArrayBuffer>>();
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 1 << 22; i++) {
    view.setUint32(0, i);
    view.setUint32(4, Math.imul(i, 2654435761) >>> 0);
    const bytes = new Uint8Array(view.buffer.slice(0));
    bytes[0] = (i & 1) === 0 ? 1 : 0; // half "valid", half "invalid" per the fake verifier
    const fp = fingerprint(bytes);
    const other = seen.get(fp);
    if (other && other[0] !== bytes[0]) return other[0] === 1 ? [other, bytes] : [bytes, other];
    seen.set(fp, bytes);
  }
  throw new Error("no collision found");
}

describe("memoizeVerify", () => {
  it("asks WebCrypto once for the same key, parameters, signature and data", async () => {
    const fake = fakeCrypto();
    const crypto = memoizeVerify(fake.crypto, createVerifyMemo(16));
    const data = new Uint8Array([1, 2, 3]);
    expect(await crypto.subtle.verify(alg, key, sig, data)).toBe(true);
    expect(await crypto.subtle.verify(alg, key, sig.slice(), data.slice())).toBe(true);
    expect(fake.calls()).toBe(1);
    // Another key object, other parameters or another signature is another question.
    await crypto.subtle.verify(alg, otherKey, sig, data);
    await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-384" }, key, sig, data);
    await crypto.subtle.verify(alg, key, new Uint8Array([9, 9, 9, 8]), data);
    expect(fake.calls()).toBe(4);
  });

  it("never answers yes for data that merely shares a fingerprint with data that verified", async () => {
    const [valid, invalid] = colliding();
    expect(fingerprint(valid)).toBe(fingerprint(invalid));
    const fake = fakeCrypto();
    const crypto = memoizeVerify(fake.crypto, createVerifyMemo(16));
    expect(await crypto.subtle.verify(alg, key, sig, valid)).toBe(true);
    expect(await crypto.subtle.verify(alg, key, sig, invalid)).toBe(false);
    expect(fake.calls()).toBe(2);
  });

  it("re-asks when the caller's buffer changed after a yes", async () => {
    const fake = fakeCrypto();
    const crypto = memoizeVerify(fake.crypto, createVerifyMemo(16));
    const data = new Uint8Array([1, 2, 3]);
    expect(await crypto.subtle.verify(alg, key, sig, data)).toBe(true);
    data[0] = 0;
    expect(await crypto.subtle.verify(alg, key, sig, data)).toBe(false);
    expect(fake.calls()).toBe(2);
  });

  it("remembers a no as a no", async () => {
    const fake = fakeCrypto();
    const crypto = memoizeVerify(fake.crypto, createVerifyMemo(16));
    const data = new Uint8Array([0, 2, 3]);
    expect(await crypto.subtle.verify(alg, key, sig, data)).toBe(false);
    expect(await crypto.subtle.verify(alg, key, sig, data)).toBe(false);
  });

  it("does not remember a verifier error", async () => {
    const fake = fakeCrypto({ throwOnce: true });
    const crypto = memoizeVerify(fake.crypto, createVerifyMemo(16));
    const data = new Uint8Array([1]);
    await expect(crypto.subtle.verify(alg, key, sig, data)).rejects.toThrow("engine failure");
    expect(await crypto.subtle.verify(alg, key, sig, data)).toBe(true);
    expect(fake.calls()).toBe(2);
  });

  it("stays within its bound and skips large data", async () => {
    const fake = fakeCrypto();
    const memo = createVerifyMemo(3);
    const crypto = memoizeVerify(fake.crypto, memo);
    for (let i = 0; i < 10; i++) await crypto.subtle.verify(alg, key, sig, new Uint8Array([1, i]));
    expect(memo.entries.size).toBe(3);
    const big = new Uint8Array(MAX_MEMO_DATA_BYTES + 1).fill(1);
    await crypto.subtle.verify(alg, key, sig, big);
    await crypto.subtle.verify(alg, key, sig, big);
    expect(fake.calls()).toBe(12);
  });

  it("passes other methods through", async () => {
    const fake = fakeCrypto();
    const crypto = memoizeVerify(fake.crypto, createVerifyMemo(3));
    expect((await crypto.subtle.digest("SHA-256", new Uint8Array(1))).byteLength).toBe(32);
    expect(memoizeVerify(fake.crypto, createVerifyMemo(3))).not.toBe(crypto);
  });
});
