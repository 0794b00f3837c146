import { rdnKeys, type Name } from "../model/name.js";
import type { ConstrainedForm, GeneralName } from "../model/general-name.js";

/** Whether a name lies inside a subtree base; `undefined` when the name is malformed for its form. */
export type Matcher = (name: GeneralName, base: GeneralName) => boolean | undefined;

/** RFC 5280 §7.1: the base's RDNs are the first RDNs of the name, compared as names are chained (type, string class, prepared value). */
function directoryMatch(name: Name, base: Name): boolean {
  const b = rdnKeys(base);
  const n = rdnKeys(name);
  if (b.length > n.length) return false;
  return b.every((k, i) => k === n[i]);
}

/** A host is inside `example.com` when equal to it or below it; a base with a leading dot only matches below. */
function hostMatch(host: string, base: string): boolean {
  const h = host.toLowerCase();
  const b = base.toLowerCase();
  if (b === "") return true;
  if (b.startsWith(".")) return h.endsWith(b);
  return h === b || h.endsWith(`.${b}`);
}

/** URI bases name a host exactly, or (leading dot) any host below a domain. */
function uriHostMatch(host: string, base: string): boolean {
  const h = host.toLowerCase();
  const b = base.toLowerCase();
  return b.startsWith(".") ? h.endsWith(b) : h === b;
}

function mailboxMatch(mailbox: string, base: string): boolean | undefined {
  const at = mailbox.lastIndexOf("@");
  if (at <= 0 || at === mailbox.length - 1) return undefined;
  const domain = mailbox.slice(at + 1).toLowerCase();
  if (base.includes("@")) {
    const bat = base.lastIndexOf("@");
    return mailbox.slice(0, at) === base.slice(0, bat) && domain === base.slice(bat + 1).toLowerCase();
  }
  const b = base.toLowerCase();
  return b.startsWith(".") ? domain.endsWith(b) : domain === b;
}

/**
 * The host of a URI with an authority part, as uniformResourceIdentifier constraints judge it.
 *
 * @param uri - the URI
 * @returns the host, or `undefined` when there is none (name constraints cannot place it, so they fail closed)
 * @example
 * ```ts
 * uriHost("ftp://user@files.example.com:21/x"); // "files.example.com"
 * ```
 */
export function uriHost(uri: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(uri);
  if (!m) return undefined;
  let host = m[1]!;
  host = host.slice(host.lastIndexOf("@") + 1);
  if (host.startsWith("[")) return undefined;
  host = host.replace(/:\d*$/, "");
  return host === "" ? undefined : host;
}

function ipMatch(addr: Uint8Array, base: Uint8Array): boolean | undefined {
  if (addr.length !== 4 && addr.length !== 16) return undefined;
  if (base.length !== addr.length * 2) return false;
  for (let i = 0; i < addr.length; i++) {
    const mask = base[addr.length + i]!;
    if ((addr[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}

/**
 * One matcher per constrained form: the table the constraint check dispatches on. Each tells whether a name lies inside
 * a subtree base (`undefined`: the name is malformed for its form).
 *
 * @example
 * ```ts
 * MATCHERS.dNSName({ form: "dNSName", value: "a.example.com" }, { form: "dNSName", value: "example.com" }); // true
 * ```
 */
export const MATCHERS: Readonly<Record<ConstrainedForm, Matcher>> = {
  directoryName: (n, b) => n.form === "directoryName" && b.form === "directoryName" && directoryMatch(n.value, b.value),
  dNSName: (n, b) => n.form === "dNSName" && b.form === "dNSName" && hostMatch(n.value, b.value),
  rfc822Name: (n, b) => (n.form === "rfc822Name" && b.form === "rfc822Name" ? mailboxMatch(n.value, b.value) : false),
  uniformResourceIdentifier: (n, b) => {
    if (n.form !== "uniformResourceIdentifier" || b.form !== "uniformResourceIdentifier") return false;
    const host = uriHost(n.value);
    return host === undefined ? undefined : uriHostMatch(host, b.value);
  },
  iPAddress: (n, b) => (n.form === "iPAddress" && b.form === "iPAddress" ? ipMatch(n.value, b.value) : false),
};
