import { isDecree130Error } from "../errors.js";
import { encodeOcspRequest } from "../fetch/ocsp-request.js";
import type { FetchSession } from "../fetch/session.js";
import type { FetchKind, FetchOutcome } from "../fetch/types.js";
import { certificateUrls } from "../fetch/urls.js";
import type { Certificate } from "../model/certificate.js";
import type { Crl } from "../model/crl.js";
import { sameName } from "../model/name.js";
import type { OcspResponse } from "../model/ocsp-response.js";
import { warning } from "../report/finding.js";
import type { Warning } from "../report/types.js";
import type { RevocationFinding } from "../revocation/types.js";
import { crlDer, type Run } from "./run.js";

/** Most distribution points (and delta CRL points) fetched for one certificate: real ones name one or two. */
const MAX_CRL_URLS = 4;
/** Most OCSP responders asked about one certificate. */
const MAX_OCSP_URLS = 2;
/** Most issuer certificates looked for above a signer through caIssuers: real chains are two or three deep. */
const MAX_ISSUER_DEPTH = 4;
/** Most certificates taken from one caIssuers response (a PKCS#7 bundle may hold a whole chain). */
const MAX_CERTIFICATES_PER_FETCH = 16;

/** A certificate whose revocation status is still unknown, and the certificate that issued it. */
export interface FetchTarget {
  readonly certificate: Certificate;
  readonly issuer: Certificate;
}

/** One fetched CRL or OCSP response, kept in the fetch cache once it answers for the certificate it was fetched for. */
interface Got {
  readonly target: Certificate;
  readonly type: "crl" | "ocsp";
  readonly url: string;
  readonly body: Uint8Array | undefined;
  /** The object's nextUpdate: how long it may be kept; none, not kept. */
  readonly validUntil: number | undefined;
}

/** Revocation evidence fetched in one round, with the warnings of what could not be fetched or read. */
export interface FetchedEvidence {
  readonly crls: readonly { readonly crl: Crl; readonly origin: "fetched" }[];
  readonly ocsp: readonly { readonly response: OcspResponse; readonly origin: "fetched" }[];
  readonly warnings: readonly Warning[];
  /**
   * Keeps in the fetch cache what answered: each object whose certificate's status is now known from fetched evidence
   * that was not rejected. A forged or useless answer is never kept, so it cannot stand in for the real one later.
   *
   * @param findingOf - the certificate's finding after the evidence was judged
   */
  keepAnswered(findingOf: (certificate: Certificate) => RevocationFinding | null | undefined): void;
}

/**
 * The warning for a fetch that gave nothing: `FETCH_REFUSED` when nothing was sent, else `FETCH_FAILED`.
 *
 * @param outcome - the failed outcome
 * @returns the warning, naming the URL and the reason
 * @example
 * ```ts
 * if (!got.ok) warnings.push(fetchWarning(got));
 * ```
 */
export function fetchWarning(outcome: Extract<FetchOutcome, { ok: false }>): Warning {
  return warning(outcome.refused ? "FETCH_REFUSED" : "FETCH_FAILED", { url: outcome.url, detail: `${outcome.reason}: ${outcome.message}` });
}

/** URLs of one kind a certificate names, and a warning for each it names that will not be fetched. */
function urlsOf(cert: Certificate, kind: "crl" | "ocsp" | "ca-issuers", warnings: Warning[]): readonly string[] {
  const urls = certificateUrls(cert);
  const wanted = kind === "crl" ? [...urls.crl, ...urls.deltaCrl] : kind === "ocsp" ? urls.ocsp : urls.caIssuers;
  // An LDAP or malformed URI is worth naming only when nothing else of its kind can be fetched.
  if (wanted.length === 0) {
    for (const r of urls.refused) if (r.kind === kind) warnings.push(warning("FETCH_REFUSED", { url: r.url, detail: `${r.reason}: ${r.message}` }));
  }
  return wanted;
}

function decodeFetched<T>(kind: FetchKind, url: string, decode: () => T, warnings: Warning[]): T | undefined {
  try {
    return decode();
  } catch (err) {
    if (!isDecree130Error(err)) throw err;
    const what = kind === "crl" ? "CRL" : kind === "ocsp" ? "OCSP response" : "certificate";
    warnings.push(warning(kind === "ca-issuers" ? "CERTIFICATE_UNUSABLE" : "EVIDENCE_REJECTED", { detail: `the ${what} fetched from ${url}: ${err.message}` }));
    return undefined;
  }
}

/**
 * Fetches revocation evidence for certificates whose status is unknown: in round `ocsp`, asks each one's OCSP
 * responder; in round `crl`, fetches its CRL distribution points (and delta CRL points). Everything fetched is returned
 * as evidence of origin `fetched`, to be judged like any other; what could not be fetched or read is a warning.
 *
 * @param targets - the certificates, each with its issuer
 * @param round - what to ask for
 * @param session - the validation's fetch session
 * @param run - the validation (crypto and decoders)
 * @returns the evidence and warnings
 * @example
 * ```ts
 * const got = await fetchRevocation([{ certificate: leaf, issuer }], "ocsp", session, run);
 * ```
 */
