import type { Certificate } from "../model/certificate.js";
import type { PathResult } from "../path/types.js";
import type { Policy } from "../policy/policy.js";
import type { PathCa, RevocationFinding } from "../revocation/types.js";
import type { SigningTimes } from "../time/signing-time.js";
import type { Binding, BindingProblem } from "./binding.js";

/** Everything the four conditions read about one signature, gathered once by the engine. No condition reads another. */
export interface SignatureFacts {
  /** The certificate the signature names; `undefined` when none was found. */
  readonly signingCertificate: Certificate | undefined;
  /** The format's binding check against the signing certificate; `undefined` without one. */
  readonly binding: Binding | undefined;
  /** Problems the format found before any certificate was chosen (they count with or without one). */
  readonly preliminary: readonly BindingProblem[];
  readonly times: SigningTimes;
  /** Path from the signing certificate to the trust list; `undefined` without a signing certificate. */
  readonly path: PathResult | undefined;
  /** The CA certificates below the anchor of a valid path, each with its revocation finding; empty otherwise. */
  readonly cas: readonly PathCa[];
  /** Revocation of the signing certificate at `times.up`; `null` when policy ignores revocation. */
  readonly leafRevocation: RevocationFinding | null;
  readonly policy: Policy;
}
