import type { Env } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import { revocationStatus } from "./status.js";
import type { PathCa, RevocationFinding, RevocationSources } from "./types.js";

/** What the revocation look-up of the CAs on a path needs. */
export interface CaRevocationRequest {
  readonly time: number;
  readonly now: number;
  readonly sources: RevocationSources | null;
  /** Validated certificates that may sign CRLs besides each certificate's issuer (see crl-signers.ts). */
  readonly crlSigners?: readonly Certificate[];
  readonly env: Env;
  readonly algorithms: "default" | "strict";
}

/** A finding that claims nothing: the time rules then treat the status as unknown. */
const UNKNOWN: RevocationFinding = Object.freeze({ known: false, evidence: Object.freeze([]) });

/**
 * The CA certificates strictly between the signing certificate and the anchor, each with its revocation finding (its
 * issuer is the next certificate up). Dates are not judged here: the caller applies the time rules.
 *
 * @param path - signing certificate first, anchor last
 * @param req - times, evidence (`null`: revocation ignored, findings are `null`) and crypto
 * @returns leaf side first
 * @example
 * ```ts
 * const cas = await caRevocations([leaf, ca, root], { time, now, sources: null, env, algorithms: "default" });
 * cas[0].revocation; // null
 * ```
 */
export async function caRevocations(path: readonly Certificate[], req: CaRevocationRequest): Promise<PathCa[]> {
  const out: PathCa[] = [];
  for (let i = 1; i < path.length - 1; i++) {
    const certificate = path[i]!;
    const issuer = path[i + 1]!;
    if (req.sources === null) {
      out.push({ certificate, issuer, revocation: null });
      continue;
    }
    let revocation: RevocationFinding;
    try {
      revocation = await revocationStatus({
        certificate,
        issuer,
        ...(req.crlSigners ? { crlSigners: req.crlSigners } : {}),
        time: req.time,
        now: req.now,
        sources: req.sources,
        env: req.env,
        algorithms: req.algorithms,
      });
    } catch {
      // Evidence that cannot be read says nothing: unknown, never "not revoked".
      revocation = UNKNOWN;
    }
    out.push({ certificate, issuer, revocation });
  }
  return out;
}
