import { fetchKey, type FetchCache } from "../cache/fetch-cache.js";
import { FETCH_FAILURE_REASONS, isFetchError, type FetchFailureReason } from "./errors.js";
import { DEFAULT_FETCH_LIMITS, type Fetcher, type FetchKind, type FetchLimits, type FetchOutcome } from "./types.js";

/** Options of {@link createFetchSession}. */
export interface FetchSessionOptions {
  /** The caller's fetcher: the library fetches through nothing else. */
  readonly fetch: Fetcher;
  /** Bounds; each missing one takes its {@link DEFAULT_FETCH_LIMITS} value. */
  readonly limits?: Partial<FetchLimits> | undefined;
  /** Bytes kept across validations; consulted before the network, filled by {@link FetchSession.keep}. */
  readonly cache?: FetchCache | undefined;
  /** The validation time (milliseconds since the epoch): what cached entries are judged valid at. */
  readonly now: number;
  /** A monotonic clock in milliseconds for the time budget. Default `performance.now`. */
  readonly clock?: () => number;
  /** Aborts every fetch of the session. */
  readonly signal?: AbortSignal | undefined;
}

/** What one validation fetches through: bounded, each request fetched at most once, answers cached by URL. */
export interface FetchSession {
  /**
   * The bytes at a URL: from the cache, from this session's earlier ask (concurrent asks share one fetch), or fetched
   * now if the budget allows.
   *
   * @param url - the URL (from a certificate: attacker input, which the fetcher judges)
   * @param kind - what is asked for
   * @param body - an OCSP request, sent as a POST; the body is part of what makes two requests the same
   * @returns the bytes, or why there are none; never rejects
   */
  get(url: string, kind: FetchKind, body?: Uint8Array): Promise<FetchOutcome>;
  /**
   * Keeps what this session got for a request in the cache, until `validUntil`: call it once the object is judged
   * (e.g. with a verified CRL's nextUpdate). Nothing else can be put in the cache through a session.
   *
   * @param url - the URL asked for
   * @param validUntil - the last moment the bytes may be used (milliseconds since the epoch)
   * @param body - the request body, for a POST
   * @returns whether the bytes were kept (`false` without a cache, for a failed request, or a moment already past)
   */
  keep(url: string, validUntil: number, body?: Uint8Array): boolean;
  /** What the session has used: network fetches started, and milliseconds since the first one. */
  readonly used: { readonly fetches: number; readonly elapsedMs: number };
}

function limitOf(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`limits.${what} must be a non-negative number`);
  return value;
}

const defaultClock = (): number => globalThis.performance.now();

/**
 * Creates the fetch session of one validation. The budget bounds everything: at most `maxFetches` network fetches,
 * none started after `totalMs` from the first, each cut at `min(timeoutMs, time left)` and `maxBytes`; a fetcher that
 * ignores its abort signal is left behind, not waited for. A URL is fetched at most once per session: later and
 * concurrent asks get the same outcome, failures included.
 *
 * @param options - the fetcher, limits, cache, validation time, clock
 * @returns the session
 * @throws TypeError for a limit that is not a non-negative number
 * @example
 * ```ts
 * const session = createFetchSession({ fetch: createHttpFetcher(), cache, now: Date.parse("2025-06-01T00:00:00Z") });
 * const got = await session.get("http://crl.example.vn/ca.crl", "crl");
 * if (got.ok) { const crl = decodeCrl(got.bytes); session.keep(got.url, crl.nextUpdate); }
 * ```
 */
