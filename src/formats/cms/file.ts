import type { FileUnderTest } from "../../engine/signature-under-test.js";
import type { SignedData } from "../../model/signed-data.js";
import { cmsSigner, type SignedContent } from "./signer.js";

/**
 * A CMS SignedData as a file under test: every SignerInfo in order, the certificates and revocation evidence it
 * carries for all of them.
 *
 * @param signedData - the decoded SignedData
 * @param detachedContent - the content a detached signature covers, when the caller supplies it
 * @returns the file under test
 * @example
 * ```ts
 * const file = cmsFile(decodeSignedData(der, limits), content);
 * const reports = await judgeFile(file, run);
 * ```
 */
export function cmsFile(signedData: SignedData, detachedContent: SignedContent | undefined): FileUnderTest {
  const content = signedData.eContent ?? detachedContent;
  return {
    signatures: signedData.signers.map((s) => cmsSigner(signedData, s, content)),
    certificates: signedData.certificates,
    crls: signedData.crls,
    ocspResponses: signedData.ocspResponses,
    unusable: signedData.unusable,
  };
}
