import type { ConditionStatus } from "../conditions/codes.js";
import type { Message } from "../model/message.js";
import type { IssuerCategory } from "../model/trust-list.js";

export type { ConditionName, ConditionStatus } from "../conditions/codes.js";
export type { Message } from "../model/message.js";

/** The verdict on one signature: `NOT_SECURE` if any condition failed, `SECURE` if all passed, else `INDETERMINATE`. */
export type Verdict = "SECURE" | "NOT_SECURE" | "INDETERMINATE";



/** What a condition concluded, why, and on what evidence. */
export interface ConditionResult {
  readonly status: ConditionStatus;
  /** A stable code: see `docs/codes.md`. */
  readonly code: string;
  /** The article of Decree 130 the condition applies. */
  readonly article: string;
  readonly message: Message;
  /** The facts used: times, certificates, revocation evidence. Fields are added over time, never renamed. */
  readonly evidence: Readonly<Record<string, unknown>>;
}

/** The issuerType result also names the category. */
export interface IssuerTypeResult extends ConditionResult {
  readonly category: IssuerCategory | null;
}

/** A remark that does not change the verdict. */
export interface Warning {
  readonly code: string;
  readonly message: Message;
}

import type { SigningTimeSource } from "../time/signing-time.js";
export type { SigningTimeSource } from "../time/signing-time.js";

/** The report on one signature (interfaces.md §2). */
export interface SignatureReport {
  readonly verdict: Verdict;
  readonly signer: {
    readonly subject: string | null;
    readonly commonName: string | null;
    readonly identifiers: Readonly<Record<string, string>>;
    readonly serialNumber: string | null;
    /** The signing certificate, base64 DER; `null` when not found. */
    readonly certificate: string | null;
  };
  readonly provider: { readonly name: string | null; readonly category: IssuerCategory | null };
  readonly signingTime: { readonly value: string | null; readonly source: SigningTimeSource };
  readonly regime: { readonly id: string; readonly note: Message };
  readonly conditions: {
    readonly validityPeriod: ConditionResult;
    readonly keyCorrespondence: ConditionResult;
    readonly issuerType: IssuerTypeResult;
    readonly soleControl: ConditionResult;
  };
  readonly warnings: readonly Warning[];
  /** The RFC 3161 tokens the signature carries (signature and content timestamps), each as judged. */
  readonly timestamps: readonly TimestampEntry[];
}

/** One time-stamp token as judged: a proof of existence when `valid`. */
export interface TimestampEntry {
  readonly kind: "signature" | "content" | "document";
  /** The TSA's time, ISO 8601; `null` when the token does not decode. */
  readonly genTime: string | null;
  /** The TSA certificate's name; `null` when it was not found. */
  readonly tsa: string | null;
  /** The trust-list provider its path reached; `null` when none. */
  readonly provider: string | null;
  readonly valid: boolean;
  /** Why it proves nothing; `null` when valid. */
  readonly reason: string | null;
}

/** The report on a signed file: one entry per signature, in document order. */
export interface Report {
  readonly signatures: readonly SignatureReport[];
}
