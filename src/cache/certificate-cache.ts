import { readTlv, type Tlv } from "../asn1/der.js";
import { decodeCertificateAt, type Certificate } from "../model/certificate.js";
import { fingerprintAt } from "../lib/fingerprint.js";
import { bufferView, keepBytes, matchesKept, type KeptBytes } from "./kept-bytes.js";
import { createLru, type Lru } from "../lib/lru.js";

/** Decoded certificates by their exact DER, bounded: the CA certificates a service sees in every signature. */
export interface CertificateCache {
  /** @internal the store: fingerprint → the DER copy it was decoded from, and the decoded certificate */
  readonly entries: Lru<string, { readonly der: KeptBytes; readonly certificate: Certificate }>;
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
  // One view of the file's buffer serves all its certificates; it lives as long as the decoder, one validation.
  let viewed: Uint8Array | undefined;
  let view: DataView | undefined;
  return (tlv) => {
    const { buf, start, end } = tlv;
    const key = fingerprintAt(buf, start, end);
    const hit = cache.entries.get(key);
    if (hit !== undefined) {
      if (viewed !== buf || view === undefined) view = bufferView((viewed = buf));
      if (matchesKept(hit.der, buf, start, end, view)) return hit.certificate;
    }
    const kept = keepBytes(buf, start, end);
    const certificate = decodeCertificateAt(readTlv(kept.bytes, 0, kept.bytes.length, "der"));
    cache.entries.set(key, { der: kept, certificate });
    return certificate;
  };
}
