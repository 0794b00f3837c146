import { ObjectMemo } from "../../cache/object-memos.js";
import type { Binding, BindingProblem } from "../../conditions/binding.js";
import { digest, type DigestResult } from "../../crypto/digest.js";
import { verifySignerSignature } from "../../crypto/signer-signature.js";
import type { Env, VerifyFailure, WebCrypto } from "../../crypto/types.js";
import type { SignatureUnderTest, TimestampUnderTest } from "../../engine/signature-under-test.js";
import { bytesEqual, concat } from "../../lib/bytes.js";
import { toHex } from "../../lib/hex.js";
import type { AlgorithmIdentifier } from "../../model/algorithm.js";
import type { Certificate } from "../../model/certificate.js";
import { sameName } from "../../model/name.js";
import type { SignedData, SignerIdentifier, SignerInfo } from "../../model/signed-data.js";
import { DIGESTS, type Strength } from "../../policy/algorithms.js";
import type { Policy } from "../../policy/policy.js";
import type { Warning } from "../../report/types.js";
import { readSignedAttributes, type EssCertId, type SignedAttributeValues } from "./signed-attributes.js";

/** How a verification failure maps to keyCorrespondence codes (every format's binding check reports them so). */
export const VERIFY_CODES: Readonly<Record<VerifyFailure, BindingProblem["code"]>> = {
  SIGNATURE_INVALID: "SIGNATURE_INVALID",
  MALFORMED_SIGNATURE: "SIGNATURE_INVALID",
  MALFORMED_KEY: "SIGNATURE_INVALID",
  ALGORITHM_KEY_MISMATCH: "SIGNATURE_INVALID",
  WEAK_ALGORITHM: "WEAK_ALGORITHM",
  UNSUPPORTED_ALGORITHM: "UNSUPPORTED_ALGORITHM",
};

/** Content from this size on is hashed after the signature check is requested (see `bind`). */
const LARGE_CONTENT = 64 * 1024;

function names(sid: SignerIdentifier, cert: Certificate): boolean {
  if (sid.kind === "issuerSerial") return sid.serialHex === cert.serialHex && sameName(sid.issuer, cert.issuer);
  return cert.subjectKeyId !== undefined && bytesEqual(cert.subjectKeyId, sid.keyId);
}

/**
 * Certificate hashes by certificate, WebCrypto and algorithm, kept with the certificate: a batch from one signer names
 * the same certificate each time. An error is not an answer: it is asked again.
 */
const certificateHashes = new ObjectMemo<Certificate, WeakMap<WebCrypto, Map<string, Promise<DigestResult>>>>("ESS certificate hashes");

function certificateHash(cert: Certificate, alg: AlgorithmIdentifier, crypto: WebCrypto): Promise<DigestResult> {
  const byCrypto = certificateHashes.get(cert) ?? certificateHashes.set(cert, new WeakMap());
  let byAlgorithm = byCrypto.get(crypto);
  if (!byAlgorithm) byCrypto.set(crypto, (byAlgorithm = new Map()));
  const key = `${alg.oid}|${alg.params ? toHex(alg.params) : ""}`;
  let hash = byAlgorithm.get(key);
  if (!hash) {
    const map = byAlgorithm;
    byAlgorithm.set(key, (hash = digest(alg, cert.der, crypto)));
    hash.catch(() => map.delete(key));
  }
  return hash;
}

async function essMismatch(id: EssCertId, cert: Certificate, crypto: WebCrypto): Promise<string | undefined> {
  const d = await certificateHash(cert, id.hashAlgorithm, crypto);
  if (!d.ok) return `ESS certificate hash algorithm: ${d.detail}`;
  if (!bytesEqual(d.bytes, id.hash)) return "ESS certHash differs from the signing certificate's hash";
  const is = id.issuerSerial;
  if (is && (is.serialHex !== cert.serialHex || !is.issuers.some((n) => sameName(n, cert.issuer)))) {
    return "ESS issuerSerial differs from the signing certificate";
  }
  return undefined;
}

/** Signed content: one array, or byte ranges hashed as if joined (a PDF signature's). */
export type SignedContent = Uint8Array | readonly Uint8Array[];

const joined = (c: SignedContent): Uint8Array => (c instanceof Uint8Array ? c : c.length === 1 ? c[0]! : concat(c));

const contentLength = (c: SignedContent): number => (c instanceof Uint8Array ? c.length : c.reduce((n, p) => n + p.length, 0));

const weaker = (a: Exclude<Strength, "weak">, b: Exclude<Strength, "weak">): "ok" | "legacy" => (a === "legacy" || b === "legacy" ? "legacy" : "ok");

/**
 * One SignerInfo of a CMS SignedData as a signature under test (RFC 5652): named by its `sid`, bound by its signed
 * attributes (contentType, messageDigest, ESS signing certificate) and its signature over their DER, or by its
 * signature over the content itself.
 *
 * @param signedData - the SignedData
 * @param signer - the SignerInfo
 * @param content - the signed content: attached, or supplied for a detached signature (in parts when it is several byte
 *   ranges, as a PDF's); `undefined` when unknown
 * @param timestamps - the signature's RFC 3161 tokens, read by the caller (see `signerTimestamps`)
 * @returns the signature under test
 * @example
 * ```ts
 * const sut = cmsSigner(signedData, signedData.signers[0], contentBytes);
 * ```
 */
