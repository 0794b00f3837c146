import { readRoot, type Tlv } from "../asn1/der.js";
import { Decree130Error } from "../errors.js";
import { certificateRoot, decodeCertificateAt, type Certificate } from "../model/certificate.js";
import { decodePem } from "../lib/pem.js";
import { decodeSignedData } from "./cms/decode.js";
import { DEFAULT_LIMITS } from "../model/limits.js";

const latin1 = new TextDecoder("latin1");

/** Decodes one certificate element; a cache's decoder returns the same object for the same octets. */
type DecodeAt = (tlv: Tlv) => Certificate;

function decodeOne(der: Uint8Array, decodeAt: DecodeAt): Certificate {
  return decodeAt(certificateRoot(der));
}

function fromDer(der: Uint8Array, decodeAt: DecodeAt): Certificate[] {
  try {
    return [decodeOne(der, decodeAt)];
  } catch (certErr) {
    // A PKCS#7 "certs-only" bundle (.p7b) is a SignedData without signers: take its certificates.
    try {
      readRoot(der, "ber");
      return [...decodeBundle(der, decodeAt)];
    } catch {
      throw certErr;
    }
  }
}

function decodeBundle(der: Uint8Array, decodeAt: DecodeAt): readonly Certificate[] {
  return decodeSignedData(der, DEFAULT_LIMITS, { requireSigners: false, decodeCertificate: decodeAt }).certificates;
}

/**
 * Reads certificates a caller supplies: DER, PEM (`CERTIFICATE` blocks) or a PKCS#7 bundle (DER or PEM `PKCS7`).
 *
 * @param input - a file's bytes or text
 * @param decodeAt - decodes one certificate element (a validation cache's store); default: decode afresh
 * @returns the certificates
 * @throws {@link Decree130Error} `MALFORMED_CERTIFICATE` when nothing readable is found
 * @example
 * ```ts
 * const certs = readCertificates(pemText, certificateDecoder(tables.certificates));
 * ```
 */
export function readCertificates(input: Uint8Array | string, decodeAt: DecodeAt = decodeCertificateAt): Certificate[] {
  const bytes = typeof input === "string" ? undefined : input;
  if (bytes && bytes[0] === 0x30) return fromDer(bytes, decodeAt);
  const text = typeof input === "string" ? input : latin1.decode(input);
  let blocks;
  try {
    blocks = decodePem(text);
  } catch (err) {
    throw new Decree130Error("MALFORMED_CERTIFICATE", `not a certificate: ${(err as Error).message}`, { cause: err });
  }
  const out: Certificate[] = [];
  for (const b of blocks) {
    if (b.label === "CERTIFICATE" || b.label === "X509 CERTIFICATE") out.push(decodeOne(b.der, decodeAt));
    else if (b.label === "PKCS7" || b.label === "CMS") out.push(...decodeBundle(b.der, decodeAt));
  }
  if (out.length === 0) throw new Decree130Error("MALFORMED_CERTIFICATE", "no certificate found in the input");
  return out;
}
