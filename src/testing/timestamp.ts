import type { WebCrypto } from "../crypto/types.js";
import { OctetString } from "@peculiar/asn1-schema";
import { Accuracy, MessageImprint, PKIStatus, PKIStatusInfo, TimeStampResp, TSTInfo, type TimeStampToken } from "@peculiar/asn1-tsp";
import { GeneralName, type Name } from "@peculiar/asn1-x509";
import { DIGESTS, digestAlgorithmId, type Digest } from "./algorithms.js";
import { issueCertificate } from "./certificate.js";
import { assembleSignedData, parseSignedData } from "./cms-parts.js";
import { readElement } from "./der-tree.js";
import { buffer, encode, integerContent, schemaObject, verbatim } from "./der.js";
import type { TestIdentity } from "./identity.js";
import { hash } from "./keys.js";
import { KIT_OID } from "./oids.js";
import { addUnsignedAttribute, createSignerInfo, signatureIndex } from "./signer-info.js";
import { toMillis, type DateInput } from "./time.js";

/** The TSA policy the kit writes unless told otherwise: under the `example` arc (2.999), so it names no real policy. */
export const TEST_TSA_POLICY = "2.999.130.3161.1";

/** What a timestamp token is made over: the data itself, or its hash already computed (with `options.digest`). */
export type ImprintInput = Uint8Array | { readonly digest: Uint8Array };

/** Options of {@link createTimestampToken} (and of the kit's other timestamp helpers). */
export interface TimestampOptions {
  /** The TSA's time, written as the TSTInfo genTime (whole seconds). */
  readonly genTime: DateInput;
  /** The messageImprint digest. Default `SHA-256`. */
  readonly digest?: Digest;
  /** The TSA policy OID. Default {@link TEST_TSA_POLICY}. */
  readonly policy?: string;
  /** The token's serial number (positive). Default: genTime in seconds and a per-TSA counter. */
  readonly serial?: bigint | number;
  /** Embed the TSA's certificate (RFC 3161 certReq). Default `true`. */
  readonly includeCertificate?: boolean;
  /** The ESS signingCertificateV2 attribute naming the TSA's certificate: `false` leaves it out, a certificate names that one instead. Default `true`. */
  readonly essCertIdV2?: boolean | TestIdentity | Uint8Array;
  /** The TSTInfo accuracy. Default: none written. */
  readonly accuracy?: { readonly seconds?: number; readonly millis?: number; readonly micros?: number };
  /** The requester's nonce, echoed in the TSTInfo. */
  readonly nonce?: bigint | number;
  /** Write the TSA's subject as the TSTInfo `tsa` name. Default `false`. */
  readonly tsaName?: boolean;
  readonly crypto?: WebCrypto;
}

const counters = new WeakMap<TestIdentity, number>();

function nextSerial(tsa: TestIdentity, genTime: number): bigint {
  const n = (counters.get(tsa) ?? 0) + 1;
  counters.set(tsa, n);
  return (BigInt(Math.max(0, Math.floor(genTime / 1000))) << 20n) | BigInt(n);
}

/**
 * Creates an RFC 3161 TimeStampToken: a CMS SignedData whose eContent is a TSTInfo, signed by `tsa` with the signed
 * attributes contentType (id-ct-TSTInfo), messageDigest and ESS signingCertificateV2.
 *
 * @param imprint - the data timestamped, or `{ digest }`, its hash under `options.digest`
 * @param tsa - the timestamping authority (see {@link createTimestampingAuthority})
 * @param options - genTime and the TSTInfo's optional fields
 * @returns the TimeStampToken (DER ContentInfo)
 * @throws TypeError when a given digest has the wrong length for `options.digest`
 * @example
 * ```ts
 * const token = await createTimestampToken(data, tsa, { genTime: "2025-06-01T08:00:05Z", nonce: 42n });
 * ```
 */
export async function createTimestampToken(imprint: ImprintInput, tsa: TestIdentity, options: TimestampOptions): Promise<Uint8Array> {
  const crypto = options.crypto ?? tsa.crypto;
  const digest = options.digest ?? "SHA-256";
  const hashed = imprint instanceof Uint8Array ? await hash(digest, imprint, crypto) : imprint.digest;
  if (hashed.length !== DIGESTS[digest].length) throw new TypeError(`a ${digest} digest has ${DIGESTS[digest].length} octets, not ${hashed.length}`);
  const genTime = toMillis(options.genTime, "genTime");
  const serial = options.serial === undefined ? nextSerial(tsa, genTime) : BigInt(options.serial);
  if (serial <= 0n) throw new RangeError("serial must be positive");
  const tstInfo = schemaObject(TSTInfo, {
    version: 1,
    policy: options.policy ?? TEST_TSA_POLICY,
    messageImprint: new MessageImprint({ hashAlgorithm: digestAlgorithmId(digest), hashedMessage: new OctetString(hashed) }),
    serialNumber: buffer(integerContent(serial)),
    genTime: new Date(genTime),
    ...(options.accuracy ? { accuracy: schemaObject(Accuracy, { ...options.accuracy }) } : {}),
    ...(options.nonce === undefined ? {} : { nonce: buffer(integerContent(BigInt(options.nonce))) }),
    ...(options.tsaName ? { tsa: new GeneralName({ directoryName: verbatim<Name>(tsa.subject) }) } : {}),
  });
  const content = encode(tstInfo);
  const ess = options.essCertIdV2 ?? true;
  const signerInfo = await createSignerInfo(content, KIT_OID.tstInfo, tsa, { ...(ess === false ? {} : { signingCertificateV2: ess }), crypto });
  return assembleSignedData({
    digestAlgorithms: [encode(digestAlgorithmId("SHA-256"))],
    contentType: KIT_OID.tstInfo,
    content,
    certificates: options.includeCertificate === false ? [] : [tsa.certificate],
    crls: [],
    signerInfos: [signerInfo],
  });
}