export async function fetchRevocation(targets: readonly FetchTarget[], round: "ocsp" | "crl", session: FetchSession, run: Run): Promise<FetchedEvidence> {
  const warnings: Warning[] = [];
  const crls: { crl: Crl; origin: "fetched" }[] = [];
  const ocsp: { response: OcspResponse; origin: "fetched" }[] = [];
  const got: Got[] = [];
  const asks: Promise<void>[] = [];
  for (const { certificate, issuer } of targets) {
    if (round === "ocsp") {
      const urls = urlsOf(certificate, "ocsp", warnings).slice(0, MAX_OCSP_URLS);
      if (urls.length === 0) continue;
      asks.push(
        (async () => {
          const request = await encodeOcspRequest(certificate, issuer, { crypto: run.env.crypto });
          for (const url of urls) {
            const outcome = await session.get(url, "ocsp", request.der);
            if (!outcome.ok) {
              warnings.push(fetchWarning(outcome));
              continue;
            }
            const response = decodeFetched("ocsp", url, () => run.tables.ocsp.decode(outcome.bytes, 0, outcome.bytes.length), warnings);
            if (response === undefined) continue;
            ocsp.push({ response, origin: "fetched" });
            const mine = response.responses.filter((r) => r.serialHex === certificate.serialHex && r.nextUpdate !== undefined);
            const validUntil = mine.length > 0 ? Math.min(...mine.map((r) => r.nextUpdate!)) : undefined;
            got.push({ target: certificate, type: "ocsp", url, body: request.der, validUntil });
            return; // one responder's answer is enough to judge
          }
        })(),
      );
    } else {
      for (const url of urlsOf(certificate, "crl", warnings).slice(0, MAX_CRL_URLS)) {
        asks.push(
          (async () => {
            const outcome = await session.get(url, "crl");
            if (!outcome.ok) {
              warnings.push(fetchWarning(outcome));
              return;
            }
            const crl = decodeFetched("crl", url, () => {
              const der = crlDer(outcome.bytes);
              return run.tables.crls.decode(der, 0, der.length);
            }, warnings);
            if (crl === undefined) return;
            crls.push({ crl, origin: "fetched" });
            got.push({ target: certificate, type: "crl", url, body: undefined, validUntil: crl.nextUpdate });
          })(),
        );
      }
    }
  }
  await Promise.all(asks);
  return {
    crls,
    ocsp,
    warnings,
    keepAnswered(findingOf) {
      for (const g of got) {
        const finding = findingOf(g.target);
        if (g.validUntil === undefined || !finding?.known) continue;
        if (finding.evidence.some((e) => e.origin === "fetched" && e.type === g.type && e.rejected === undefined)) session.keep(g.url, g.validUntil, g.body);
      }
    },
  };
}

/**
 * Fetches the issuer certificates a path is missing, through the caIssuers URLs of the certificates above `leaf`: up
 * from the signer by names, fetching where no issuer is at hand, until a certificate the trust list knows, a
 * self-issued one, or {@link MAX_ISSUER_DEPTH} steps. Only called when no path could be built otherwise. The
 * certificates are only candidates: the path search validates them like any other.
 *
 * @param leaf - the certificate whose path is missing
 * @param candidates - the certificates already at hand
 * @param session - the validation's fetch session
 * @param run - the validation (trust list, certificate reader)
 * @returns the certificates fetched, and warnings for what could not be fetched or read
 * @example
 * ```ts
 * const { certificates } = await fetchIssuers(leaf, file.certificates, session, run);
 * ```
 */
export async function fetchIssuers(
  leaf: Certificate,
  candidates: readonly Certificate[],
  session: FetchSession,
  run: Run,
): Promise<{ certificates: Certificate[]; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  const fetched: Certificate[] = [];
  let cert = leaf;
  for (let depth = 0; depth < MAX_ISSUER_DEPTH && !cert.selfIssued; depth++) {
    if (run.trustList.issuersOf(cert).length > 0) break;
    let issuer = [...candidates, ...fetched].find((c) => c !== cert && sameName(c.subject, cert.issuer));
    if (issuer === undefined) {
      for (const url of urlsOf(cert, "ca-issuers", warnings)) {
        const outcome = await session.get(url, "ca-issuers");
        if (!outcome.ok) {
          warnings.push(fetchWarning(outcome));
          continue;
        }
        const certs = decodeFetched("ca-issuers", url, () => run.readCertificates(outcome.bytes, run.tables), warnings) ?? [];
        fetched.push(...certs.slice(0, MAX_CERTIFICATES_PER_FETCH));
        issuer = fetched.find((c) => sameName(c.subject, cert.issuer));
        if (issuer !== undefined) break;
      }
    }
    if (issuer === undefined) break;
    cert = issuer;
  }
  return { certificates: fetched, warnings };
}
