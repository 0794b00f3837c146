import { OID } from "../asn1/oids.js";
import { sameKey, type Certificate } from "../model/certificate.js";
import type { GeneralName } from "../model/general-name.js";
import type { PathIssue } from "./path-issue.js";
import type { SignatureChecker } from "./signatures.js";

/**
 * RFC 5280 §4.1.2.4, §4.1.2.6: every certificate, the anchor's included, names its issuer, and every CA certificate
 * below the anchor has a subject (an empty name chains to nothing a relying party can identify).
 *
 * @param path - signing certificate first, the anchor's certificate last
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = checkNonEmptyNames([leaf, ca, root]); // null for ordinary certificates
 * ```
 */
export function checkNonEmptyNames(path: readonly Certificate[]): PathIssue | null {
  for (let i = 0; i < path.length; i++) {
    if (path[i]!.issuer.rdns.length === 0) return { reason: "NAME_CHAINING", index: i, detail: "empty issuer name (RFC 5280 §4.1.2.4)" };
    if (i > 0 && i < path.length - 1 && path[i]!.subject.rdns.length === 0) return { reason: "NAME_CHAINING", index: i, detail: "CA certificate with an empty subject" };
  }
  return null;
}

/**
 * Extensions whose contents a relying party relies on must decode: a subjectAltName that does not parse on any
 * certificate of the path, or nameConstraints on the signing certificate (§4.2.1.10: CA certificates only), reject it.
 *
 * @param path - signing certificate first, the anchor's certificate last
 * @returns the first failure, or `null`
 * @example
 * ```ts
 * const issue = checkExtensionForms([leaf, ca, root]);
 * ```
 */
export function checkExtensionForms(path: readonly Certificate[]): PathIssue | null {
  for (let i = 0; i < path.length; i++) {
    const san = path[i]!.subjectAltNames;
    if (san && !san.ok) return { reason: "MALFORMED_EXTENSION", index: i, detail: `subjectAltName: ${san.error}` };
    if (san?.ok && san.value.length === 0) return { reason: "MALFORMED_EXTENSION", index: i, detail: "subjectAltName names nothing" };
  }
  const leaf = path[0]!;
  if (leaf.basicConstraints?.ca !== true && leaf.extensions.some((e) => e.oid === OID.nameConstraints)) {
    return { reason: "MALFORMED_EXTENSION", index: 0, detail: "nameConstraints in a certificate that is not a CA (RFC 5280 §4.2.1.10)" };
  }
  return null;
}

// RFC 5280 §4 issuance rules, enforced only under the `rfc5280-strict` certificate profile: what a conforming CA must put
// in a certificate. A relying party (§6) need not refuse a certificate that breaks them, so the default profile does not.

/** The path (signing certificate first, anchor last) and the build's signature checker: what the strict rules read. */
export interface ProfileContext {
  readonly path: readonly Certificate[];
  readonly sigs: Pick<SignatureChecker, "verify">;
}

/** One strict rule over the whole path: `null` when the path keeps it. */
export type ProfileCheck = (ctx: ProfileContext) => PathIssue | null | Promise<PathIssue | null>;

const violation = (index: number, detail: string): PathIssue => ({ reason: "PROFILE_VIOLATION", index, detail });
const ext = (cert: Certificate, oid: string) => cert.extensions.find((e) => e.oid === oid);

/** Whether `path[i]` is self-signed: self-issued, and signed by its own key (the anchor's signature is checked here). */
async function selfSigned(ctx: ProfileContext, i: number): Promise<boolean> {
  const cert = ctx.path[i]!;
  if (!cert.selfIssued) return false;
  const above = ctx.path[i + 1];
  if (above) return sameKey(cert, above);
  // Fail closed: a spent budget or a bad self-signature is not "self-signed".
  return (await ctx.sigs.verify(cert, cert.spki))?.ok === true;
}

/**
 * RFC 5280 §4.2.1.1: authorityKeyIdentifier is non-critical everywhere, and its keyIdentifier is present on every
 * certificate below the anchor that is not self-signed. The anchor's own issuer lies outside the path, so its key
 * identifier helps build nothing (and upstream suites disagree about requiring it).
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = await checkAuthorityKeyIdProfile({ path: [leaf, root], sigs });
 * ```
 */
export const checkAuthorityKeyIdProfile: ProfileCheck = async (ctx) => {
  for (let i = 0; i < ctx.path.length; i++) {
    const cert = ctx.path[i]!;
    if (ext(cert, OID.authorityKeyIdentifier)?.critical) return violation(i, "RFC 5280 4.2.1.1: authorityKeyIdentifier marked critical");
    const belowAnchor = i < ctx.path.length - 1;
    if (belowAnchor && !cert.authorityKeyId?.keyId && !(await selfSigned(ctx, i))) {
      return violation(i, "RFC 5280 4.2.1.1: authorityKeyIdentifier missing (keyIdentifier required unless self-signed)");
    }
  }
  return null;
};

