import type { WebCrypto } from "../crypto/types.js";
import { Tag } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";
import { OID } from "../asn1/oids.js";
import { toHex } from "../lib/hex.js";
import type { Certificate } from "../model/certificate.js";

/** Options of {@link encodeOcspRequest}. */
export interface OcspRequestOptions {
  /** WebCrypto: SHA-1 for the CertID, and random octets for a nonce. */
  readonly crypto: WebCrypto;
  /**
   * Add a nonce extension (id-pkix-ocsp-nonce): `true` for 32 random octets from `crypto.getRandomValues` (RFC 8954),
   * or the octets themselves (1 to 32). Default: none, so the request is the same each time and its answer can be
   * cached (RFC 5019); freshness is judged from the response's own times.
   */
  readonly nonce?: boolean | Uint8Array;
}

/** The CertID a request names (RFC 6960 §4.1.1), to match the SingleResponse that answers it. */
export interface OcspCertId {
  /** The hash algorithm's OID: SHA-1. */
  readonly hashAlgorithm: string;
  /** SHA-1 of the issuer's subject Name (DER). */
  readonly issuerNameHash: Uint8Array;
  /** SHA-1 of the issuer's subjectPublicKey BIT STRING value (without the unused-bits octet). */
  readonly issuerKeyHash: Uint8Array;
  /** The certificate's serial number in upper-case hex. */
  readonly serialHex: string;
}

/** An encoded OCSPRequest and what it asks. */
export interface OcspRequest {
  /** The OCSPRequest (DER), the body of the POST. */
  readonly der: Uint8Array;
  readonly certId: OcspCertId;
  /** The nonce sent, if any: a response that echoes another nonce does not answer this request. */
  readonly nonce?: Uint8Array;
}

const seq = (...parts: Uint8Array[]): Uint8Array => encodeTlv(Tag.SEQUENCE, ...parts);
const octets = (bytes: Uint8Array): Uint8Array => encodeTlv(Tag.OCTET_STRING, bytes);
const explicit = (n: number, inner: Uint8Array): Uint8Array => encodeTlv(0xa0 | n, inner);

/** An OID's DER content octets (base-128 arcs, the first two combined). */
function oidDer(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [];
  const push = (v: number): void => {
    const groups = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) groups.unshift((x & 0x7f) | 0x80);
    out.push(...groups);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  arcs.slice(2).forEach(push);
  return encodeTlv(Tag.OID, Uint8Array.from(out));
}

/** The serial as an INTEGER, from the certificate's own content octets (already checked minimal when it was decoded). */
function integer(content: Uint8Array): Uint8Array {
  return encodeTlv(Tag.INTEGER, content.length > 0 ? content : Uint8Array.of(0));
}

async function sha1(crypto: WebCrypto, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-1", data as Uint8Array<ArrayBuffer>));
}

/**
 * Encodes an RFC 6960 OCSPRequest for one certificate: one Request whose CertID holds SHA-1 hashes of the issuer's
 * subject Name and public key and the certificate's serial number, unsigned, with an optional nonce. SHA-1 here
 * identifies, it does not sign: it is what RFC 6960 and every responder expect. The algorithm identifier carries NULL
 * parameters, as OpenSSL writes it (responders matching CertIDs octet for octet see the usual form).
 *
 * @param certificate - the certificate asked about
 * @param issuer - the certificate of the CA that issued it
 * @param options - WebCrypto, and the nonce
 * @returns the DER request, the CertID and the nonce
 * @example
 * ```ts
 * const req = await encodeOcspRequest(leaf, issuer, { crypto: globalThis.crypto });
 * const got = await session.get(ocspUrl, "ocsp", req.der);
 * ```
 */
export async function encodeOcspRequest(certificate: Certificate, issuer: Certificate, options: OcspRequestOptions): Promise<OcspRequest> {
  const { crypto } = options;
  let nonce: Uint8Array | undefined;
  if (options.nonce instanceof Uint8Array) {
    if (options.nonce.length < 1 || options.nonce.length > 32) throw new TypeError("an OCSP nonce holds 1 to 32 octets (RFC 8954)");
    nonce = new Uint8Array(options.nonce);
  } else if (options.nonce === true) {
    nonce = crypto.getRandomValues(new Uint8Array(32));
  }
  const [issuerNameHash, issuerKeyHash] = await Promise.all([sha1(crypto, issuer.subject.der), sha1(crypto, issuer.publicKey)]);
  const certId = seq(
    seq(oidDer(OID.sha1), encodeTlv(Tag.NULL, new Uint8Array())),
    octets(issuerNameHash),
    octets(issuerKeyHash),
    integer(certificate.serial),
  );
  // Nonce ::= OCTET STRING, inside the extension's extnValue OCTET STRING (RFC 8954 §2.1).
  const extensions = nonce ? [explicit(2, seq(seq(oidDer(OID.ocspNonce), octets(octets(nonce)))))] : [];
  const tbsRequest = seq(seq(seq(certId)), ...extensions);
  return {
    der: seq(tbsRequest),
    certId: { hashAlgorithm: OID.sha1, issuerNameHash, issuerKeyHash, serialHex: toHex(certificate.serial) },
    ...(nonce ? { nonce } : {}),
  };
}
