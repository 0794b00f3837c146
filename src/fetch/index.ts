/**
 * `decree130/fetch`: online revocation evidence, fetched only through a function the caller gives. A ready HTTP(S)
 * fetcher that is safe to point at a document's URLs ({@link createHttpFetcher}), the fetch contract for writing
 * another ({@link Fetcher}, {@link FetchError}), and the pieces one validation fetches with: its bounded session, a
 * cache of fetched bytes to share across validations, the URLs a certificate names, and OCSP requests. Runs in
 * browsers and Node; see docs/online.md.
 *
 * @example
 * ```ts
 * import { createHttpFetcher } from "decree130/fetch";
 * const fetcher = createHttpFetcher({ timeoutMs: 5_000 });
 * ```
 * @packageDocumentation
 * @module decree130/fetch
 */
export { createHttpFetcher, type HttpFetcherOptions } from "./http-fetcher.js";
export type { FetchFunction } from "./fetch-transport.js";
export type { ResolvedAddress, Resolver } from "./node-transport.js";
export { FetchError, isFetchError, FETCH_FAILURE_REASONS, type FetchFailureReason } from "./errors.js";
export { DEFAULT_FETCH_LIMITS, type Fetcher, type FetchKind, type FetchLimits, type FetchOutcome, type FetchRequest } from "./types.js";
export { createFetchSession, type FetchSession, type FetchSessionOptions } from "./session.js";
export { createFetchCache, type FetchCache, type FetchCacheKey } from "../cache/fetch-cache.js";
export { certificateUrls, type CertificateUrls, type RefusedUrl } from "./urls.js";
export { encodeOcspRequest, type OcspCertId, type OcspRequest, type OcspRequestOptions } from "./ocsp-request.js";
