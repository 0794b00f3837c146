import { checkAddress, FetchProblem } from "./target.js";
import { BodyCollector, REDIRECT_STATUSES, type HopRequest, type HopResponse, type Transport } from "./transport.js";

// Node's modules are reached at run time (process.getBuiltinModule, Node ≥ 20.16), never imported: the library bundles
// for browsers. These interfaces name the little of them this transport uses.

/** One address a name resolves to. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has (what `dns.lookup` with `all: true` gives). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

type LookupCallback = (err: Error | null, address?: string | readonly ResolvedAddress[], family?: number) => void;
type Lookup = (hostname: string, options: { readonly all?: boolean; readonly family?: unknown }, callback: LookupCallback) => void;
type Listener = (...args: never[]) => void;

interface Emitter {
  on(event: string, listener: Listener): unknown;
  once(event: string, listener: Listener): unknown;
  destroy(err?: Error): void;
}
interface NodeSocket extends Emitter {
  readonly remoteAddress?: string | undefined;
}
interface NodeResponse extends Emitter {
  readonly statusCode?: number | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}
interface NodeClientRequest extends Emitter {
  end(body?: Uint8Array): void;
}
interface NodeHttp {
  request(options: Record<string, unknown>, onResponse: (res: NodeResponse) => void): NodeClientRequest;
}
interface NodeDns {
  lookup(
    hostname: string,
    options: { readonly all: true; readonly family: number },
    callback: (err: Error | null, addresses: readonly ResolvedAddress[]) => void,
  ): void;
}

/** Node's `http`, `https` and `dns` modules. */
export interface NodeModules {
  readonly http: NodeHttp;
  readonly https: NodeHttp;
  readonly dns: NodeDns;
}

/**
 * Node's modules, when the runtime offers `process.getBuiltinModule` (Node ≥ 20.16, and runtimes that mimic it).
 *
 * @returns the modules, or `undefined` in a browser or an older Node
 * @example
 * ```ts
 * const node = nodeModules(); // undefined in a browser
 * ```
 */
export function nodeModules(): NodeModules | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const get = proc?.getBuiltinModule;
  if (typeof get !== "function") return undefined;
  const load = (id: string): unknown => get.call(proc, id);
  const http = load("http") as NodeHttp | undefined;
  const https = load("https") as NodeHttp | undefined;
  const dns = load("dns") as NodeDns | undefined;
  return http && https && dns ? { http, https, dns } : undefined;
}

/**
 * Whether the runtime is Node (or one that reports a Node version).
 *
 * @returns `true` under Node
 * @example
 * ```ts
 * if (isNodeRuntime() && !nodeModules()) console.warn("Node before 20.16: DNS answers cannot be checked");
 * ```
 */
export function isNodeRuntime(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof proc?.versions?.node === "string";
}

/** What the Node transport needs beyond the request. */
export interface NodeTransportOptions {
  readonly modules: NodeModules;
  readonly allowPrivateNetwork: boolean;
  /** Resolves names instead of `dns.lookup` (a custom DNS). */
  readonly resolve?: Resolver | undefined;
  readonly userAgent: string;
}

/**
 * A lookup that checks every address a name resolves to before the socket connects to one of them. The connection then
 * uses exactly the addresses checked: no second resolution can move it elsewhere (DNS rebinding).
 */
function checkedLookup(options: NodeTransportOptions): Lookup {
  const dns = options.modules.dns;
  const resolveAll: Resolver =
    options.resolve ??
    ((hostname) =>
      new Promise((done, fail) => dns.lookup(hostname, { all: true, family: 0 }, (err, addresses) => (err ? fail(err) : done(addresses)))));
  return (hostname, lookupOptions, callback) => {
    const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : undefined;
    resolveAll(hostname)
      .then((all) => {
        if (!options.allowPrivateNetwork) for (const a of all) checkAddress(a.address, hostname);
        const usable = family === undefined ? all : all.filter((a) => a.family === family);
        const first = usable[0];
        if (first === undefined) throw new FetchProblem("NETWORK", `${hostname} has no IPv${family ?? ""} address`);
        if (lookupOptions.all === true) callback(null, usable);
        else callback(null, first.address, first.family);
      })
      .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
  };
}

