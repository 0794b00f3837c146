import { copyBytes } from "../lib/bytes.js";
import { fields, integerBytes, rawOf, readRoot } from "../asn1/der.js";
import type { TestIdentity } from "./identity.js";

function tbsFields(der: Uint8Array) {
  const tbs = fields(readRoot(der), 3, 3, "certificate")[0]!;
  const f = fields(tbs, 6, 10, "tbsCertificate");
  return f[0]!.tag === 0xa0 ? f.slice(1) : f;
}

/**
 * The serial number of a certificate, as INTEGER content octets.
 *
 * @param certificate - an identity or a DER certificate
 * @returns the serial's content octets
 * @example
 * ```ts
 * serialOf(signer.certificate); // same bytes as signer.serial
 * ```
 */
export function serialOf(certificate: TestIdentity | Uint8Array): Uint8Array {
  if (!(certificate instanceof Uint8Array)) return certificate.serial;
  return copyBytes(integerBytes(tbsFields(certificate)[0]!));
}

/**
 * The issuer Name of a certificate (DER).
 *
 * @param certificate - an identity or a DER certificate
 * @returns the issuer Name
 * @example
 * ```ts
 * issuerNameOf(signer.certificate); // same bytes as pki.publicCa.subject
 * ```
 */
export function issuerNameOf(certificate: TestIdentity | Uint8Array): Uint8Array {
  if (!(certificate instanceof Uint8Array)) return certificate.issuerName;
  return copyBytes(rawOf(tbsFields(certificate)[2]!));
}
