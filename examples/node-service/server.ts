// A minimal HTTP service (node:http, no framework) that judges signatures for other services:
//   POST /validate  {"signature": base64, "content"?: base64, "crls"?: [base64], "now"?: ISO-8601}
//   → 200 the decree130 JSON report | 400 bad request | 413 too large | 422 not a readable signature
// Run it with `npm run example:node-service` (after `npm run build`); TRUST_LIST=file.json replaces the built-in list.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createValidationCache, isDecree130Error, loadTrustList, validate, type TrustList } from "decree130";
import { vietnamTrustList } from "decree130/trust/vn";

/** Base64 of the 32 MiB input limit, plus room for the other fields. */
const MAX_BODY_BYTES = 48 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "BODY_TOO_LARGE", `body above ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function base64(value: unknown, field: string): Uint8Array {
  if (typeof value !== "string" || !/^[A-Za-z0-9+/=\s]*$/.test(value)) throw new HttpError(400, "BAD_REQUEST", `${field} must be base64`);
  return new Uint8Array(Buffer.from(value, "base64"));
}

/** Turns the request body into validate() options. */
function parseRequest(text: string): { signature: Uint8Array; content?: Uint8Array; crls: Uint8Array[]; now?: Date } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "body must be JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "BAD_REQUEST", "body must be a JSON object");
  const b = body as Record<string, unknown>;
  const crls = b["crls"] ?? [];
  if (!Array.isArray(crls) || crls.length > 64) throw new HttpError(400, "BAD_REQUEST", "crls must be an array of at most 64 base64 strings");
  const now = b["now"] === undefined ? undefined : new Date(String(b["now"]));
  if (now && Number.isNaN(now.getTime())) throw new HttpError(400, "BAD_REQUEST", "now must be an ISO-8601 time");
  return {
    signature: base64(b["signature"], "signature"),
    crls: crls.map((c, i) => base64(c, `crls[${i}]`)),
    ...(b["content"] === undefined ? {} : { content: base64(b["content"], "content") }),
    ...(now ? { now } : {}),
  };
}

/**
 * Creates the service (not yet listening).
 *
 * @param trustList - the providers to trust; default the built-in Vietnamese list
 * @returns a node:http server
 */
export function createReportServer(trustList: TrustList = vietnamTrustList()): Server {
  const cache = createValidationCache(); // keys of the same CAs are imported once for all requests
  return createServer((req, res) => {
    const reply = (status: number, value: unknown): void => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(`${JSON.stringify(value)}\n`);
    };
    const route = `${req.method} ${new URL(req.url ?? "/", "http://localhost").pathname}`;
    if (route !== "POST /validate") return reply(404, { error: { code: "NOT_FOUND", message: "POST /validate" } });
    readBody(req)
      .then(parseRequest)
      .then(({ signature, ...options }) => validate(signature, { trustList, cache, ...options }))
      .then(
        (report) => reply(200, report),
        (err: unknown) => {
          if (err instanceof HttpError) return reply(err.status, { error: { code: err.code, message: err.message } });
          // A bad signature is a report; only an unreadable input is an error, with decree130's stable code.
          if (isDecree130Error(err)) return reply(422, { error: { code: err.code, message: err.message } });
          reply(500, { error: { code: "INTERNAL", message: "internal error" } });
        },
      );
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.env["TRUST_LIST"];
  const server = createReportServer(file ? loadTrustList(JSON.parse(readFileSync(file, "utf8"))) : undefined);
  server.listen(Number(process.env["PORT"] ?? 8131), "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    console.log(`decree130 report service: POST http://127.0.0.1:${port}/validate`);
  });
}