export function createFetchSession(options: FetchSessionOptions): FetchSession {
  if (!Number.isFinite(options.now)) throw new TypeError("createFetchSession: now must be milliseconds since the epoch");
  const given = options.limits ?? {};
  const limits: FetchLimits = {
    maxFetches: limitOf(given.maxFetches, DEFAULT_FETCH_LIMITS.maxFetches, "maxFetches"),
    totalMs: limitOf(given.totalMs, DEFAULT_FETCH_LIMITS.totalMs, "totalMs"),
    timeoutMs: limitOf(given.timeoutMs, DEFAULT_FETCH_LIMITS.timeoutMs, "timeoutMs"),
    maxBytes: limitOf(given.maxBytes, DEFAULT_FETCH_LIMITS.maxBytes, "maxBytes"),
  };
  const clock = options.clock ?? defaultClock;
  const asked = new Map<string, Promise<FetchOutcome>>();
  const got = new Map<string, Uint8Array>();
  let fetches = 0;
  let startedAt: number | undefined;

  const fetchNow = async (url: string, kind: FetchKind, body: Uint8Array | undefined): Promise<FetchOutcome> => {
    const fail = (reason: FetchFailureReason, message: string): FetchOutcome => ({
      ok: false,
      url,
      kind,
      refused: FETCH_FAILURE_REASONS[reason].refused,
      reason,
      message,
    });
    if (options.signal?.aborted) return fail("ABORTED", "the validation was aborted");
    if (fetches >= limits.maxFetches) return fail("BUDGET", `the validation's budget of ${limits.maxFetches} fetches is spent`);
    startedAt ??= clock();
    const left = limits.totalMs - (clock() - startedAt);
    if (left <= 0) return fail("BUDGET", `the validation's ${limits.totalMs} ms for fetching are spent`);
    fetches++;
    const ms = Math.min(limits.timeoutMs, left);
    const controller = new AbortController();
    const cut = (): void => controller.abort();
    options.signal?.addEventListener("abort", cut, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Settles when the timer fires or the caller aborts, even if the fetcher never does.
    const deadline = new Promise<"cut">((done) => {
      timer = setTimeout(cut, ms);
      controller.signal.addEventListener("abort", () => done("cut"), { once: true });
    });
    try {
      const request = { kind, signal: controller.signal, maxBytes: limits.maxBytes, ...(body ? { body } : {}) };
      const bytes = await Promise.race([options.fetch(url, request), deadline]);
      if (bytes === "cut") throw controller.signal.reason;
      if (!(bytes instanceof Uint8Array)) return fail("NETWORK", "the fetcher returned no bytes");
      if (bytes.length > limits.maxBytes) return fail("TOO_LARGE", `the response is larger than the ${limits.maxBytes}-octet limit`);
      got.set(fetchKey({ url, body }), bytes);
      return { ok: true, url, kind, bytes, fromCache: false };
    } catch (err) {
      if (options.signal?.aborted) return fail("ABORTED", "the validation was aborted");
      if (isFetchError(err) && err.reason !== "ABORTED") return fail(err.reason, err.message);
      if (controller.signal.aborted) {
        return fail("TIMEOUT", ms < limits.timeoutMs ? `the validation's ${limits.totalMs} ms for fetching ran out` : `no answer within ${ms} ms`);
      }
      return fail("NETWORK", err instanceof Error ? err.message : String(err));
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", cut);
    }
  };

  return {
    get(url, kind, body) {
      const key = fetchKey({ url, body });
      let outcome = asked.get(key);
      if (outcome === undefined) {
        const cached = options.cache?.get({ url, body }, options.now);
        if (cached !== undefined) {
          got.set(key, cached);
          outcome = Promise.resolve({ ok: true, url, kind, bytes: cached, fromCache: true });
        } else {
          outcome = fetchNow(url, kind, body);
        }
        asked.set(key, outcome);
      }
      return outcome;
    },
    keep(url, validUntil, body) {
      const bytes = got.get(fetchKey({ url, body }));
      if (bytes === undefined || options.cache === undefined) return false;
      return options.cache.set({ url, body }, bytes, validUntil, options.now);
    },
    get used() {
      return { fetches, elapsedMs: startedAt === undefined ? 0 : clock() - startedAt };
    },
  };
}
