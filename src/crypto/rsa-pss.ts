import { bitString, fields, readRoot, Tag } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";
import { Decree130Error } from "../errors.js";
import type { PssParams } from "../model/rsa-pss-params.js";

/** The DER of `AlgorithmIdentifier { rsaEncryption, NULL }`: what WebCrypto accepts in an RSA SPKI. */
const RSA_ENCRYPTION_ALGORITHM = Uint8Array.of(
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
);

function fail(message: string): never {
  throw new Decree130Error("MALFORMED_DER", `RSASSA-PSS-params: ${message}`);
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

