import { bytesEqual } from "../lib/bytes.js";
import { iso } from "../lib/iso.js";
import { OID } from "../asn1/oids.js";
import type { Certificate } from "../model/certificate.js";
import { formatName, sameName } from "../model/name.js";
import type { Statement } from "./assess.js";
import { issuerEntryKey } from "../model/crl.js";
import { ALL_REASONS } from "../model/distribution-point.js";
import { crlScopeProblem, namesCrlIssuer } from "./crl-scope.js";
import type { JudgeContext, Judged } from "./judged.js";
import type { Crl, CrlEntry, EvidenceOrigin } from "./types.js";
import { verifyOnce } from "../cache/verify-once.js";

/** Most certificates tried as the signer of one CRL: the issuer and a few same-name CRL signers. */
const MAX_SIGNERS = 8;

/** Structural refusals, cheapest first; each yields a reason or nothing. The signer is sought after these. */
const CRL_RULES: readonly ((crl: Crl, ctx: JudgeContext) => string | undefined)[] = [
  (crl) =>
    crl.hasCertificateIssuerEntries && crl.issuingDistributionPoint?.indirectCRL !== true ? "certificateIssuer entries in a CRL not marked indirect (RFC 5280 §5.3.3)" : undefined,
  (crl) => (crl.unattributableEntries ? "a certificateIssuer entry names no directory name: later entries cannot be attributed" : undefined),
  (crl) =>
    crl.unknownCriticalExtensions.length > 0 ? `unknown critical CRL extension ${crl.unknownCriticalExtensions.join(", ")}` : undefined,
  (crl) =>
    crl.unknownCriticalEntryExtensions.length > 0
      ? `unknown critical CRL entry extension ${crl.unknownCriticalEntryExtensions.join(", ")}`
      : undefined,
  // RFC 5280 §5.2.3: a v2 CRL carries cRLNumber, non-critical (v1 CRLs have no extensions at all and stay usable).
  (crl) => (crl.version === 2 && crl.crlNumber === undefined ? "v2 CRL without cRLNumber (RFC 5280 §5.2.3)" : undefined),
  (crl) => (crl.extensions.some((e) => e.oid === OID.cRLNumber && e.critical) ? "cRLNumber marked critical (RFC 5280 §5.2.3)" : undefined),
  (crl, ctx) => crlScopeProblem(crl, ctx.certificate),
];

/**
 * The certificates that may have signed the CRL: the certificate's issuer when it issued the CRL, then CRL signers the
 * caller validated (a separate CRL-signing key of the same CA, an indirect CRL issuer) with the CRL issuer's name.
 */
function signerCandidates(crl: Crl, ctx: JudgeContext): Certificate[] {
  const out: Certificate[] = [];
  if (sameName(crl.issuer, ctx.issuer.subject)) out.push(ctx.issuer);
  for (const c of ctx.crlSigners ?? []) {
    if (out.length >= MAX_SIGNERS) break;
    // The same certificate may arrive as another object (decoded twice): tried once, by content.
    if (sameName(c.subject, crl.issuer) && !out.some((o) => o === c || bytesEqual(o.der, c.der))) out.push(c);
  }
  return out;
}

/** Finds the candidate whose key verifies the CRL; the refusal explains why none did. */
async function findSigner(crl: Crl, ctx: JudgeContext): Promise<{ signer: Certificate } | { refused: string }> {
  const problems: string[] = [];
  for (const c of signerCandidates(crl, ctx)) {
    // The issuer without keyUsage may sign its CRLs (RFC 5280 §4.2.1.3 leaves it open); any other signer must say cRLSign.
    if (c === ctx.issuer ? c.keyUsage && !c.keyUsage.has("cRLSign") : !c.keyUsage?.has("cRLSign")) {
      problems.push(c === ctx.issuer ? "issuer certificate's keyUsage does not allow cRLSign" : "a CRL signer's keyUsage does not allow cRLSign");
      continue;
    }
    const req = { signatureAlgorithm: crl.signatureAlgorithm, spki: c.spki, signature: crl.signature, data: crl.tbs };
    const outcome = await verifyOnce(crl, req, ctx.env, ctx.algorithms);
    if (!outcome.ok) {
      problems.push(`signature does not verify with the ${c === ctx.issuer ? "issuer's" : "CRL signer's"} key: ${outcome.code} (${outcome.detail})`);
      continue;
    }
    if (ctx.algorithms === "strict" && outcome.strength === "legacy") {
      problems.push("legacy signature algorithm refused under strict policy");
      continue;
    }
    return { signer: c };
  }
  return { refused: problems.length > 0 ? problems.join("; ") : "no validated certificate of the CRL issuer to check its signature" };
}

