import { certificateDecoder } from "./cache/decoded.js";
import type { CacheTables } from "./cache/validation-cache.js";
import { judgeFile } from "./engine/judge-file.js";
import { startRun, type JudgeOptions } from "./engine/run.js";
import { readCertificates } from "./formats/certificates.js";
import { decodeSignedData } from "./formats/cms/decode.js";
import { cmsFile } from "./formats/cms/file.js";
import { readSignatureBytes } from "./formats/cms/read.js";
import type { Certificate } from "./model/certificate.js";
import type { Report } from "./report/types.js";

export { createValidationCache } from "./cache/validation-cache.js";
export type { ValidationCache, ValidationCacheOptions } from "./cache/validation-cache.js";

/** Options of {@link validate}. Only `trustList` is required. */
export interface ValidateOptions extends JudgeOptions {
  /** The signed content, for a detached signature. */
  readonly content?: Uint8Array | undefined;
}

/** Supplied certificates, decoded through the cache (DER, PEM or PKCS#7 bundles). */
const readSupplied = (input: Uint8Array | string, tables: CacheTables): Certificate[] =>
  readCertificates(input, certificateDecoder(tables.certificates));

/**
 * Judges every signature of a CMS/PKCS#7 file under Decree 130/2018 Art. 9: validity period, key correspondence,
 * issuer type and sole control, each `PASSED`, `FAILED` or `INDETERMINATE` with a stable code, and a verdict.
 *
 * A bad signature is not an error: it yields a report. Only input that is not a readable signature throws.
 *
 * @param input - the signature file: DER, PEM (`PKCS7`/`CMS`) or base64
 * @param options - trust list, content, evidence, times and policy
 * @returns one report per SignerInfo, in order
 * @throws {@link Decree130Error} for input that is not a signature (see its `code`), and `TIME_INVALID` for a `now` or
 *   `signingTime` text that is not a time
 * @throws TypeError for misuse (a missing trust list, an invalid `Date`, a time that is neither a `Date` nor text)
 * @example
 * ```ts
 * import { validate } from "decree130";
 * import { vietnamTrustList } from "decree130/trust/vn";
 *
 * const report = await validate(p7sBytes, { trustList: vietnamTrustList(), content: pdfBytes });
 * console.log(report.signatures[0].verdict); // "SECURE" | "NOT_SECURE" | "INDETERMINATE"
 * ```
 */
export async function validate(input: Uint8Array | string, options: ValidateOptions): Promise<Report> {
  const run = startRun(options, readSupplied);
  const signedData = decodeSignedData(readSignatureBytes(input, run.limits), run.limits, {
    decodeCertificate: certificateDecoder(run.tables.certificates),
  });
  return { signatures: await judgeFile(cmsFile(signedData, options.content, run.tables, run.limits), run) };
}