export function cmsSigner(
  signedData: SignedData,
  signer: SignerInfo,
  content: SignedContent | undefined,
  timestamps: readonly TimestampUnderTest[] = [],
): SignatureUnderTest {
  const attributes: SignedAttributeValues | undefined = signer.signedAttrs ? readSignedAttributes(signer.signedAttrs.attributes) : undefined;
  // Without signed attributes the signature covers the content itself, which WebCrypto verifies in one piece.
  const signedBytes = signer.signedAttrs?.der ?? (content === undefined ? undefined : joined(content));
  const warnings: Warning[] = [];
  return {
    claimedTime: attributes?.signingTime,
    warnings,
    timestamps,
    namedCertificates(pool) {
      const named = pool.filter((c) => names(signer.sid, c));
      return named.filter((c, i) => named.findIndex((d) => bytesEqual(d.der, c.der)) === i);
    },
    async verifiesWith(cert, env) {
      if (signedBytes === undefined) return false;
      return (await verifySignerSignature(signer, cert.spki, signedBytes, env)).ok;
    },
    bind: (cert, env, algorithms) => bindSigner(signedData, signer, attributes, content, cert, env, algorithms),
  };
}

async function bindSigner(
  signedData: SignedData,
  signer: SignerInfo,
  attributes: SignedAttributeValues | undefined,
  content: SignedContent | undefined,
  cert: Certificate,
  env: Env,
  algorithms: Policy["algorithms"],
): Promise<Binding> {
  const problems: BindingProblem[] = [];
  const add = (code: BindingProblem["code"], detail: string): void => void problems.push({ code, detail });
  const withAttributes = signer.signedAttrs !== undefined && attributes !== undefined;
  const signedBytes = withAttributes ? signer.signedAttrs!.der : content === undefined ? undefined : joined(content);
  // The cryptographic checks are independent: started together, their waits overlap. Problems are still recorded in
  // one fixed order, so the report does not depend on which finishes first.
  const verified = signedBytes ? verifySignerSignature(signer, cert.spki, signedBytes, env, { algorithms }) : undefined;
  verified?.catch(() => undefined); // awaited below; this only keeps an early failure elsewhere from leaving it unhandled
  const hashContent = withAttributes && content !== undefined;
  if (hashContent && verified && contentLength(content) >= LARGE_CONTENT) {
    // Once the key import the check awaits has settled, the check has been handed to WebCrypto: on Node, a large digest
    // requested before a concurrent verify put its copy of the content on fresh pages (about 120 page faults per MiB
    // instead of 12, 0.3 ms per MiB).
    await env.keys.started(env.crypto, cert.spki)?.catch(() => undefined);
  }
  const [ess, contentDigest, outcome] = await Promise.all([
    withAttributes && attributes.signingCertificate ? essMismatch(attributes.signingCertificate, cert, env.crypto) : undefined,
    hashContent ? digest(signer.digestAlgorithm, content, env.crypto, { algorithms, digest: env.digest }) : undefined,
    verified,
  ]);
  let strength: "ok" | "legacy" = "ok";
  if (withAttributes) {
    for (const p of attributes.problems) add("MALFORMED_SIGNED_ATTRIBUTES", p);
    if (attributes.contentType !== undefined && attributes.contentType !== signedData.eContentType) {
      add("MALFORMED_SIGNED_ATTRIBUTES", `contentType ${attributes.contentType} differs from eContentType ${signedData.eContentType}`);
    }
    if (ess) add("SIGNING_CERT_MISMATCH", ess);
    if (contentDigest === undefined) add("SIGNED_DATA_NOT_FOUND", "detached signature without the signed content");
    else if (!contentDigest.ok) add(contentDigest.code, contentDigest.detail);
    else {
      // The content digest carries the signature as much as the signature algorithm does: a SHA-1 one is legacy too.
      strength = weaker(strength, contentDigest.strength);
      if (attributes.messageDigest && !bytesEqual(contentDigest.bytes, attributes.messageDigest)) {
        add("HASH_MISMATCH", `messageDigest differs from the ${contentDigest.name} of the content`);
      }
    }
  } else if (content === undefined) {
    add("SIGNED_DATA_NOT_FOUND", "detached signature without signed attributes and without the signed content");
  }
  let algorithm: string | undefined;
  if (outcome?.ok) {
    algorithm = `${outcome.algorithms.signature} ${outcome.algorithms.digest}, ${outcome.algorithms.key}`;
    strength = weaker(strength, outcome.strength);
  } else if (outcome) add(VERIFY_CODES[outcome.code], outcome.detail);
  return {
    problems,
    ...(algorithm ? { algorithm } : {}),
    strength,
    evidence: {
      signedAttributes: signer.signedAttrs !== undefined,
      signedAttributesReencoded: signer.signedAttrs ? !signer.signedAttrs.wasDer : false,
      contentSupplied: content !== undefined,
      digestAlgorithm: DIGESTS.get(signer.digestAlgorithm.oid)?.name ?? signer.digestAlgorithm.oid,
    },
  };
}
