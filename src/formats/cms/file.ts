import type { FileUnderTest } from "../../engine/signature-under-test.js";
import type { SignedData } from "../../model/signed-data.js";
import type { CacheTables } from "../../cache/validation-cache.js";
import type { Limits } from "../../model/limits.js";
import { cmsSigner, type SignedContent } from "./signer.js";
import { signerTimestamps } from "./timestamp.js";

/**
 * A CMS SignedData as a file under test: every SignerInfo in order, the certificates and revocation evidence it
 * carries for all of them.
 *
 * @param signedData - the decoded SignedData
 * @param detachedContent - the content a detached signature covers, when the caller supplies it
 * @param tables - the cache's stores (timestamp tokens' certificates are decoded through them)
 * @param limits - bounds on what the tokens hold
 * @returns the file under test
 * @example
 * ```ts
 * const file = cmsFile(decodeSignedData(der, limits), content, run.tables, run.limits);
 * const reports = await judgeFile(file, run);
 * ```
 */
export function cmsFile(signedData: SignedData, detachedContent: SignedContent | undefined, tables: CacheTables, limits: Limits): FileUnderTest {
  const content = signedData.eContent ?? detachedContent;
  return {
    signatures: signedData.signers.map((s) =>
      cmsSigner(signedData, s, content, signerTimestamps(s.unsignedAttrs, s.signedAttrs?.attributes ?? [], s.signature, content, tables, limits)),
    ),
    certificates: signedData.certificates,
    crls: signedData.crls,
    ocspResponses: signedData.ocspResponses,
    unusable: signedData.unusable,
  };
}
