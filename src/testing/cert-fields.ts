import { childAt, readElement, type Element } from "./der-tree.js";
import type { TestIdentity } from "./identity.js";

/** The TBSCertificate fields after the optional version: serial, signature, issuer, validity, subject... */
function tbsFields(der: Uint8Array): readonly Element[] {
  const tbs = childAt(readElement(der), 0, 0x30, "tbsCertificate");
  return tbs.children[0]?.tag === 0xa0 ? tbs.children.slice(1) : tbs.children;
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
  const serial = tbsFields(certificate)[0];
  if (serial?.tag !== 0x02) throw new TypeError("certificate without a serial number");
  return new Uint8Array(serial.content);
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
  const issuer = tbsFields(certificate)[2];
  if (issuer?.tag !== 0x30) throw new TypeError("certificate without an issuer");
  return new Uint8Array(issuer.bytes);
}
