import type { FetchFailureReason } from "./errors.js";

/** What a fetched object is for: a CRL (distribution point), an OCSP response, or issuer certificates (AIA caIssuers). */
export type FetchKind = "crl" | "ocsp" | "ca-issuers";

/** One request handed to a {@link Fetcher}. */
export interface FetchRequest {
  /** What is asked for; a fetcher may choose its `Accept` header by it. */
  readonly kind: FetchKind;
  /** Aborts the fetch (the validation's timeout or budget, or the caller giving up): the fetcher must stop and reject. */
  readonly signal: AbortSignal;
  /** A body means POST (`application/ocsp-request` for kind `ocsp`); none means GET. */
  readonly body?: Uint8Array | undefined;
  /** The most octets the caller will accept; a fetcher should stop reading beyond it and reject with `TOO_LARGE`. */
  readonly maxBytes?: number | undefined;
}

/**
 * Fetches one URL's bytes. The library never opens a connection itself: it fetches only through a function the caller
 * gives it, and judges whatever comes back like any other evidence (a forged CRL or response changes nothing).
 *
 * A fetcher resolves with the response body of a successful request and rejects otherwise, preferably with a
 * {@link FetchError} whose reason says why (refused before connecting, or failed), so the report can say so.
 *
 * @example
 * ```ts
 * const fetcher: Fetcher = async (url, { signal, body }) => {
 *   const res = await fetch(url, { method: body ? "POST" : "GET", body, signal, redirect: "error" });
 *   if (!res.ok) throw new FetchError("HTTP_STATUS", url, `HTTP ${res.status}`);
 *   return new Uint8Array(await res.arrayBuffer());
 * };
 * ```
 */
export type Fetcher = (url: string, request: FetchRequest) => Promise<Uint8Array>;

/** Bounds of one validation's fetching; {@link DEFAULT_FETCH_LIMITS} holds the defaults. */
export interface FetchLimits {
  /** Most network fetches per validation (cache hits and repeated asks for one URL do not count). */
  readonly maxFetches: number;
  /** Most milliseconds spent fetching per validation, from the first fetch on. */
  readonly totalMs: number;
  /** Most milliseconds per fetch, redirects and body included. */
  readonly timeoutMs: number;
  /** Most octets per response. */
  readonly maxBytes: number;
}

/**
 * The documented default bounds: 16 fetches and 30 s per validation, 10 s and 32 MiB per fetch.
 *
 * @example
 * ```ts
 * createFetchSession({ fetch, now, limits: { ...DEFAULT_FETCH_LIMITS, maxFetches: 4 } });
 * ```
 */
export const DEFAULT_FETCH_LIMITS: FetchLimits = Object.freeze({
  maxFetches: 16,
  totalMs: 30_000,
  timeoutMs: 10_000,
  maxBytes: 32 * 1024 * 1024,
});

/**
 * The outcome of asking a fetch session for a URL: the bytes, or why there are none. A value, never an exception, so
 * the engine reports a refused or failed fetch (warning `FETCH_REFUSED` / `FETCH_FAILED`) and goes on.
 */
export type FetchOutcome =
  | {
      readonly ok: true;
      readonly url: string;
      readonly kind: FetchKind;
      /** The response body; shared by every ask for this URL in the session: read it, do not modify it. */
      readonly bytes: Uint8Array;
      /** Whether the bytes came from the cache instead of the network. */
      readonly fromCache: boolean;
    }
  | {
      readonly ok: false;
      readonly url: string;
      readonly kind: FetchKind;
      /** `true`: nothing was sent (refused by policy or budget); `false`: the fetch was tried and failed. */
      readonly refused: boolean;
      readonly reason: FetchFailureReason;
      /** An English explanation naming what went wrong (the address, the status, the limit). */
      readonly message: string;
    };
