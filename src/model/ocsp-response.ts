import { toHex } from "../lib/hex.js";
import { DerCursor, sequence } from "../asn1/cursor.js";
import { bitString, ctx, ctxPrim, expect, fields, integerBytes, oid, rawOf, readRoot, smallInt, Tag, time, valueOf, type Tlv } from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import { decodeAlgorithm } from "./algorithm.js";
import { decodeCertificateAt, type Certificate } from "./certificate.js";
import { decodeExtensions, type Extension } from "./extensions.js";
import { decodeName, type Name } from "./name.js";
import { reasonName } from "./revocation-reason.js";
import type { AlgorithmIdentifier } from "./algorithm.js";
import type { RevocationReason } from "./revocation-reason.js";

/** A caller-supplied or embedded OCSP response, decoded once. */
export interface OcspResponse {
  readonly der: Uint8Array;
  /** The BasicOCSPResponse's tbsResponseData. */
  readonly tbs: Uint8Array;
  readonly producedAt: number;
  readonly responses: readonly OcspSingleResponse[];
  readonly certificates: readonly Certificate[];
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  /** ResponderID: by name (DER of the Name) or by key hash. */
  readonly responderId: { readonly byName?: Name; readonly byKeyHash?: Uint8Array };
  /** OIDs of critical responseExtensions: none is understood, so any makes the response unusable. */
  readonly unknownCriticalExtensions: readonly string[];
}

/** One SingleResponse. */
export interface OcspSingleResponse {
  readonly hashAlgorithm: string;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  readonly serialHex: string;
  readonly status: "good" | "revoked" | "unknown";
  readonly revocationTime?: number;
  readonly reason?: RevocationReason;
  /** The compromise time from the invalidityDate single extension (RFC 6960 §4.4), when given. */
  readonly invalidityDate?: number;
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
  /** OIDs of critical singleExtensions this library does not honour: such a statement must not be used. */
  readonly unknownCriticalExtensions: readonly string[];
}

/** OCSPResponseStatus names (RFC 6960 §4.2.1); 4 is unassigned. */
const RESPONSE_STATUS: ReadonlyMap<number, string> = new Map([
  [0, "successful"],
  [1, "malformedRequest"],
  [2, "internalError"],
  [3, "tryLater"],
  [5, "sigRequired"],
  [6, "unauthorized"],
]);

/** Bounds on lists the response controls. */
const MAX_SINGLE_RESPONSES = 10_000;
const MAX_RESPONSE_CERTS = 32;

function malformed(message: string): never {
  throw new Decree130Error("MALFORMED_DER", message);
}

const criticalOids = (exts: readonly Extension[]): string[] => exts.filter((e) => e.critical).map((e) => e.oid);

/**
 * Decodes a DER OCSPResponse (RFC 6960 §4.2.1) holding a BasicOCSPResponse.
 *
 * @param der - the OCSPResponse bytes (kept, not copied: byte fields are views of it)
 * @returns the decoded response
 * @throws {@link Decree130Error} `MALFORMED_OCSP` for bytes that do not decode, a status other than `successful`
 * (named in the message), or a response type other than id-pkix-ocsp-basic
 * @example
 * ```ts
 * const resp = decodeOcspResponse(bytes);
 * resp.responses[0]?.status; // "good" | "revoked" | "unknown"
 * ```
 */
export function decodeOcspResponse(der: Uint8Array): OcspResponse {
  let outer: Tlv[];
  try {
    outer = fields(readRoot(der), 1, 2, "OCSPResponse");
  } catch (err) {
    throw new Decree130Error("MALFORMED_OCSP", `OCSP response does not decode: ${(err as Error).message}`, { cause: err });
  }
  let status: number;
  try {
    status = smallInt(outer[0]!, 255, Tag.ENUMERATED);
  } catch (err) {
    throw new Decree130Error("MALFORMED_OCSP", `OCSP responseStatus does not decode: ${(err as Error).message}`, { cause: err });
  }
  if (status !== 0) {
    const name = RESPONSE_STATUS.get(status) ?? `unassigned value ${status}`;
    throw new Decree130Error("MALFORMED_OCSP", `OCSP responseStatus is ${name}, not successful`);
  }
  try {
    return decodeBody(der, outer[1]);
  } catch (err) {
    if (err instanceof Decree130Error && err.code === "MALFORMED_OCSP") throw err;
    throw new Decree130Error("MALFORMED_OCSP", `OCSP response does not decode: ${(err as Error).message}`, { cause: err });
  }
}