/** The entry about the certificate: the CRL issuer's own entries, or those a certificateIssuer attributes to its issuer. */
function entryFor(crl: Crl, cert: Certificate): CrlEntry | undefined {
  if (crl.issuer.key === cert.issuer.key) return crl.entries.get(cert.serialHex);
  return crl.entriesByIssuer.get(issuerEntryKey(cert.issuer.key, cert.serialHex));
}

/**
 * Judges one CRL for one certificate (semantics.md "Revocation evidence"; RFC 5280 §6.3.3): scope, signer (the issuer, a
 * separate CRL-signing key of the same CA, or an indirect CRL issuer named by cRLIssuer, each validated by the caller),
 * entries (certificateIssuer-attributed in an indirect CRL).
 *
 * @param crl - the CRL
 * @param origin - where it came from
 * @param ctx - the certificate, its issuer, validated CRL signers, crypto and algorithm policy
 * @returns `undefined` when the CRL is another issuer's (irrelevant, not reported); otherwise the report entry, with a
 * statement when accepted and `ref.rejected` when not
 * @example
 * ```ts
 * const judged = await judgeCrl(crl, "caller", { certificate, issuer, env, algorithms: "default" });
 * judged?.ref.rejected; // e.g. "signature does not verify with the issuer's key: SIGNATURE_INVALID"
 * ```
 */
export async function judgeCrl(crl: Crl, origin: EvidenceOrigin, ctx: JudgeContext): Promise<Judged | undefined> {
  if (!sameName(crl.issuer, ctx.certificate.issuer) && !namesCrlIssuer(crl, ctx.certificate)) return undefined;
  const base = {
    type: "crl" as const,
    origin,
    issuer: formatName(crl.issuer),
    thisUpdate: iso(crl.thisUpdate),
    nextUpdate: iso(crl.nextUpdate),
  };
  const reject = (rejected: string): Judged => ({ ref: { ...base, rejected } });
  const decoded = crl;
  for (const rule of CRL_RULES) {
    const problem = rule(decoded, ctx);
    if (problem) return reject(problem);
  }
  const found = await findSigner(decoded, ctx);
  if ("refused" in found) return reject(found.refused);
  const times = { thisUpdate: decoded.thisUpdate, ...(decoded.nextUpdate === undefined ? {} : { nextUpdate: decoded.nextUpdate }) };
  const source = { issuerKey: decoded.issuer.key, ...(decoded.crlNumber === undefined ? {} : { number: decoded.crlNumber }) };
  const entry = entryFor(decoded, ctx.certificate);
  const removed = entry?.reason === "removeFromCRL";
  const listing =
    entry !== undefined && !removed
      ? { says: "listed" as const, at: entry.revocationDate, reason: entry.reason, ...invalidity(entry.invalidityDate) }
      : undefined;
  if (decoded.deltaBase !== undefined) {
    // A delta speaks only merged with a complete CRL it builds on (revocationStatus merges; alone it proves nothing).
    const delta = { base: decoded.deltaBase, change: listing ? ("listed" as const) : removed ? ("removed" as const) : ("silent" as const) };
    return { ref: base, statement: { ...times, ...(listing ?? { says: "clear" as const }), partial: true, source, delta } };
  }
  const reasons = (decoded.issuingDistributionPoint?.reasons ?? ALL_REASONS) & ALL_REASONS;
  // A signed revocation entry is a revocation whatever the CRL's scope; silence in a reason-partitioned CRL covers only
  // its reasons (revocationStatus unites several to full coverage).
  if (reasons !== ALL_REASONS) return { ref: base, statement: { ...times, ...(listing ?? { says: "clear" as const }), partial: true, reasons, source } };
  const statement: Statement = { ...times, ...(listing ?? { says: "clear" as const }), source };
  return { ref: base, statement };
}

const invalidity = (t: number | undefined): { invalidityDate?: number } => (t === undefined ? {} : { invalidityDate: t });
