import { DerCursor, sequence } from "../asn1/cursor.js";
import { boolean, ctx, integerBytes, oid, readRoot, smallInt, Tag, time, valueOf } from "../asn1/der.js";
import { Decree130Error } from "../errors.js";
import { toHex } from "../lib/hex.js";
import { decodeAlgorithm, type AlgorithmIdentifier } from "./algorithm.js";
import { decodeExtensions } from "./extensions.js";

/** An RFC 3161 TSTInfo: what a time-stamping authority vouches for. */
export interface TstInfo {
  /** The TSA's policy OID. */
  readonly policy: string;
  /** The hash the token vouches existed at `genTime`, and its algorithm. */
  readonly messageImprint: { readonly hashAlgorithm: AlgorithmIdentifier; readonly hashedMessage: Uint8Array };
  readonly serialHex: string;
  /** Milliseconds since the epoch (fractions of a second kept). */
  readonly genTime: number;
  /** The accuracy of `genTime` in milliseconds, when stated. */
  readonly accuracyMs?: number;
  readonly nonce?: Uint8Array;
  /** OIDs of critical extensions (none is understood: a token carrying one is not used). */
  readonly criticalExtensions: readonly string[];
}

function fail(message: string): never {
  throw new Decree130Error("MALFORMED_DER", `TSTInfo: ${message}`);
}

/** Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] 1..999 OPTIONAL, micros [1] 1..999 OPTIONAL }. */
function accuracyOf(r: DerCursor): number {
  const seconds = r.optional(Tag.INTEGER);
  const millis = r.optional(0x80);
  const micros = r.optional(0x81);
  r.end("accuracy");
  const s = seconds ? smallInt(seconds, 0x7fffffff) : 0;
  const ms = millis ? smallInt({ ...millis, tag: Tag.INTEGER }, 999) : 0;
  const us = micros ? smallInt({ ...micros, tag: Tag.INTEGER }, 999) : 0;
  return s * 1000 + ms + us / 1000;
}

/**
 * Decodes a DER TSTInfo (RFC 3161 §2.4.2), each field in its place.
 *
 * @param der - the eContent of a time-stamp token
 * @returns the decoded TSTInfo
 * @throws {@link Decree130Error} `MALFORMED_DER` when it does not decode
 * @example
 * ```ts
 * const info = decodeTstInfo(token.eContent!);
 * new Date(info.genTime).toISOString();
 * ```
 */
export function decodeTstInfo(der: Uint8Array): TstInfo {
  const r = sequence(readRoot(der), "TSTInfo");
  if (smallInt(r.read(Tag.INTEGER, "version"), 1) !== 1) fail("version is not 1");
  const policy = oid(r.read(Tag.OID, "policy"));
  const mi = r.enter(Tag.SEQUENCE, "messageImprint");
  const hashAlgorithm = decodeAlgorithm(mi.read(Tag.SEQUENCE, "hashAlgorithm"));
  const hashedMessage = valueOf(mi.read(Tag.OCTET_STRING, "hashedMessage"));
  mi.end("messageImprint");
  const serialHex = toHex(integerBytes(r.read(Tag.INTEGER, "serialNumber")));
  const genTime = time(r.read(Tag.GENERALIZED_TIME, "genTime"));
  const accuracy = r.optional(Tag.SEQUENCE);
  const ordering = r.optional(Tag.BOOLEAN);
  if (ordering) boolean(ordering);
  const nonce = r.optional(Tag.INTEGER);
  // tsa [0] GeneralName: who the TSA says it is; the certificate that signed the token is what is judged.
  r.optional(ctx(0));
  const exts = r.optional(ctx(1));
  r.end("TSTInfo");
  const criticalExtensions = exts ? decodeExtensions({ ...exts, tag: Tag.SEQUENCE }).filter((e) => e.critical).map((e) => e.oid) : [];
  return {
    policy,
    messageImprint: { hashAlgorithm, hashedMessage },
    serialHex,
    genTime,
    ...(accuracy ? { accuracyMs: accuracyOf(DerCursor.over(accuracy)) } : {}),
    ...(nonce ? { nonce: integerBytes(nonce) } : {}),
    criticalExtensions,
  };
}
