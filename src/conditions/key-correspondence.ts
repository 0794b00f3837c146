import { toHex } from "../lib/hex.js";
import { bytesEqual } from "../lib/bytes.js";
import { MemoSlot } from "../cache/memo-slot.js";
import { digest, type DigestResult } from "../crypto/digest.js";
import { importStarted } from "../crypto/import-key.js";
import { verifySignerSignature } from "../crypto/signer-signature.js";
import { DIGESTS } from "../policy/algorithms.js";
import type { VerifyFailure } from "../crypto/types.js";
import { finding } from "../report/finding.js";
import type { ConditionCode } from "../report/codes.js";
import type { ConditionResult } from "../report/types.js";
import { sameName } from "../model/name.js";
import { type Certificate } from "../model/certificate.js";
import type { AlgorithmIdentifier } from "../model/algorithm.js";
import type { EssCertId } from "../input/signed-attributes.js";
import type { SignatureContext } from "./context.js";

/** How a verification failure maps to this condition's codes. */
const VERIFY_CODES: Readonly<Record<VerifyFailure, ConditionCode>> = {
  SIGNATURE_INVALID: "SIGNATURE_INVALID",
  MALFORMED_SIGNATURE: "SIGNATURE_INVALID",
  MALFORMED_KEY: "SIGNATURE_INVALID",
  ALGORITHM_KEY_MISMATCH: "SIGNATURE_INVALID",
  WEAK_ALGORITHM: "WEAK_ALGORITHM",
  UNSUPPORTED_ALGORITHM: "UNSUPPORTED_ALGORITHM",
};

/** When several checks fail, the first in this order is reported; all are listed in the evidence. */
const PRECEDENCE: readonly ConditionCode[] = [
  "SIGNATURE_INVALID",
  "HASH_MISMATCH",
  "SIGNING_CERT_MISMATCH",
  "MALFORMED_SIGNED_ATTRIBUTES",
  "WEAK_ALGORITHM",
  "KEY_USAGE",
  "UNSUPPORTED_ALGORITHM",
  "SIGNED_DATA_NOT_FOUND",
];

/** What {@link keyCorrespondence} reads. */
export type KeyCorrespondenceInput = Pick<
  SignatureContext,
  "signedData" | "signer" | "attributes" | "signingCertificate" | "content" | "policy" | "env"
>;

interface Problem {
  readonly code: ConditionCode;
  readonly detail: string;
}

/** Content from this size on is hashed after the signature check is requested (see keyCorrespondence). */
const LARGE_CONTENT = 64 * 1024;

/**
 * Certificate hashes by certificate object, WebCrypto and algorithm: a batch from one signer names the same certificate
 * each time. Keyed by the crypto too: a hash from one caller's WebCrypto is not an answer for another's.
 */
const certificateHashes = new MemoSlot<Certificate, WeakMap<Crypto, Map<string, Promise<DigestResult>>>>();

function certificateHash(cert: Certificate, alg: AlgorithmIdentifier, crypto: Crypto): Promise<DigestResult> {
  let byCrypto = certificateHashes.get(cert);
  if (!byCrypto) certificateHashes.set(cert, (byCrypto = new WeakMap()));
  let byAlgorithm = byCrypto.get(crypto);
  if (!byAlgorithm) byCrypto.set(crypto, (byAlgorithm = new Map()));
  const key = `${alg.oid}|${alg.params ? toHex(alg.params) : ""}`;
  let hash = byAlgorithm.get(key);
  if (!hash) {
    const map = byAlgorithm;
    byAlgorithm.set(key, (hash = digest(alg, cert.der, crypto)));
    hash.catch(() => map.delete(key)); // an error is not an answer: ask again next time
  }
  return hash;
}

async function essMatches(id: EssCertId, cert: Certificate, crypto: Crypto): Promise<string | undefined> {
  const d = await certificateHash(cert, id.hashAlgorithm, crypto);
  if (!d.ok) return `ESS certificate hash algorithm: ${d.detail}`;
  if (!bytesEqual(d.bytes, id.hash)) return "ESS certHash differs from the signing certificate's hash";
  const is = id.issuerSerial;
  if (is && (is.serialHex !== cert.serialHex || !is.issuers.some((n) => sameName(n, cert.issuer)))) {
    return "ESS issuerSerial differs from the signing certificate";
  }
  return undefined;
}

