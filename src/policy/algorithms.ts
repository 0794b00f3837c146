import { decodePssParams, type PssParams } from "../model/rsa-pss-params.js";
import { paramsAbsentOrNull, type AlgorithmIdentifier } from "../model/algorithm.js";

/**
 * Strength class of an algorithm or key under the algorithm policy table.
 * `ok`: accepted; `legacy`: accepted with a warning (SHA-1, RSA 1024-2047), refused under `algorithms: "strict"`;
 * `weak`: always refused (MD2, MD5, RSA under 1024 bits).
 */
export type Strength = "ok" | "legacy" | "weak";

/** Why a signature did not verify. */
export type VerifyFailure =
  | "SIGNATURE_INVALID" // well-formed, but the math says no
  | "MALFORMED_SIGNATURE" // not strict DER (ECDSA), wrong length, trailing bytes
  | "MALFORMED_KEY" // the SubjectPublicKeyInfo does not decode or import
  | "ALGORITHM_KEY_MISMATCH" // e.g. an ECDSA signature algorithm with an RSA key, or a curve/hash pairing WebCrypto refuses
  | "UNSUPPORTED_ALGORITHM" // an algorithm this runtime cannot verify (DSA, GOST, SHA-224 ...)
  | "WEAK_ALGORITHM"; // MD2/MD5 or RSA < 1024 bits: refused before any verification


/** The hash names WebCrypto verifies with. */
export type WebCryptoHash = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

/** One digest algorithm. No `webcrypto` name means this runtime cannot compute it. */
export interface DigestEntry {
  readonly name: string;
  readonly webcrypto?: WebCryptoHash;
  readonly strength: Strength;
}

const NIST_HASH = "2.16.840.1.101.3.4.2.";

/** Digest algorithms by OID (RFC 3279, RFC 5754, NIST CSOR). */
export const DIGESTS: ReadonlyMap<string, DigestEntry> = new Map<string, DigestEntry>([
  ["1.2.840.113549.2.2", { name: "MD2", strength: "weak" }],
  ["1.2.840.113549.2.5", { name: "MD5", strength: "weak" }],
  ["1.3.14.3.2.26", { name: "SHA-1", webcrypto: "SHA-1", strength: "legacy" }],
  [`${NIST_HASH}4`, { name: "SHA-224", strength: "ok" }],
  [`${NIST_HASH}1`, { name: "SHA-256", webcrypto: "SHA-256", strength: "ok" }],
  [`${NIST_HASH}2`, { name: "SHA-384", webcrypto: "SHA-384", strength: "ok" }],
  [`${NIST_HASH}3`, { name: "SHA-512", webcrypto: "SHA-512", strength: "ok" }],
  [`${NIST_HASH}5`, { name: "SHA-512/224", strength: "ok" }],
  [`${NIST_HASH}6`, { name: "SHA-512/256", strength: "ok" }],
  [`${NIST_HASH}7`, { name: "SHA3-224", strength: "ok" }],
  [`${NIST_HASH}8`, { name: "SHA3-256", strength: "ok" }],
  [`${NIST_HASH}9`, { name: "SHA3-384", strength: "ok" }],
  [`${NIST_HASH}10`, { name: "SHA3-512", strength: "ok" }],
  [`${NIST_HASH}11`, { name: "SHAKE128", strength: "ok" }],
  [`${NIST_HASH}12`, { name: "SHAKE256", strength: "ok" }],
]);

/** Signature schemes. Only the first four are verifiable with WebCrypto. */
export type SignatureFamily = "RSASSA-PKCS1-v1_5" | "RSA-PSS" | "ECDSA" | "Ed25519" | "DSA" | "GOST";
/** Public key kinds. */
export type KeyFamily = "RSA" | "EC" | "Ed25519" | "DSA" | "GOST";

/** What WebCrypto offers for a signature family; no entry means unsupported. */
export interface FamilyEntry {
  readonly webcrypto: "RSASSA-PKCS1-v1_5" | "RSA-PSS" | "ECDSA" | "Ed25519";
  /** The hashes WebCrypto pairs with this scheme (any of them with any supported curve, for ECDSA). */
  readonly hashes: ReadonlySet<WebCryptoHash>;
}

