import type { WebCrypto } from "../crypto/types.js";
import { AsnConvert } from "@peculiar/asn1-schema";
import type { Name} from "@peculiar/asn1-x509";
import { Certificate, Extensions, SubjectPublicKeyInfo, TBSCertificate, Validity, Version } from "@peculiar/asn1-x509";
import { KEY_ALGORITHMS, type Digest, type KeyAlgorithm } from "./algorithms.js";
import {
  authorityInfoAccess,
  authorityKeyId,
  caConstraints,
  certificatePolicies,
  crlDistributionPoint,
  extKeyUsage,
  keyUsage as keyUsageExt,
  qcSscd,
  subjectKeyId as subjectKeyIdExt,
  toExtension,
  type KeyUsage,
  type RawExtension,
} from "./extensions.js";
import type { TestIdentity } from "./identity.js";
import { hash, publicKeyBits, signBytes, testKeyPair, type TestKeyPair } from "./keys.js";
import { buffer, encode, integerContent, schemaObject, verbatim } from "./der.js";
import { subjectName, type SubjectInput } from "./name.js";
import { toPem } from "./pem.js";
import { toMillis, x509Time, type DateInput } from "./time.js";

/** What a certificate says, for {@link issueCertificate} and {@link createRootCa}. */
export interface CertificateOptions {
  readonly subject: SubjectInput;
  readonly notBefore: DateInput;
  readonly notAfter: DateInput;
  /** A CA certificate: basicConstraints CA:TRUE (critical) and keyUsage keyCertSign + cRLSign. */
  readonly ca?: boolean | { readonly pathLen?: number };
  /** keyUsage (critical). Default: `digitalSignature, nonRepudiation` for end entities, `keyCertSign, cRLSign` for CAs; `[]` omits it. */
  readonly keyUsage?: readonly KeyUsage[];
  /** extendedKeyUsage: names (`timeStamping`, `OCSPSigning`, `clientAuth`, ...) or OIDs. */
  readonly extendedKeyUsage?: readonly string[];
  /** Mark extendedKeyUsage critical. Default: `true` when it is exactly `timeStamping` (RFC 3161 §2.3), else `false`. */
  readonly extendedKeyUsageCritical?: boolean;
  /** A cRLDistributionPoints URI. */
  readonly crlUrl?: string;
  /** An authorityInfoAccess OCSP URI. */
  readonly ocspUrl?: string;
  /** An authorityInfoAccess caIssuers URI. */
  readonly caIssuersUrl?: string;
  /** certificatePolicies OIDs. */
  readonly policies?: readonly string[];
  /** Add qcStatements with QcSSCD (key held in a qualified device: sole-control evidence). */
  readonly qcSSCD?: boolean;
  /** More extensions, added after the kit's own (an OID the kit already wrote is refused). */
  readonly extensions?: readonly RawExtension[];
  /** The serial number (positive). Default: derived from notBefore and a per-issuer counter. */
  readonly serial?: bigint | number;
  /** The key algorithm. Default: the issuer's, or `ECDSA-P256` for a root. */
  readonly keyAlgorithm?: KeyAlgorithm;
  /** The key-cache label. Default: the common name, so the same subject keeps the same key within a process. */
  readonly keyLabel?: string;
  /** Use these keys instead of the cache. */
  readonly keyPair?: TestKeyPair;
  /** Omit subjectKeyIdentifier / authorityKeyIdentifier (to test path building without them). */
  readonly omitKeyIdentifiers?: boolean;
  /** The digest of the issuer's signature. Default `SHA-256`. */
  readonly digest?: Digest;
  /** WebCrypto. Default: the issuer's, else `globalThis.crypto`. */
  readonly crypto?: WebCrypto;
}

const counters = new WeakMap<object, number>();

function nextSerial(issuer: object | null, notBefore: number): bigint {
  const key = issuer ?? counters;
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  // 0x54 0x45 ("TE") keeps the INTEGER positive and minimal; the middle carries notBefore so PKIs built for different
  // dates do not collide; the end counts certificates per issuer.
  return (0x5445n << 112n) | (BigInt(Math.max(0, Math.floor(notBefore / 1000))) << 32n) | BigInt(n);
}

/**
 * Issues a certificate signed by `issuer`, following Vietnamese subject conventions.
 *
 * @param issuer - the issuing identity (a CA)
 * @param options - subject, validity and extensions
 * @returns the new identity with its private key
 * @example
 * ```ts
 * const signer = await issueCertificate(pki.publicCa, {
 *   subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345", title: "Giám đốc" },
 *   notBefore: "2025-01-01T00:00:00Z",
 *   notAfter: "2027-01-01T00:00:00Z",
 * });
 * ```
 */
export function issueCertificate(issuer: TestIdentity, options: CertificateOptions): Promise<TestIdentity> {
  return build(issuer, options);
}

