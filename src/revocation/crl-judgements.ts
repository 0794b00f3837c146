import { ObjectMemo } from "../cache/object-memos.js";
import type { KeySource, WebCrypto } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import { judgeCrl } from "./crl-evidence.js";
import type { JudgeContext, Judged } from "./judged.js";
import type { Crl, EvidenceOrigin } from "./types.js";

/** One accepted judgement and everything it was made from besides the CRL and the certificate. */
interface Accepted {
  readonly issuer: Certificate;
  readonly crlSigners: readonly Certificate[] | undefined;
  readonly crypto: WebCrypto;
  readonly keys: KeySource;
  readonly algorithms: "default" | "strict";
  readonly origin: EvidenceOrigin;
  readonly judged: Judged;
}

/** Most judgements remembered per (CRL, certificate): one per path it is judged on, rarely more than one. */
const MAX_PER_CERTIFICATE = 4;

/** Accepted judgements by CRL object, then by the certificate judged; kept with the CRL, rejections never kept. */
const accepted = new ObjectMemo<Crl, WeakMap<Certificate, Accepted[]>>("accepted CRL judgements");

const sameList = (a: readonly Certificate[] | undefined, b: readonly Certificate[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((c, i) => c === b[i]));

function matches(m: Accepted, origin: EvidenceOrigin, ctx: JudgeContext): boolean {
  return (
    m.issuer === ctx.issuer &&
    m.origin === origin &&
    m.algorithms === ctx.algorithms &&
    m.crypto === ctx.env.crypto &&
    m.keys === ctx.env.keys &&
    sameList(m.crlSigners, ctx.crlSigners)
  );
}

/**
 * {@link judgeCrl}, remembering accepted judgements. A judgement depends on no time (the statement's dates are weighed
 * later) and only on objects that do not change: decoded CRLs and certificates own their bytes when cached, and one-off
 * decodes die with their validation. So the same CRL, certificate, issuer, CRL signers, crypto, key cache, policy and
 * origin give the same judgement, and a batch from one signer judges each CRL once. Rejections are not kept: one may
 * be a verifier's error. The report entry is copied on every use, since it goes into a report the caller owns.
 *
 * @param crl - the CRL
 * @param origin - where it came from
 * @param ctx - the certificate, its issuer, validated CRL signers, crypto and algorithm policy
 * @returns as {@link judgeCrl}
 * @example
 * ```ts
 * const judged = await judgeCrlOnce(crl, "caller", { certificate, issuer, env, algorithms: "default" });
 * ```
 */
export async function judgeCrlOnce(crl: Crl, origin: EvidenceOrigin, ctx: JudgeContext): Promise<Judged | undefined> {
  const known = accepted.get(crl)?.get(ctx.certificate)?.find((m) => matches(m, origin, ctx));
  if (known) return { ...known.judged, ref: { ...known.judged.ref } };
  const judged = await judgeCrl(crl, origin, ctx);
  if (judged?.statement === undefined || judged.ref.rejected !== undefined) return judged;
  let byCertificate = accepted.get(crl);
  if (!byCertificate) accepted.set(crl, (byCertificate = new WeakMap()));
  let list = byCertificate.get(ctx.certificate);
  if (!list) byCertificate.set(ctx.certificate, (list = []));
  if (list.length >= MAX_PER_CERTIFICATE) list.shift();
  list.push({
    issuer: ctx.issuer,
    crlSigners: ctx.crlSigners ? [...ctx.crlSigners] : undefined,
    crypto: ctx.env.crypto,
    keys: ctx.env.keys,
    algorithms: ctx.algorithms,
    origin,
    judged: { ...judged, ref: { ...judged.ref } },
  });
  return judged;
}
