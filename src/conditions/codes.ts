/** The four conditions of Decree 130 Art. 9. */
export type ConditionName = "validityPeriod" | "keyCorrespondence" | "issuerType" | "soleControl";

/** The outcome of one condition. */
export type ConditionStatus = "PASSED" | "FAILED" | "INDETERMINATE";

/**
 * Every condition code, with the conditions that report it and the status it carries. Codes are public API: add freely,
 * never rename.
 */
export const CONDITION_CODES = {
  // validityPeriod — Art. 9(1), Art. 3(8)
  CERT_VALID_AT_SIGNING: { conditions: ["validityPeriod"], status: "PASSED" },
  SIGNED_BEFORE_VALIDITY: { conditions: ["validityPeriod"], status: "FAILED" },
  SIGNED_AFTER_EXPIRY: { conditions: ["validityPeriod"], status: "FAILED" },
  REVOKED_AT_SIGNING: { conditions: ["validityPeriod"], status: "FAILED" },
  REVOKED_NO_POE: { conditions: ["validityPeriod"], status: "INDETERMINATE" },
  EXPIRED_NO_POE: { conditions: ["validityPeriod"], status: "INDETERMINATE" },
  // keyCorrespondence — Art. 9(1), 9(2)
  SIGNATURE_VALID: { conditions: ["keyCorrespondence"], status: "PASSED" },
  HASH_MISMATCH: { conditions: ["keyCorrespondence"], status: "FAILED" },
  SIGNATURE_INVALID: { conditions: ["keyCorrespondence"], status: "FAILED" },
  SIGNING_CERT_MISMATCH: { conditions: ["keyCorrespondence"], status: "FAILED" },
  MALFORMED_SIGNED_ATTRIBUTES: { conditions: ["keyCorrespondence"], status: "FAILED" },
  KEY_USAGE: { conditions: ["keyCorrespondence"], status: "FAILED" },
  WEAK_ALGORITHM: { conditions: ["keyCorrespondence"], status: "FAILED" },
  SIGNED_DATA_NOT_FOUND: { conditions: ["keyCorrespondence"], status: "INDETERMINATE" },
  UNSUPPORTED_ALGORITHM: { conditions: ["keyCorrespondence"], status: "INDETERMINATE" },
  // ... the signed bytes of a PDF signature, and the references of an XML signature
  BYTE_RANGE_INVALID: { conditions: ["keyCorrespondence"], status: "FAILED" },
  MALFORMED_SIGNATURE: { conditions: ["keyCorrespondence"], status: "FAILED" },
  UNSUPPORTED_SUBFILTER: { conditions: ["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"], status: "INDETERMINATE" },
  NOT_BOUND_TO_DOCUMENT: { conditions: ["keyCorrespondence"], status: "FAILED" },
  AMBIGUOUS_REFERENCE: { conditions: ["keyCorrespondence"], status: "FAILED" },
  UNSUPPORTED_REFERENCE: { conditions: ["keyCorrespondence"], status: "FAILED" },
  // issuerType — Art. 9(2)
  RECOGNIZED_PROVIDER: { conditions: ["issuerType"], status: "PASSED" },
  ISSUER_NOT_RECOGNIZED: { conditions: ["issuerType"], status: "FAILED" },
  PATH_INVALID: { conditions: ["issuerType"], status: "FAILED" },
  PROVIDER_NOT_LICENSED: { conditions: ["issuerType"], status: "FAILED" },
  CA_SIGNED_BEFORE_VALIDITY: { conditions: ["issuerType"], status: "FAILED" },
  CA_SIGNED_AFTER_EXPIRY: { conditions: ["issuerType"], status: "FAILED" },
  CA_REVOKED_AT_SIGNING: { conditions: ["issuerType"], status: "FAILED" },
  NO_CERTIFICATE_PATH: { conditions: ["issuerType"], status: "INDETERMINATE" },
  LICENCE_NO_POE: { conditions: ["issuerType"], status: "INDETERMINATE" },
  CA_REVOCATION_UNKNOWN: { conditions: ["issuerType"], status: "INDETERMINATE" },
  CA_REVOKED_NO_POE: { conditions: ["issuerType"], status: "INDETERMINATE" },
  CA_EXPIRED_NO_POE: { conditions: ["issuerType"], status: "INDETERMINATE" },
  // soleControl — Art. 9(3)
  PRESUMED: { conditions: ["soleControl"], status: "PASSED" },
  KEY_PROTECTION_EVIDENCED: { conditions: ["soleControl"], status: "PASSED" },
  KEY_COMPROMISED: { conditions: ["soleControl"], status: "FAILED" },
  KEY_COMPROMISE_NO_POE: { conditions: ["soleControl"], status: "INDETERMINATE" },
  NO_SOLE_CONTROL_EVIDENCE: { conditions: ["soleControl"], status: "INDETERMINATE" },
  // shared by several conditions
  REVOCATION_UNKNOWN: { conditions: ["validityPeriod", "soleControl"], status: "INDETERMINATE" },
  SIGNING_CERT_NOT_FOUND: {
    conditions: ["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"],
    status: "INDETERMINATE",
  },
} as const satisfies Record<string, { conditions: readonly ConditionName[]; status: ConditionStatus }>;

/** A condition code. */
export type ConditionCode = keyof typeof CONDITION_CODES;

/** A code the keyCorrespondence condition may report. */
export type KeyCorrespondenceCode = {
  [C in ConditionCode]: "keyCorrespondence" extends (typeof CONDITION_CODES)[C]["conditions"][number] ? C : never;
}[ConditionCode];

/** The article each condition applies. */
export const ARTICLES: Readonly<Record<ConditionName, string>> = {
  validityPeriod: "Art. 9(1)",
  keyCorrespondence: "Art. 9(1), 9(2)",
  issuerType: "Art. 9(2)",
  soleControl: "Art. 9(3)",
};
