import type { Env } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import { sameName } from "../model/name.js";
import type { TrustList } from "../model/trust-list.js";
import { indexCandidates, listedWithSubject } from "../path/candidates.js";
import { checkCertificateSignature } from "../path/signatures.js";
import type { RevocationSources } from "../revocation/types.js";
import { verifyOnce } from "../cache/verify-once.js";

/** Most certificates followed up the guessed chain. */
const MAX_LINKS = 6;
/** Most CRL signatures started ahead. */
const MAX_CRLS = 8;

/** What a prefetch reads: the signing certificate, where its issuers may come from, and the evidence. */
export interface PrefetchRequest {
  readonly leaf: Certificate;
  readonly candidates: readonly Certificate[];
  readonly trustList: TrustList;
  readonly revocation: RevocationSources | null;
  /** Crypto and the key source the path and revocation checks consult. */
  readonly env: Env;
  readonly algorithms: "default" | "strict";
}

/** One certificate of the guessed chain and the certificate guessed to have issued it. */
interface Link {
  readonly cert: Certificate;
  readonly issuer: Certificate;
}

const ignore = (): undefined => undefined;

/** The chain names suggest: the best-ranked issuer at each step, up to a listed or self-issued certificate. */
function guessChain(req: PrefetchRequest): Link[] {
  const index = indexCandidates(req.candidates, req.trustList, "signing");
  const chain: Certificate[] = [req.leaf];
  const links: Link[] = [];
  let cert = req.leaf;
  while (links.length < MAX_LINKS) {
    const issuer = index.issuersOf(cert, chain)[0];
    if (issuer === undefined) break;
    links.push({ cert, issuer: issuer.certificate });
    if (issuer.listed || issuer.certificate.selfIssued) break;
    cert = issuer.certificate;
    chain.push(cert);
  }
  return links;
}

/**
 * Starts, without waiting, the certificate and CRL signature checks a validation of `leaf` will most likely make, so
 * their key imports and verifications overlap instead of following one another as the path search goes up.
 *
 * The chain is guessed by names alone, and only issuers whose key is new to the key cache are worth it: with a warm
 * cache the guesses would cost more than they save. Nothing is decided here. The answers land in the memos the path and
 * revocation checks consult (imported keys, the verification memo, the CRL verification cache), which give the same
 * answer to the same question whoever asked first. A wrong guess costs one wasted check; at most {@link MAX_LINKS}
 * certificates and {@link MAX_CRLS} CRLs are tried. Each key's import is awaited before the next starts: where
 * `importKey` runs on the calling thread (Node), that lets the verification it enables begin on a worker meanwhile.
 *
 * @param req - the signing certificate, candidates, trust list, evidence and path environment
 * @example
 * ```ts
 * prefetchChecks({ leaf, candidates, trustList, revocation, env, algorithms: "default" });
 * const path = await buildPath({ ... }); // finds its checks under way
 * ```
 */
export function prefetchChecks(req: PrefetchRequest): void {
  // A warm cache already holds the key of a certificate named as the signer's issuer: then so much is known that even
  // guessing the chain would cost more than it saves.
  const { leaf, env } = req;
  for (const c of req.candidates) {
    if (c !== leaf && sameName(c.subject, leaf.issuer) && env.keys.started(env.crypto, c.spki) !== undefined) return;
  }
  // The same for a listed CA named as the issuer (the usual case: the signer's CA is on the trust list, not in the
  // file), found through the list's index instead of indexing the candidates to guess a chain that starts nothing.
  for (const c of listedWithSubject(req.trustList, leaf.issuer, "signing")) {
    if (c !== leaf && env.keys.started(env.crypto, c.spki) !== undefined) return;
  }
  const links = guessChain(req).filter((l) => env.keys.started(env.crypto, l.issuer.spki) === undefined);
  if (links.length > 0) run(req, links).catch(ignore);
}

async function run(req: PrefetchRequest, links: readonly Link[]): Promise<void> {
  const crls = req.revocation?.crls ?? [];
  let started = 0;
  for (const { cert, issuer } of links) {
    void checkCertificateSignature(cert, issuer.spki, req.env, req.algorithms);
    await req.env.keys.started(req.env.crypto, issuer.spki)?.catch(ignore);
    for (const { crl } of crls) {
      if (started >= MAX_CRLS) break;
      if (!sameName(crl.issuer, issuer.subject) || issuer.keyUsage?.has("cRLSign") === false) continue;
      started++;
      const check = { signatureAlgorithm: crl.signatureAlgorithm, spki: issuer.spki, signature: crl.signature, data: crl.tbs };
      verifyOnce(crl, check, req.env, req.algorithms).catch(ignore);
    }
    // One turn, so the verifications just started reach a worker before the next import holds the thread.
    await undefined;
  }
}