const ALL_HASHES: ReadonlySet<WebCryptoHash> = new Set<WebCryptoHash>(["SHA-1", "SHA-256", "SHA-384", "SHA-512"]);

/** The verifiable signature families. */
export const SIGNATURE_FAMILIES: ReadonlyMap<SignatureFamily, FamilyEntry> = new Map<SignatureFamily, FamilyEntry>([
  ["RSASSA-PKCS1-v1_5", { webcrypto: "RSASSA-PKCS1-v1_5", hashes: ALL_HASHES }],
  ["RSA-PSS", { webcrypto: "RSA-PSS", hashes: ALL_HASHES }],
  ["ECDSA", { webcrypto: "ECDSA", hashes: ALL_HASHES }],
  ["Ed25519", { webcrypto: "Ed25519", hashes: new Set() }],
]);

/**
 * Where a signature algorithm gets its digest: a digest OID, the CMS SignerInfo `digestAlgorithm` (plain
 * rsaEncryption / id-ecPublicKey, RFC 5652 §5.3), the RSASSA-PSS parameters, or built in (Ed25519 hashes internally).
 */
export type DigestSource = string | "from-digest-algorithm" | "from-pss-params" | "intrinsic";

/** What the AlgorithmIdentifier's parameters may be. `ignored`: CMS writers put anything there (curve OIDs, NULL). */
export type ParamsRule = "absent-or-null" | "absent" | "pss" | "ignored";

/** One signature algorithm. */
export interface SignatureEntry {
  readonly name: string;
  readonly family: SignatureFamily;
  readonly digest: DigestSource;
  readonly key: KeyFamily;
  readonly params: ParamsRule;
}

const PKCS1 = "1.2.840.113549.1.1.";
const X962 = "1.2.840.10045.4.";
const NIST_SIG = "2.16.840.1.101.3.4.3.";
const rsa = (name: string, digest: DigestSource): SignatureEntry => ({
  name,
  family: "RSASSA-PKCS1-v1_5",
  digest,
  key: "RSA",
  params: "absent-or-null",
});
const ecdsa = (name: string, digest: DigestSource): SignatureEntry => ({ name, family: "ECDSA", digest, key: "EC", params: "absent-or-null" });
const dsa = (name: string): SignatureEntry => ({ name, family: "DSA", digest: "intrinsic", key: "DSA", params: "ignored" });
const gost = (name: string): SignatureEntry => ({ name, family: "GOST", digest: "intrinsic", key: "GOST", params: "ignored" });

