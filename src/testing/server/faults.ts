import type { ServerResponse } from "node:http";
import type { OcspDeviation } from "./ocsp-service.js";

/**
 * A way the test server misbehaves on one path, for testing what a fetcher and a validator do about it.
 *
 * | kind | what the server does |
 * | --- | --- |
 * | `slow` | reads the request and never answers (until `close()`): the client's timeout must end it |
 * | `endless` | answers 200 with a body that never ends: the client's size limit or timeout must end it |
 * | `status` | answers with this HTTP status (e.g. 500) and a short text body |
 * | `wrong-content` | answers 200 with an HTML page labelled `text/html` instead of the object |
 * | `redirect` | redirects to `location`: a `file:` URL, another scheme, another host (status default 302) |
 * | `other-certificate` | OCSP: a valid response about another certificate than the one asked |
 * | `stale` | OCSP: a valid response with these (old) times |
 */
export type Fault =
  | { readonly kind: "slow" }
  | { readonly kind: "endless" }
  | { readonly kind: "status"; readonly status: number }
  | { readonly kind: "wrong-content" }
  | { readonly kind: "redirect"; readonly location: string; readonly status?: 301 | 302 | 303 | 307 | 308 }
  | OcspDeviation;

/** What an endless body repeats: 64 KiB of a DER-looking filler. */
const FILLER = new Uint8Array(64 * 1024).fill(0x30);

/**
 * Answers with a fault that needs no content (every kind but the OCSP deviations).
 *
 * @param fault - the fault
 * @param res - the response to write
 * @param held - responses kept open, ended when the server closes
 * @returns `true` when the fault answered, `false` for an OCSP deviation (the caller answers)
 * @example
 * ```ts
 * if (fault && answerFault(fault, res, held)) return;
 * ```
 */
export function answerFault(fault: Fault, res: ServerResponse, held: Set<ServerResponse>): boolean {
  switch (fault.kind) {
    case "slow":
      held.add(res);
      res.on("close", () => held.delete(res));
      return true;
    case "endless": {
      held.add(res);
      res.writeHead(200, { "Content-Type": "application/pkix-crl" });
      const pump = (): void => {
        while (!res.destroyed && !res.writableEnded && res.write(FILLER));
        if (!res.destroyed && !res.writableEnded) res.once("drain", pump);
      };
      res.on("close", () => held.delete(res));
      pump();
      return true;
    }
    case "status":
      res.writeHead(fault.status, { "Content-Type": "text/plain" }).end(`HTTP ${fault.status} from the decree130 test server\n`);
      return true;
    case "wrong-content":
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end("<!doctype html><title>Đăng nhập</title><p>Please log in.</p>\n");
      return true;
    case "redirect":
      res.writeHead(fault.status ?? 302, { Location: fault.location }).end();
      return true;
    default:
      return false;
  }
}
