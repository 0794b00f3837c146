import { OID } from "../asn1/oids.js";
import { bitString, enumerated, explicit, implicitPrim, intBytes, octetString, oidDer, retag, seq, NULL } from "./asn1.js";
import { digestAlgorithmId, KEY_ALGORITHMS, type Digest } from "./algorithms.js";
import { issueCertificate } from "./certificate.js";
import { ocspNoCheck } from "./extensions.js";
import type { TestIdentity } from "./identity.js";
import { hash, publicKeyBits, signBytes } from "./keys.js";
import { serialOf } from "./cert-fields.js";
import { REASON_CODES, revocationsAt, type ReasonName } from "./revocation.js";
import { generalizedTime, toMillis, type DateInput } from "./time.js";

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
  readonly crypto?: Crypto;
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
  if (status !== "successful") return seq(enumerated(RESPONSE_STATUS[status]));
  const crypto = options.crypto ?? issuer.crypto;
  const thisUpdate = toMillis(options.thisUpdate, "thisUpdate");
  const producedAt = options.producedAt === undefined ? thisUpdate : toMillis(options.producedAt, "producedAt");
  const responder = options.responder ?? issuer;
  const serial = serialOf(certificate);
  const idDigest = options.certIdDigest ?? "SHA-1";
  const certId = seq(
    digestAlgorithmIdWithNull(idDigest),
    octetString(await hash(idDigest, issuer.subject, crypto)),
    octetString(await hash(idDigest, publicKeyBits(issuer.keyPair.spki), crypto)),
    intBytes(serial),
  );
  const singleResponse = seq(
    certId,
    certStatus(issuer, serial, thisUpdate, options),
    generalizedTime(thisUpdate),
    ...(options.nextUpdate === undefined ? [] : [explicit(0, generalizedTime(toMillis(options.nextUpdate, "nextUpdate")))]),
  );
  const responderId =
    (options.responderId ?? "name") === "name"
      ? explicit(1, responder.subject)
      : explicit(2, octetString(await hash("SHA-1", publicKeyBits(responder.keyPair.spki), crypto)));
  const tbs = seq(responderId, generalizedTime(producedAt), seq(singleResponse));
  const digest = options.digest ?? "SHA-256";
  const sigAlg = KEY_ALGORITHMS[responder.keyAlgorithm].signatureAlgorithm(digest);
  const signature = await signBytes(responder.keyPair, tbs, digest, crypto);
  const includeCert = options.includeResponderCertificate ?? responder !== issuer;
  const basic = seq(tbs, sigAlg, bitString(signature), ...(includeCert ? [explicit(0, seq(responder.certificate))] : []));
  return seq(enumerated(0), explicit(0, seq(oidDer(OID.ocspBasic), octetString(basic))));
}

// CertID hash algorithms conventionally carry NULL parameters (OpenSSL writes them so).
const digestAlgorithmIdWithNull = (digest: Digest): Uint8Array => {
  const plain = digestAlgorithmId(digest);
  return seq(plain.subarray(2), NULL);
};

function certStatus(issuer: TestIdentity, serial: Uint8Array, thisUpdate: number, o: OcspOptions): Uint8Array {
  const found = revocationsAt(issuer, thisUpdate).find(
    (e) => e.serial.length === serial.length && e.serial.every((b, i) => b === serial[i]),
  );
  // A released hold (removeFromCRL) means the certificate is good again.
  const recorded = found?.reason === "removeFromCRL" ? undefined : found;
  const status = o.status ?? (recorded ? "revoked" : "good");
  if (status === "good") return implicitPrim(0, new Uint8Array());
  if (status === "unknown") return implicitPrim(2, new Uint8Array());
  const at = o.revocationTime !== undefined ? toMillis(o.revocationTime, "revocationTime") : (recorded?.at ?? thisUpdate);
  const given = o.reason ?? (o.revocationTime === undefined ? recorded?.reason : undefined);
  // RFC 5280 §5.3.1: no reason code for `unspecified`.
  const reason = given === "unspecified" ? undefined : given;
  const info = seq(generalizedTime(at), ...(reason === undefined ? [] : [explicit(0, enumerated(REASON_CODES[reason]))]));
  return retag(info, 0xa1);
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
