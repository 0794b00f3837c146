// Every place where our DER reader and pkijs part, with the reason. A difference not listed here fails the differential
// test, and so does an entry that no longer happens: nothing differs silently, and the list stays true.

/** Why the readers differ. */
export type DifferenceKind =
  /** Our reader refuses what pkijs accepts, on purpose (semantics.md: strict encodings, fail closed). */
  | "strictness"
  /** Our reader is wrong and the test expects the correct behaviour once it is fixed. */
  | "validator bug, to fix";

/** One expected difference: the sample (its label), the field (`*`: the whole object), who refuses, and why. */
export interface ExpectedDifference {
  readonly label: string;
  readonly field: string;
  readonly kind: DifferenceKind;
  /** What our reader says, as a substring of its error message (for `*`). */
  readonly ours: string;
  readonly why: string;
}

export const EXPECTED_DIFFERENCES: readonly ExpectedDifference[] = [
  {
    label: "corpora/suites/pkits/certs/BadSignedCACert.crt",
    field: "*",
    kind: "strictness",
    ours: "signature BIT STRING with unused bits",
    why: "a signature value is whole octets: a BIT STRING claiming unused bits is refused (pkijs keeps the octets); PKITS rejects this certificate anyway (bad signature)",
  },
  {
    label: "corpora/suites/pkits/certs/InvalidDSASignatureTest6EE.crt",
    field: "*",
    kind: "strictness",
    ours: "signature BIT STRING with unused bits",
    why: "as above; PKITS expects the path to fail",
  },
  {
    label: "limbo:rfc5280::duplicate-extensions:peer",
    field: "*",
    kind: "strictness",
    ours: "duplicate extension 2.5.29.17",
    why: "RFC 5280 §4.2: a certificate must not include more than one instance of an extension; pkijs keeps both",
  },
  {
    label: "limbo:rfc5280::mismatching-signature-algorithm:peer",
    field: "*",
    kind: "strictness",
    ours: "tbsCertificate.signature differs from signatureAlgorithm",
    why: "RFC 5280 §4.1.1.2: the two AlgorithmIdentifiers must be identical; pkijs does not compare them",
  },
  {
    label: "corpora/suites/dss-cades/validation/cades-double-signing-certificate.p7m",
    field: "*",
    kind: "strictness",
    ours: "bytes after the end of the structure",
    why: "2048 octets follow the ContentInfo; our reader refuses trailing data in a CMS file, pkijs ignores it",
  },
  {
    label: "corpora/suites/dss-cades/validation/cades-duplicated-signed-attrs.p7m",
    field: "*",
    kind: "strictness",
    ours: "bytes after the end of the structure",
    why: "2598 octets follow the ContentInfo (as above)",
  },
  {
    label: "corpora/suites/dss-cades/validation/dss-667/BER_reordered_prova.txt.p7m",
    field: "certificates",
    kind: "strictness",
    ours: "",
    why: "an embedded certificate uses a non-minimal (BER) length: certificates must be DER (their signature covers the encoding), so it is left out as unusable (warning CERTIFICATE_UNUSABLE) while the rest of the file is read; pkijs reads BER",
  },
  {
    label: "corpora/suites/dss-cades/validation/dss-667/DER_reordered_prova.txt.p7m",
    field: "certificates",
    kind: "strictness",
    ours: "",
    why: "the same certificate as above, in a DER-ordered SignedData",
  },
];