function decodeBody(der: Uint8Array, wrapper: Tlv | undefined): OcspResponse {
  if (wrapper === undefined || wrapper.tag !== ctx(0)) malformed("responseBytes is missing");
  const holder = DerCursor.over(wrapper);
  const rb = sequence(holder.read(Tag.SEQUENCE, "ResponseBytes"), "ResponseBytes");
  holder.end("responseBytes");
  const type = oid(rb.read(Tag.OID, "responseType"));
  const octet = rb.read(Tag.OCTET_STRING, "response");
  rb.end("ResponseBytes");
  if (type !== OID.ocspBasic) throw new Decree130Error("MALFORMED_OCSP", `OCSP response type ${type} is not id-pkix-ocsp-basic`);
  // RFC 6960 §4.2.1: each field in its place, the optional ones at most once and in order.
  const basic = sequence(readRoot(valueOf(octet)), "BasicOCSPResponse");
  const tbsTlv = basic.read(Tag.SEQUENCE, "tbsResponseData");
  const algTlv = basic.read(Tag.SEQUENCE, "signatureAlgorithm");
  const sigTlv = basic.read(Tag.BIT_STRING, "signature");
  const certsTlv = basic.optionalExplicit(ctx(0), "certs");
  basic.end("BasicOCSPResponse");
  const certificates: Certificate[] = [];
  if (certsTlv) {
    for (const c of sequence(certsTlv, "certs").rest(Tag.SEQUENCE, "certs", MAX_RESPONSE_CERTS)) certificates.push(decodeCertificateAt(c));
  }
  const tbs = sequence(tbsTlv, "ResponseData");
  const versionTlv = tbs.optionalExplicit(ctx(0), "version");
  if (versionTlv && smallInt(versionTlv, 0) !== 0) malformed("ResponseData version is not v1");
  const responderId = decodeResponderId(tbs.any("responderID"));
  const producedAt = time(tbs.read(Tag.GENERALIZED_TIME, "producedAt"));
  const list = tbs.read(Tag.SEQUENCE, "responses");
  let unknownCriticalExtensions: string[] = [];
  const exts = tbs.optionalExplicit(ctx(1), "responseExtensions");
  if (exts) unknownCriticalExtensions = criticalOids(decodeExtensions(exts));
  tbs.end("ResponseData");
  return {
    der,
    tbs: rawOf(tbsTlv),
    producedAt,
    responses: sequence(list, "responses").rest(Tag.SEQUENCE, "responses", MAX_SINGLE_RESPONSES).map(decodeSingle),
    certificates,
    signatureAlgorithm: decodeAlgorithm(algTlv),
    signature: bitString(sigTlv).bytes,
    responderId,
    unknownCriticalExtensions,
  };
}

function decodeResponderId(tlv: Tlv): { byName?: Name; byKeyHash?: Uint8Array } {
  if (tlv.tag !== ctx(1) && tlv.tag !== ctx(2)) return malformed("responderID is neither byName [1] nor byKey [2]");
  const r = DerCursor.over(tlv);
  const inner = tlv.tag === ctx(1) ? { byName: decodeName(r.read(Tag.SEQUENCE, "byName")) } : { byKeyHash: valueOf(r.read(Tag.OCTET_STRING, "KeyHash")) };
  r.end("responderID");
  return inner;
}

function decodeSingle(tlv: Tlv): OcspSingleResponse {
  const f = sequence(tlv, "SingleResponse");
  const certId = f.enter(Tag.SEQUENCE, "CertID");
  const hashAlgorithm = decodeAlgorithm(certId.read(Tag.SEQUENCE, "hashAlgorithm")).oid;
  const nameHash = certId.read(Tag.OCTET_STRING, "issuerNameHash");
  const keyHash = certId.read(Tag.OCTET_STRING, "issuerKeyHash");
  const serial = certId.read(Tag.INTEGER, "serialNumber");
  certId.end("CertID");
  const statusTlv = f.any("certStatus");
  let status: OcspSingleResponse["status"];
  let revocationTime: number | undefined;
  let reason: RevocationReason | undefined;
  if (statusTlv.tag === ctxPrim(0) || statusTlv.tag === ctxPrim(2)) {
    if (statusTlv.valueEnd !== statusTlv.valueStart) malformed("certStatus good/unknown must be NULL");
    status = statusTlv.tag === ctxPrim(0) ? "good" : "unknown";
  } else if (statusTlv.tag === ctx(1)) {
    status = "revoked";
    const info = DerCursor.over(statusTlv);
    revocationTime = time(info.read(Tag.GENERALIZED_TIME, "revocationTime"));
    const reasonTlv = info.optionalExplicit(ctx(0), "revocationReason");
    info.end("RevokedInfo");
    if (reasonTlv) {
      const code = smallInt(reasonTlv, 255, Tag.ENUMERATED);
      reason = reasonName(code) ?? malformed(`unassigned CRL reason code ${code}`);
    }
  } else {
    return malformed(`certStatus with tag 0x${statusTlv.tag.toString(16)}`);
  }
  const thisUpdate = time(f.read(Tag.GENERALIZED_TIME, "thisUpdate"));
  const nextTlv = f.optionalExplicit(ctx(0), "nextUpdate");
  const nextUpdate = nextTlv ? time(expect(nextTlv, Tag.GENERALIZED_TIME, "nextUpdate")) : undefined;
  let unknownCriticalExtensions: string[] = [];
  let invalidityDate: number | undefined;
  const exts = f.optionalExplicit(ctx(1), "singleExtensions");
  if (exts) {
    const decoded = decodeExtensions(exts);
    // RFC 6960 §4.4: CRL entry extensions, such as invalidityDate, may appear in singleExtensions.
    const invalidity = decoded.find((e) => e.oid === OID.invalidityDate);
    if (invalidity) invalidityDate = time(expect(readRoot(invalidity.value), Tag.GENERALIZED_TIME, "invalidityDate"));
    unknownCriticalExtensions = criticalOids(decoded.filter((e) => e.oid !== OID.invalidityDate));
  }
  f.end("SingleResponse");
  return {
    hashAlgorithm,
    issuerNameHash: valueOf(nameHash),
    issuerKeyHash: valueOf(keyHash),
    serialHex: toHex(integerBytes(serial)),
    status,
    ...(revocationTime === undefined ? {} : { revocationTime }),
    ...(reason === undefined ? {} : { reason }),
    ...(invalidityDate === undefined ? {} : { invalidityDate }),
    thisUpdate,
    ...(nextUpdate === undefined ? {} : { nextUpdate }),
    unknownCriticalExtensions,
  };
}
