import type { Env, VerifyOutcome } from "../../crypto/types.js";
import type { VerifyOptions } from "../../crypto/verify.js";
import { decodeCertificate, type Certificate } from "../../model/certificate.js";
import { sameName } from "../../model/name.js";
import type { XmlSignatureUnderTest } from "./signature-under-test.js";

/** The signing certificate of an XML signature and what checking SignatureValue with it said. */
export interface XmlSigningCertificate {
  /** The certificate whose key verifies SignatureValue; else the end-entity one; `undefined` when none is embedded. */
  readonly certificate: Certificate | undefined;
  /** The outcome with that certificate's key (`ok: false` when none verified). */
  readonly outcome: VerifyOutcome | undefined;
  /** Every embedded certificate that decodes: path candidates. */
  readonly candidates: readonly Certificate[];
  /** Embedded values that are not certificates, as reasons. */
  readonly undecodable: readonly string[];
}

/** The certificate that issued no other in the set; else the first. */
function endEntity(certs: readonly Certificate[]): Certificate {
  return certs.find((c) => !certs.some((o) => o !== c && !o.selfIssued && sameName(o.issuer, c.subject))) ?? certs[0]!;
}

/**
 * Picks the signing certificate among a signature's `X509Certificate`s (xml.md rule 5): the one whose key verifies
 * SignatureValue; if none does, the end-entity one, with its failed outcome. `X509SubjectName` is never used.
 *
 * @param signature - the signature under test
 * @param env - WebCrypto and the key cache
 * @param options - `algorithms: "strict"` refuses legacy algorithms and keys
 * @returns the certificate, the outcome with it, and the candidates
 * @example
 * ```ts
 * const { certificate, outcome } = await selectSigningCertificate(sig, { crypto, keys: createKeyCache(16) });
 * outcome?.ok; // true when SignatureValue verifies
 * ```
 */
export async function selectSigningCertificate(signature: XmlSignatureUnderTest, env: Env, options: VerifyOptions = {}): Promise<XmlSigningCertificate> {
  const candidates: Certificate[] = [];
  const undecodable: string[] = [];
  for (const der of signature.certificates) {
    try {
      candidates.push(decodeCertificate(der));
    } catch (err) {
      undecodable.push((err as Error).message);
    }
  }
  if (candidates.length === 0) return { certificate: undefined, outcome: undefined, candidates, undecodable };
  const outcomes = new Map<Certificate, VerifyOutcome>();
  for (const c of candidates) {
    const outcome = await signature.verifyWith(c.spki, env, options);
    if (outcome.ok) return { certificate: c, outcome, candidates, undecodable };
    outcomes.set(c, outcome);
  }
  const fallback = endEntity(candidates);
  return { certificate: fallback, outcome: outcomes.get(fallback), candidates, undecodable };
}