/**
 * Creates a self-signed CA certificate (a root, an Art. 40 specialized CA, an unlisted CA).
 *
 * @param options - subject and validity; `ca` is implied
 * @returns the root identity
 * @example
 * ```ts
 * const root = await createRootCa({ subject: { commonName: "Root" }, notBefore: "2020-01-01Z", notAfter: "2040-01-01Z" });
 * ```
 */
export function createRootCa(options: CertificateOptions): Promise<TestIdentity> {
  return build(null, { ca: true, ...options });
}

// Validity's constructor picks UTCTime for every year before 2050 (RFC 5280 wants GeneralizedTime before 1950 too),
// and reads the clock.
const validity = (notBefore: number, notAfter: number): Validity =>
  schemaObject(Validity, { notBefore: x509Time(notBefore), notAfter: x509Time(notAfter) });

async function build(issuer: TestIdentity | null, o: CertificateOptions): Promise<TestIdentity> {
  const crypto = o.crypto ?? issuer?.crypto ?? globalThis.crypto;
  const notBefore = toMillis(o.notBefore, "notBefore");
  const notAfter = toMillis(o.notAfter, "notAfter");
  const algorithm = o.keyAlgorithm ?? issuer?.keyAlgorithm ?? "ECDSA-P256";
  // Taken before the first await, so serials follow call order, not the order key generation finishes in.
  const serialValue = o.serial === undefined ? nextSerial(issuer, notBefore) : BigInt(o.serial);
  const keys = o.keyPair ?? (await testKeyPair(algorithm, o.keyLabel ?? o.subject.commonName, crypto));
  const signingKeys = issuer?.keyPair ?? keys;
  const digest = o.digest ?? "SHA-256";
  const name = subjectName(o.subject);
  const subject = encode(name);
  const issuerName = issuer?.subject ?? subject;
  if (serialValue <= 0n) throw new RangeError("serial must be positive");
  const serial = integerContent(serialValue);
  const ski = (await hash("SHA-1", publicKeyBits(keys.spki), crypto)) as Uint8Array;
  const aki = issuer?.subjectKeyId ?? ski;

  const isCa = o.ca !== undefined && o.ca !== false;
  const exts: RawExtension[] = [];
  if (isCa) exts.push(caConstraints(typeof o.ca === "object" ? o.ca.pathLen : undefined));
  const usage = o.keyUsage ?? (isCa ? ["keyCertSign", "cRLSign"] : ["digitalSignature", "nonRepudiation"]);
  if (usage.length > 0) exts.push(keyUsageExt(usage));
  if (o.extendedKeyUsage && o.extendedKeyUsage.length > 0) {
    const critical = o.extendedKeyUsageCritical ?? (o.extendedKeyUsage.length === 1 && o.extendedKeyUsage[0] === "timeStamping");
    exts.push(extKeyUsage(o.extendedKeyUsage, critical));
  }
  if (!o.omitKeyIdentifiers) exts.push(subjectKeyIdExt(ski), authorityKeyId(aki));
  if (o.crlUrl !== undefined) exts.push(crlDistributionPoint(o.crlUrl));
  if (o.ocspUrl !== undefined || o.caIssuersUrl !== undefined) exts.push(authorityInfoAccess(o.ocspUrl, o.caIssuersUrl));
  if (o.policies && o.policies.length > 0) exts.push(certificatePolicies(o.policies));
  if (o.qcSSCD) exts.push(qcSscd());
  for (const e of o.extensions ?? []) {
    if (exts.some((x) => x.oid === e.oid)) throw new TypeError(`extension ${e.oid} is already written by the kit`);
    exts.push(e);
  }

  const signatureAlgorithm = KEY_ALGORITHMS[signingKeys.algorithm].signatureAlgorithm(digest);
  const tbsCertificate = schemaObject(TBSCertificate, {
    version: Version.v3,
    serialNumber: buffer(serial),
    signature: signatureAlgorithm,
    issuer: issuer ? verbatim<Name>(issuerName) : name,
    validity: validity(notBefore, notAfter),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(keys.spki, SubjectPublicKeyInfo),
    extensions: new Extensions(exts.map(toExtension)),
  });
  const tbs = encode(tbsCertificate);
  const signature = await signBytes(signingKeys, tbs, digest, crypto);
  // The TBS goes in as the bytes signed, not encoded a second time.
  const certificate = encode(schemaObject(Certificate, { tbsCertificate: verbatim<TBSCertificate>(tbs), signatureAlgorithm, signatureValue: buffer(signature) }));
  return {
    certificate,
    pem: toPem(certificate),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    keyPair: keys,
    keyAlgorithm: keys.algorithm,
    subject,
    issuerName,
    serial,
    subjectKeyId: ski,
    notBefore,
    notAfter,
    issuer,
    chain: issuer ? [issuer.certificate, ...issuer.chain] : [],
    crypto,
  };
}

