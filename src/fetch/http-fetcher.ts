import { FetchError } from "./errors.js";
import { fetchTransport, type FetchFunction } from "./fetch-transport.js";
import { isNodeRuntime, nodeModules, nodeTransport, type Resolver } from "./node-transport.js";
import { checkTarget, FetchProblem, type AddressPolicy } from "./target.js";
import type { Transport } from "./transport.js";
import { DEFAULT_FETCH_LIMITS, type Fetcher, type FetchKind, type FetchRequest } from "./types.js";

/** Options of {@link createHttpFetcher}; each has a documented default. */
export interface HttpFetcherOptions {
  /** Most milliseconds per fetch, redirects and body included. Default 10 000. */
  readonly timeoutMs?: number;
  /** Most octets per response (a request's own `maxBytes` may lower it). Default 32 MiB. */
  readonly maxBytes?: number;
  /** Also fetch from loopback, private, link-local, CGNAT and other non-public addresses. Default `false`. */
  readonly allowPrivateNetwork?: boolean;
  /** Most redirects followed per fetch. Default 5. */
  readonly maxRedirects?: number;
  /**
   * `node`: Node's `http`/`https` with every resolved address checked before connecting (Node ≥ 20.16); `fetch`: the
   * Fetch API (browsers), which checks only what the URL shows; `auto` (default): `node` where Node's modules can be
   * reached, else `fetch`.
   */
  readonly transport?: "auto" | "node" | "fetch";
  /** The `fetch` the `fetch` transport calls. Default `globalThis.fetch`. */
  readonly fetch?: FetchFunction;
  /** Resolves host names for the `node` transport instead of the system resolver (`dns.lookup`). */
  readonly lookup?: Resolver;
  /** The User-Agent the `node` transport sends. Default `decree130`. */
  readonly userAgent?: string;
}

/** What each kind asks for: the RFC media types first, anything else accepted, as many servers label them loosely. */
const ACCEPT: Readonly<Record<FetchKind, string>> = {
  crl: "application/pkix-crl, application/x-pkcs7-crl;q=0.9, */*;q=0.1",
  ocsp: "application/ocsp-response, */*;q=0.1",
  "ca-issuers": "application/pkix-cert, application/pkcs7-mime;q=0.9, */*;q=0.1",
};

function positive(value: number | undefined, fallback: number, what: string, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < (allowZero ? 0 : 1)) throw new TypeError(`${what} must be a ${allowZero ? "non-negative" : "positive"} number`);
  return Math.floor(value);
}

function chooseTransport(options: HttpFetcherOptions, allowPrivateNetwork: boolean): { send: Transport; policy: AddressPolicy } {
  const choice = options.transport ?? "auto";
  const modules = choice === "fetch" ? undefined : nodeModules();
  if (choice === "node" && !modules) throw new TypeError('transport "node" needs process.getBuiltinModule (Node ≥ 20.16)');
  if (modules) {
    const send = nodeTransport({ modules, allowPrivateNetwork, resolve: options.lookup, userAgent: options.userAgent ?? "decree130" });
    return { send, policy: { allowPrivateNetwork, names: "checked-on-connect" } };
  }
  const fetchFunction = options.fetch ?? (typeof globalThis.fetch === "function" ? globalThis.fetch.bind(globalThis) : undefined);
  if (!fetchFunction) throw new TypeError("no fetch function: pass options.fetch");
  // A server runtime without Node's modules cannot see where names resolve, and has no browser rules to fall back on:
  // it refuses every name rather than fetch unchecked (fail closed).
  const names = options.transport !== "fetch" && isNodeRuntime() ? "refused" : "local-refused";
  return { send: fetchTransport(fetchFunction), policy: { allowPrivateNetwork, names } };
}

/**
 * Combines abort signals; `dispose` removes the listeners the fallback added (`AbortSignal.any` needs none).
 */
function anySignal(signals: readonly AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  if (typeof AbortSignal.any === "function") return { signal: AbortSignal.any([...signals]), dispose: () => undefined };
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  for (const s of signals) {
    if (s.aborted) controller.abort();
    else s.addEventListener("abort", abort, { once: true });
  }
  return { signal: controller.signal, dispose: () => signals.forEach((s) => s.removeEventListener("abort", abort)) };
}

