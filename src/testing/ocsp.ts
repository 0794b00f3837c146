import type { WebCrypto } from "../crypto/types.js";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  BasicOCSPResponse,
  CertID,
  CertStatus,
  KeyHash,
  OCSPResponse,
  ResponderID,
  ResponseBytes,
  ResponseData,
  RevokedInfo,
  SingleResponse,
} from "@peculiar/asn1-ocsp";
import type { Certificate, Name } from "@peculiar/asn1-x509";
import { CRLReason } from "@peculiar/asn1-x509";
import { digestAlgorithmIdWithNull, KEY_ALGORITHMS, type Digest } from "./algorithms.js";
import { issueCertificate } from "./certificate.js";
import { ocspNoCheck } from "./extensions.js";
import type { TestIdentity } from "./identity.js";
import { hash, publicKeyBits, signBytes } from "./keys.js";
import { serialOf } from "./cert-fields.js";
import { buffer, encode, schemaObject, verbatim } from "./der.js";
import { KIT_OID } from "./oids.js";
import { REASON_CODES, revocationsAt, type ReasonName } from "./revocation.js";
import { toMillis, type DateInput } from "./time.js";

/** OCSPResponseStatus values (RFC 6960 §4.2.1); 4 is unused by the standard. */
const RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

/** Options of {@link createOcspResponse}. */
export interface OcspOptions {
  /** The moment the responder vouches for. */
  readonly thisUpdate: DateInput;
  readonly nextUpdate?: DateInput;
  /** Default: thisUpdate. */
  readonly producedAt?: DateInput;
  /** Default: from the issuer's `revoke()` records at thisUpdate (`revoked` or `good`). */
  readonly status?: "good" | "revoked" | "unknown";
  /** With `status: "revoked"`: the revocation time. Default: the issuer's record, else thisUpdate. */
  readonly revocationTime?: DateInput;
  /** With `status: "revoked"`: the reason. Default: the issuer's record (none written for `unspecified`). */
  readonly reason?: ReasonName;
  /** A delegated responder (see {@link createOcspResponder}); default: the issuer signs. */
  readonly responder?: TestIdentity;
  /** ResponderID form. Default `name`. */
  readonly responderId?: "name" | "key";
  /** Embed the responder's certificate. Default: `true` for a delegated responder, `false` when the CA signs. */
  readonly includeResponderCertificate?: boolean;
  /** The CertID hash. Default `SHA-1`, as almost every responder uses. */
  readonly certIdDigest?: Digest;
  /** Anything but `successful` yields a response with no body. */
  readonly responseStatus?: keyof typeof RESPONSE_STATUS;
  readonly digest?: Digest;
  readonly crypto?: WebCrypto;
}

/**
 * Creates an OCSPResponse (RFC 6960) for one certificate, signed by its issuer or a delegated responder.
 *
 * @param issuer - the CA that issued `certificate`
 * @param certificate - the certificate asked about (an identity or DER)
 * @param options - times, status and responder
 * @returns the OCSPResponse (DER)
 * @example
 * ```ts
 * const ocsp = await createOcspResponse(pki.publicCa, signer, {
 *   thisUpdate: "2025-06-02T00:00:00Z", nextUpdate: "2025-06-09T00:00:00Z",
 * });
 * ```
 */
