/** What a cached response is filed under: its URL, and the request body for a POST (an OCSP request). */
export interface FetchCacheKey {
  readonly url: string;
  readonly body?: Uint8Array | undefined;
}

/**
 * Fetched bytes kept across validations, each until the moment the caller set after judging what they hold (a CRL's
 * nextUpdate, an OCSP response's nextUpdate), never past it, and never a failure. Entries are copies the cache owns:
 * what the caller does with its bytes afterwards does not reach them, and each hit is a fresh copy.
 */
export interface FetchCache {
  /**
   * The bytes kept for a request, if still valid at `now`.
   *
   * @param key - URL and body
   * @param now - the validation time (milliseconds since the epoch)
   * @returns a copy of the bytes, or `undefined` when absent or expired (an expired entry is dropped)
   */
  get(key: FetchCacheKey, now: number): Uint8Array | undefined;
  /**
   * Keeps bytes until `validUntil`.
   *
   * @param key - URL and body
   * @param bytes - the response body (copied)
   * @param validUntil - the last moment the bytes may be used (milliseconds since the epoch)
   * @param now - the validation time
   * @returns whether the bytes were kept (not when already expired, or larger than the cache holds)
   */
  set(key: FetchCacheKey, bytes: Uint8Array, validUntil: number, now: number): boolean;
  /** How many entries are held. */
  readonly size: number;
  /** How many octets the entries hold together. */
  readonly bytes: number;
}

/**
 * The key a request is filed under: the URL, and the body in hex for a POST (a few hundred octets: an OCSP request).
 *
 * @param key - URL and body
 * @returns the key
 * @example
 * ```ts
 * fetchKey({ url: "http://ocsp.example.vn", body: Uint8Array.of(0x30, 0x00) }); // "http://ocsp.example.vn\n3000"
 * ```
 */
export function fetchKey(key: FetchCacheKey): string {
  if (!key.body) return key.url;
  let hex = "";
  for (const b of key.body) hex += (b < 16 ? "0" : "") + b.toString(16);
  return `${key.url}\n${hex}`;
}

/**
 * Creates a bounded cache of fetched bytes, to share across validations (one per service, like the validation cache).
 * Least recently used entries are dropped first, once either bound is reached.
 *
 * @param maxEntries - most entries kept (default 64)
 * @param maxBytes - most octets kept in all (default 128 MiB); a larger response is not kept
 * @returns the cache
 * @throws TypeError for a bound that is not a positive number
 * @example
 * ```ts
 * const cache = createFetchCache(128);
 * const session = createFetchSession({ fetch: createHttpFetcher(), cache, now: Date.now() });
 * ```
 */
export function createFetchCache(maxEntries = 64, maxBytes = 128 * 1024 * 1024): FetchCache {
  if (!(maxEntries >= 1) || !(maxBytes >= 1)) throw new TypeError("createFetchCache: bounds must be positive numbers");
  const entries = new Map<string, { readonly bytes: Uint8Array; readonly validUntil: number }>();
  let held = 0;
  const drop = (k: string): void => {
    const e = entries.get(k);
    if (e === undefined) return;
    held -= e.bytes.length;
    entries.delete(k);
  };
  return {
    get(key, now) {
      const k = fetchKey(key);
      const e = entries.get(k);
      if (e === undefined) return undefined;
      if (!(now <= e.validUntil)) {
        drop(k);
        return undefined;
      }
      // Map order is recency order: move the hit to the end.
      entries.delete(k);
      entries.set(k, e);
      return new Uint8Array(e.bytes);
    },
    set(key, bytes, validUntil, now) {
      const k = fetchKey(key);
      drop(k);
      if (!(now <= validUntil) || bytes.length > maxBytes) return false;
      entries.set(k, { bytes: new Uint8Array(bytes), validUntil });
      held += bytes.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && held <= maxBytes) break;
        drop(oldest);
      }
      return true;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return held;
    },
  };
}
