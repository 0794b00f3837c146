import { bitString, ctx, fields, readRoot, smallInt, Tag, type Tlv } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";
import { Decree130Error } from "../errors.js";
import { decodeAlgorithm, paramsAbsentOrNull, type AlgorithmIdentifier } from "../model/algorithm.js";

/** id-sha1 (RFC 4055's default hash for RSASSA-PSS). */
const SHA1 = "1.3.14.3.2.26";
/** id-mgf1 (PKCS #1 v2.1). */
export const MGF1_OID = "1.2.840.113549.1.1.8";

/** The DER of `AlgorithmIdentifier { rsaEncryption, NULL }`: what WebCrypto accepts in an RSA SPKI. */
const RSA_ENCRYPTION_ALGORITHM = Uint8Array.of(
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
);

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

/** The single element inside an explicit `[n]` tag. */
function explicit(tlv: Tlv, what: string): Tlv {
  const [inner] = fields({ ...tlv, tag: Tag.SEQUENCE }, 1, 1, what);
  return inner!;
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
  const items = fields(readRoot(der), 0, 4, "RSASSA-PSS-params");
  let hash = SHA1;
  let mgfHash = SHA1;
  let saltLength = 20;
  let trailerField = 1;
  let last = -1;
  for (const item of items) {
    const n = item.tag - ctx(0);
    // DER orders the optional fields by tag and allows each once.
    if (n < 0 || n > 3 || n <= last) fail(`unexpected field 0x${item.tag.toString(16)}`);
    last = n;
    const inner = explicit(item, `field [${n}]`);
    if (n === 0) hash = hashOf(inner, "hashAlgorithm");
    else if (n === 1) {
      const mgf = decodeAlgorithm(inner);
      if (mgf.oid !== MGF1_OID) fail(`mask generation function ${mgf.oid} is not MGF1`);
      if (mgf.params === undefined) fail("MGF1 without a hash");
      mgfHash = hashOf(readRoot(mgf.params), "MGF1 hash");
    } else if (n === 2) saltLength = smallInt(inner, MAX_SALT);
    else trailerField = smallInt(inner, 255);
  }
  return { hash, mgfHash, saltLength, trailerField };
}

/**
 * Checks a signature's PSS parameters against those bound to an id-RSASSA-PSS key (RFC 4055 §3.3): same hash, same
 * MGF, same trailer, and a salt at least as long as the key's.
 *
 * @param key - the parameters in the key's SubjectPublicKeyInfo
 * @param sig - the parameters of the signature algorithm
 * @returns `undefined` when allowed, else why not
 * @example
 * ```ts
 * const why = pssKeyAllows(keyParams, sigParams); // "salt length 20 below the key's minimum 32"
 * ```
 */
export function pssKeyAllows(key: PssParams, sig: PssParams): string | undefined {
  if (key.hash !== sig.hash) return `hash ${sig.hash} differs from the key's ${key.hash}`;
  if (key.mgfHash !== sig.mgfHash) return `MGF1 hash ${sig.mgfHash} differs from the key's ${key.mgfHash}`;
  if (key.trailerField !== sig.trailerField) return "trailer field differs from the key's";
  if (sig.saltLength < key.saltLength) return `salt length ${sig.saltLength} below the key's minimum ${key.saltLength}`;
  return undefined;
}

/**
 * Re-encodes an RSA public key as an `rsaEncryption` SubjectPublicKeyInfo, since WebCrypto refuses to import an
 * id-RSASSA-PSS one. The key itself (the RSAPublicKey inside the BIT STRING) is kept byte for byte.
 *
 * @param spki - a SubjectPublicKeyInfo (DER) whose algorithm is RSA of either kind
 * @returns the equivalent rsaEncryption SPKI
 * @throws {@link Decree130Error} `MALFORMED_DER` when the SPKI does not decode
 * @example
 * ```ts
 * const importable = toRsaEncryptionSpki(pssSpki);
 * await crypto.subtle.importKey("spki", importable, { name: "RSA-PSS", hash: "SHA-256" }, false, ["verify"]);
 * ```
 */
export function toRsaEncryptionSpki(spki: Uint8Array): Uint8Array {
  const [, key] = fields(readRoot(spki), 2, 2, "subjectPublicKeyInfo");
  const bits = bitString(key!);
  if (bits.unused !== 0) fail("public key BIT STRING with unused bits");
  return encodeTlv(Tag.SEQUENCE, RSA_ENCRYPTION_ALGORITHM, encodeTlv(Tag.BIT_STRING, Uint8Array.of(0), bits.bytes));
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