/**
 * RFC 5280 §4.2.1.2: subjectKeyIdentifier is non-critical everywhere and present on every CA certificate (cA TRUE).
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = checkSubjectKeyIdProfile({ path: [leaf, root], sigs });
 * ```
 */
export const checkSubjectKeyIdProfile: ProfileCheck = ({ path }) => {
  for (let i = 0; i < path.length; i++) {
    const cert = path[i]!;
    if (ext(cert, OID.subjectKeyIdentifier)?.critical) return violation(i, "RFC 5280 4.2.1.2: subjectKeyIdentifier marked critical");
    if (cert.basicConstraints?.ca && !cert.subjectKeyId) return violation(i, "RFC 5280 4.2.1.2: subjectKeyIdentifier missing from a CA certificate");
  }
  return null;
};

/**
 * RFC 5280 §4.1.2.2: the serial number of every certificate below the anchor is a positive integer of at most 20 octets
 * (the anchor's serial identifies it to an issuer outside the path; long-lived roots with serial 0 exist).
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = checkSerialNumberProfile({ path: [leaf, root], sigs });
 * ```
 */
export const checkSerialNumberProfile: ProfileCheck = ({ path }) => {
  for (let i = 0; i < Math.max(1, path.length - 1); i++) {
    const serial = path[i]!.serial;
    if (serial.length > 20) return violation(i, `RFC 5280 4.1.2.2: serial number of ${serial.length} octets (at most 20)`);
    if ((serial[0] ?? 0) & 0x80) return violation(i, "RFC 5280 4.1.2.2: serial number is negative");
    if (serial.every((b) => b === 0)) return violation(i, "RFC 5280 4.1.2.2: serial number is zero");
  }
  return null;
};

/**
 * RFC 5280 §4.2.1.9, §4.2.1.3: a v3 self-signed anchor that issues on the path carries basicConstraints, critical, with
 * cA TRUE, and, when it has keyUsage, keyCertSign (cA without keyCertSign is inconsistent).
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the violation, or `null`
 * @example
 * ```ts
 * const issue = await checkAnchorCaProfile({ path: [leaf, root], sigs });
 * ```
 */
export const checkAnchorCaProfile: ProfileCheck = async (ctx) => {
  const i = ctx.path.length - 1;
  const anchor = ctx.path[i]!;
  if (i === 0 || anchor.version !== 3 || !(await selfSigned(ctx, i))) return null;
  const bc = ext(anchor, OID.basicConstraints);
  if (!bc) return violation(i, "RFC 5280 4.2.1.9: basicConstraints missing from a CA certificate");
  if (!bc.critical) return violation(i, "RFC 5280 4.2.1.9: basicConstraints not marked critical in a CA certificate");
  if (!anchor.basicConstraints?.ca) return violation(i, "RFC 5280 4.2.1.9: basicConstraints cA is not TRUE in a CA certificate");
  if (anchor.keyUsage && !anchor.keyUsage.has("keyCertSign")) return violation(i, "RFC 5280 4.2.1.3: cA is TRUE but keyUsage lacks keyCertSign");
  return null;
};

/**
 * RFC 5280 §4.2.1.9, §4.2.1.3: no certificate asserts keyCertSign without cA TRUE.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = checkKeyCertSignProfile({ path: [leaf, root], sigs });
 * ```
 */
export const checkKeyCertSignProfile: ProfileCheck = ({ path }) => {
  const i = path.findIndex((c) => c.keyUsage?.has("keyCertSign") && c.basicConstraints?.ca !== true);
  return i < 0 ? null : violation(i, "RFC 5280 4.2.1.9: keyUsage asserts keyCertSign without cA TRUE");
};

/**
 * RFC 5280 §4.1.2.6, §4.2.1.6: a certificate with an empty subject has a critical subjectAltName.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = checkEmptySubjectProfile({ path: [leaf, root], sigs });
 * ```
 */
export const checkEmptySubjectProfile: ProfileCheck = ({ path }) => {
  for (let i = 0; i < path.length; i++) {
    if (path[i]!.subject.rdns.length > 0) continue;
    const san = ext(path[i]!, OID.subjectAltName);
    if (!san) return violation(i, "RFC 5280 4.1.2.6: empty subject without subjectAltName");
    if (!san.critical) return violation(i, "RFC 5280 4.2.1.6: subjectAltName not marked critical while the subject is empty");
  }
  return null;
};

