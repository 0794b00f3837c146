import { AsnConvert } from "@peculiar/asn1-schema";
import { OCSPRequest } from "@peculiar/asn1-ocsp";
import { bytesEqual } from "../../lib/bytes.js";
import { DIGESTS, type Digest } from "../algorithms.js";
import { serialOf } from "../cert-fields.js";
import type { TestIdentity } from "../identity.js";
import { hash, publicKeyBits } from "../keys.js";
import { createOcspResponse, type OcspOptions } from "../ocsp.js";
import type { DateInput } from "../time.js";

/** An OCSP responder the test server runs for one CA: it answers for the certificates it knows, with the kit's responses. */
export interface OcspService {
  /** The CA whose certificates it answers for; a request naming another issuer gets `unauthorized`. */
  readonly issuer: TestIdentity;
  /** A delegated responder ({@link createOcspResponder}); default: the CA signs its responses. */
  readonly responder?: TestIdentity;
  /** The certificates it knows; a request for another serial gets `unauthorized`. */
  readonly certificates: readonly (TestIdentity | Uint8Array)[];
  /** How it answers ({@link createOcspResponse} options): times, and a status (default: from the CA's `revoke()` records). */
  readonly response: Omit<OcspOptions, "responder">;
}

/** What an OCSP request asks: the first CertID of its request list. */
export interface OcspQuestion {
  /** The CertID hash, when it is one the kit knows. */
  readonly digest: Digest | undefined;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  /** The serial's INTEGER content octets. */
  readonly serial: Uint8Array;
}

/** An OCSPResponse with responseStatus `malformedRequest` (1) and no body (RFC 6960 §4.2.1). */
export const MALFORMED_REQUEST = Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x01);
/** An OCSPResponse with responseStatus `unauthorized` (6) and no body: the responder does not serve that certificate. */
export const UNAUTHORIZED = Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x06);

const DIGEST_BY_OID = new Map(Object.entries(DIGESTS).map(([name, d]) => [d.oid, name as Digest]));

/**
 * Reads the first CertID of an OCSPRequest (RFC 6960 §4.1.1).
 *
 * @param der - the request
 * @returns what it asks
 * @throws for a request that does not decode
 * @example
 * ```ts
 * const { serial, digest } = readOcspRequest(requestBody);
 * ```
 */
export function readOcspRequest(der: Uint8Array): OcspQuestion {
  const request = AsnConvert.parse(der, OCSPRequest);
  const first = request.tbsRequest.requestList[0];
  if (first === undefined) throw new Error("OCSPRequest: empty requestList");
  const { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber } = first.reqCert;
  return {
    digest: DIGEST_BY_OID.get(hashAlgorithm.algorithm),
    issuerNameHash: new Uint8Array(issuerNameHash.buffer),
    issuerKeyHash: new Uint8Array(issuerKeyHash.buffer),
    serial: new Uint8Array(serialNumber),
  };
}

async function servesIssuer(service: OcspService, q: OcspQuestion, digest: Digest): Promise<boolean> {
  const { issuer } = service;
  const [nameHash, keyHash] = await Promise.all([
    hash(digest, issuer.subject, issuer.crypto),
    hash(digest, publicKeyBits(issuer.keyPair.spki), issuer.crypto),
  ]);
  return bytesEqual(nameHash, q.issuerNameHash) && bytesEqual(keyHash, q.issuerKeyHash);
}

/** A deviation from the right answer: about another certificate, or with other (stale) times. */
export type OcspDeviation =
  | { readonly kind: "other-certificate"; readonly certificate: TestIdentity | Uint8Array }
  | { readonly kind: "stale"; readonly thisUpdate: DateInput; readonly nextUpdate?: DateInput };

/**
 * Answers an OCSP request the way a responder would: `unauthorized` for an issuer or serial it does not serve, else a
 * signed response from the kit, unless a deviation asks for a wrong one.
 *
 * @param services - the responders, one per CA
 * @param question - what the request asks
 * @param deviation - a wrong answer to give instead
 * @returns the OCSPResponse (DER)
 * @example
 * ```ts
 * const der = await answerOcsp([{ issuer: pki.publicCa, certificates: [signer], response: { thisUpdate } }], readOcspRequest(body));
 * ```
 */
export async function answerOcsp(services: readonly OcspService[], question: OcspQuestion, deviation?: OcspDeviation): Promise<Uint8Array> {
  const digest = question.digest;
  if (digest === undefined) return UNAUTHORIZED;
  let service: OcspService | undefined;
  for (const s of services) if (await servesIssuer(s, question, digest)) service = s;
  const known = service?.certificates.find((c) => bytesEqual(serialOf(c), question.serial));
  if (!service || !known) return UNAUTHORIZED;
  const certificate = deviation?.kind === "other-certificate" ? deviation.certificate : known;
  const response = deviation?.kind === "stale" ? withTimes(service.response, deviation) : service.response;
  return createOcspResponse(service.issuer, certificate, {
    certIdDigest: digest,
    ...response,
    ...(service.responder ? { responder: service.responder } : {}),
  });
}

/** The service's answer with a stale deviation's times (and no nextUpdate unless the deviation gives one). */
function withTimes(response: OcspService["response"], stale: Extract<OcspDeviation, { kind: "stale" }>): OcspService["response"] {
  const copy: Record<string, unknown> = { ...response, thisUpdate: stale.thisUpdate, producedAt: stale.thisUpdate };
  if (stale.nextUpdate === undefined) delete copy["nextUpdate"];
  else copy["nextUpdate"] = stale.nextUpdate;
  return copy as unknown as OcspService["response"];
}
