import { toHex } from "../lib/hex.js";
import {
  bitString,
  children,
  ctx,
  ctxPrim,
  expect,
  fields,
  integerBytes,
  oid,
  rawOf,
  readRoot,
  smallInt,
  Tag,
  time,
  valueOf,
  type Tlv,
} from "../asn1/der.js";
import { OID } from "../asn1/oids.js";
import { Decree130Error } from "../errors.js";
import { decodeAlgorithm } from "../model/algorithm.js";
import { decodeCertificateAt, type Certificate } from "../model/certificate.js";
import { decodeExtensions, type Extension } from "../model/extensions.js";
import { decodeName, type Name } from "../model/name.js";
import { reasonName } from "./reason.js";
import type { OcspResponse, OcspSingleResponse, RevocationReason } from "./types.js";

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

/** One SingleResponse with the critical extensions this library cannot honour. */
export interface DecodedSingleResponse extends OcspSingleResponse {
  readonly unknownCriticalExtensions: readonly string[];
}

/** A decoded OCSP response with what the status rules need beyond {@link OcspResponse}. */
export interface DecodedOcspResponse extends OcspResponse {
  readonly responses: readonly DecodedSingleResponse[];
  /** OIDs of critical responseExtensions: none is understood, so any makes the response unusable. */
  readonly unknownCriticalExtensions: readonly string[];
}

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
export function decodeOcspResponse(der: Uint8Array): DecodedOcspResponse {
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

function decodeBody(der: Uint8Array, wrapper: Tlv | undefined): DecodedOcspResponse {
  const [rb] = fields({ ...expect(wrapper, ctx(0), "responseBytes"), tag: Tag.SEQUENCE }, 1, 1, "responseBytes wrapper");
  const [typeTlv, octet] = fields(rb!, 2, 2, "ResponseBytes");
  const type = oid(typeTlv!);
  if (type !== OID.ocspBasic) throw new Decree130Error("MALFORMED_OCSP", `OCSP response type ${type} is not id-pkix-ocsp-basic`);
  const basic = readRoot(valueOf(expect(octet, Tag.OCTET_STRING, "response")));
  const [tbsTlv, algTlv, sigTlv, certsTlv] = fields(basic, 3, 4, "BasicOCSPResponse");
  const certificates: Certificate[] = [];
  if (certsTlv) {
    const [seq] = fields({ ...expect(certsTlv, ctx(0), "certs"), tag: Tag.SEQUENCE }, 1, 1, "certs wrapper");
    for (const c of children(expect(seq, Tag.SEQUENCE, "certs"), "der", MAX_RESPONSE_CERTS)) certificates.push(decodeCertificateAt(c));
  }
  const tbs = fields(tbsTlv!, 3, 5, "ResponseData");
  let i = 0;
  if (tbs[0]!.tag === ctx(0)) {
    const [v] = fields({ ...tbs[i++]!, tag: Tag.SEQUENCE }, 1, 1, "version");
    if (smallInt(v!, 0) !== 0) malformed("ResponseData version is not v1");
  }
  const responderId = decodeResponderId(tbs[i++]);
  const producedAt = time(expect(tbs[i++], Tag.GENERALIZED_TIME, "producedAt"));
  const list = expect(tbs[i++], Tag.SEQUENCE, "responses");
  let unknownCriticalExtensions: string[] = [];
  if (tbs[i]?.tag === ctx(1)) {
    const [exts] = fields({ ...tbs[i++]!, tag: Tag.SEQUENCE }, 1, 1, "responseExtensions wrapper");
    unknownCriticalExtensions = criticalOids(decodeExtensions(exts!));
  }
  if (i !== tbs.length) malformed("unexpected field in ResponseData");
  return {
    der,
    tbs: rawOf(tbsTlv!),
    producedAt,
    responses: children(list, "der", MAX_SINGLE_RESPONSES).map(decodeSingle),
    certificates,
    signatureAlgorithm: decodeAlgorithm(algTlv!),
    signature: bitString(expect(sigTlv, Tag.BIT_STRING, "signature")).bytes,
    responderId,
    unknownCriticalExtensions,
  };
}

function decodeResponderId(tlv: Tlv | undefined): { byName?: Name; byKeyHash?: Uint8Array } {
  if (tlv?.tag === ctx(1)) return { byName: decodeName(fields({ ...tlv, tag: Tag.SEQUENCE }, 1, 1, "byName")[0]!) };
  if (tlv?.tag === ctx(2)) {
    const [hash] = fields({ ...tlv, tag: Tag.SEQUENCE }, 1, 1, "byKey");
    return { byKeyHash: valueOf(expect(hash, Tag.OCTET_STRING, "KeyHash")) };
  }
  return malformed("responderID is neither byName [1] nor byKey [2]");
}

function decodeSingle(tlv: Tlv): DecodedSingleResponse {
  const f = fields(tlv, 3, 5, "SingleResponse");
  const [algTlv, nameHash, keyHash, serial] = fields(f[0]!, 4, 4, "CertID");
  const hashAlgorithm = decodeAlgorithm(algTlv!).oid;
  const statusTlv = f[1]!;
  let status: OcspSingleResponse["status"];
  let revocationTime: number | undefined;
  let reason: RevocationReason | undefined;
  if (statusTlv.tag === ctxPrim(0) || statusTlv.tag === ctxPrim(2)) {
    if (statusTlv.valueEnd !== statusTlv.valueStart) malformed("certStatus good/unknown must be NULL");
    status = statusTlv.tag === ctxPrim(0) ? "good" : "unknown";
  } else if (statusTlv.tag === ctx(1)) {
    status = "revoked";
    const [rt, rr] = fields({ ...statusTlv, tag: Tag.SEQUENCE }, 1, 2, "RevokedInfo");
    revocationTime = time(expect(rt, Tag.GENERALIZED_TIME, "revocationTime"));
    if (rr) {
      const [e] = fields({ ...expect(rr, ctx(0), "revocationReason"), tag: Tag.SEQUENCE }, 1, 1, "revocationReason");
      const code = smallInt(e!, 255, Tag.ENUMERATED);
      reason = reasonName(code) ?? malformed(`unassigned CRL reason code ${code}`);
    }
  } else {
    return malformed(`certStatus with tag 0x${statusTlv.tag.toString(16)}`);
  }
  const thisUpdate = time(expect(f[2], Tag.GENERALIZED_TIME, "thisUpdate"));
  let i = 3;
  let nextUpdate: number | undefined;
  if (f[i]?.tag === ctx(0)) {
    const [t] = fields({ ...f[i++]!, tag: Tag.SEQUENCE }, 1, 1, "nextUpdate");
    nextUpdate = time(expect(t, Tag.GENERALIZED_TIME, "nextUpdate"));
  }
  let unknownCriticalExtensions: string[] = [];
  let invalidityDate: number | undefined;
  if (f[i]?.tag === ctx(1)) {
    const [exts] = fields({ ...f[i++]!, tag: Tag.SEQUENCE }, 1, 1, "singleExtensions wrapper");
    const decoded = decodeExtensions(exts!);
    // RFC 6960 §4.4: CRL entry extensions, such as invalidityDate, may appear in singleExtensions.
    const invalidity = decoded.find((e) => e.oid === OID.invalidityDate);
    if (invalidity) invalidityDate = time(expect(readRoot(invalidity.value), Tag.GENERALIZED_TIME, "invalidityDate"));
    unknownCriticalExtensions = criticalOids(decoded.filter((e) => e.oid !== OID.invalidityDate));
  }
  if (i !== f.length) malformed("unexpected field in SingleResponse");
  return {
    hashAlgorithm,
    issuerNameHash: valueOf(expect(nameHash, Tag.OCTET_STRING, "issuerNameHash")),
    issuerKeyHash: valueOf(expect(keyHash, Tag.OCTET_STRING, "issuerKeyHash")),
    serialHex: toHex(integerBytes(serial!)),
    status,
    ...(revocationTime === undefined ? {} : { revocationTime }),
    ...(reason === undefined ? {} : { reason }),
    ...(invalidityDate === undefined ? {} : { invalidityDate }),
    thisUpdate,
    ...(nextUpdate === undefined ? {} : { nextUpdate }),
    unknownCriticalExtensions,
  };
}
