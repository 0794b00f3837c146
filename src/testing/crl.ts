import type { WebCrypto } from "../crypto/types.js";
import { AsnIntegerBigIntConverter } from "@peculiar/asn1-schema";
import type {
  Name} from "@peculiar/asn1-x509";
import {
  AuthorityKeyIdentifier,
  CertificateList,
  CRLReason,
  InvalidityDate,
  KeyIdentifier,
  RevokedCertificate,
  TBSCertList,
  Version,
} from "@peculiar/asn1-x509";
import { KEY_ALGORITHMS, type Digest } from "./algorithms.js";
import { buffer, encode, schemaObject, verbatim } from "./der.js";
import { toExtension, type RawExtension } from "./extensions.js";
import type { TestIdentity } from "./identity.js";
import { signBytes } from "./keys.js";
import { REASON_CODES, revocationsAt, type RevocationEntry } from "./revocation.js";
import { KIT_OID } from "./oids.js";
import { toMillis, x509Time, type DateInput } from "./time.js";

/** Options of {@link createCrl}. */
export interface CrlOptions {
  readonly thisUpdate: DateInput;
  /** Omit to leave nextUpdate out (RFC 5280 requires it; useful to test that rule). */
  readonly nextUpdate?: DateInput;
  /** The entries to list. Default: the issuer's revocations recorded with `revoke()` at or before thisUpdate. */
  readonly entries?: readonly RevocationEntry[];
  /** The cRLNumber. Default: thisUpdate in seconds, so later CRLs have larger numbers. */
  readonly crlNumber?: bigint | number;
  /** Make it a delta CRL against this base CRL number. */
  readonly deltaOf?: bigint | number;
  /** Sign with another identity (an indirect or wrong signer); the issuer name and AKI stay the issuer's. */
  readonly signer?: TestIdentity;
  /** More CRL extensions. */
  readonly extensions?: readonly RawExtension[];
  readonly digest?: Digest;
  readonly crypto?: WebCrypto;
}

/**
 * An INTEGER (DER), any size.
 *
 * @param value - the integer
 * @returns the encoded INTEGER
 */
export const integerDer = (value: bigint | number): Uint8Array => new Uint8Array(AsnIntegerBigIntConverter.toASN(BigInt(value)).toBER());

function entry(e: RevocationEntry): RevokedCertificate {
  const exts: RawExtension[] = [];
  if (e.reason !== "unspecified") exts.push({ oid: KIT_OID.cRLReason, value: encode(new CRLReason(REASON_CODES[e.reason])) });
  if (e.invalidityDate !== undefined) exts.push({ oid: KIT_OID.invalidityDate, value: encode(schemaObject(InvalidityDate, { value: new Date(e.invalidityDate) })) });
  return new RevokedCertificate({
    userCertificate: buffer(e.serial),
    revocationDate: x509Time(e.at),
    ...(exts.length ? { crlEntryExtensions: exts.map(toExtension) } : {}),
  });
}

/**
 * Creates a signed X.509 v2 CRL (RFC 5280 §5) for `issuer`.
 *
 * @param issuer - the CA whose CRL it is
 * @param options - dates, entries, number
 * @returns the CRL (DER)
 * @example
 * ```ts
 * revoke(pki.publicCa, signer, { at: "2025-06-01T00:00:00Z", reason: "keyCompromise" });
 * const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-06-02T00:00:00Z", nextUpdate: "2025-06-09T00:00:00Z" });
 * ```
 */
export async function createCrl(issuer: TestIdentity, options: CrlOptions): Promise<Uint8Array> {
  const crypto = options.crypto ?? issuer.crypto;
  const thisUpdate = toMillis(options.thisUpdate, "thisUpdate");
  const signer = options.signer ?? issuer;
  const digest = options.digest ?? "SHA-256";
  const entries = options.entries ?? revocationsAt(issuer, thisUpdate);
  const number = options.crlNumber ?? Math.floor(thisUpdate / 1000);
  const exts: RawExtension[] = [
    { oid: KIT_OID.authorityKeyIdentifier, value: encode(new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(issuer.subjectKeyId) })) },
    { oid: KIT_OID.cRLNumber, value: integerDer(number) },
  ];
  if (options.deltaOf !== undefined) exts.push({ oid: KIT_OID.deltaCRLIndicator, critical: true, value: integerDer(options.deltaOf) });
  exts.push(...(options.extensions ?? []));
  const signature = KEY_ALGORITHMS[signer.keyAlgorithm].signatureAlgorithm(digest);
  const tbsCertList = new TBSCertList({
    version: Version.v2,
    signature,
    issuer: verbatim<Name>(issuer.subject),
    thisUpdate: x509Time(thisUpdate),
    ...(options.nextUpdate === undefined ? {} : { nextUpdate: x509Time(toMillis(options.nextUpdate, "nextUpdate")) }),
    ...(entries.length ? { revokedCertificates: entries.map(entry) } : {}),
    crlExtensions: exts.map(toExtension),
  });
  const tbs = encode(tbsCertList);
  const value = await signBytes(signer.keyPair, tbs, digest, crypto);
  return encode(new CertificateList({ tbsCertList: verbatim<TBSCertList>(tbs), signatureAlgorithm: signature, signature: buffer(value) }));
}

/**
 * A CRL from every CA of a test PKI that issues certificates (the national root, the public CA, the Government root
 * and sub-CA, the specialized CA), for the same dates: what a relying party needs
 * so that every certificate on a path, a listed CA the national root certified included, has revocation evidence.
 *
 * @param pki - the test PKI
 * @param options - the CRLs' dates (and any other {@link CrlOptions} they share)
 * @returns the CRLs (DER), in a fixed order
 * @example
 * ```ts
 * const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-30T00:00:00Z" });
 * await validate(p7s, { trustList, crls, now: new Date("2025-06-01T00:00:00Z") });
 * ```
 */
export async function createPkiCrls(
  pki: {
    readonly nationalRoot: TestIdentity;
    readonly publicCa: TestIdentity;
    readonly governmentRoot: TestIdentity;
    readonly governmentSubCa: TestIdentity;
    readonly specializedCa: TestIdentity;
  },
  options: CrlOptions,
): Promise<Uint8Array[]> {
  const issuers = [pki.nationalRoot, pki.publicCa, pki.governmentRoot, pki.governmentSubCa, pki.specializedCa];
  return Promise.all(issuers.map((ca) => createCrl(ca, options)));
}
