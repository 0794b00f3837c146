import { isDecree130Error } from "../errors.js";
import { readCertificates } from "../formats/certificates.js";
import { decodeCrl } from "../model/crl.js";
import { decodeOcspResponse } from "../model/ocsp-response.js";
import { crlDer } from "../engine/run.js";
import type { EvidenceFile } from "./inputs.js";
import type { Problem } from "./problem.js";

/** Each option's files, decoded alone exactly as validate() decodes what it is given. */
const DECODE: Readonly<Record<EvidenceFile["option"], (bytes: Uint8Array) => unknown>> = {
  "--cert": (bytes) => readCertificates(bytes),
  "--crl": (bytes) => decodeCrl(crlDer(bytes)),
  "--ocsp": (bytes) => decodeOcspResponse(bytes),
};

/**
 * After validate() refused its input, finds whether a `--cert`, `--crl` or `--ocsp` file is what it refused: a bad
 * option value (exit 64, naming the option and the file) rather than an unreadable signature (exit 3). Decoding again
 * only on this path keeps a successful run from decoding its evidence twice.
 *
 * @param files - the evidence files, in the order given
 * @returns the problem with the first file the library refuses, or `undefined` when every file decodes
 * @example
 * ```ts
 * const problem = refusedEvidence(evidence) ?? signatureProblem;
 * ```
 */
export function refusedEvidence(files: readonly EvidenceFile[]): Problem | undefined {
  for (const { option, file, bytes } of files) {
    try {
      DECODE[option](bytes);
    } catch (err) {
      if (!isDecree130Error(err)) throw err;
      return { exit: 64, code: err.code, reason: { kind: "refused", code: err.code }, option, file, detail: err.message };
    }
  }
  return undefined;
}