/** Signature algorithms by OID (RFC 3279, RFC 4055, RFC 5758, RFC 8410, RFC 5652, NIST CSOR). */
export const SIGNATURES: ReadonlyMap<string, SignatureEntry> = new Map<string, SignatureEntry>([
  [`${PKCS1}1`, rsa("rsaEncryption", "from-digest-algorithm")],
  [`${PKCS1}2`, rsa("md2WithRSAEncryption", "1.2.840.113549.2.2")],
  [`${PKCS1}4`, rsa("md5WithRSAEncryption", "1.2.840.113549.2.5")],
  [`${PKCS1}5`, rsa("sha1WithRSAEncryption", "1.3.14.3.2.26")],
  ["1.3.14.3.2.29", rsa("sha1WithRSASignature (OIW)", "1.3.14.3.2.26")],
  [`${PKCS1}14`, rsa("sha224WithRSAEncryption", `${NIST_HASH}4`)],
  [`${PKCS1}11`, rsa("sha256WithRSAEncryption", `${NIST_HASH}1`)],
  [`${PKCS1}12`, rsa("sha384WithRSAEncryption", `${NIST_HASH}2`)],
  [`${PKCS1}13`, rsa("sha512WithRSAEncryption", `${NIST_HASH}3`)],
  [`${NIST_SIG}13`, rsa("id-rsassa-pkcs1-v1_5-with-sha3-224", `${NIST_HASH}7`)],
  [`${NIST_SIG}14`, rsa("id-rsassa-pkcs1-v1_5-with-sha3-256", `${NIST_HASH}8`)],
  [`${NIST_SIG}15`, rsa("id-rsassa-pkcs1-v1_5-with-sha3-384", `${NIST_HASH}9`)],
  [`${NIST_SIG}16`, rsa("id-rsassa-pkcs1-v1_5-with-sha3-512", `${NIST_HASH}10`)],
  [`${PKCS1}10`, { name: "id-RSASSA-PSS", family: "RSA-PSS", digest: "from-pss-params", key: "RSA", params: "pss" }],
  ["1.2.840.10045.2.1", { ...ecdsa("id-ecPublicKey", "from-digest-algorithm"), params: "ignored" }],
  [`${X962}1`, ecdsa("ecdsa-with-SHA1", "1.3.14.3.2.26")],
  [`${X962}3.1`, ecdsa("ecdsa-with-SHA224", `${NIST_HASH}4`)],
  [`${X962}3.2`, ecdsa("ecdsa-with-SHA256", `${NIST_HASH}1`)],
  [`${X962}3.3`, ecdsa("ecdsa-with-SHA384", `${NIST_HASH}2`)],
  [`${X962}3.4`, ecdsa("ecdsa-with-SHA512", `${NIST_HASH}3`)],
  [`${NIST_SIG}9`, ecdsa("id-ecdsa-with-sha3-224", `${NIST_HASH}7`)],
  [`${NIST_SIG}10`, ecdsa("id-ecdsa-with-sha3-256", `${NIST_HASH}8`)],
  [`${NIST_SIG}11`, ecdsa("id-ecdsa-with-sha3-384", `${NIST_HASH}9`)],
  [`${NIST_SIG}12`, ecdsa("id-ecdsa-with-sha3-512", `${NIST_HASH}10`)],
  ["1.3.101.112", { name: "Ed25519", family: "Ed25519", digest: "intrinsic", key: "Ed25519", params: "absent" }],
  ["1.2.840.10040.4.3", dsa("dsa-with-sha1")],
  [`${NIST_SIG}1`, dsa("dsa-with-sha224")],
  [`${NIST_SIG}2`, dsa("dsa-with-sha256")],
  [`${NIST_SIG}3`, dsa("dsa-with-sha384")],
  [`${NIST_SIG}4`, dsa("dsa-with-sha512")],
  ["1.2.643.2.2.3", gost("GOST R 34.11-94 with GOST R 34.10-2001")],
  ["1.2.643.2.2.4", gost("GOST R 34.11-94 with GOST R 34.10-94")],
  ["1.2.643.7.1.1.3.2", gost("GOST R 34.10-2012 (256)")],
  ["1.2.643.7.1.1.3.3", gost("GOST R 34.10-2012 (512)")],
]);

/** One public key algorithm (SubjectPublicKeyInfo). `pssOnly`: id-RSASSA-PSS keys may sign nothing else (RFC 4055). */
export interface KeyAlgorithmEntry {
  readonly name: string;
  readonly family: KeyFamily;
  readonly pssOnly?: true;
}

/** Public key algorithms by OID. */
export const KEY_ALGORITHMS: ReadonlyMap<string, KeyAlgorithmEntry> = new Map<string, KeyAlgorithmEntry>([
  [`${PKCS1}1`, { name: "rsaEncryption", family: "RSA" }],
  [`${PKCS1}10`, { name: "id-RSASSA-PSS", family: "RSA", pssOnly: true }],
  ["1.2.840.10045.2.1", { name: "id-ecPublicKey", family: "EC" }],
  ["1.3.101.112", { name: "Ed25519", family: "Ed25519" }],
  ["1.2.840.10040.4.1", { name: "id-dsa", family: "DSA" }],
  ["1.2.643.2.2.19", { name: "GOST R 34.10-2001", family: "GOST" }],
  ["1.2.643.7.1.1.1.1", { name: "GOST R 34.10-2012 (256)", family: "GOST" }],
  ["1.2.643.7.1.1.1.2", { name: "GOST R 34.10-2012 (512)", family: "GOST" }],
]);

/** One named curve; `size` is the octet length of the group order (and of r and s). No `webcrypto`: unsupported. */
export interface CurveEntry {
  readonly name: string;
  readonly webcrypto?: "P-256" | "P-384" | "P-521";
  readonly size: number;
  readonly strength: Strength;
}