function header(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === "string" ? value : value?.[0];
}

function networkProblem(err: Error): FetchProblem {
  if (err instanceof FetchProblem) return err;
  const code = (err as { code?: unknown }).code;
  return new FetchProblem("NETWORK", typeof code === "string" ? `${code}: ${err.message}` : err.message);
}

/**
 * Creates the Node transport: `http`/`https.request` with a lookup that refuses non-public addresses before
 * connecting, a second check of the address each socket connected to, no agent (no pooled or reused connections), and
 * the body read as a stream up to the limit.
 *
 * @param options - Node's modules, whether private addresses are allowed, a custom resolver
 * @returns the transport
 * @example
 * ```ts
 * const send = nodeTransport({ modules: nodeModules()!, allowPrivateNetwork: false, userAgent: "decree130" });
 * ```
 */
export function nodeTransport(options: NodeTransportOptions): Transport {
  const lookup = checkedLookup(options);
  return (request) => exchange(request, options, lookup);
}

function exchange(request: HopRequest, options: NodeTransportOptions, lookup: Lookup): Promise<HopResponse> {
  const { url, signal } = request;
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const client = url.protocol === "https:" ? options.modules.https : options.modules.http;
  return new Promise<HopResponse>((resolve, reject) => {
    let settled = false;
    let req: NodeClientRequest | undefined;
    let res: NodeResponse | undefined;
    const finish = (outcome: HopResponse | FetchProblem): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      res?.destroy();
      req?.destroy();
      if (outcome instanceof FetchProblem) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = (): void => finish(new FetchProblem("ABORTED", "aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    const onResponse = (response: NodeResponse): void => {
      res = response;
      const status = response.statusCode ?? 0;
      const location = header(response.headers["location"]);
      if (REDIRECT_STATUSES.has(status) && location !== undefined) return finish({ type: "redirect", status, location });
      if (status !== 200) return finish({ type: "status", status });
      const body = new BodyCollector(request.maxBytes);
      try {
        body.declared(header(response.headers["content-length"]));
      } catch (problem) {
        return finish(problem as FetchProblem);
      }
      response.on("data", (chunk: Uint8Array) => {
        try {
          body.add(chunk);
        } catch (problem) {
          finish(problem as FetchProblem);
        }
      });
      response.on("end", () => finish({ type: "body", bytes: body.bytes() }));
      response.on("error", (err: Error) => finish(networkProblem(err)));
      response.on("close", () => finish(new FetchProblem("NETWORK", "the connection closed before the response ended")));
    };
    try {
      req = client.request(
        {
          protocol: url.protocol,
          hostname,
          ...(url.port === "" ? {} : { port: Number(url.port) }),
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers: {
            ...request.headers,
            "User-Agent": options.userAgent,
            "Accept-Encoding": "identity",
            Connection: "close",
            ...(request.body ? { "Content-Length": String(request.body.length) } : {}),
          },
          agent: false,
          lookup,
        },
        onResponse,
      );
    } catch (err) {
      return finish(networkProblem(err as Error));
    }
    req.on("error", (err: Error) => finish(networkProblem(err)));
    if (!options.allowPrivateNetwork) {
      // The lookup checked every address; this checks the one the socket reached (an address literal skips the lookup).
      req.on("socket", (socket: NodeSocket) => {
        socket.once("connect", () => {
          try {
            checkAddress(socket.remoteAddress ?? "", hostname);
          } catch (problem) {
            finish(problem as FetchProblem);
          }
        });
      });
    }
    req.end(request.body);
  });
}
