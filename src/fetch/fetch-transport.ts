import { FetchProblem } from "./target.js";
import { BodyCollector, REDIRECT_STATUSES, type Transport } from "./transport.js";

/** The `fetch` function a transport calls: the global one, or the caller's. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Creates the transport over the Fetch API, for browsers (and runtimes without Node's modules). It sends no
 * credentials, cookies or referrer, bypasses the HTTP cache, follows no redirect by itself, and reads the body as a
 * stream up to the limit. It cannot see where a name resolves to: the address checks it can make are on the URL.
 *
 * @param fetchFunction - the `fetch` to call
 * @returns the transport
 * @example
 * ```ts
 * const send = fetchTransport(globalThis.fetch.bind(globalThis));
 * ```
 */
export function fetchTransport(fetchFunction: FetchFunction): Transport {
  return async (request) => {
    let response: Response;
    try {
      response = await fetchFunction(request.url.href, {
        method: request.method,
        headers: request.headers,
        ...(request.body ? { body: request.body as Uint8Array<ArrayBuffer> } : {}),
        redirect: "manual",
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
        signal: request.signal,
      });
    } catch (err) {
      throw problemOf(err, request.signal);
    }
    // A browser hides a manual redirect's target (an opaque redirect, status 0).
    if (response.type === "opaqueredirect") return { type: "redirect", status: response.status, location: undefined };
    const location = response.headers.get("location");
    if (REDIRECT_STATUSES.has(response.status) && location !== null) {
      await discard(response);
      return { type: "redirect", status: response.status, location };
    }
    if (response.status !== 200) {
      await discard(response);
      return { type: "status", status: response.status };
    }
    const body = new BodyCollector(request.maxBytes);
    const reader = response.body?.getReader();
    try {
      body.declared(response.headers.get("content-length"));
      for (;;) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) break;
        body.add(chunk.value);
      }
    } catch (err) {
      await reader?.cancel().catch(() => undefined);
      throw problemOf(err, request.signal);
    }
    return { type: "body", bytes: body.bytes() };
  };
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function problemOf(err: unknown, signal: AbortSignal): FetchProblem {
  if (err instanceof FetchProblem) return err;
  if (signal.aborted) return new FetchProblem("ABORTED", "aborted");
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.message === "string" ? `: ${cause.message}` : "";
  return new FetchProblem("NETWORK", `${(err as Error | null)?.message ?? String(err)}${detail}`);
}
