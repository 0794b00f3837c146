import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ContentInfo } from "@peculiar/asn1-cms";
import { AsnConvert } from "@peculiar/asn1-schema";
import { answerFault, type Fault } from "./faults.js";
import { answerOcsp, MALFORMED_REQUEST, readOcspRequest, type OcspService } from "./ocsp-service.js";

/** What the test server publishes, by path (each starting with `/`). */
export interface PkiContent {
  /** CRLs (DER), served as `application/pkix-crl`. */
  readonly crls?: Readonly<Record<string, Uint8Array>>;
  /** Issuer certificates for AIA caIssuers: a DER certificate (`application/pkix-cert`) or a PKCS#7 bundle (`application/pkcs7-mime`). */
  readonly certificates?: Readonly<Record<string, Uint8Array>>;
  /** OCSP responders, answering POST `/ocsp` and GET `/ocsp/{base64 request}`; the request's CertID picks the CA. */
  readonly ocsp?: OcspService | readonly OcspService[];
  /** Misbehaviour by path (`null` removes one); a fault wins over content on its path. */
  readonly faults?: Readonly<Record<string, Fault | null>>;
}

/** One request the server received. */
export interface ServedRequest {
  readonly method: string;
  /** The path and query. */
  readonly path: string;
  /** Headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** A running test server. */
export interface PkiServer {
  /** Its origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The URL of OCSP requests. */
  readonly ocspUrl: string;
  /**
   * The absolute URL of a path.
   *
   * @param path - e.g. `/public.crl`
   * @returns e.g. `http://127.0.0.1:41234/public.crl`
   */
  urlOf(path: string): string;
  /**
   * Publishes more content, or faults, replacing what a path held: certificates that name the server's URLs can only
   * be made once it runs.
   *
   * @param content - what to add
   */
  update(content: PkiContent): void;
  /** Every request received so far, in order. */
  readonly requests: readonly ServedRequest[];
  /** Stops the server, ending held (slow, endless) responses. */
  close(): Promise<void>;
}

/** Most octets of a request body read (OCSP requests are a few hundred). */
const MAX_REQUEST_BYTES = 64 * 1024;
const OCSP_PATH = "/ocsp";
const SIGNED_DATA = "1.2.840.113549.1.7.2";

function isPkcs7(der: Uint8Array): boolean {
  try {
    return AsnConvert.parse(der, ContentInfo).contentType === SIGNED_DATA;
  } catch {
    return false;
  }
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on("data", (c: Uint8Array) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) req.destroy(new Error("request body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, type: string, body: Uint8Array): void {
  res.writeHead(200, { "Content-Type": type, "Content-Length": body.length }).end(body);
}

/**
 * Starts an HTTP server on 127.0.0.1 (a free port) that publishes a test PKI's CRLs, issuer certificates and OCSP
 * answers, with fault modes, for tests of online revocation against a real server. Node only.
 *
 * @param content - what to publish; more can be added with `update()` once the URLs are known
 * @returns the running server
 * @example
 * ```ts
 * const server = await servePki();
 * const signer = await issueCertificate(pki.publicCa, { subject, notBefore, notAfter, crlUrl: server.urlOf("/public.crl") });
 * server.update({ crls: { "/public.crl": await createCrl(pki.publicCa, { thisUpdate, nextUpdate }) } });
 * // ... validate online, then:
 * await server.close();
 * ```
 */
export async function servePki(content: PkiContent = {}): Promise<PkiServer> {
  const files = new Map<string, { type: string; bytes: Uint8Array }>();
  const faults = new Map<string, Fault>();
  let responders: readonly OcspService[] = [];
  const requests: ServedRequest[] = [];
  const held = new Set<ServerResponse>();
  const update = (c: PkiContent): void => {
    for (const [path, bytes] of Object.entries(c.crls ?? {})) files.set(path, { type: "application/pkix-crl", bytes: new Uint8Array(bytes) });
    for (const [path, bytes] of Object.entries(c.certificates ?? {})) {
      files.set(path, { type: isPkcs7(bytes) ? "application/pkcs7-mime" : "application/pkix-cert", bytes: new Uint8Array(bytes) });
    }
    if (c.ocsp !== undefined) responders = Array.isArray(c.ocsp) ? [...(c.ocsp as readonly OcspService[])] : [c.ocsp as OcspService];
    for (const [path, fault] of Object.entries(c.faults ?? {})) {
      if (fault === null) faults.delete(path);
      else faults.set(path, fault);
    }
  };
  update(content);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? "/";
    const path = target.split("?")[0]!;
    const body = await readBody(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    requests.push({ method: req.method ?? "", path: target, headers, body });
    const fault = faults.get(path);
    if (fault && answerFault(fault, res, held)) return;
    const deviation = fault?.kind === "other-certificate" || fault?.kind === "stale" ? fault : undefined;
    if (path === OCSP_PATH || path.startsWith(`${OCSP_PATH}/`)) {
      let der: Uint8Array;
      let question;
      try {
        der = req.method === "POST" ? body : Uint8Array.from(Buffer.from(decodeURIComponent(path.slice(OCSP_PATH.length + 1)), "base64"));
        question = readOcspRequest(der);
      } catch {
        return send(res, "application/ocsp-response", MALFORMED_REQUEST);
      }
      return send(res, "application/ocsp-response", await answerOcsp(responders, question, deviation));
    }
    const file = files.get(path);
    if (file) return send(res, file.type, file.bytes);
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`test server error: ${(err as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    ocspUrl: `${origin}${OCSP_PATH}`,
    urlOf: (path) => `${origin}${path.startsWith("/") ? path : `/${path}`}`,
    update,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
