import type { Binding, BindingProblem } from "../conditions/binding.js";
import type { ConditionCode } from "../conditions/codes.js";
import type { MessageParams } from "../conditions/outcome.js";
import type { ProofOfExistence } from "../time/signing-time.js";
import type { Env } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import type { UnusableObject } from "../model/signed-data.js";
import type { Policy } from "../policy/policy.js";
import type { Warning } from "../report/types.js";

export type { Binding, BindingCode, BindingProblem } from "../conditions/binding.js";

/**
 * One signature of a file, as a format adapter presents it to the engine: how it names its certificate, the check that
 * binds it to that certificate's key over the signed bytes, the time its signer claims and its format's warnings.
 * Everything else (path, revocation, the four conditions, the report) is the engine's, the same for every format.
 *
 * CMS SignerInfos, PDF signature dictionaries and XMLDSig `Signature` elements each become one of these.
 */
export interface SignatureUnderTest {
  /**
   * The certificates that the signature names as its own, among those available, without duplicates (by DER).
   *
   * @param pool - every certificate the file and the caller supplied
   * @returns the candidates, best first
   */
  namedCertificates(pool: readonly Certificate[]): readonly Certificate[];
  /**
   * Whether a candidate's key verifies the signature value: chooses among several named certificates (a forged copy
   * beside the genuine one). Never throws.
   *
   * @param certificate - a named certificate
   * @param env - crypto and keys
   * @returns whether it verifies
   */
  verifiesWith(certificate: Certificate, env: Env): Promise<boolean>;
  /**
   * The binding check: the signature verifies with `certificate`'s key over exactly the signed bytes, with every rule
   * of its format (digests, signed attributes, byte ranges, references). Never throws: problems are values.
   *
   * @param certificate - the signing certificate
   * @param env - crypto and keys
   * @param algorithms - the algorithm policy
   * @returns what was found
   */
  bind(certificate: Certificate, env: Env, algorithms: Policy["algorithms"]): Promise<Binding>;
  /** The signing time the signer claims (ms since the epoch), if any: it proves nothing, but it binds the signer. */
  readonly claimedTime: number | undefined;
  /** Remarks about this signature's format (never change the verdict). */
  readonly warnings: readonly Warning[];
  /**
   * Problems known before any certificate is chosen (a signature container that does not parse, a PDF byte range that
   * breaks the rules): keyCorrespondence reports them, and the most serious decides, even when no certificate is found.
   */
  readonly problems?: readonly BindingProblem[];
  /**
   * Set when this version cannot judge the signature at all (a PDF SubFilter it does not support): every condition
   * reports this outcome, INDETERMINATE, and nothing else is attempted.
   */
  readonly notJudged?: { readonly code: ConditionCode; readonly evidence: Readonly<Record<string, unknown>>; readonly params: MessageParams };
  /** Proofs of existence the format established (a PDF document timestamp over this signature). */
  readonly proofs?: readonly ProofOfExistence[];
  /** RFC 3161 tokens the signature carries (signature and content timestamps): the engine judges each. */
  readonly timestamps?: readonly TimestampUnderTest[];
  /**
   * Remarks that depend on the signing certificate once it is chosen (an e-invoice seller whose certificate names
   * another tax code).
   *
   * @param certificate - the signing certificate
   * @returns the remarks
   */
  certificateWarnings?(certificate: Certificate): readonly Warning[];
}

/** A signed file as a format adapter presents it: its signatures and what they carry for all of them. */
export interface FileUnderTest {
  /** In document order. */
  readonly signatures: readonly SignatureUnderTest[];
  /** Certificates the file carries (any of its signatures), for finding signing certificates and building paths. */
  readonly certificates: readonly Certificate[];
  /** CRLs the file carries, DER: evidence for every signature. */
  readonly crls: readonly Uint8Array[];
  /** OCSP responses the file carries, DER: evidence for every signature. */
  readonly ocspResponses: readonly Uint8Array[];
  /** Embedded objects that could not be used. */
  readonly unusable: readonly UnusableObject[];
}

/** What an RFC 3161 time-stamp token vouches for, and its own signature, as a format presents it to the engine. */
export interface TimestampUnderTest {
  /**
   * `signature`: over a signature value, a proof that the signature existed at `genTime`; `content`: over the signed
   * content, made before the signature (it existed no later than `genTime`); `document`: a PDF document timestamp.
   */
  readonly kind: "signature" | "content" | "document";
  /** The TSA's time, when the token decodes. */
  readonly genTime: number | undefined;
  /** Why the token cannot be used at all (it does not decode, it is not a TSTInfo token...). */
  readonly problem?: string;
  /** The token's own signature (its one SignerInfo over the TSTInfo), judged like any signature but for `timestamping`. */
  readonly signature?: SignatureUnderTest;
  /** Certificates the token carries. */
  readonly certificates: readonly Certificate[];
  /**
   * Checks the token's messageImprint against what it must cover (the signature value, the content, the byte ranges).
   *
   * @param env - crypto and keys
   * @returns `undefined` when it matches, else why not
   */
  checkImprint(env: Env): Promise<string | undefined>;
  /** ESS signing-certificate reference present in the token's signed attributes (RFC 3161 §2.4.1 requires one). */
  readonly namesItsCertificate: boolean;
}
