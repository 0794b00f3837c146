import { copyBytes } from "../lib/bytes.js";

/**
 * A private copy of the octets a cache entry was made from, with a view for comparing them: every hit is confirmed
 * octet for octet, and keeping the view saves making one on each look-up.
 */
export interface KeptBytes {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly view: DataView;
}

/**
 * Copies `bytes[start..end)` into a buffer of its own, so later changes to the caller's memory do not reach the cache.
 *
 * @param bytes - the caller's bytes
 * @param start - first octet kept (default 0)
 * @param end - octet after the last one kept (default the end)
 * @returns the copy and its view
 * @example
 * ```ts
 * const kept = keepBytes(der);
 * ```
 */
export function keepBytes(bytes: Uint8Array, start = 0, end = bytes.length): KeptBytes {
  const copy = copyBytes(bytes, start, end);
  return { bytes: copy, view: new DataView(copy.buffer) };
}

/**
 * A view of the whole buffer behind `bytes`, for {@link matchesKept}: one serves every look-up of the objects a file
 * holds (the certificates of a CMS).
 *
 * @param bytes - any byte view
 * @returns a DataView of its entire underlying buffer
 * @example
 * ```ts
 * const view = bufferView(cms);
 * ```
 */
export function bufferView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, 0, bytes.buffer.byteLength);
}

/**
 * Whether `buf[start..end)` holds exactly the kept octets, compared four at a time.
 *
 * @param kept - what a cache entry was made from
 * @param buf - the bytes looked up
 * @param start - first octet of the object in `buf`
 * @param end - octet after its last
 * @param view - {@link bufferView} of `buf`
 * @returns `true` when the length and every octet agree
 * @example
 * ```ts
 * if (hit && matchesKept(hit.der, tlv.buf, tlv.start, tlv.end, bufferView(tlv.buf))) return hit.certificate;
 * ```
 */
export function matchesKept(kept: KeptBytes, buf: Uint8Array, start: number, end: number, view: DataView): boolean {
  const n = end - start;
  if (n !== kept.bytes.length) return false;
  const x = kept.view;
  const offset = buf.byteOffset + start;
  let i = 0;
  for (; i + 4 <= n; i += 4) if (x.getInt32(i, true) !== view.getInt32(offset + i, true)) return false;
  for (; i < n; i++) if (kept.bytes[i] !== buf[start + i]) return false;
  return true;
}
