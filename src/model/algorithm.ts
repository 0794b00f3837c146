import { sequence } from "../asn1/cursor.js";
import { oid, rawOf, Tag, type Tlv } from "../asn1/der.js";

/** An AlgorithmIdentifier: the OID and the DER of its parameters, if any. */
export interface AlgorithmIdentifier {
  readonly oid: string;
  /** DER of the parameters element; `undefined` when absent (an explicit NULL is kept as `05 00`). */
  readonly params?: Uint8Array;
}

/**
 * Decodes an AlgorithmIdentifier.
 *
 * @param tlv - the SEQUENCE
 * @returns the algorithm
 */
export function decodeAlgorithm(tlv: Tlv): AlgorithmIdentifier {
  const r = sequence(tlv, "algorithm identifier");
  const alg = oid(r.read(Tag.OID, "algorithm"));
  const params = r.done ? undefined : r.any("parameters");
  r.end("algorithm identifier");
  return params ? { oid: alg, params: rawOf(params) } : { oid: alg };
}

/** Whether parameters are absent or an explicit NULL. */
export const paramsAbsentOrNull = (alg: AlgorithmIdentifier): boolean =>
  alg.params === undefined || (alg.params.length === 2 && alg.params[0] === Tag.NULL && alg.params[1] === 0);