/**
 * Adds a signature timestamp to a SignerInfo: the unsigned attribute id-aa-signatureTimeStampToken
 * (1.2.840.113549.1.9.16.2.14) holding a token whose messageImprint is the hash of that SignerInfo's `signature`
 * value (RFC 3161 Appendix A).
 *
 * @param cms - a SignedData (DER or BER)
 * @param tsa - the timestamping authority
 * @param options - the token's options, and which SignerInfo (default 0)
 * @returns a new SignedData (DER) with the token added (after any the SignerInfo had)
 * @throws TypeError when there is no SignerInfo at `signerIndex`
 * @example
 * ```ts
 * const stamped = await addSignatureTimestamp(p7s, pki.timestampingAuthority!, { genTime: "2025-06-01T08:00:05Z" });
 * ```
 */
export async function addSignatureTimestamp(
  cms: Uint8Array,
  tsa: TestIdentity,
  options: TimestampOptions & { readonly signerIndex?: number },
): Promise<Uint8Array> {
  const parts = parseSignedData(cms);
  const index = options.signerIndex ?? 0;
  const info = parts.signerInfos[index];
  if (!info) throw new TypeError(`no SignerInfo at index ${index}`);
  const fields = readElement(info).children;
  const signature = fields[signatureIndex(fields)]!.content;
  const token = await createTimestampToken(signature, tsa, options);
  return addUnsignedAttribute(cms, { oid: KIT_OID.signatureTimeStampToken, values: [token] }, index);
}

/** A TimeStampResp status (RFC 3161 §2.4.2). */
export type TimestampStatus = keyof typeof PKIStatus;

/**
 * Wraps a token in a TimeStampResp (RFC 3161 §2.4.2), as a TSA answers over HTTP and as `openssl ts -reply -in` reads.
 *
 * @param token - the TimeStampToken; `null` for a response without one (a rejection)
 * @param status - default `granted`
 * @returns the TimeStampResp (DER)
 * @example
 * ```ts
 * const tsr = createTimestampResponse(await createTimestampToken(data, tsa, { genTime }));
 * ```
 */
export function createTimestampResponse(token: Uint8Array | null, status: TimestampStatus = "granted"): Uint8Array {
  return encode(
    new TimeStampResp({
      status: new PKIStatusInfo({ status: PKIStatus[status] }),
      ...(token === null ? {} : { timeStampToken: verbatim<TimeStampToken>(token) }),
    }),
  );
}

/** Options of {@link createTimestampingAuthority}. */
export interface TimestampingAuthorityOptions {
  readonly notBefore: DateInput;
  readonly notAfter: DateInput;
  /** Default `TEST Timestamping Authority`. */
  readonly commonName?: string;
  readonly keyLabel?: string;
  /** A CRL distribution point URL for the TSA certificate (to test online revocation of a TSA). */
  readonly crlUrl?: string;
  /** An OCSP responder URL for the TSA certificate. */
  readonly ocspUrl?: string;
}

/**
 * Issues a timestamping authority certificate: keyUsage digitalSignature, and extendedKeyUsage `timeStamping` alone
 * and critical (RFC 3161 §2.3).
 *
 * @param issuer - the CA that certifies the TSA
 * @param options - validity and name
 * @returns the TSA identity
 * @example
 * ```ts
 * const tsa = await createTimestampingAuthority(pki.publicCa, { notBefore: "2024-01-01Z", notAfter: "2030-01-01Z" });
 * ```
 */
export function createTimestampingAuthority(issuer: TestIdentity, options: TimestampingAuthorityOptions): Promise<TestIdentity> {
  const commonName = options.commonName ?? "TEST Timestamping Authority";
  return issueCertificate(issuer, {
    subject: { commonName },
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keyUsage: ["digitalSignature"],
    extendedKeyUsage: ["timeStamping"],
    extendedKeyUsageCritical: true,
    keyLabel: options.keyLabel ?? `tsa/${commonName}`,
    ...(options.crlUrl !== undefined ? { crlUrl: options.crlUrl } : {}),
    ...(options.ocspUrl !== undefined ? { ocspUrl: options.ocspUrl } : {}),
  });
}
