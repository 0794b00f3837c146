import { fields, integerBytes, readRoot, type Tlv } from "../asn1/der.js";
import { Decree130Error } from "../errors.js";

function fail(message: string): never {
  throw new Decree130Error("MALFORMED_DER", `Ecdsa-Sig-Value: ${message}`);
}

/** r or s as exactly `size` octets, refusing zero, negative and over-long values. */
function fixed(tlv: Tlv, size: number, what: string): Uint8Array {
  // integerBytes already refuses non-minimal (zero-padded) encodings.
  const v = integerBytes(tlv);
  if ((v[0]! & 0x80) !== 0) fail(`${what} is negative`);
  // A positive integer whose top bit is set carries one 0x00 sign octet; it is not part of the value.
  const value = v[0] === 0 ? v.subarray(1) : v;
  if (value.length === 0) fail(`${what} is zero`);
  if (value.length > size) fail(`${what} is longer than the curve order (${value.length} > ${size} octets)`);
  const out = new Uint8Array(size);
  out.set(value, size - value.length);
  return out;
}

/**
 * Converts a strict-DER `Ecdsa-Sig-Value` (`SEQUENCE { r INTEGER, s INTEGER }`, RFC 3279) to the IEEE P1363 `r || s`
 * form WebCrypto verifies. Anything DER forbids is refused, since a lax decoder makes signatures malleable: long-form
 * or non-minimal lengths, indefinite lengths, bytes after `s` or after the SEQUENCE, zero-padded, negative or zero
 * integers, and integers longer than the curve order.
 *
 * @param der - the signature value as found in a certificate, CRL, OCSP response or SignerInfo
 * @param size - the octet length of the curve order (32 for P-256, 48 for P-384, 66 for P-521)
 * @returns `r || s`, each left-padded to `size` octets
 * @throws {@link Decree130Error} `MALFORMED_DER` for any deviation from strict DER or an out-of-range integer
 * @example
 * ```ts
 * const p1363 = ecdsaDerToP1363(signerInfo.signature, 32); // 64 octets
 * ```
 */
export function ecdsaDerToP1363(der: Uint8Array, size: number): Uint8Array {
  const [r, s] = fields(readRoot(der), 2, 2, "Ecdsa-Sig-Value");
  const out = new Uint8Array(2 * size);
  out.set(fixed(r!, size, "r"), 0);
  out.set(fixed(s!, size, "s"), size);
  return out;
}
