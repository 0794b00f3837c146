import type { VerifyOutcome, WebCrypto } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import type { TrustList, TrustService } from "../model/trust-list.js";
import { indexCandidates, type CandidateIndex } from "./candidates.js";

/** The limits every path search of one file shares (all signers, timestamps and CRL-signer searches together). */
export interface FilePathBudget {
  /** Most candidate issuers (and anchors) examined by all the file's searches together. */
  readonly maxCandidates: number;
  /** Most certificate signature verifications by all the file's searches together (each pair is verified once). */
  readonly maxSignatureChecks: number;
}

/**
 * What the path searches of one file share: one budget, the candidate indexes (each candidate list indexed once) and
 * the certificate signature outcomes (each certificate and key checked once, whichever search asks).
 */
export interface PathSession {
  readonly budget: FilePathBudget;
  /** What has been spent; once a limit is passed, `exhausted` stays set and every later search stops at once. */
  readonly spent: { candidates: number; signatures: number; exhausted: boolean };
  /** Candidate indexes by candidate list, then by trust list and service. */
  readonly indexes: WeakMap<readonly Certificate[], WeakMap<TrustList, Map<TrustService, CandidateIndex>>>;
  /** Signature outcomes by algorithm policy and WebCrypto, then certificate, then issuer key octets. */
  readonly checks: Map<string, WeakMap<WebCrypto, WeakMap<Certificate, Map<string, Promise<VerifyOutcome>>>>>;
}

/**
 * Starts the path session of one file.
 *
 * @param budget - the file's limits
 * @returns a fresh session, nothing spent
 * @example
 * ```ts
 * const session = createPathSession({ maxCandidates: 1000, maxSignatureChecks: 500 });
 * await buildPath({ ...request, session });
 * ```
 */
export function createPathSession(budget: FilePathBudget): PathSession {
  return { budget, spent: { candidates: 0, signatures: 0, exhausted: false }, indexes: new WeakMap(), checks: new Map() };
}

/**
 * The session's index of a candidate list, made on first use.
 *
 * @param session - the file's session
 * @param candidates - the candidate list (by identity: the same list object is indexed once)
 * @param trustList - the trust list
 * @param service - the service anchors must offer
 * @returns the index
 * @example
 * ```ts
 * const index = sessionIndex(session, req.candidates, req.trustList, req.service);
 * ```
 */
export function sessionIndex(session: PathSession, candidates: readonly Certificate[], trustList: TrustList, service: TrustService): CandidateIndex {
  let byList = session.indexes.get(candidates);
  if (!byList) session.indexes.set(candidates, (byList = new WeakMap()));
  let byService = byList.get(trustList);
  if (!byService) byList.set(trustList, (byService = new Map()));
  let index = byService.get(service);
  if (!index) byService.set(service, (index = indexCandidates(candidates, trustList, service)));
  return index;
}

/**
 * The session's signature outcomes for one algorithm policy and WebCrypto.
 *
 * @param session - the file's session
 * @param algorithms - the algorithm policy
 * @param crypto - the WebCrypto
 * @returns outcomes by certificate, then by issuer key octets
 * @example
 * ```ts
 * const known = sessionChecks(session, "default", env.crypto).get(cert)?.get(viewKey(issuer.spki));
 * ```
 */
export function sessionChecks(session: PathSession, algorithms: string, crypto: WebCrypto): WeakMap<Certificate, Map<string, Promise<VerifyOutcome>>> {
  let byCrypto = session.checks.get(algorithms);
  if (!byCrypto) session.checks.set(algorithms, (byCrypto = new WeakMap()));
  let checks = byCrypto.get(crypto);
  if (!checks) byCrypto.set(crypto, (checks = new WeakMap()));
  return checks;
}
