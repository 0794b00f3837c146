import { encodeTlv } from "../../src/asn1/encode.js";
import { createKeyCache } from "../../src/cache/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import type { AlgorithmIdentifier } from "../../src/model/algorithm.js";

/** Test-side OIDs (the library keeps its own tables). */
export const OIDS = {
  md5: "1.2.840.113549.2.5",
  sha1: "1.3.14.3.2.26",
  sha224: "2.16.840.1.101.3.4.2.4",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  sha3_256: "2.16.840.1.101.3.4.2.8",
  rsaEncryption: "1.2.840.113549.1.1.1",
  md5WithRSA: "1.2.840.113549.1.1.4",
  sha1WithRSA: "1.2.840.113549.1.1.5",
  sha224WithRSA: "1.2.840.113549.1.1.14",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  sha384WithRSA: "1.2.840.113549.1.1.12",
  sha512WithRSA: "1.2.840.113549.1.1.13",
  pss: "1.2.840.113549.1.1.10",
  mgf1: "1.2.840.113549.1.1.8",
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaSha1: "1.2.840.10045.4.1",
  ecdsaSha256: "1.2.840.10045.4.3.2",
  ecdsaSha384: "1.2.840.10045.4.3.3",
  ecdsaSha512: "1.2.840.10045.4.3.4",
  ed25519: "1.3.101.112",
  dsaSha256: "2.16.840.1.101.3.4.3.2",
  gost2012: "1.2.643.7.1.1.3.2",
  secp256k1: "1.3.132.0.10",
  p256: "1.2.840.10045.3.1.7",
} as const;

export const NULL = Uint8Array.of(0x05, 0x00);

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));

/** DER of an OBJECT IDENTIFIER. */
export function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [];
  const push = (n: number): void => {
    const b = [n & 0x7f];
    for (n = Math.floor(n / 128); n > 0; n = Math.floor(n / 128)) b.unshift(0x80 | (n & 0x7f));
    out.push(...b);
  };
  push(arcs[0] * 40 + arcs[1]);
  for (const a of arcs.slice(2)) push(a);
  return encodeTlv(0x06, Uint8Array.from(out));
}

/** DER of an AlgorithmIdentifier. */
export function encodeAlgorithm(oid: string, params?: Uint8Array): Uint8Array {
  return params ? encodeTlv(0x30, encodeOid(oid), params) : encodeTlv(0x30, encodeOid(oid));
}

/** DER of a small non-negative INTEGER. */
export function encodeSmallInt(n: number): Uint8Array {
  const b: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v & 0xff);
  if (b.length === 0 || b[0] & 0x80) b.unshift(0);
  return encodeTlv(0x02, Uint8Array.from(b));
}

/** RSASSA-PSS-params DER; omitted fields take RFC 4055's defaults. */
export function encodePssParams(p: { hash?: string; mgfHash?: string; salt?: number; trailer?: number; hashNull?: boolean }): Uint8Array {
  const hashAlg = (oid: string): Uint8Array => encodeAlgorithm(oid, p.hashNull === false ? undefined : NULL);
  const parts: Uint8Array[] = [];
  if (p.hash) parts.push(encodeTlv(0xa0, hashAlg(p.hash)));
  if (p.mgfHash) parts.push(encodeTlv(0xa1, encodeAlgorithm(OIDS.mgf1, hashAlg(p.mgfHash))));
  if (p.salt !== undefined) parts.push(encodeTlv(0xa2, encodeSmallInt(p.salt)));
  if (p.trailer !== undefined) parts.push(encodeTlv(0xa3, encodeSmallInt(p.trailer)));
  return encodeTlv(0x30, ...parts);
}

/** An AlgorithmIdentifier value. */
export const alg = (oid: string, params?: Uint8Array): AlgorithmIdentifier => (params ? { oid, params } : { oid });

/** A fresh environment with the global WebCrypto and its own key cache. */
export const freshEnv = (max = 256): Env => ({ crypto: globalThis.crypto, keys: createKeyCache(max) });
