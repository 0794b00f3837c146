import type { Tlv } from "../asn1/der.js";
import { fingerprintAt } from "../lib/fingerprint.js";
import { createLru, type Lru } from "../lib/lru.js";
import { certificateRoot, decodeCertificateAt, type Certificate } from "../model/certificate.js";
import { decodeCrl, type Crl } from "../model/crl.js";
import { decodeOcspResponse, type OcspResponse } from "../model/ocsp-response.js";
import { bufferView, keepBytes, matchesKept, type KeptBytes } from "./kept-bytes.js";

/**
 * Decoded objects by their exact DER, bounded (approximately least recently used dropped): the CA certificates, CRLs and
 * OCSP responses a service meets in every signature. Each entry is decoded from a private copy of its bytes, so a caller
 * reusing its buffer cannot change it, and every hit is confirmed octet for octet, so a fingerprint collision only costs
 * a decode. A decoding that fails is never kept: it fails again each time.
 */
export interface DecodedStore<T> {
  /**
   * The object decoded from `buf[start..end)`, from the store when the same octets were decoded before.
   *
   * @param buf - the bytes
   * @param start - first octet of the object
   * @param end - octet after its last
   * @returns the decoded object
   */
  decode(buf: Uint8Array, start: number, end: number): T;
  /** How many objects are kept (never more than the bound; always 0 for a store that decodes in place). */
  readonly size: number;
}

function createStore<T>(maxEntries: number, decode: (own: Uint8Array) => T): DecodedStore<T> {
  const entries: Lru<string, { readonly der: KeptBytes; readonly value: T }> = createLru(maxEntries);
  // One view of the buffer last looked up serves all its objects (the certificates of one CMS).
  let viewed: Uint8Array | undefined;
  let view: DataView | undefined;
  return {
    decode(buf, start, end) {
      const key = fingerprintAt(buf, start, end);
      const hit = entries.get(key);
      if (hit !== undefined) {
        if (viewed !== buf || view === undefined) view = bufferView((viewed = buf));
        if (matchesKept(hit.der, buf, start, end, view)) return hit.value;
      }
      const kept = keepBytes(buf, start, end);
      const value = decode(kept.bytes);
      entries.set(key, { der: kept, value });
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * A store of decoded certificates.
 *
 * @param maxEntries - most certificates kept
 * @returns the store; its `decode` throws as `decodeCertificate` does
 * @example
 * ```ts
 * const certificates = certificateStore(1024);
 * const cert = certificates.decode(der, 0, der.length);
 * ```
 */
export function certificateStore(maxEntries: number): DecodedStore<Certificate> {
  return createStore(maxEntries, (own) => decodeCertificateAt(certificateRoot(own)));
}

/**
 * A store of decoded CRLs.
 *
 * @param maxEntries - most CRLs kept
 * @returns the store; its `decode` throws as `decodeCrl` does
 * @example
 * ```ts
 * const crl = crlStore(64).decode(der, 0, der.length);
 * ```
 */
export function crlStore(maxEntries: number): DecodedStore<Crl> {
  return createStore(maxEntries, (own) => decodeCrl(own));
}

/**
 * A store of decoded OCSP responses.
 *
 * @param maxEntries - most responses kept
 * @returns the store; its `decode` throws as `decodeOcspResponse` does
 * @example
 * ```ts
 * const response = ocspStore(64).decode(der, 0, der.length);
 * ```
 */
export function ocspStore(maxEntries: number): DecodedStore<OcspResponse> {
  return createStore(maxEntries, (own) => decodeOcspResponse(own));
}

/** Stores that remember nothing: each object is decoded in place, as a one-off validation needs. */
export const IN_PLACE: {
  readonly certificates: DecodedStore<Certificate>;
  readonly crls: DecodedStore<Crl>;
  readonly ocsp: DecodedStore<OcspResponse>;
} = {
  certificates: { decode: (buf, start, end) => decodeCertificateAt(certificateRoot(buf.subarray(start, end))), size: 0 },
  crls: { decode: (buf, start, end) => decodeCrl(buf.subarray(start, end)), size: 0 },
  ocsp: { decode: (buf, start, end) => decodeOcspResponse(buf.subarray(start, end)), size: 0 },
};

/**
 * Decodes a certificate element through a store, as `decodeSignedData` asks for each embedded certificate.
 *
 * @param store - the store
 * @returns a decoder of certificate elements
 * @example
 * ```ts
 * decodeSignedData(der, limits, { decodeCertificate: certificateDecoder(store) });
 * ```
 */
export function certificateDecoder(store: DecodedStore<Certificate>): (tlv: Tlv) => Certificate {
  return (tlv) => store.decode(tlv.buf, tlv.start, tlv.end);
}
