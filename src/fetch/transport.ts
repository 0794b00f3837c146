import { FetchProblem } from "./target.js";

/** One HTTP exchange, without redirects: what a transport sends. */
export interface HopRequest {
  readonly url: URL;
  readonly method: "GET" | "POST";
  readonly body?: Uint8Array | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** Aborts the exchange; the transport then rejects (the fetcher tells a timeout from the caller's abort). */
  readonly signal: AbortSignal;
  readonly maxBytes: number;
}

/** What one exchange gave: a body (status 200), a redirect, or another status. */
export type HopResponse =
  | { readonly type: "body"; readonly bytes: Uint8Array }
  /** `location` is `undefined` when the runtime hides the target (a browser's opaque redirect). */
  | { readonly type: "redirect"; readonly status: number; readonly location: string | undefined }
  | { readonly type: "status"; readonly status: number };

/** Makes one exchange; rejects with {@link FetchProblem} for refusals and failures it can name. */
export type Transport = (request: HopRequest) => Promise<HopResponse>;

/** Statuses that redirect when they carry a Location (RFC 9110 §15.4). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Collects a response body, refusing to hold more than `maxBytes` octets.
 *
 * @example
 * ```ts
 * const body = new BodyCollector(32 * 1024 * 1024);
 * body.declared(response.headers.get("content-length"));
 * for await (const chunk of stream) body.add(chunk);
 * const bytes = body.bytes();
 * ```
 */
export class BodyCollector {
  readonly #chunks: Uint8Array[] = [];
  #size = 0;

  /** @param maxBytes - the most octets accepted */
  constructor(readonly maxBytes: number) {}

  /**
   * Checks a declared Content-Length before reading.
   *
   * @param header - the header's value, if any
   * @throws FetchProblem `TOO_LARGE` when the declared length is over the limit
   */
  declared(header: string | null | undefined): void {
    if (header === null || header === undefined || !/^\d+$/.test(header.trim())) return;
    const n = Number(header.trim());
    if (n > this.maxBytes) throw tooLarge(`the response declares ${n} octets, more than the ${this.maxBytes}-octet limit`);
  }

  /**
   * Adds a chunk (copied).
   *
   * @param chunk - octets just read
   * @throws FetchProblem `TOO_LARGE` once the body passes the limit
   */
  add(chunk: Uint8Array): void {
    this.#size += chunk.length;
    if (this.#size > this.maxBytes) throw tooLarge(`the response is longer than the ${this.maxBytes}-octet limit`);
    this.#chunks.push(chunk);
  }

  /** @returns the body read so far, in a new array of its own */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function tooLarge(message: string): FetchProblem {
  return new FetchProblem("TOO_LARGE", message);
}
