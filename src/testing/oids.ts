/**
 * Object identifiers the kit writes, from the RFCs that define them. The kit keeps its own table, apart from the
 * validator's, so that a wrong identifier in one cannot hide in the other.
 */
export const KIT_OID = {
  // Key and signature algorithms (RFC 5480, RFC 8017, RFC 4055).
  ecPublicKey: "1.2.840.10045.2.1",
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsassaPss: "1.2.840.113549.1.1.10",
  mgf1: "1.2.840.113549.1.1.8",
  // CMS content types and attributes (RFC 5652, RFC 2634, RFC 5035, RFC 3161, RFC 5126).
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  contentTimestamp: "1.2.840.113549.1.9.16.2.20",
  // Certificate and CRL extensions (RFC 5280, RFC 3739, RFC 6960).
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  cRLNumber: "2.5.29.20",
  cRLReason: "2.5.29.21",
  invalidityDate: "2.5.29.24",
  deltaCRLIndicator: "2.5.29.27",
  cRLDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  qcStatements: "1.3.6.1.5.5.7.1.3",
  qcsQcSSCD: "0.4.0.1862.1.4",
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
  ocspAccess: "1.3.6.1.5.5.7.48.1",
  caIssuersAccess: "1.3.6.1.5.5.7.48.2",
  // Extended key usages (RFC 5280 §4.2.1.12).
  kpServerAuth: "1.3.6.1.5.5.7.3.1",
  kpClientAuth: "1.3.6.1.5.5.7.3.2",
  kpEmailProtection: "1.3.6.1.5.5.7.3.4",
  kpTimeStamping: "1.3.6.1.5.5.7.3.8",
  kpOcspSigning: "1.3.6.1.5.5.7.3.9",
  // Subject attributes (X.520, RFC 4519, PKCS #9).
  countryName: "2.5.4.6",
  stateOrProvinceName: "2.5.4.8",
  localityName: "2.5.4.7",
  organizationName: "2.5.4.10",
  organizationalUnitName: "2.5.4.11",
  title: "2.5.4.12",
  commonName: "2.5.4.3",
  userId: "0.9.2342.19200300.100.1.1",
  emailAddress: "1.2.840.113549.1.9.1",
} as const;
