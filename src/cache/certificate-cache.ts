import { copyBytes, rawOf, readTlv, type Tlv } from "../asn1/der.js";
import { decodeCertificateAt, type Certificate } from "../model/certificate.js";
import { fingerprint, sameBytes } from "./fingerprint.js";
import { createLru, type Lru } from "./lru.js";

/** Decoded certificates by their exact DER, bounded: the CA certificates a service sees in every signature. */
export interface CertificateCache {
  readonly entries: Lru<string, { readonly der: Uint8Array; readonly certificate: Certificate }>;
}

/**
 * Creates a certificate cache.
 *
 * @param maxEntries - most certificates kept (least recently used are dropped)
 * @returns the cache
 * @example
 * ```ts
 * const certificates = createCertificateCache(1024);
 * ```
 */
export function createCertificateCache(maxEntries: number): CertificateCache {
  return { entries: createLru(maxEntries) };
}

/**
 * A certificate decoder that answers from the cache when the exact same DER was decoded before. Entries own a private
 * copy of their bytes, so a caller reusing its buffer cannot change a cached certificate; every hit is confirmed byte
 * for byte, so a fingerprint collision only costs a decode.
 *
 * @param cache - the cache
 * @returns a decoder for `decodeSignedData`
 * @example
 * ```ts
 * decodeSignedData(der, limits, { decodeCertificate: certificateDecoder(cache.certificates) });
 * ```
 */
export function certificateDecoder(cache: CertificateCache): (tlv: Tlv) => Certificate {
  return (tlv) => {
    const der = rawOf(tlv);
    const key = fingerprint(der);
    const hit = cache.entries.get(key);
    if (hit !== undefined && sameBytes(hit.der, der)) return hit.certificate;
    const copy = copyBytes(der);
    const certificate = decodeCertificateAt(readTlv(copy, 0, copy.length, "der"));
    cache.entries.set(key, { der: copy, certificate });
    return certificate;
  };
}
