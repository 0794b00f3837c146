import { blockedAddress } from "./address.js";
import type { FetchFailureReason } from "./errors.js";

/**
 * A refusal or failure raised while fetching, before the URL asked for is attached (see `http-fetcher.ts`).
 *
 * @example
 * ```ts
 * throw new FetchProblem("HTTP_STATUS", "http://crl.example.vn/ca.crl answered HTTP 503");
 * ```
 */
export class FetchProblem extends Error {
  /**
   * @param reason - the stable reason
   * @param message - what went wrong, naming the hop or address
   */
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
  ) {
    super(message);
  }
}

/** Which address checks a fetch makes. */
export interface AddressPolicy {
  /** Also fetch from non-public addresses. */
  readonly allowPrivateNetwork: boolean;
  /**
   * How host names are judged: `checked-on-connect` (the transport checks what they resolve to), `local-refused` (the
   * transport cannot see that: names that only ever mean a local or private host are refused), `refused` (every name
   * is refused: nothing would check where it leads).
   */
  readonly names: "checked-on-connect" | "local-refused" | "refused";
}

/**
 * Name suffixes that never reach a public host: `localhost` (RFC 6761), `local` (mDNS, RFC 6762), `home.arpa`
 * (RFC 8375) and `internal` (reserved for private use by ICANN, 2024).
 */
const LOCAL_SUFFIXES = ["localhost", "local", "home.arpa", "internal"];

function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  // A single-label name is completed by the resolver's search list: an intranet host.
  if (!name.includes(".")) return true;
  return LOCAL_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`));
}

/**
 * Parses a URL and checks what can be checked before connecting: the scheme, credentials, and an address written in
 * the URL. The URL parser normalises every IPv4 spelling (decimal `2130706433`, hex `0x7f.1`, octal `0177.0.0.1`, short
 * forms) to a dotted quad, and IPv6 to its compressed form, so the check sees the address the connection would use.
 *
 * @param text - the URL
 * @param policy - which address checks apply
 * @returns the parsed URL, without its fragment
 * @throws FetchProblem `INVALID_URL`, `REFUSED_SCHEME`, `REFUSED_CREDENTIALS` or `REFUSED_ADDRESS`
 * @example
 * ```ts
 * checkTarget("http://0x7f.1/ca.crl", { allowPrivateNetwork: false, names: "checked-on-connect" }); // throws REFUSED_ADDRESS
 * ```
 */
export function checkTarget(text: string, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchProblem("INVALID_URL", `not a URL: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchProblem("REFUSED_SCHEME", `scheme ${url.protocol} is not fetched (http: and https: only)`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new FetchProblem("REFUSED_CREDENTIALS", `the URL carries credentials (host ${url.host})`);
  }
  url.hash = "";
  if (policy.allowPrivateNetwork) return url;
  const host = url.hostname;
  const literal = host.startsWith("[") || /^[\d.]+$/.test(host);
  if (literal) {
    const blocked = blockedAddress(host);
    if (blocked !== undefined) throw new FetchProblem("REFUSED_ADDRESS", `${host} is a ${blocked} address`);
  } else if (policy.names === "refused") {
    throw new FetchProblem("REFUSED_ADDRESS", `${host}: this runtime cannot check where names resolve (Node before 20.16)`);
  } else if (policy.names === "local-refused" && isLocalName(host)) {
    throw new FetchProblem("REFUSED_ADDRESS", `${host} names a local or private host`);
  }
  return url;
}

/**
 * Checks an address a name resolved to, or the one a socket connected to.
 *
 * @param address - the IP address
 * @param host - the name it was reached through, for the message
 * @returns nothing when the address is public
 * @throws FetchProblem `REFUSED_ADDRESS`
 * @example
 * ```ts
 * checkAddress("10.0.0.5", "crl.example.vn"); // throws: crl.example.vn resolves to 10.0.0.5, a private address
 * ```
 */
export function checkAddress(address: string, host: string): void {
  const blocked = blockedAddress(address);
  if (blocked !== undefined) throw new FetchProblem("REFUSED_ADDRESS", `${host} resolves to ${address}, a ${blocked} address`);
}
