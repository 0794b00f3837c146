import { sequence } from "../asn1/cursor.js";
import { ctx, readRoot, smallInt, type Tlv } from "../asn1/der.js";
import { Decree130Error } from "../errors.js";
import { decodeAlgorithm, paramsAbsentOrNull, type AlgorithmIdentifier } from "./algorithm.js";

/** id-sha1 (RFC 4055's default hash for RSASSA-PSS). */
const SHA1 = "1.3.14.3.2.26";
/** id-mgf1 (PKCS #1 v2.1). */
export const MGF1_OID = "1.2.840.113549.1.1.8";

/** Decoded RSASSA-PSS-params (RFC 4055 §3.1), defaults filled in. Hashes are OIDs, mapped by the policy table. */
export interface PssParams {
  /** The message hash OID. */
  readonly hash: string;
  /** The hash OID inside MGF1. */
  readonly mgfHash: string;
  /** Salt length in octets. */
  readonly saltLength: number;
  /** 1 means the trailer octet 0xBC, the only value RFC 4055 allows. */
  readonly trailerField: number;
}

/** The largest salt accepted: a salt can never exceed the modulus, and 16384-bit RSA has 2048-octet moduli. */
const MAX_SALT = 2048;

function fail(message: string): never {
  throw new Decree130Error("MALFORMED_DER", `RSASSA-PSS-params: ${message}`);
}

/** A hash AlgorithmIdentifier: parameters must be absent or NULL (RFC 4055 §2.1). */
function hashOf(tlv: Tlv, what: string): string {
  const alg = decodeAlgorithm(tlv);
  if (!paramsAbsentOrNull(alg)) fail(`${what} has unexpected parameters`);
  return alg.oid;
}

/**
 * Decodes RSASSA-PSS-params, filling in RFC 4055's defaults (SHA-1, MGF1 with SHA-1, salt 20, trailer 1).
 *
 * @param der - the DER of the parameters element (an AlgorithmIdentifier's `params`)
 * @returns the parameters; hash and MGF hash stay OIDs, checked against the policy table by the caller
 * @throws {@link Decree130Error} `MALFORMED_DER` when not strict DER, out of order, or the mask generator is not MGF1
 * @example
 * ```ts
 * const p = decodePssParams(sigAlg.params!); // { hash: "2.16.840.1.101.3.4.2.1", mgfHash: ..., saltLength: 32, trailerField: 1 }
 * ```
 */
export function decodePssParams(der: Uint8Array): PssParams {
  // DER orders the optional fields by tag and allows each once: the cursor reads them so.
  const r = sequence(readRoot(der), "RSASSA-PSS-params");
  const hashTlv = r.optionalExplicit(ctx(0), "hashAlgorithm");
  const mgfTlv = r.optionalExplicit(ctx(1), "maskGenAlgorithm");
  const saltTlv = r.optionalExplicit(ctx(2), "saltLength");
  const trailerTlv = r.optionalExplicit(ctx(3), "trailerField");
  r.end("RSASSA-PSS-params");
  const hash = hashTlv ? hashOf(hashTlv, "hashAlgorithm") : SHA1;
  let mgfHash = SHA1;
  if (mgfTlv) {
    const mgf = decodeAlgorithm(mgfTlv);
    if (mgf.oid !== MGF1_OID) fail(`mask generation function ${mgf.oid} is not MGF1`);
    if (mgf.params === undefined) fail("MGF1 without a hash");
    mgfHash = hashOf(readRoot(mgf.params), "MGF1 hash");
  }
  const saltLength = saltTlv ? smallInt(saltTlv, MAX_SALT) : 20;
  const trailerField = trailerTlv ? smallInt(trailerTlv, 255) : 1;
  return { hash, mgfHash, saltLength, trailerField };
}

/**
 * The parameters bound to an id-RSASSA-PSS key, or `undefined` when the key is not restricted (parameters absent,
 * or an explicit NULL as some encoders write).
 *
 * @param alg - the SubjectPublicKeyInfo's algorithm, whose OID is id-RSASSA-PSS
 * @returns the decoded parameters, or `undefined`
 * @throws {@link Decree130Error} `MALFORMED_DER` when present but malformed
 * @example
 * ```ts
 * const keyParams = keyPssParams(cert.publicKeyAlgorithm); // undefined: the key is not restricted
 * ```
 */
export function keyPssParams(alg: AlgorithmIdentifier): PssParams | undefined {
  return paramsAbsentOrNull(alg) ? undefined : decodePssParams(alg.params!);
}
