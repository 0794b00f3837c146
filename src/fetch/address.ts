/**
 * Which IP addresses a fetch for a document's URLs may not reach: every range IANA's special-purpose registries mark
 * as not globally reachable (RFC 6890 and its updates), plus multicast. A document's URLs are attacker input, and a
 * server validating it must not be made to call its own machine or intranet.
 */

/** IPv4 ranges that are not public unicast destinations: [first octets, prefix length, what the range is]. */
const IPV4_BLOCKED: readonly (readonly [readonly number[], number, string])[] = [
  [[0], 8, "unspecified (this network)"],
  [[10], 8, "private"],
  [[100, 64], 10, "shared (CGNAT)"],
  [[127], 8, "loopback"],
  [[169, 254], 16, "link-local"],
  [[172, 16], 12, "private"],
  [[192, 0, 0], 24, "IETF protocol assignments"],
  [[192, 0, 2], 24, "documentation"],
  [[192, 168], 16, "private"],
  [[198, 18], 15, "benchmarking"],
  [[198, 51, 100], 24, "documentation"],
  [[203, 0, 113], 24, "documentation"],
  [[224], 4, "multicast"],
  [[240], 4, "reserved (and broadcast)"],
];

/** IPv6 ranges that are not public unicast destinations, checked after the IPv4-embedding forms below. */
const IPV6_BLOCKED: readonly (readonly [readonly number[], number, string])[] = [
  [[], 128, "unspecified"],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback"],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, "NAT64 local use"],
  [[0x01, 0x00], 64, "discard-only"],
  [[0x20, 0x01, 0x00], 23, "IETF protocol assignments (Teredo, benchmarking, ...)"],
  [[0x20, 0x01, 0x0d, 0xb8], 32, "documentation"],
  [[0xfc], 7, "unique local (private)"],
  [[0xfe, 0x80], 10, "link-local"],
  [[0xfe, 0xc0], 10, "site-local"],
  [[0xff], 8, "multicast"],
];

/**
 * IPv6 forms that carry an IPv4 address, judged by that address: [prefix, prefix length, offset of the IPv4 octets,
 * form]. ::/96 (IPv4-compatible) comes after `::` and `::1`, which it contains.
 */
const IPV4_EMBEDDING: readonly (readonly [readonly number[], number, number, string])[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96, 12, "IPv4-mapped"],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0], 96, 12, "IPv4-translated"],
  [[0x00, 0x64, 0xff, 0x9b], 96, 12, "NAT64"],
  [[0x20, 0x02], 16, 2, "6to4"],
];

function inPrefix(bytes: Uint8Array | readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * A dotted-quad IPv4 address in its canonical form (what the URL parser and DNS give), as four octets.
 *
 * @param text - e.g. `"127.0.0.1"`
 * @returns the octets, or `undefined` when the text is not a canonical dotted quad
 * @example
 * ```ts
 * parseIpv4("10.1.2.3"); // [10, 1, 2, 3]
 * ```
 */
export function parseIpv4(text: string): number[] | undefined {
  const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/**
 * An IPv6 address in text form (with or without brackets, a zone, or a trailing dotted quad), as 16 octets.
 *
 * @param text - e.g. `"[::ffff:127.0.0.1]"`, `"fe80::1%eth0"`
 * @returns the octets, or `undefined` when the text is not an IPv6 address
 * @example
 * ```ts
 * parseIpv6("::1"); // Uint8Array [0, ..., 0, 1]
 * ```
 */
export function parseIpv6(text: string): Uint8Array | undefined {
  let s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length === 0 || s.length > 45 || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const out = new Uint8Array(16);
  let slots = 8;
  if (s.includes(".")) {
    // A trailing dotted quad fills the last two groups.
    const colon = s.lastIndexOf(":");
    const v4 = colon < 0 ? undefined : parseIpv4(s.slice(colon + 1));
    if (!v4) return undefined;
    out.set(v4, 12);
    slots = 6;
    const head = s.slice(0, colon + 1);
    s = head.endsWith("::") ? head : head.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const head = hexGroups(halves[0]!);
  const rest = halves.length === 2 ? hexGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  // Without "::" every group is written; with it, "::" stands for at least one zero group.
  if (halves.length === 1 ? head.length !== slots : head.length + rest.length > slots - 1) return undefined;
  const all = [...head, ...new Array<number>(slots - head.length - rest.length).fill(0), ...rest];
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** The 16-bit groups of colon-separated hex text; `undefined` when a group is not 1–4 hex digits. */
function hexGroups(part: string): number[] | undefined {
  if (part === "") return [];
  const out: number[] = [];
  for (const g of part.split(":")) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out.push(parseInt(g, 16));
  }
  return out;
}

function blockedIpv4(octets: readonly number[]): string | undefined {
  for (const [prefix, bits, what] of IPV4_BLOCKED) if (inPrefix(octets, prefix, bits)) return what;
  return undefined;
}

/**
 * Why an IP address may not be fetched from, if it may not: the non-public range it lies in. An IPv6 address that
 * carries an IPv4 address (mapped, compatible, NAT64, 6to4) is judged by that address as well.
 *
 * @param address - an IPv4 dotted quad or an IPv6 address (brackets and zone allowed)
 * @returns the range's description (e.g. `"loopback"`), `undefined` for a public address, and `"not an IP address"`
 * for text that is neither form (refused too: what cannot be read cannot be judged)
 * @example
 * ```ts
 * blockedAddress("127.0.0.1"); // "loopback"
 * blockedAddress("::ffff:10.0.0.1"); // "private (IPv4-mapped)"
 * blockedAddress("203.162.4.190"); // undefined
 * ```
 */
export function blockedAddress(address: string): string | undefined {
  const v4 = parseIpv4(address);
  if (v4) return blockedIpv4(v4);
  const v6 = parseIpv6(address);
  if (!v6) return "not an IP address";
  if (inPrefix(v6, [], 128)) return "unspecified";
  if (inPrefix(v6, IPV6_BLOCKED[1]![0], 128)) return "loopback";
  for (const [prefix, bits, offset, form] of IPV4_EMBEDDING) {
    if (!inPrefix(v6, prefix, bits)) continue;
    const inner = blockedIpv4(Array.from(v6.subarray(offset, offset + 4)));
    return inner === undefined ? undefined : `${inner} (${form})`;
  }
  // The deprecated IPv4-compatible form ::a.b.c.d.
  if (inPrefix(v6, [], 96)) {
    const inner = blockedIpv4(Array.from(v6.subarray(12)));
    return `${inner ?? "deprecated"} (IPv4-compatible)`;
  }
  for (const [prefix, bits, what] of IPV6_BLOCKED) if (inPrefix(v6, prefix, bits)) return what;
  return undefined;
}