/**
 * Creates a {@link Fetcher} over HTTP(S) that is safe to point at a document's URLs: `http:`/`https:` only, no
 * credentials in URLs, none sent (no cookies, no referrer), redirects followed by hand and each hop checked again
 * (never to another scheme), the body read as a stream and cut at `maxBytes`, a timeout per fetch, and, unless
 * `allowPrivateNetwork`, no loopback, private, link-local, CGNAT or unspecified address, whether written in the URL
 * (in any IPv4 spelling), reached through DNS or through a redirect. Under Node ≥ 20.16 the addresses a name resolves to
 * are checked before the socket connects, and the connection uses exactly those (no DNS-rebinding window); in a browser
 * only the URL can be checked (see docs/online.md).
 *
 * @param options - limits, transport, and whether private addresses are allowed
 * @returns the fetcher; it rejects with {@link FetchError} naming the reason
 * @throws TypeError for an invalid option, or when the chosen transport is not available
 * @example
 * ```ts
 * import { createHttpFetcher } from "decree130/fetch";
 * const fetcher = createHttpFetcher({ timeoutMs: 5_000 });
 * const crl = await fetcher("http://crl.example.vn/ca.crl", { kind: "crl", signal: new AbortController().signal });
 * ```
 */
export function createHttpFetcher(options: HttpFetcherOptions = {}): Fetcher {
  const timeoutMs = positive(options.timeoutMs, DEFAULT_FETCH_LIMITS.timeoutMs, "timeoutMs");
  const maxBytes = positive(options.maxBytes, DEFAULT_FETCH_LIMITS.maxBytes, "maxBytes");
  const maxRedirects = positive(options.maxRedirects, 5, "maxRedirects", true);
  const { send, policy } = chooseTransport(options, options.allowPrivateNetwork === true);
  const follow = async (url: string, request: FetchRequest, signal: AbortSignal): Promise<Uint8Array> => {
    let current = checkTarget(url, policy);
    let body = request.body;
    const limit = Math.min(maxBytes, request.maxBytes ?? maxBytes);
    for (let hops = 0; ; hops++) {
      const headers: Record<string, string> = { Accept: ACCEPT[request.kind] };
      if (body) headers["Content-Type"] = request.kind === "ocsp" ? "application/ocsp-request" : "application/octet-stream";
      const method = body ? "POST" : "GET";
      const res = await send({ url: current, method, body, headers, signal, maxBytes: limit });
      if (res.type === "body") return res.bytes;
      if (res.type === "status") throw new FetchProblem("HTTP_STATUS", `${current.href} answered HTTP ${res.status}`);
      if (res.location === undefined) throw new FetchProblem("REFUSED_REDIRECT", `${current.href} redirects, and this runtime hides where to`);
      if (hops >= maxRedirects) throw new FetchProblem("TOO_MANY_REDIRECTS", `more than ${maxRedirects} redirects`);
      current = nextHop(current, res.location, policy);
      // RFC 9110 §15.4: 303, and 301/302 after a POST, continue as GET; 307 and 308 keep the method and body.
      if (res.status === 303 || res.status === 301 || res.status === 302) body = undefined;
    }
  };
  return async (url, request) => {
    if (request.signal.aborted) throw new FetchError("ABORTED", url, "aborted before the fetch started");
    const timer = new AbortController();
    const id = setTimeout(() => timer.abort(), timeoutMs);
    const { signal, dispose } = anySignal([request.signal, timer.signal]);
    try {
      return await follow(url, request, signal);
    } catch (err) {
      const problem = err instanceof FetchProblem ? err : undefined;
      if (problem && problem.reason !== "ABORTED") throw new FetchError(problem.reason, url, problem.message);
      if (timer.signal.aborted) throw new FetchError("TIMEOUT", url, `no complete answer within ${timeoutMs} ms`);
      if (request.signal.aborted) throw new FetchError("ABORTED", url, "the caller aborted the fetch");
      throw new FetchError("NETWORK", url, problem?.message ?? String(err), { cause: err });
    } finally {
      clearTimeout(id);
      dispose();
    }
  };
}

/** The next hop of a redirect, checked like the first: same scheme, no credentials, no refused address. */
function nextHop(current: URL, location: string, policy: AddressPolicy): URL {
  const shown = JSON.stringify(location.slice(0, 200));
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new FetchProblem("REFUSED_REDIRECT", `${current.href} redirects to ${shown}, which is not a URL`);
  }
  if (next.protocol !== current.protocol) {
    throw new FetchProblem("REFUSED_REDIRECT", `${current.href} redirects to another scheme (${shown})`);
  }
  try {
    return checkTarget(next.href, policy);
  } catch (err) {
    if (err instanceof FetchProblem) throw new FetchProblem(err.reason, `${current.href} redirects to ${shown}: ${err.message}`);
    throw err;
  }
}
