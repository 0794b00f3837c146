import { OID } from "../asn1/oids.js";
import { formatName, sameName } from "../model/name.js";
import type { Statement } from "./assess.js";
import { decodeCrl, type DecodedCrl } from "./crl.js";
import { coversSomeReasonsOnly, crlScopeProblem } from "./crl-scope.js";
import { isoOrNull, type JudgeContext, type Judged } from "./judged.js";
import type { Crl, EvidenceOrigin } from "./types.js";
import { verifyOnce } from "./verify-cache.js";

function isDecoded(crl: Crl): crl is DecodedCrl {
  return "unknownCriticalExtensions" in crl && "unknownCriticalEntryExtensions" in crl;
}

/** Structural refusals, cheapest first; each yields a reason or nothing. Signature is checked after these. */
const CRL_RULES: readonly ((crl: DecodedCrl, ctx: JudgeContext) => string | undefined)[] = [
  (crl, ctx) => (sameName(crl.issuer, ctx.issuer.subject) ? undefined : "CRL issuer is not the issuer certificate's subject"),
  (crl) => (crl.hasCertificateIssuerEntries ? "indirect CRL (certificateIssuer entries): not supported yet" : undefined),
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
  (_crl, ctx) =>
    ctx.issuer.keyUsage && !ctx.issuer.keyUsage.has("cRLSign") ? "issuer certificate's keyUsage does not allow cRLSign" : undefined,
];

/**
 * Judges one CRL for one certificate (semantics.md "Revocation evidence"; RFC 5280 §6.3.3 for scope).
 *
 * @param crl - the CRL
 * @param origin - where it came from
 * @param ctx - the certificate, its issuer, crypto and algorithm policy
 * @returns `undefined` when the CRL is another issuer's (irrelevant, not reported); otherwise the report entry, with a
 * statement when accepted and `ref.rejected` when not
 * @example
 * ```ts
 * const judged = await judgeCrl(crl, "caller", { certificate, issuer, env, algorithms: "default" });
 * judged?.ref.rejected; // e.g. "signature does not verify with the issuer's key: SIGNATURE_INVALID"
 * ```
 */
export async function judgeCrl(crl: Crl, origin: EvidenceOrigin, ctx: JudgeContext): Promise<Judged | undefined> {
  if (!sameName(crl.issuer, ctx.certificate.issuer)) return undefined;
  const base = {
    type: "crl" as const,
    origin,
    issuer: formatName(crl.issuer),
    thisUpdate: new Date(crl.thisUpdate).toISOString(),
    nextUpdate: isoOrNull(crl.nextUpdate),
  };
  const reject = (rejected: string): Judged => ({ ref: { ...base, rejected } });
  let decoded: DecodedCrl;
  try {
    // A Crl built elsewhere lacks the critical-extension flags: read them from its bytes rather than assume none.
    decoded = isDecoded(crl) ? crl : decodeCrl(crl.der);
  } catch (err) {
    return reject(`CRL does not decode: ${(err as Error).message}`);
  }
  for (const rule of CRL_RULES) {
    const problem = rule(decoded, ctx);
    if (problem) return reject(problem);
  }
  const outcome = await verifyOnce(
    decoded,
    { signatureAlgorithm: decoded.signatureAlgorithm, spki: ctx.issuer.spki, signature: decoded.signature, data: decoded.tbs },
    ctx.env,
    ctx.algorithms,
  );
  if (!outcome.ok) return reject(`signature does not verify with the issuer's key: ${outcome.code} (${outcome.detail})`);
  if (ctx.algorithms === "strict" && outcome.strength === "legacy") return reject("legacy signature algorithm refused under strict policy");
  const times = { thisUpdate: decoded.thisUpdate, ...(decoded.nextUpdate === undefined ? {} : { nextUpdate: decoded.nextUpdate }) };
  const entry = decoded.entries.get(ctx.certificate.serialHex);
  const listed = entry !== undefined && entry.reason !== "removeFromCRL";
  const partial = partialReason(decoded);
  if (partial !== undefined) {
    // A signed revocation entry is a revocation whatever the CRL's scope; silence or removal in such a CRL proves nothing.
    if (!listed) return reject(`${partial}: not supported yet, and it does not list the certificate`);
    return { ref: base, statement: { ...times, says: "listed", at: entry.revocationDate, reason: entry.reason, partial: true, ...invalidity(entry.invalidityDate) } };
  }
  const statement: Statement = listed
    ? { ...times, says: "listed", at: entry.revocationDate, reason: entry.reason, ...invalidity(entry.invalidityDate) }
    : { ...times, says: "clear" };
  return { ref: base, statement };
}

const invalidity = (t: number | undefined): { invalidityDate?: number } => (t === undefined ? {} : { invalidityDate: t });

/** Why a CRL's silence cannot be trusted alone, if it cannot. */
function partialReason(crl: DecodedCrl): string | undefined {
  if (crl.deltaBase !== undefined) return "delta CRL (merging with its base CRL)";
  if (coversSomeReasonsOnly(crl)) return "CRL covering only some reasons (onlySomeReasons)";
  return undefined;
}
