import { certificateDigests } from "../cache/certificate-digests.js";
import { Decree130Error } from "../errors.js";
import { decodeCertificate, type Certificate } from "../model/certificate.js";
import type { IssuerCategory, KeyProtection, LicencePeriod, Provider, TrustList, TrustService } from "../model/trust-list.js";
import { indexTrustList } from "./anchor-index.js";
import { parseIsoTime } from "./iso-time.js";
import { decodeBase64, decodePem } from "../lib/pem.js";

/** The only schema identifier this loader reads. */
export const TRUST_LIST_SCHEMA = "decree130/trust-list@1";

/** Upper bounds on what a trust list may hold, so a hostile file cannot make loading unbounded. */
export const TRUST_LIST_LIMITS = {
  providers: 10_000,
  certificatesPerProvider: 1_000,
  licensesPerProvider: 1_000,
} as const;

const CATEGORIES: readonly IssuerCategory[] = ["national-root", "government", "public", "specialized"];
const KEY_PROTECTIONS: readonly KeyProtection[] = ["usb-token", "remote-signing-hsm", "mobile-pki"];
const SERVICES: readonly TrustService[] = ["signing", "timestamping"];
const LIST_FIELDS = new Set(["schema", "name", "providers"]);
const PROVIDER_FIELDS = new Set(["name", "category", "certificates", "licenses", "keyProtection", "services"]);
const LICENCE_FIELDS = new Set(["from", "to"]);
const CERTIFICATE_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);