/** Extensions a conforming CA must mark critical, with the section that says so. */
const MUST_BE_CRITICAL: readonly { readonly oid: string; readonly name: string; readonly section: string }[] = [
  { oid: OID.nameConstraints, name: "nameConstraints", section: "4.2.1.10" },
  { oid: OID.policyConstraints, name: "policyConstraints", section: "4.2.1.11" },
];

/**
 * RFC 5280 §4.2.1.10, §4.2.1.11: nameConstraints and policyConstraints are marked critical.
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = checkCriticalityProfile({ path: [leaf, ca, root], sigs });
 * ```
 */
export const checkCriticalityProfile: ProfileCheck = ({ path }) => {
  for (let i = 0; i < path.length; i++) {
    for (const rule of MUST_BE_CRITICAL) {
      const e = ext(path[i]!, rule.oid);
      if (e && !e.critical) return violation(i, `RFC 5280 ${rule.section}: ${rule.name} not marked critical`);
    }
  }
  return null;
};

/** A DNS name in preferred name syntax (RFC 1034 §3.5, letters, digits, hyphens; underscores tolerated), `*` first if `wildcard`. */
function dnsSyntax(name: string, wildcard: boolean): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split(".");
  return labels.every((l, k) => (wildcard && k === 0 && l === "*" && labels.length > 1) || /^[A-Za-z0-9_-]{1,63}$/.test(l));
}

/** A mailbox (RFC 5280 §4.2.1.6, RFC 5321 §4.1.2): one local part (dot-string or quoted), `@`, a domain. */
function mailboxSyntax(name: string): boolean {
  const at = name.lastIndexOf("@");
  if (at <= 0) return false;
  const local = name.slice(0, at);
  const localOk = /^"(?:[^"\\]|\\.)*"$/.test(local) || /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local);
  return localOk && dnsSyntax(name.slice(at + 1), false);
}

/** Why one name breaks its syntax, or `null`; `constraint` reads a name-constraint base (§4.2.1.10) rather than a SAN. */
function nameSyntaxFault(n: GeneralName, constraint: boolean): string | null {
  if (n.form === "dNSName") {
    // An empty dNSName constraint covers every name; a leading period is URI and rfc822Name constraint syntax only.
    if (constraint && n.value === "") return null;
    return dnsSyntax(n.value, !constraint) ? null : `dNSName "${n.value}" is not a valid DNS name`;
  }
  if (n.form === "rfc822Name") {
    if (constraint && !n.value.includes("@")) return dnsSyntax(n.value.replace(/^\./, ""), false) ? null : `rfc822Name constraint "${n.value}" is not a valid host or domain`;
    return mailboxSyntax(n.value) ? null : `rfc822Name "${n.value}" is not a valid mailbox`;
  }
  return null;
}

/**
 * RFC 5280 §4.2.1.6, §4.2.1.10: dNSName and rfc822Name entries in subjectAltName and in name-constraint subtrees are
 * well formed (a DNS name without empty labels, a constraint without a leading period, a mailbox with one `@`).
 *
 * @param ctx - the path (signing certificate first, anchor last) and the signature checker
 * @returns the first violation, or `null`
 * @example
 * ```ts
 * const issue = checkNameSyntaxProfile({ path: [leaf, ca, root], sigs });
 * ```
 */
export const checkNameSyntaxProfile: ProfileCheck = ({ path }) => {
  for (let i = 0; i < path.length; i++) {
    // Undecodable extensions are the relying-party checks' business; these rules read only what decodes.
    const san = path[i]!.subjectAltNames;
    const names = san?.ok ? san.value : [];
    for (const n of names) {
      const fault = nameSyntaxFault(n, false);
      if (fault) return violation(i, `RFC 5280 4.2.1.6: subjectAltName ${fault}`);
    }
    const decoded = path[i]!.nameConstraints;
    const nc = decoded?.ok ? decoded.value : undefined;
    if (!nc || "unsupported" in nc) continue;
    for (const n of [...(nc.permitted ?? []), ...nc.excluded]) {
      const fault = nameSyntaxFault(n, true);
      if (fault) return violation(i, `RFC 5280 4.2.1.10: nameConstraints ${fault}`);
    }
  }
  return null;
};


/**
 * The RFC 5280 §4 issuance rules of the `rfc5280-strict` profile, in the order they are reported.
 *
 * @example
 * ```ts
 * for (const check of STRICT_PROFILE_CHECKS) if (await check({ path, sigs })) break;
 * ```
 */
export const STRICT_PROFILE_CHECKS: readonly ProfileCheck[] = [
  checkSerialNumberProfile,
  checkAuthorityKeyIdProfile,
  checkSubjectKeyIdProfile,
  checkAnchorCaProfile,
  checkKeyCertSignProfile,
  checkEmptySubjectProfile,
  checkCriticalityProfile,
  checkNameSyntaxProfile,
];
