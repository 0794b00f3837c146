import type { Env } from "../crypto/types.js";
import type { SignedAttributeValues } from "../input/signed-attributes.js";
import type { Certificate } from "../model/certificate.js";
import type { SignedData, SignerInfo } from "../model/signed-data.js";
import type { PathResult } from "../path/types.js";
import type { Policy } from "../policy/policy.js";
import type { RevocationFinding } from "../revocation/types.js";
import type { SigningTimes } from "../time/signing-time.js";

/** Everything the four conditions read about one signature, gathered once by the engine. */
export interface SignatureContext {
  readonly signedData: SignedData;
  readonly signer: SignerInfo;
  /** Decoded signed attributes; `undefined` when the SignerInfo has none. */
  readonly attributes: SignedAttributeValues | undefined;
  /** The certificate the `sid` names; `undefined` when none was found. */
  readonly signingCertificate: Certificate | undefined;
  /** The signed content: attached, or supplied by the caller for a detached signature. */
  readonly content: Uint8Array | undefined;
  readonly times: SigningTimes;
  /** Path from the signing certificate to the trust list; `undefined` without a signing certificate. */
  readonly path: PathResult | undefined;
  /** Revocation of the signing certificate at `times.up`; `null` when policy ignores revocation. */
  readonly leafRevocation: RevocationFinding | null;
  readonly policy: Policy;
  readonly env: Env;
}