function invalid(message: string): never {
  throw new Decree130Error("TRUST_LIST_INVALID", message);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field of the parsed JSON, read as an own property only: nothing an application put on Object.prototype leaks in. */
function field(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** An array's entries, read as own elements: a hole is `undefined`, never an element inherited from a prototype. */
function items(array: readonly unknown[]): unknown[] {
  return Array.from({ length: array.length }, (_, i) => (Object.hasOwn(array, i) ? array[i] : undefined));
}

function rejectUnknown(obj: Record<string, unknown>, allowed: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) invalid(`${where}: unknown field ${JSON.stringify(key)}`);
}

function toDer(entry: string): Uint8Array {
  const text = entry.trim();
  if (text.startsWith("-----BEGIN ")) {
    const blocks = decodePem(text);
    if (blocks.length !== 1) throw new Error(`holds ${blocks.length} PEM blocks; list one certificate per entry`);
    const [block] = blocks;
    if (!CERTIFICATE_LABELS.has(block!.label)) throw new Error(`PEM label is "${block!.label}", not "CERTIFICATE"`);
    if (!/-----END [A-Z0-9 ]+-----$/.test(text)) throw new Error("text follows the PEM END line");
    return block!.der;
  }
  return decodeBase64(text);
}

function loadCertificates(value: unknown, where: string): Certificate[] {
  if (!Array.isArray(value) || value.length === 0) invalid(`${where}: certificates must be a non-empty array of PEM strings`);
  if (value.length > TRUST_LIST_LIMITS.certificatesPerProvider) {
    invalid(`${where}: certificates holds more than ${TRUST_LIST_LIMITS.certificatesPerProvider} entries`);
  }
  const out: Certificate[] = [];
  // Repeats are found by DER digest: a look-up per entry, not a comparison per pair (a provider may list 1,000).
  const seen = new Map<string, number>();
  items(value).forEach((entry, i) => {
    if (typeof entry !== "string") invalid(`${where}: certificates[${i}] must be a PEM or base64 string, got ${describe(entry)}`);
    let cert: Certificate;
    try {
      cert = decodeCertificate(toDer(entry));
    } catch (err) {
      const detail = (err as Error).message.replace(/^certificate does not decode: /, "");
      invalid(`${where}: certificates[${i}] does not decode: ${detail}`);
    }
    const digest = certificateDigests(cert).der;
    const dup = seen.get(digest);
    if (dup !== undefined) invalid(`${where}: certificates[${i}] repeats certificates[${dup}]`);
    seen.set(digest, i);
    out.push(cert);
  });
  return out;
}

function loadLicences(value: unknown, where: string): LicencePeriod[] {
  if (!Array.isArray(value) || value.length === 0) {
    invalid(`${where}: licenses must be a non-empty array (omit the field for no licence check)`);
  }
  if (value.length > TRUST_LIST_LIMITS.licensesPerProvider) {
    invalid(`${where}: licenses holds more than ${TRUST_LIST_LIMITS.licensesPerProvider} entries`);
  }
  return items(value).map((entry, i): LicencePeriod => {
    const at = `${where}: licenses[${i}]`;
    if (!isRecord(entry)) invalid(`${at} must be an object {from, to}, got ${describe(entry)}`);
    rejectUnknown(entry, LICENCE_FIELDS, at);
    const rawFrom = field(entry, "from");
    const from = typeof rawFrom === "string" ? parseIsoTime(rawFrom) : undefined;
    if (from === undefined) invalid(`${at}.from must be an ISO-8601 date-time, got ${describe(rawFrom)}`);
    const rawTo = field(entry, "to");
    if (rawTo === null) return { from, to: null };
    const to = typeof rawTo === "string" ? parseIsoTime(rawTo) : undefined;
    if (to === undefined) invalid(`${at}.to must be an ISO-8601 date-time or null, got ${describe(rawTo)}`);
    if (!(from < to)) invalid(`${at}: from (${rawFrom as string}) must be before to (${rawTo as string})`);
    return { from, to };
  });
}

function loadServices(value: unknown, where: string): TrustService[] {
  if (value === undefined) return ["signing"];
  if (!Array.isArray(value) || value.length === 0) invalid(`${where}: services must be a non-empty array`);
  if (value.length > SERVICES.length) invalid(`${where}: services holds more than ${SERVICES.length} entries`);
  const out: TrustService[] = [];
  for (const [i, s] of items(value).entries()) {
    if (!SERVICES.includes(s as TrustService)) {
      invalid(`${where}: services[${i}] must be "signing" or "timestamping", got ${describe(s)}`);
    }
    if (out.includes(s as TrustService)) invalid(`${where}: services[${i}] repeats ${describe(s)}`);
    out.push(s as TrustService);
  }
  return out;
}

function loadProvider(value: unknown, index: number): Provider {
  if (!isRecord(value)) invalid(`providers[${index}]: expected an object, got ${describe(value)}`);
  const name = field(value, "name");
  if (typeof name !== "string" || name.trim() === "") {
    invalid(`providers[${index}]: name must be a non-empty string, got ${describe(name)}`);
  }
  const where = `providers[${index}] ${JSON.stringify(name)}`;
  rejectUnknown(value, PROVIDER_FIELDS, where);
  const category = field(value, "category");
  if (!CATEGORIES.includes(category as IssuerCategory)) {
    invalid(`${where}: category must be one of ${CATEGORIES.map((c) => `"${c}"`).join(", ")}, got ${describe(category)}`);
  }
  const keyProtection = field(value, "keyProtection") ?? null;
  if (keyProtection !== null && !KEY_PROTECTIONS.includes(keyProtection as KeyProtection)) {
    invalid(`${where}: keyProtection must be one of ${KEY_PROTECTIONS.map((k) => `"${k}"`).join(", ")} or null, got ${describe(keyProtection)}`);
  }
  const certificates = loadCertificates(field(value, "certificates"), where);
  const services = loadServices(field(value, "services"), where);
  const licenses = field(value, "licenses");
  const provider: Provider = {
    name,
    category: category as IssuerCategory,
    certificates: Object.freeze(certificates),
    keyProtection: keyProtection as KeyProtection | null,
    services: Object.freeze(services),
    ...(licenses === undefined ? {} : { licenses: Object.freeze(loadLicences(licenses, where)) }),
  };
  return Object.freeze(provider);
}

/**
 * Loads and validates a trust list in the `decree130/trust-list@1` format (interfaces §3). Validation is strict: unknown
 * fields are rejected at every level, so a misspelt `licences` or `keyprotection` cannot silently drop a check. The list
 * is built only when every part is valid; it is never half-loaded.
 *
 * @param json - the parsed JSON value, or the JSON text itself
 * @returns the trust list, with `anchorsFor` / `issuersOf` indexed by subject name
 * @throws {@link Decree130Error} `TRUST_LIST_INVALID`, naming the provider (index and name) and the field at fault
 * @example
 * ```ts
 * const list = loadTrustList(JSON.parse(readFileSync("my-list.json", "utf8")));
 * list.anchorsFor(caCertificate); // anchors with the same subject and public key
 * ```
 */
export function loadTrustList(json: unknown): TrustList {
  let root = json;
  if (typeof json === "string") {
    try {
      root = JSON.parse(json) as unknown;
    } catch (err) {
      invalid(`trust list is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (!isRecord(root)) invalid(`trust list: expected a JSON object, got ${describe(root)}`);
  if (field(root, "schema") !== TRUST_LIST_SCHEMA) {
    invalid(`trust list: schema must be "${TRUST_LIST_SCHEMA}", got ${describe(field(root, "schema"))}`);
  }
  rejectUnknown(root, LIST_FIELDS, "trust list");
  const name = field(root, "name");
  if (typeof name !== "string" || name.trim() === "") invalid(`trust list: name must be a non-empty string, got ${describe(name)}`);
  const providers = field(root, "providers");
  if (!Array.isArray(providers)) invalid(`trust list: providers must be an array, got ${describe(providers)}`);
  if (providers.length > TRUST_LIST_LIMITS.providers) {
    invalid(`trust list: providers holds more than ${TRUST_LIST_LIMITS.providers} entries`);
  }
  return indexTrustList(name, items(providers).map((p, i) => loadProvider(p, i)));
}

/**
 * The trust list an option names: a loaded one as it is, or a `decree130/trust-list@1` JSON object loaded now.
 *
 * @param value - `options.trustList`
 * @returns the loaded trust list
 * @throws TypeError when no trust list is given (misuse)
 * @throws {@link Decree130Error} `TRUST_LIST_INVALID` for a JSON object that breaks the format
 * @example
 * ```ts
 * const trustList = asTrustList(pki.trustList); // the testing kit's JSON
 * ```
 */
export function asTrustList(value: unknown): TrustList {
  if (typeof value === "object" && value !== null) {
    if (typeof (value as Partial<TrustList>).anchorsFor === "function") return value as TrustList;
    if (Object.hasOwn(value, "schema")) return loadTrustList(value);
  }
  throw new TypeError("options.trustList is required: a trust list JSON object, or one loaded with loadTrustList() or vietnamTrustList()");
}
