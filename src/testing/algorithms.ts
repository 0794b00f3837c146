import { AsnConvert, AsnNullConverter } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { KIT_OID } from "./oids.js";
import { RsassaPssParams } from "./schemas.js";

/** Key algorithms the kit can generate. `ECDSA-P256` is fast; the RSA ones take tens to hundreds of milliseconds per key. */
export type KeyAlgorithm = "ECDSA-P256" | "RSA-2048" | "RSA-PSS";

/** Digests the kit can sign with. SHA-1 is there to test the legacy-algorithm warning. */
export type Digest = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

interface DigestEntry {
  readonly oid: string;
  readonly length: number;
  readonly ecdsa: string;
  readonly rsa: string;
}

/** One row per digest: its OID, output length, and the combined signature OIDs. */
export const DIGESTS: Readonly<Record<Digest, DigestEntry>> = {
  "SHA-1": { oid: "1.3.14.3.2.26", length: 20, ecdsa: "1.2.840.10045.4.1", rsa: "1.2.840.113549.1.1.5" },
  "SHA-256": { oid: "2.16.840.1.101.3.4.2.1", length: 32, ecdsa: "1.2.840.10045.4.3.2", rsa: "1.2.840.113549.1.1.11" },
  "SHA-384": { oid: "2.16.840.1.101.3.4.2.2", length: 48, ecdsa: "1.2.840.10045.4.3.3", rsa: "1.2.840.113549.1.1.12" },
  "SHA-512": { oid: "2.16.840.1.101.3.4.2.3", length: 64, ecdsa: "1.2.840.10045.4.3.4", rsa: "1.2.840.113549.1.1.13" },
};

const NULL_PARAMETERS = AsnNullConverter.toASN(null).toBER();

/**
 * A digest AlgorithmIdentifier with absent parameters (RFC 5754 §2).
 *
 * @param digest - the digest
 * @returns the AlgorithmIdentifier
 */
export const digestAlgorithmId = (digest: Digest): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithm: DIGESTS[digest].oid });

/**
 * A digest AlgorithmIdentifier with NULL parameters, as OCSP CertIDs conventionally carry them (OpenSSL writes them so).
 *
 * @param digest - the digest
 * @returns the AlgorithmIdentifier
 */
export const digestAlgorithmIdWithNull = (digest: Digest): AlgorithmIdentifier =>
  new AlgorithmIdentifier({ algorithm: DIGESTS[digest].oid, parameters: NULL_PARAMETERS });

const withNull = (algorithm: string): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithm, parameters: NULL_PARAMETERS });

function pss(digest: Digest): AlgorithmIdentifier {
  // DER omits DEFAULT values: SHA-1, MGF1-SHA-1 and salt 20 are the defaults of RSASSA-PSS-params.
  const params =
    digest === "SHA-1"
      ? new RsassaPssParams()
      : new RsassaPssParams({
          hashAlgorithm: withNull(DIGESTS[digest].oid),
          maskGenAlgorithm: new AlgorithmIdentifier({ algorithm: KIT_OID.mgf1, parameters: AsnConvert.serialize(withNull(DIGESTS[digest].oid)) }),
          saltLength: DIGESTS[digest].length,
        });
  return new AlgorithmIdentifier({ algorithm: KIT_OID.rsassaPss, parameters: AsnConvert.serialize(params) });
}

interface KeyAlgorithmEntry {
  readonly generate: RsaHashedKeyGenParams | EcKeyGenParams;
  /** The import parameters for a private key bound to a digest (RSA keys carry their hash in WebCrypto). */
  readonly importFor: (digest: Digest) => RsaHashedImportParams | EcKeyImportParams;
  readonly sign: (digest: Digest) => Algorithm | RsaPssParams | EcdsaParams;
  /** The X.509 / CRL / OCSP signatureAlgorithm. */
  readonly signatureAlgorithm: (digest: Digest) => AlgorithmIdentifier;
  /** The CMS SignerInfo signatureAlgorithm (plain `rsaEncryption` for PKCS #1 v1.5, as most signing tools write). */
  readonly cmsSignatureAlgorithm: (digest: Digest) => AlgorithmIdentifier;
  /** Whether WebCrypto's raw `r‖s` output must be turned into a DER `Ecdsa-Sig-Value`. */
  readonly ecdsa: boolean;
}

const RSA_GEN = { modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: "SHA-256" } as const;

/** How each key algorithm is generated, signs, and is named in DER. */
export const KEY_ALGORITHMS: Readonly<Record<KeyAlgorithm, KeyAlgorithmEntry>> = {
  "ECDSA-P256": {
    generate: { name: "ECDSA", namedCurve: "P-256" },
    importFor: () => ({ name: "ECDSA", namedCurve: "P-256" }),
    sign: (digest) => ({ name: "ECDSA", hash: digest }),
    signatureAlgorithm: (digest) => new AlgorithmIdentifier({ algorithm: DIGESTS[digest].ecdsa }),
    cmsSignatureAlgorithm: (digest) => new AlgorithmIdentifier({ algorithm: DIGESTS[digest].ecdsa }),
    ecdsa: true,
  },
  "RSA-2048": {
    generate: { name: "RSASSA-PKCS1-v1_5", ...RSA_GEN },
    importFor: (digest) => ({ name: "RSASSA-PKCS1-v1_5", hash: digest }),
    sign: () => ({ name: "RSASSA-PKCS1-v1_5" }),
    signatureAlgorithm: (digest) => withNull(DIGESTS[digest].rsa),
    cmsSignatureAlgorithm: () => withNull(KIT_OID.rsaEncryption),
    ecdsa: false,
  },
  "RSA-PSS": {
    generate: { name: "RSA-PSS", ...RSA_GEN },
    importFor: (digest) => ({ name: "RSA-PSS", hash: digest }),
    sign: (digest) => ({ name: "RSA-PSS", saltLength: DIGESTS[digest].length }),
    signatureAlgorithm: pss,
    cmsSignatureAlgorithm: pss,
    ecdsa: false,
  },
};
