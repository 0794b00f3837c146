import { rawOf } from "../../asn1/der.js";
import { OID } from "../../asn1/oids.js";
import { certificateDecoder } from "../../cache/decoded.js";
import type { CacheTables } from "../../cache/validation-cache.js";
import { digest } from "../../crypto/digest.js";
import type { TimestampUnderTest } from "../../engine/signature-under-test.js";
import { isDecree130Error } from "../../errors.js";
import { bytesEqual } from "../../lib/bytes.js";
import type { Limits } from "../../model/limits.js";
import type { Attribute } from "../../model/signed-data.js";
import { decodeTstInfo } from "../../model/tst-info.js";
import { decodeSignedData } from "./decode.js";
import { readSignedAttributes } from "./signed-attributes.js";
import { cmsSigner, type SignedContent } from "./signer.js";

/** Most tokens read from one signature: real ones carry one, an archive a few. */
export const MAX_TIMESTAMPS = 8;

function unusable(kind: TimestampUnderTest["kind"], problem: string): TimestampUnderTest {
  return { kind, genTime: undefined, problem, certificates: [], namesItsCertificate: false, checkImprint: async () => problem };
}

/**
 * An RFC 3161 time-stamp token (a CMS SignedData over a TSTInfo) as a timestamp under test: its TSTInfo, its one
 * SignerInfo as a signature to judge (bound to the TSTInfo by its messageDigest), and the check of its messageImprint
 * against what it must cover. A token that does not decode is returned with its problem, never thrown.
 *
 * @param der - the token (ContentInfo)
 * @param kind - what it stamps
 * @param covered - what its messageImprint must be the hash of (a signature value, the content, byte ranges)
 * @param tables - the cache's stores (the token's certificates are decoded through them)
 * @param limits - bounds on what the token holds
 * @returns the timestamp under test
 * @example
 * ```ts
 * const ts = cmsTimestamp(tokenDer, "signature", signer.signature, run.tables, run.limits);
 * ```
 */
export function cmsTimestamp(
  der: Uint8Array,
  kind: TimestampUnderTest["kind"],
  covered: SignedContent,
  tables: CacheTables,
  limits: Limits,
): TimestampUnderTest {
  let token;
  try {
    token = decodeSignedData(der, limits, { decodeCertificate: certificateDecoder(tables.certificates) });
  } catch (err) {
    if (!isDecree130Error(err)) throw err;
    return unusable(kind, `the token does not decode: ${err.message}`);
  }
  if (token.eContentType !== OID.tstInfo || token.eContent === undefined) {
    return unusable(kind, `the token's content is ${token.eContentType}, not a TSTInfo`);
  }
  if (token.signers.length !== 1) return unusable(kind, `the token has ${token.signers.length} SignerInfos, not one`);
  let info;
  try {
    info = decodeTstInfo(token.eContent);
  } catch (err) {
    if (!isDecree130Error(err)) throw err;
    return unusable(kind, err.message);
  }
  if (info.criticalExtensions.length > 0) return unusable(kind, `unknown critical TSTInfo extension ${info.criticalExtensions.join(", ")}`);
  const signer = token.signers[0]!;
  const attributes = signer.signedAttrs ? readSignedAttributes(signer.signedAttrs.attributes) : undefined;
  const imprint = info.messageImprint;
  return {
    kind,
    genTime: info.genTime,
    signature: cmsSigner(token, signer, token.eContent),
    certificates: token.certificates,
    namesItsCertificate: attributes?.signingCertificate !== undefined,
    async checkImprint(env) {
      const d = await digest(imprint.hashAlgorithm, covered, env.crypto, { digest: env.digest });
      if (!d.ok) return `messageImprint: ${d.detail}`;
      return bytesEqual(d.bytes, imprint.hashedMessage) ? undefined : `the messageImprint is not the ${d.name} of what the token must cover`;
    },
  };
}

/**
 * The signature and content timestamps of a SignerInfo: tokens in the unsigned attribute id-aa-signatureTimeStampToken
 * (over the SignerInfo's signature value) and in the signed attribute id-aa-ets-contentTimestamp (over the content).
 *
 * @param unsigned - the SignerInfo's unsigned attributes
 * @param signed - its signed attributes
 * @param signatureValue - the SignerInfo's signature value
 * @param content - the signed content, when known
 * @param tables - the cache's stores
 * @param limits - bounds
 * @returns the timestamps: the first {@link MAX_TIMESTAMPS} read, and one unusable entry counting any beyond them
 * @example
 * ```ts
 * const timestamps = signerTimestamps(signer.unsignedAttrs, signer.signedAttrs?.attributes ?? [], signer.signature, content, tables, limits);
 * ```
 */
export function signerTimestamps(
  unsigned: readonly Attribute[],
  signed: readonly Attribute[],
  signatureValue: Uint8Array,
  content: SignedContent | undefined,
  tables: CacheTables,
  limits: Limits,
): TimestampUnderTest[] {
  const out: TimestampUnderTest[] = [];
  let skipped = 0;
  const add = (a: Attribute, kind: "signature" | "content", covered: SignedContent | undefined): void => {
    for (const v of a.values) {
      if (out.length >= MAX_TIMESTAMPS) {
        skipped++;
        continue;
      }
      out.push(covered === undefined ? unusable(kind, "the content it covers was not supplied") : cmsTimestamp(rawOf(v), kind, covered, tables, limits));
    }
  };
  for (const a of unsigned) if (a.oid === OID.signatureTimeStampToken) add(a, "signature", signatureValue);
  for (const a of signed) if (a.oid === OID.contentTimestamp) add(a, "content", content);
  // Tokens past the bound are not read, but the report says they were there.
  if (skipped > 0) out.push(unusable("signature", `${skipped} more token(s) beyond the first ${MAX_TIMESTAMPS} were not read`));
  return out;
}
