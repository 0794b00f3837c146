// A minimal HTTP service (node:http, no framework) that judges signatures for other services:
//   POST /validate  {"signature": base64, "content"?: base64, "crls"?: [base64], "ocsp"?: [base64],
//                    "certificates"?: [base64], "now"?: time, "signingTime"?: time}
//   → 200 the decree130 JSON report | 400 a field is wrong (named) | 405 not POST | 413 too large
//   | 422 not a readable signature
// Times are read by decree130's parseTimeInput: ISO-8601 or dd/mm/yyyy [HH:mm[:ss]], Vietnam time without a zone.
// Run it with `npm run example:node-service` (after `npm run build`); TRUST_LIST=file.json replaces the built-in list.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import {
  createValidationCache,
  DEFAULT_LIMITS,
  isDecree130Error,
  loadTrustList,
  parseTimeInput,
  validate,
  type TrustList,
  type ValidateOptions,
} from "decree130";
import { vietnamTrustList } from "decree130/trust/vn";

/** Base64 of the 32 MiB input limit, plus room for the other fields. */
const MAX_BODY_BYTES = 48 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const badField = (field: string, message: string, code = "BAD_REQUEST"): HttpError => new HttpError(400, code, `${field}: ${message}`, field);

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
  if (typeof value !== "string" || !/^[A-Za-z0-9+/=\s]*$/.test(value)) throw badField(field, "must be a base64 string");
  return new Uint8Array(Buffer.from(value, "base64"));
}

function base64List(value: unknown, field: string, max: number): Uint8Array[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > max) throw badField(field, `must be an array of at most ${max} base64 strings`);
  return value.map((v: unknown, i) => base64(v, `${field}[${i}]`));
}

/** A time written without a zone, read as Vietnam time: the response says so. */
interface AssumedZoneNote {
  readonly field: string;
  readonly assumedZone: string;
  readonly time: string;
}

function time(value: unknown, field: string, notes: AssumedZoneNote[]): Date | undefined {
  if (value === undefined) return undefined;
  // Numbers are refused like any other text that is no time: `"now": 0` is not 1970, nor 2000.
  if (typeof value !== "string") throw badField(field, "must be a time as text (ISO-8601 or dd/mm/yyyy [HH:mm[:ss]])", "TIME_INVALID");
  try {
    const parsed = parseTimeInput(value);
    if (parsed.assumedZone) notes.push({ field, assumedZone: parsed.assumedZone, time: parsed.time.toISOString() });
    return parsed.time;
  } catch (err) {
    if (isDecree130Error(err)) throw badField(field, err.message, err.code);
    throw err;
  }
}

/**
 * Library codes that can only come from a supplied field (the signature's own CRLs and OCSP responses are never a
 * reason to refuse it): the answer is then a 400 naming that field, not a 422 about the signature.
 */
const FIELD_OF_CODE: Readonly<Record<string, string>> = { MALFORMED_CRL: "crls", MALFORMED_OCSP: "ocsp" };

const FIELDS = new Set(["signature", "content", "crls", "ocsp", "certificates", "now", "signingTime"]);

/** Turns the request body into validate() arguments, naming the first field that is wrong. */
function parseRequest(text: string): { signature: Uint8Array; options: Omit<ValidateOptions, "trustList">; notes: AssumedZoneNote[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "body must be JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "BAD_REQUEST", "body must be a JSON object");
  // Own fields only, and none unknown: a misspelt "signing_time" must not be silently ignored.
  const unknown = Object.keys(body).find((k) => !FIELDS.has(k));
  if (unknown !== undefined) throw badField(unknown, "is not a field of this service");
  const b = body as Record<string, unknown>;
  const field = (name: string): unknown => (Object.hasOwn(b, name) ? b[name] : undefined);
  const notes: AssumedZoneNote[] = [];
  const crls = base64List(field("crls"), "crls", DEFAULT_LIMITS.maxRevocationObjects);
  const ocsp = base64List(field("ocsp"), "ocsp", DEFAULT_LIMITS.maxRevocationObjects);
  if (crls.length + ocsp.length > DEFAULT_LIMITS.maxRevocationObjects) {
    throw badField("ocsp", `crls and ocsp together hold at most ${DEFAULT_LIMITS.maxRevocationObjects} entries`);
  }
  const now = time(field("now"), "now", notes);
  const signingTime = time(field("signingTime"), "signingTime", notes);
  const content = field("content");
  return {
    signature: base64(field("signature"), "signature"),
    options: {
      crls,
      ocspResponses: ocsp,
      certificates: base64List(field("certificates"), "certificates", DEFAULT_LIMITS.maxCertificates),
      ...(content === undefined ? {} : { content: base64(content, "content") }),
      ...(now ? { now } : {}),
      ...(signingTime ? { signingTime } : {}),
    },
    notes,
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
    const reply = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(`${JSON.stringify(value)}\n`);
    };
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/validate") return reply(404, { error: { code: "NOT_FOUND", message: "POST /validate" } });
    if (req.method !== "POST") return reply(405, { error: { code: "METHOD_NOT_ALLOWED", message: "POST /validate" } }, { allow: "POST" });
    readBody(req)
      .then(parseRequest)
      .then(async ({ signature, options, notes }) => {
        const report = await validate(signature, { trustList, cache, ...options });
        return notes.length ? { ...report, notes } : report;
      })
      .then(
        (report) => reply(200, report),
        (err: unknown) => {
          if (err instanceof HttpError) {
            return reply(err.status, { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
          }
          if (isDecree130Error(err) && Object.hasOwn(FIELD_OF_CODE, err.code)) {
            return reply(400, { error: { code: err.code, message: err.message, field: FIELD_OF_CODE[err.code] } });
          }
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
