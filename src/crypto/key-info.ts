import { keyPssParams, type PssParams } from "../model/rsa-pss-params.js";
import { bitString, fields, integerBytes, oid, readRoot, Tag } from "../asn1/der.js";
import { Decree130Error } from "../errors.js";
import { decodeAlgorithm, type AlgorithmIdentifier } from "../model/algorithm.js";
import { CURVES, KEY_ALGORITHMS, type CurveEntry, type KeyFamily } from "../policy/algorithms.js";

/** An RSA key: `rsaEncryption`, or `id-RSASSA-PSS` (then usable for RSA-PSS only, with optional bound parameters). */
export interface RsaKeyInfo {
  readonly family: "RSA";
  readonly algorithm: AlgorithmIdentifier;
  /** The modulus length in bits. */
  readonly bits: number;
  readonly pssOnly: boolean;
  readonly pssParams?: PssParams;
}

/** An EC key on a named curve; `curve` is absent when the curve is not in the policy table (or explicit parameters). */
export interface EcKeyInfo {
  readonly family: "EC";
  readonly algorithm: AlgorithmIdentifier;
  /** The namedCurve OID, or `"explicit"` for specified-curve parameters (RFC 5480 forbids them). */
  readonly curveOid: string;
  readonly curve?: CurveEntry;
}

/** Any other key: Ed25519 (verifiable), or DSA, GOST and unknown algorithms (not verifiable). */
export interface OtherKeyInfo {
  readonly family: Exclude<KeyFamily, "RSA" | "EC"> | "unknown";
  readonly algorithm: AlgorithmIdentifier;
}

/** What a SubjectPublicKeyInfo says about its key, read without importing it. */
export type KeyInfo = RsaKeyInfo | EcKeyInfo | OtherKeyInfo;

/** Bit length of a positive big-endian integer without its sign octet. */
function bitLength(v: Uint8Array): number {
  let i = 0;
  while (i < v.length && v[i] === 0) i++;
  if (i === v.length) return 0;
  return (v.length - i - 1) * 8 + (32 - Math.clz32(v[i]!));
}

/**
 * Reads a SubjectPublicKeyInfo's algorithm, RSA modulus size or EC named curve. Cheap: no key import.
 *
 * @param spki - the SubjectPublicKeyInfo, DER
 * @returns the key's family and size information
 * @throws {@link Decree130Error} `MALFORMED_DER` when the SPKI (or an RSA key inside it) is not strict DER
 * @example
 * ```ts
 * const info = readKeyInfo(cert.spki);
 * if (info.family === "RSA") console.log(info.bits); // 2048
 * ```
 */
export function readKeyInfo(spki: Uint8Array): KeyInfo {
  const [algTlv, keyTlv] = fields(readRoot(spki), 2, 2, "subjectPublicKeyInfo");
  const algorithm = decodeAlgorithm(algTlv!);
  const key = bitString(keyTlv!);
  const entry = KEY_ALGORITHMS.get(algorithm.oid);
  if (entry === undefined) return { family: "unknown", algorithm };
  if (entry.family === "RSA") {
    if (key.unused !== 0) throw new Decree130Error("MALFORMED_DER", "RSA public key BIT STRING with unused bits");
    const [n, e] = fields(readRoot(key.bytes), 2, 2, "RSAPublicKey");
    const modulus = integerBytes(n!);
    const exponent = integerBytes(e!);
    if ((modulus[0]! & 0x80) !== 0 || (exponent[0]! & 0x80) !== 0) {
      throw new Decree130Error("MALFORMED_DER", "negative RSA modulus or exponent");
    }
    const pssParams = entry.pssOnly ? keyPssParams(algorithm) : undefined;
    return {
      family: "RSA",
      algorithm,
      bits: bitLength(modulus),
      pssOnly: entry.pssOnly === true,
      ...(pssParams === undefined ? {} : { pssParams }),
    };
  }
  if (entry.family === "EC") {
    if (algorithm.params === undefined) throw new Decree130Error("MALFORMED_DER", "EC key without curve parameters");
    const params = readRoot(algorithm.params);
    const curveOid = params.tag === Tag.OID ? oid(params) : "explicit";
    const curve = CURVES.get(curveOid);
    return { family: "EC", algorithm, curveOid, ...(curve === undefined ? {} : { curve }) };
  }
  return { family: entry.family, algorithm };
}

/**
 * A short display name for a key: `RSA-2048`, `EC P-256`, `Ed25519`.
 *
 * @param info - what {@link readKeyInfo} returned
 * @returns the name
 * @example
 * ```ts
 * keyName(readKeyInfo(spki)); // "RSA-2048"
 * ```
 */
export function keyName(info: KeyInfo): string {
  if (info.family === "RSA") return `${info.pssOnly ? "RSA-PSS" : "RSA"}-${info.bits}`;
  if (info.family === "EC") {
    return `EC ${info.curve?.name ?? info.curveOid}`;
  }
  return info.family === "unknown" ? `unknown key ${info.algorithm.oid}` : info.family;
}