/** Named curves by OID (RFC 5480). */
export const CURVES: ReadonlyMap<string, CurveEntry> = new Map<string, CurveEntry>([
  ["1.2.840.10045.3.1.7", { name: "P-256", webcrypto: "P-256", size: 32, strength: "ok" }],
  ["1.3.132.0.34", { name: "P-384", webcrypto: "P-384", size: 48, strength: "ok" }],
  ["1.3.132.0.35", { name: "P-521", webcrypto: "P-521", size: 66, strength: "ok" }],
  ["1.3.132.0.33", { name: "P-224", size: 28, strength: "ok" }],
  ["1.3.132.0.10", { name: "secp256k1", size: 32, strength: "ok" }],
  ["1.3.36.3.3.2.8.1.1.7", { name: "brainpoolP256r1", size: 32, strength: "ok" }],
  ["1.3.36.3.3.2.8.1.1.11", { name: "brainpoolP384r1", size: 48, strength: "ok" }],
  ["1.3.36.3.3.2.8.1.1.13", { name: "brainpoolP512r1", size: 64, strength: "ok" }],
]);

/** RSA modulus sizes, largest threshold first: the first row whose `minBits` the key reaches applies. */
export const RSA_KEY_SIZES: readonly { readonly minBits: number; readonly strength: Strength }[] = [
  { minBits: 2048, strength: "ok" },
  { minBits: 1024, strength: "legacy" },
  { minBits: 0, strength: "weak" },
];

/** Largest RSA modulus verified: bigger keys only cost time (WebCrypto itself stops at 16384 bits). */
export const RSA_MAX_BITS = 16384;

/**
 * The strength class of an RSA modulus size.
 *
 * @param bits - the modulus length in bits
 * @returns `ok` from 2048 bits, `legacy` from 1024, else `weak`
 * @example
 * ```ts
 * rsaKeyStrength(1024); // "legacy"
 * ```
 */
export function rsaKeyStrength(bits: number): Strength {
  return RSA_KEY_SIZES.find((r) => bits >= r.minBits)?.strength ?? "weak";
}

const RANK: Readonly<Record<Strength, number>> = { ok: 0, legacy: 1, weak: 2 };

/**
 * The weakest of several strength classes.
 *
 * @param all - the classes
 * @returns the weakest (`ok` when none is given)
 * @example
 * ```ts
 * weakest("ok", "legacy"); // "legacy"
 * ```
 */
export function weakest(...all: Strength[]): Strength {
  return all.reduce<Strength>((a, b) => (RANK[b] > RANK[a] ? b : a), "ok");
}

/** The entry the engine uses: a verifiable scheme, its WebCrypto hash and the key it needs. */
export interface ResolvedSignatureAlgorithm {
  /** The table entry's name, e.g. `sha256WithRSAEncryption`. */
  readonly name: string;
  readonly family: FamilyEntry["webcrypto"];
  readonly key: KeyFamily;
  /** The digest's display name (`SHA-512` for Ed25519, which hashes internally). */
  readonly digest: string;
  /** The WebCrypto hash; absent for Ed25519. */
  readonly hash?: WebCryptoHash;
  /** The digest's strength class (never `weak`: weak algorithms do not resolve). */
  readonly strength: Exclude<Strength, "weak">;
  /** The RSASSA-PSS parameters, for RSA-PSS. */
  readonly pss?: PssParams;
}

/** A resolved algorithm, or why it cannot be verified. */
export type Resolution =
  | { readonly ok: true; readonly value: ResolvedSignatureAlgorithm }
  | { readonly ok: false; readonly code: VerifyFailure; readonly detail: string; readonly digest?: string; readonly signature?: string };

const refuse = (code: VerifyFailure, detail: string, names: { digest?: string; signature?: string } = {}): Resolution => ({
  ok: false,
  code,
  detail,
  ...names,
});

const PARAMS_OK: Readonly<Record<Exclude<ParamsRule, "pss">, (alg: AlgorithmIdentifier) => boolean>> = {
  "absent-or-null": paramsAbsentOrNull,
  absent: (alg) => alg.params === undefined,
  ignored: () => true,
};

