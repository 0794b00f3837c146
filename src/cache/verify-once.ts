import { verifySignature } from "../crypto/verify.js";
import { viewKey } from "./spki-key.js";
import { MemoSlot } from "./memo-slot.js";
import type { Env, VerifyOutcome, VerifyRequest, WebCrypto } from "../crypto/types.js";

/** The checks one WebCrypto answered about one signed object (CRL, OCSP response, certificate). */
interface Answers {
  /** By policy and key bytes. */
  readonly results: Map<string, Promise<VerifyOutcome>>;
  /** The same answers by the key's view object, then policy. */
  readonly views: WeakMap<Uint8Array, Partial<Record<"default" | "strict", Promise<VerifyOutcome>>>>;
}

/**
 * Answers by signed object, then by the WebCrypto that gave them: a caller's own implementation is asked itself, never
 * told another's answer. Kept on the signed object, so they go with it.
 */
const answersOf = new MemoSlot<object, WeakMap<WebCrypto, Answers>>();

/** At most this many distinct keys are remembered per signed object: a CRL is checked against very few issuer keys. */
const MAX_KEYS_PER_OBJECT = 16;

/**
 * Verifies a signature once per (WebCrypto, signed object, signer key, algorithm policy), so a CRL consulted for many
 * certificates, or a CA certificate on every path, is checked once. Only valid signatures are remembered past their
 * check: a failure may be the verifier's error (an engine that rejects), which is no answer. The cache is held weakly:
 * it goes when the signed object does.
 *
 * @param owner - the decoded object whose signature this is (its identity is the cache key)
 * @param req - the verification request
 * @param env - crypto capabilities
 * @param algorithms - the algorithm policy
 * @returns the outcome; a verifier that throws yields a failure, never a success
 * @example
 * ```ts
 * const outcome = await verifyOnce(crl, { signatureAlgorithm: crl.signatureAlgorithm, spki: issuer.spki,
 *   signature: crl.signature, data: crl.tbs }, env, "default");
 * ```
 */
export function verifyOnce(
  owner: object,
  req: VerifyRequest,
  env: Env,
  algorithms: "default" | "strict",
): Promise<VerifyOutcome> {
  let byCrypto = answersOf.get(owner);
  if (!byCrypto) answersOf.set(owner, (byCrypto = new WeakMap()));
  let answers = byCrypto.get(env.crypto);
  if (!answers) byCrypto.set(env.crypto, (answers = { results: new Map(), views: new WeakMap() }));
  const { results: perOwner, views: byView } = answers;
  // First by the key's view object (a decoded certificate's `spki`, a snapshot), which needs no string key.
  const seen = byView.get(req.spki)?.[algorithms];
  if (seen) return seen;
  const key = `${algorithms}:${viewKey(req.spki)}`;
  const known = perOwner.get(key);
  if (known) {
    byView.set(req.spki, { ...byView.get(req.spki), [algorithms]: known });
    return known;
  }
  // Started now, not a tick later: where importKey runs on the calling thread, a caller that awaits the import can then
  // count on the verification being under way. (An async function turns a verifier's synchronous throw into a rejection.)
  const outcome = verifySignature(req, env, { algorithms })
    .catch(
    (err: unknown): VerifyOutcome => ({ ok: false, code: "SIGNATURE_INVALID", detail: `verifier error: ${String(err)}` }),
  );
  if (perOwner.size >= MAX_KEYS_PER_OBJECT) perOwner.clear();
  perOwner.set(key, outcome);
  byView.set(req.spki, { ...byView.get(req.spki), [algorithms]: outcome });
  // Only a valid signature is kept once settled: a failure may be the verifier's error rather than the signature's,
  // and a bad CRL is rare enough to check again.
  void outcome.then((o) => {
    if (o.ok) return;
    if (perOwner.get(key) === outcome) perOwner.delete(key);
    const byPolicy = byView.get(req.spki);
    if (byPolicy?.[algorithms] === outcome) byView.set(req.spki, { ...byPolicy, [algorithms]: undefined });
  });
  return outcome;
}
