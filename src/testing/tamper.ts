import { issuerNameOf, serialOf } from "./cert-fields.js";
import { issueCertificate } from "./certificate.js";
import { assembleSignedData, parseSignedData, signedDataElement } from "./cms-parts.js";
import { childAt, readElement, type Element } from "./der-tree.js";
import { sameBytes } from "./der.js";
import type { TestIdentity } from "./identity.js";
import type { DateInput } from "./time.js";

/** Returns a copy with one bit of the octet at `offset` flipped. */
function flipAt(der: Uint8Array, offset: number): Uint8Array {
  const out = new Uint8Array(der);
  out[offset]! ^= 0x01;
  return out;
}

/** The signature value of a SignerInfo: the OCTET STRING after the signatureAlgorithm. */
function signatureOf(info: Element): Element {
  const sig = info.children.find((f, i) => i > 2 && f.tag === 0x04);
  if (!sig) throw new TypeError("SignerInfo without a signature");
  return sig;
}

/**
 * Flips one bit in a signature value, leaving every length and every other byte alone: the object still parses, its
 * signature no longer verifies. Works on a CMS SignedData (the SignerInfo at `signerIndex`), a certificate, a CRL, or an
 * OCSP response.
 *
 * @param der - the signed object
 * @param signerIndex - for CMS, which SignerInfo (default 0)
 * @returns a tampered copy
 * @example
 * ```ts
 * const broken = tamperSignature(await signCms(data, signer)); // keyCorrespondence → SIGNATURE_INVALID
 * ```
 */
export function tamperSignature(der: Uint8Array, signerIndex = 0): Uint8Array {
  const root = readElement(der);
  const top = root.children;
  if (top[0]?.tag === 0x06) {
    const info = signedDataElement(root).children.at(-1)?.children[signerIndex];
    if (!info) throw new TypeError(`no SignerInfo at index ${signerIndex}`);
    return flipAt(der, signatureOf(info).valueEnd - 1);
  }
  if (top[0]?.tag === 0x0a) {
    const bytes = childAt(childAt(root, 1, 0xa0, "responseBytes"), 0, 0x30, "ResponseBytes");
    const octets = childAt(bytes, 1, 0x04, "response");
    const signature = childAt(readElement(octets.content), 2, 0x03, "signature");
    return flipAt(der, octets.valueStart + signature.valueEnd - 1);
  }
  return flipAt(der, childAt(root, 2, 0x03, "signature").valueEnd - 1);
}

/**
 * Changes the last byte of an attached SignedData's content: the messageDigest no longer matches (`HASH_MISMATCH`).
 *
 * @param cms - an attached SignedData
 * @returns a tampered copy
 * @example
 * ```ts
 * const edited = tamperContent(await signCms(data, signer));
 * ```
 */
export function tamperContent(cms: Uint8Array): Uint8Array {
  const encap = childAt(signedDataElement(readElement(cms)), 2, 0x30, "encapContentInfo");
  const eContent = encap.children[1];
  if (!eContent) throw new TypeError("detached SignedData: change the content you pass to the validator instead");
  let octets = eContent.children[0]!;
  for (let depth = 0; octets.tag === 0x24 && depth < 8; depth++) octets = octets.children.at(-1)!;
  if (octets.valueEnd === octets.valueStart) throw new TypeError("empty content");
  return flipAt(cms, octets.valueEnd - 1);
}

/**
 * Replaces every embedded certificate with the impostor's issuer and serial number by the impostor: the SignerInfo now
 * names a certificate whose key did not make the signature.
 *
 * @param cms - a SignedData
 * @param impostor - a certificate with the same issuer and serial (see {@link createImpostor})
 * @returns a new SignedData (DER)
 * @throws TypeError when no embedded certificate has that issuer and serial
 * @example
 * ```ts
 * const swapped = substituteCertificate(p7s, await createImpostor(pki.publicCa, signer, { notBefore, notAfter }));
 * ```
 */
export function substituteCertificate(cms: Uint8Array, impostor: TestIdentity | Uint8Array): Uint8Array {
  const parts = parseSignedData(cms);
  const der = impostor instanceof Uint8Array ? impostor : impostor.certificate;
  const name = issuerNameOf(impostor);
  const serial = serialOf(impostor);
  let replaced = 0;
  const certificates = parts.certificates.map((c) => {
    if (!sameBytes(issuerNameOf(c), name) || !sameBytes(serialOf(c), serial)) return c;
    replaced++;
    return der;
  });
  if (replaced === 0) throw new TypeError("no embedded certificate has the impostor's issuer and serial number");
  return assembleSignedData({ ...parts, certificates });
}

/**
 * Issues a certificate under the same issuer and serial number as `victim`, with a different key and subject.
 *
 * @param issuer - the victim's issuer
 * @param victim - the certificate to imitate
 * @param options - validity and an optional name
 * @returns the impostor identity
 * @example
 * ```ts
 * const impostor = await createImpostor(pki.publicCa, signer, { notBefore: "2025-01-01Z", notAfter: "2026-01-01Z" });
 * ```
 */
export function createImpostor(
  issuer: TestIdentity,
  victim: TestIdentity | Uint8Array,
  options: { readonly notBefore: DateInput; readonly notAfter: DateInput; readonly commonName?: string },
): Promise<TestIdentity> {
  let serial = 0n;
  for (const b of serialOf(victim)) serial = (serial << 8n) | BigInt(b);
  const commonName = options.commonName ?? "Impostor";
  return issueCertificate(issuer, {
    subject: { commonName },
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    serial,
    keyLabel: `impostor/${commonName}`,
  });
}

/**
 * Replaces the embedded certificates (`[]` removes them all: `SIGNING_CERT_NOT_FOUND` unless the caller supplies one).
 *
 * @param cms - a SignedData
 * @param certificates - the certificates to embed instead (DER)
 * @returns a new SignedData (DER)
 * @example
 * ```ts
 * const bare = replaceCertificates(p7s, []);
 * ```
 */
export function replaceCertificates(cms: Uint8Array, certificates: readonly Uint8Array[]): Uint8Array {
  return assembleSignedData({ ...parseSignedData(cms), certificates });
}

/**
 * Replaces the embedded CRLs.
 *
 * @param cms - a SignedData
 * @param crls - the CRLs to embed instead (DER)
 * @returns a new SignedData (DER)
 * @example
 * ```ts
 * const withCrl = replaceCrls(p7s, [await createCrl(pki.publicCa, { thisUpdate, nextUpdate })]);
 * ```
 */
export function replaceCrls(cms: Uint8Array, crls: readonly Uint8Array[]): Uint8Array {
  return assembleSignedData({ ...parseSignedData(cms), crls });
}

/**
 * Removes the encapsulated content, turning an attached signature into a detached one (`SIGNED_DATA_NOT_FOUND` unless
 * the content is supplied).
 *
 * @param cms - a SignedData
 * @returns a new SignedData (DER)
 * @example
 * ```ts
 * const detached = detachContent(p7s);
 * ```
 */
export function detachContent(cms: Uint8Array): Uint8Array {
  return assembleSignedData({ ...parseSignedData(cms), content: null });
}