/**
 * Art. 9(1) "verifiable with the public key" and Art. 9(2) "created with the matching private key": the signature
 * verifies with the signing certificate's key over exactly the signed content (RFC 5652 §5.4, §5.6), with acceptable
 * algorithms and a key usage that allows signing.
 *
 * @param ctx - the parts of the signature's context it reads (it needs no path, so it can run beside path building)
 * @returns the condition result
 */
export async function keyCorrespondence(ctx: KeyCorrespondenceInput): Promise<ConditionResult> {
  const cert = ctx.signingCertificate;
  if (!cert) return finding("keyCorrespondence", "SIGNING_CERT_NOT_FOUND");
  const { signer, attributes, content, policy, env } = ctx;
  const problems: Problem[] = [];
  const add = (code: ConditionCode, detail: string): void => void problems.push({ code, detail });
  const ku = cert.keyUsage;
  if (ku && !ku.has("digitalSignature") && !ku.has("nonRepudiation")) add("KEY_USAGE", "keyUsage lacks digitalSignature and nonRepudiation");

  const digestName = DIGESTS.get(signer.digestAlgorithm.oid)?.name;
  const withAttributes = signer.signedAttrs !== undefined && attributes !== undefined;
  const signedBytes = withAttributes ? signer.signedAttrs!.der : content;
  // The three cryptographic checks are independent: started together, their waits overlap. Problems are still
  // recorded in one fixed order, so the report does not depend on which finishes first.
  const verified = signedBytes ? verifySignerSignature(signer, cert.spki, signedBytes, env, { algorithms: policy.algorithms }) : undefined;
  verified?.catch(() => undefined); // awaited below; this only keeps an early failure elsewhere from leaving it unhandled
  const hashContent = withAttributes && content !== undefined;
  if (hashContent && verified && content.length >= LARGE_CONTENT) {
    // Once the key import the check awaits has settled, the check has been handed to WebCrypto (its continuation runs
    // first): on Node, a large digest requested before a concurrent verify put its copy of the content on fresh pages
    // (about 120 page faults per MiB instead of 12, 0.3 ms per MiB).
    await importStarted(env, cert.spki)?.catch(() => undefined);
  }
  const [essMismatch, contentDigest, outcome] = await Promise.all([
    withAttributes && attributes.signingCertificate ? essMatches(attributes.signingCertificate, cert, env.crypto) : undefined,
    hashContent ? digest(signer.digestAlgorithm, content, env.crypto, { algorithms: policy.algorithms }) : undefined,
    verified,
  ]);
  if (withAttributes) {
    for (const p of attributes.problems) add("MALFORMED_SIGNED_ATTRIBUTES", p);
    if (attributes.contentType !== undefined && attributes.contentType !== ctx.signedData.eContentType) {
      add("MALFORMED_SIGNED_ATTRIBUTES", `contentType ${attributes.contentType} differs from eContentType ${ctx.signedData.eContentType}`);
    }
    if (essMismatch) add("SIGNING_CERT_MISMATCH", essMismatch);
    if (contentDigest === undefined) add("SIGNED_DATA_NOT_FOUND", "detached signature without the signed content");
    else if (!contentDigest.ok) add(contentDigest.code, contentDigest.detail);
    else if (attributes.messageDigest && !bytesEqual(contentDigest.bytes, attributes.messageDigest)) {
      add("HASH_MISMATCH", `messageDigest differs from the ${contentDigest.name} of the content`);
    }
  } else if (content === undefined) {
    add("SIGNED_DATA_NOT_FOUND", "detached signature without signed attributes and without the signed content");
  }

  let algorithm: string | undefined;
  let legacy = false;
  if (outcome?.ok) {
    algorithm = `${outcome.algorithms.signature} ${outcome.algorithms.digest}, ${outcome.algorithms.key}`;
    legacy = outcome.strength === "legacy";
  } else if (outcome) add(VERIFY_CODES[outcome.code], outcome.detail);

  const evidence = {
    signedAttributes: signer.signedAttrs !== undefined,
    signedAttributesReencoded: signer.signedAttrs ? !signer.signedAttrs.wasDer : false,
    contentSupplied: content !== undefined,
    digestAlgorithm: digestName ?? signer.digestAlgorithm.oid,
    ...(algorithm ? { algorithm } : {}),
    legacyAlgorithm: legacy,
    problems: problems.map((p) => ({ code: p.code, detail: p.detail })),
  };
  const decisive = PRECEDENCE.map((code) => problems.find((p) => p.code === code)).find((p) => p !== undefined);
  if (decisive) return finding("keyCorrespondence", decisive.code, evidence, { detail: decisive.detail });
  return finding("keyCorrespondence", "SIGNATURE_VALID", evidence, { algorithm });
}