export async function createOcspResponse(
  issuer: TestIdentity,
  certificate: TestIdentity | Uint8Array,
  options: OcspOptions,
): Promise<Uint8Array> {
  const status = options.responseStatus ?? "successful";
  if (status !== "successful") return encode(new OCSPResponse({ responseStatus: RESPONSE_STATUS[status] }));
  const crypto = options.crypto ?? issuer.crypto;
  const thisUpdate = toMillis(options.thisUpdate, "thisUpdate");
  const producedAt = options.producedAt === undefined ? thisUpdate : toMillis(options.producedAt, "producedAt");
  const responder = options.responder ?? issuer;
  const serial = serialOf(certificate);
  const idDigest = options.certIdDigest ?? "SHA-1";
  const certID = new CertID({
    // CertID hash algorithms conventionally carry NULL parameters (OpenSSL writes them so).
    hashAlgorithm: digestAlgorithmIdWithNull(idDigest),
    issuerNameHash: new OctetString(await hash(idDigest, issuer.subject, crypto)),
    issuerKeyHash: new OctetString(await hash(idDigest, publicKeyBits(issuer.keyPair.spki), crypto)),
    serialNumber: buffer(serial),
  });
  const single = schemaObject(SingleResponse, {
    certID,
    certStatus: certStatus(issuer, serial, thisUpdate, options),
    thisUpdate: new Date(thisUpdate),
    ...(options.nextUpdate === undefined ? {} : { nextUpdate: new Date(toMillis(options.nextUpdate, "nextUpdate")) }),
  });
  const responderID =
    (options.responderId ?? "name") === "name"
      ? new ResponderID({ byName: verbatim<Name>(responder.subject) })
      : new ResponderID({ byKey: new KeyHash(await hash("SHA-1", publicKeyBits(responder.keyPair.spki), crypto)) });
  const tbs = encode(schemaObject(ResponseData, { responderID, producedAt: new Date(producedAt), responses: [single] }));
  const digest = options.digest ?? "SHA-256";
  const signatureAlgorithm = KEY_ALGORITHMS[responder.keyAlgorithm].signatureAlgorithm(digest);
  const signature = await signBytes(responder.keyPair, tbs, digest, crypto);
  const includeCert = options.includeResponderCertificate ?? responder !== issuer;
  const basic = schemaObject(BasicOCSPResponse, {
    tbsResponseData: verbatim<ResponseData>(tbs),
    signatureAlgorithm,
    signature: buffer(signature),
    ...(includeCert ? { certs: [verbatim<Certificate>(responder.certificate)] } : {}),
  });
  const responseBytes = new ResponseBytes({ responseType: KIT_OID.ocspBasic, response: new OctetString(AsnConvert.serialize(basic)) });
  return encode(new OCSPResponse({ responseStatus: RESPONSE_STATUS.successful, responseBytes }));
}

function certStatus(issuer: TestIdentity, serial: Uint8Array, thisUpdate: number, o: OcspOptions): CertStatus {
  const found = revocationsAt(issuer, thisUpdate).find(
    (e) => e.serial.length === serial.length && e.serial.every((b, i) => b === serial[i]),
  );
  // A released hold (removeFromCRL) means the certificate is good again.
  const recorded = found?.reason === "removeFromCRL" ? undefined : found;
  const status = o.status ?? (recorded ? "revoked" : "good");
  if (status === "good") return new CertStatus({ good: null });
  if (status === "unknown") return new CertStatus({ unknown: null });
  const at = o.revocationTime !== undefined ? toMillis(o.revocationTime, "revocationTime") : (recorded?.at ?? thisUpdate);
  const given = o.reason ?? (o.revocationTime === undefined ? recorded?.reason : undefined);
  // RFC 5280 §5.3.1: no reason code for `unspecified`.
  const reason = given === "unspecified" ? undefined : given;
  const info = schemaObject(RevokedInfo, { revocationTime: new Date(at) });
  if (reason !== undefined) info.revocationReason = new CRLReason(REASON_CODES[reason]);
  return new CertStatus({ revoked: info });
}

/** Options of {@link createOcspResponder}. */
export interface OcspResponderOptions {
  readonly notBefore: DateInput;
  readonly notAfter: DateInput;
  /** Default `OCSP Responder`. */
  readonly commonName?: string;
  readonly keyLabel?: string;
}

/**
 * Issues a delegated OCSP responder certificate: extendedKeyUsage id-kp-OCSPSigning and id-pkix-ocsp-nocheck.
 *
 * @param issuer - the CA delegating
 * @param options - validity and name
 * @returns the responder identity
 * @example
 * ```ts
 * const responder = await createOcspResponder(pki.publicCa, { notBefore: "2025-01-01Z", notAfter: "2026-01-01Z" });
 * ```
 */
export function createOcspResponder(issuer: TestIdentity, options: OcspResponderOptions): Promise<TestIdentity> {
  const commonName = options.commonName ?? "OCSP Responder";
  return issueCertificate(issuer, {
    subject: { commonName },
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keyUsage: ["digitalSignature"],
    extendedKeyUsage: ["OCSPSigning"],
    extensions: [ocspNoCheck()],
    keyLabel: options.keyLabel ?? `ocsp-responder/${commonName}`,
  });
}
