import { OctetString } from "@peculiar/asn1-schema";
import { assembleSignedData, parseSignedData } from "./cms-parts.js";
import { oidOf, readElement } from "./der-tree.js";
import { encode, Verbatim, VerbatimSequence } from "./der.js";

/** ANSI X9.62 signature algorithms (ecdsa-with-*), and id-ecPublicKey which some signers put there. */
const ECDSA_ARC = "1.2.840.10045.";

/** How {@link malformSignatureEncoding} breaks a signature value's encoding. */
export type SignatureMalformation =
  /** One zero octet appended to the signature value (any key type). */
  | "trailing-bytes"
  /** The ECDSA `Ecdsa-Sig-Value` SEQUENCE re-encoded with a non-minimal (BER) length. */
  | "long-length";

/**
 * Re-encodes a SignerInfo's signature value so the mathematics may still hold but the encoding is not strict:
 * a validator must fail it (semantics.md, keyCorrespondence: strict encodings).
 *
 * @param cms - a SignedData (DER)
 * @param how - which malformation
 * @param signerIndex - which SignerInfo (default 0)
 * @returns a new SignedData (DER)
 * @throws TypeError for `long-length` on a signature that is not an ECDSA SEQUENCE, or a missing SignerInfo
 * @example
 * ```ts
 * const lax = malformSignatureEncoding(await signCms(data, ecSigner), "long-length");
 * ```
 */
export function malformSignatureEncoding(cms: Uint8Array, how: SignatureMalformation, signerIndex = 0): Uint8Array {
  const parts = parseSignedData(cms);
  const info = parts.signerInfos[signerIndex];
  if (!info) throw new TypeError(`no SignerInfo at index ${signerIndex}`);
  const f = readElement(info).children;
  const at = f.findIndex((x, i) => i > 2 && x.tag === 0x04);
  if (at < 0) throw new TypeError("SignerInfo without a signature");
  const sig = f[at]!.content;
  let bad: Uint8Array;
  if (how === "trailing-bytes") {
    bad = Uint8Array.of(...sig, 0);
  } else {
    // Decide by the algorithm, not the first octet: an RSA signature starts with 0x30 one time in 256.
    const algorithm = f[at - 1]?.children[0];
    if (!algorithm || !oidOf(algorithm).startsWith(ECDSA_ARC)) throw new TypeError("long-length applies to ECDSA signatures");
    const inner = readElement(sig);
    const body = sig.subarray(inner.valueStart);
    if (body.length > 127) throw new TypeError("long-length needs a signature value under 128 octets");
    // Patched after encoding: 0x81 with a length below 128 is the long form DER forbids (X.690 §10.1).
    bad = Uint8Array.of(0x30, 0x81, body.length, ...body);
  }
  const rebuilt = encode(new VerbatimSequence(f.map((x, i) => new Verbatim(i === at ? encode(new OctetString(bad)) : x.bytes))));
  return assembleSignedData({ ...parts, signerInfos: parts.signerInfos.map((s, i) => (i === signerIndex ? rebuilt : s)) });
}