/** The digest entry a signature entry points to, or why there is none. */
function digestOf(entry: SignatureEntry, digestAlg: AlgorithmIdentifier | undefined, pss: PssParams | undefined): DigestEntry | string {
  if (entry.digest === "intrinsic") return { name: entry.family === "Ed25519" ? "SHA-512" : entry.name, strength: "ok" };
  if (entry.digest === "from-pss-params") {
    if (pss === undefined) return "RSASSA-PSS without parameters";
    if (pss.mgfHash !== pss.hash) return "RSASSA-PSS with an MGF1 hash different from the message hash";
    if (pss.trailerField !== 1) return `RSASSA-PSS trailer field ${pss.trailerField}`;
    return DIGESTS.get(pss.hash) ?? `unknown digest algorithm ${pss.hash}`;
  }
  if (entry.digest === "from-digest-algorithm") {
    if (digestAlg === undefined) return `${entry.name} as a signature algorithm needs a digestAlgorithm`;
    if (!paramsAbsentOrNull(digestAlg)) return `digest algorithm ${digestAlg.oid} with unexpected parameters`;
    return DIGESTS.get(digestAlg.oid) ?? `unknown digest algorithm ${digestAlg.oid}`;
  }
  return DIGESTS.get(entry.digest) ?? `unknown digest algorithm ${entry.digest}`;
}

/**
 * Resolves a signature AlgorithmIdentifier (plus, for CMS, the SignerInfo digestAlgorithm) to the entry the engine
 * verifies with. Checks run in this order: known OID, parameters, weak digest (refused before any crypto), then
 * whether WebCrypto can verify the scheme and hash.
 *
 * @param sigAlg - the signature algorithm
 * @param digestAlg - the digest algorithm, used only when `sigAlg` does not name its own digest
 * @returns the resolved entry, or a failure value (`UNSUPPORTED_ALGORITHM` or `WEAK_ALGORITHM`)
 * @example
 * ```ts
 * const r = resolveSignatureAlgorithm({ oid: "1.2.840.113549.1.1.1" }, { oid: "2.16.840.1.101.3.4.2.1" });
 * // { ok: true, value: { family: "RSASSA-PKCS1-v1_5", hash: "SHA-256", key: "RSA", strength: "ok", ... } }
 * ```
 */
export function resolveSignatureAlgorithm(sigAlg: AlgorithmIdentifier, digestAlg?: AlgorithmIdentifier): Resolution {
  const entry = SIGNATURES.get(sigAlg.oid);
  if (entry === undefined) return refuse("UNSUPPORTED_ALGORITHM", `unknown signature algorithm ${sigAlg.oid}`);
  const signature = entry.name;
  let pss: PssParams | undefined;
  if (entry.params === "pss") {
    if (sigAlg.params === undefined) return refuse("UNSUPPORTED_ALGORITHM", "RSASSA-PSS without parameters", { signature });
    try {
      pss = decodePssParams(sigAlg.params);
    } catch (err) {
      return refuse("UNSUPPORTED_ALGORITHM", (err as Error).message, { signature });
    }
  } else if (!PARAMS_OK[entry.params](sigAlg)) {
    return refuse("UNSUPPORTED_ALGORITHM", `${entry.name} with unexpected parameters`, { signature });
  }
  const digest = digestOf(entry, digestAlg, pss);
  if (typeof digest === "string") return refuse("UNSUPPORTED_ALGORITHM", digest, { signature });
  const names = { digest: digest.name, signature };
  if (digest.strength === "weak") return refuse("WEAK_ALGORITHM", `${digest.name} is a broken digest`, names);
  const family = SIGNATURE_FAMILIES.get(entry.family);
  if (family === undefined) return refuse("UNSUPPORTED_ALGORITHM", `${entry.family} signatures cannot be verified here`, names);
  if (entry.digest !== "intrinsic" && (digest.webcrypto === undefined || !family.hashes.has(digest.webcrypto))) {
    return refuse("UNSUPPORTED_ALGORITHM", `${digest.name} with ${family.webcrypto} cannot be verified here`, names);
  }
  return {
    ok: true,
    value: {
      name: entry.name,
      family: family.webcrypto,
      key: entry.key,
      digest: digest.name,
      strength: digest.strength,
      ...(digest.webcrypto === undefined || entry.digest === "intrinsic" ? {} : { hash: digest.webcrypto }),
      ...(pss === undefined ? {} : { pss }),
    },
  };
}
