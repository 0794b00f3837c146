import { certificateDecoder } from "../../cache/decoded.js";
import type { CacheTables } from "../../cache/validation-cache.js";
import { decisiveProblem } from "../../conditions/key-correspondence.js";
import { digest } from "../../crypto/digest.js";
import type { Env } from "../../crypto/types.js";
import type { Binding, BindingProblem, SignatureUnderTest, TimestampUnderTest } from "../../engine/signature-under-test.js";
import { isDecree130Error } from "../../errors.js";
import { bytesEqual } from "../../lib/bytes.js";
import type { Limits } from "../../model/limits.js";
import type { SignedData } from "../../model/signed-data.js";
import type { Policy } from "../../policy/policy.js";
import { decodeSignedData } from "../cms/decode.js";
import { cmsSigner } from "../cms/signer.js";
import { cmsTimestamp, signerTimestamps } from "../cms/timestamp.js";
import { archivedRevocation, type ArchivedRevocation } from "./revocation-archive.js";
import type { PdfSignatureUnderTest } from "./scan.js";

/** Errors of the CMS reader that mean `/Contents` holds no CMS signature: the signature is malformed, not the file. */
const NOT_A_CMS: ReadonlySet<string> = new Set(["MALFORMED_DER", "NESTING_TOO_DEEP", "NOT_SIGNED_DATA", "MALFORMED_CMS", "NO_SIGNERS", "MALFORMED_CERTIFICATE"]);

const SHA1 = { oid: "1.3.14.3.2.26" };

/** A PDF signature as the engine judges it, with what its CMS carries for the whole file. */
export interface AdaptedSignature {
  readonly signature: SignatureUnderTest;
  /** The decoded CMS, when `/Contents` holds one: its certificates and revocation evidence serve every signature. */
  readonly signedData: SignedData | undefined;
  /** Where a claimed time would come from: the CMS `signingTime`, else `/M`. */
  readonly claimFrom: "cms-signingTime" | "pdf-M" | null;
  /** Revocation data the signer archived in the signed attribute adbe-revocationInfoArchival. */
  readonly archived: ArchivedRevocation;
}

const NOTHING_ARCHIVED: ArchivedRevocation = { crls: [], ocspResponses: [], problems: [] };

/** What a CMS in `/Contents` decodes to, or why it does not. */
type Decoded = { readonly ok: true; readonly signedData: SignedData } | { readonly ok: false; readonly detail: string };

function decodeContents(sig: PdfSignatureUnderTest, tables: CacheTables, limits: Limits): Decoded {
  if (!sig.cms) return { ok: false, detail: sig.cmsProblem ?? "no CMS in /Contents" };
  try {
    return { ok: true, signedData: decodeSignedData(sig.cms, limits, { decodeCertificate: certificateDecoder(tables.certificates) }) };
  } catch (err) {
    if (!isDecree130Error(err) || !NOT_A_CMS.has(err.code)) throw err;
    return { ok: false, detail: err.message };
  }
}

/** The ByteRange rules a signature breaks, as problems known before any certificate. */
function byteRangeProblems(sig: PdfSignatureUnderTest): BindingProblem[] {
  return sig.byteRangeProblems.map((b) => ({ code: "BYTE_RANGE_INVALID", detail: `${b.rule}: ${b.detail}` }));
}

/** A signature no certificate can be chosen for: what is wrong is known before one would be. */
function unbindable(sig: PdfSignatureUnderTest, problems: readonly BindingProblem[], extra: Partial<SignatureUnderTest> = {}): SignatureUnderTest {
  return {
    claimedTime: sig.claimedTime,
    warnings: [],
    problems,
    namedCertificates: () => [],
    verifiesWith: () => Promise.resolve(false),
    bind: () => Promise.resolve({ problems, strength: "ok", evidence: {} }),
    ...extra,
  };
}

/**
 * adbe.pkcs7.sha1: the CMS signs its encapsulated content, which must be the SHA-1 of the ByteRange bytes.
 *
 * @returns the problem, when there is one
 */
async function sha1Problem(sig: PdfSignatureUnderTest, signedData: SignedData, env: Env, algorithms: Policy["algorithms"]): Promise<BindingProblem | undefined> {
  if (!sig.signedBytes) return { code: "SIGNED_DATA_NOT_FOUND", detail: "the ByteRange does not lie inside the file" };
  const d = await digest(SHA1, sig.signedBytes, env.crypto, { algorithms, digest: env.digest });
  if (!d.ok) return { code: d.code, detail: d.detail };
  const e = signedData.eContent;
  if (!e || !bytesEqual(e, d.bytes)) return { code: "HASH_MISMATCH", detail: "the encapsulated SHA-1 is not that of the signed bytes" };
  return undefined;
}

/**
 * One approval or certification signature of a PDF as a signature under test: its CMS read by the CMS adapter over the
 * two ByteRange views (hashed in parts, never joined), `/M` as the claimed time when the CMS has no `signingTime`, the
 * ByteRange rules it breaks as problems known before a certificate (what the cryptographic check said stays in the
 * evidence). Proofs from document timestamps are added by the caller, once those are judged.
 *
 * @param sig - the signature as the PDF reader found it
 * @param tables - the cache's stores
 * @param limits - bounds of the CMS reader
 * @returns the signature under test, its decoded CMS, and where its claimed time comes from
 * @throws {@link Decree130Error} `LIMIT_EXCEEDED` when its CMS holds more than the limits allow
 * @example
 * ```ts
 * const { signature } = pdfSignature(scan.signatures[0], run.tables, run.limits);
 * const report = await judgeSignature(signature, shared, run);
 * ```
 */
export function pdfSignature(
  sig: PdfSignatureUnderTest,
  tables: CacheTables,
  limits: Limits,
): AdaptedSignature {
  const claimFromM = sig.claimedTime === undefined ? null : ("pdf-M" as const);
  const ranges = byteRangeProblems(sig);
  if (sig.dispatch === "unsupported") {
    const params = { subFilter: sig.subFilter ?? "none" };
    const signature = unbindable(sig, ranges, { notJudged: { code: "UNSUPPORTED_SUBFILTER", evidence: params, params } });
    return { signature, signedData: undefined, claimFrom: claimFromM, archived: NOTHING_ARCHIVED };
  }
  const decoded = decodeContents(sig, tables, limits);
  if (!decoded.ok) {
    const signature = unbindable(sig, [...ranges, { code: "MALFORMED_SIGNATURE", detail: decoded.detail }]);
    return { signature, signedData: undefined, claimFrom: claimFromM, archived: NOTHING_ARCHIVED };
  }
  const signedData = decoded.signedData;
  const problems = [...ranges];
  if (signedData.signers.length !== 1) {
    problems.push({ code: "MALFORMED_SIGNATURE", detail: `${signedData.signers.length} SignerInfos where a PDF signature holds one` });
  }
  const signer = signedData.signers[0]!;
  // Detached: the content is the two ByteRange views. adbe.pkcs7.sha1: the CMS signs its encapsulated digest.
  const content = sig.dispatch === "sha1" ? signedData.eContent : (sig.signedBytes ?? undefined);
  const timestamps: readonly TimestampUnderTest[] = signerTimestamps(
    signer.unsignedAttrs,
    signer.signedAttrs?.attributes ?? [],
    signer.signature,
    content,
    tables,
    limits,
  );
  const base = cmsSigner(signedData, signer, content, timestamps);
  const signature: SignatureUnderTest = {
    ...base,
    claimedTime: base.claimedTime ?? sig.claimedTime,
    problems,
    async bind(cert, env, algorithms): Promise<Binding> {
      const [binding, sha1] = await Promise.all([
        base.bind(cert, env, algorithms),
        sig.dispatch === "sha1" ? sha1Problem(sig, signedData, env, algorithms) : undefined,
      ]);
      const found = sha1 ? [...binding.problems, sha1] : binding.problems;
      const evidence: Record<string, unknown> = { ...binding.evidence, subFilter: sig.subFilter };
      if (ranges.length > 0) {
        // "Intact but mis-framed" differs from "broken": what the signature check itself said stays beside the rules.
        evidence["rules"] = sig.byteRangeProblems.map((b) => ({ rule: b.rule, detail: b.detail }));
        evidence["cryptographic"] = decisiveProblem(found)?.code ?? "SIGNATURE_VALID";
      }
      return { ...binding, problems: found, strength: sig.dispatch === "sha1" ? "legacy" : binding.strength, evidence };
    },
  };
  return {
    signature,
    signedData,
    claimFrom: base.claimedTime !== undefined ? "cms-signingTime" : claimFromM,
    archived: archivedRevocation(signer.signedAttrs?.attributes ?? [], limits.maxRevocationObjects),
  };
}

/**
 * A document timestamp (`ETSI.RFC3161`) as a timestamp under test: its token's messageImprint must be the hash of the
 * ByteRange bytes. A timestamp whose ByteRange breaks the rules, or whose `/Contents` is no token, is unusable.
 *
 * @param sig - the document timestamp as the PDF reader found it
 * @param tables - the cache's stores
 * @param limits - bounds of the CMS reader
 * @returns the timestamp under test
 * @example
 * ```ts
 * const judged = await judgeTimestamp(documentTimestamp(sig, run.tables, run.limits), shared, run);
 * ```
 */
export function documentTimestamp(sig: PdfSignatureUnderTest, tables: CacheTables, limits: Limits): TimestampUnderTest {
  const unusable = (problem: string, genTime?: number): TimestampUnderTest => ({
    kind: "document",
    genTime,
    problem,
    certificates: [],
    namesItsCertificate: false,
    checkImprint: () => Promise.resolve(problem),
  });
  if (!sig.cms) return unusable(sig.cmsProblem ?? "no token in /Contents");
  const token = cmsTimestamp(sig.cms, "document", sig.signedBytes ?? [], tables, limits);
  if (sig.byteRangeProblems.length > 0) return unusable(`byte range invalid: ${sig.byteRangeProblems.map((b) => b.rule).join(", ")}`, token.genTime);
  if (!sig.signedBytes) return unusable("the ByteRange does not lie inside the file", token.genTime);
  return token;
}

/**
 * Whether a document timestamp's ByteRange covers a signature's `/Contents` (the gap of its own ByteRange): then a
 * valid one proves the signature existed at its `genTime`.
 *
 * @param timestamp - the document timestamp's ByteRange
 * @param signature - the signature's ByteRange
 * @returns whether the signature value lies inside the bytes the timestamp covers
 * @example
 * ```ts
 * coversSignature([0, 900, 1100, 200], [0, 300, 500, 100]); // true: [300, 500) lies in [0, 900)
 * ```
 */
export function coversSignature(timestamp: readonly number[] | null, signature: readonly number[] | null): boolean {
  if (!timestamp || !signature || timestamp.length !== 4 || signature.length !== 4) return false;
  const [a, b, c, d] = timestamp as [number, number, number, number];
  const [sa, sb, sc] = signature as [number, number, number, number];
  // The gap of the signature's ByteRange is its /Contents; either covered range must hold all of it.
  const [from, to] = [sa + sb, sc];
  if (to <= from) return false;
  return (from >= a && to <= a + b) || (from >= c && to <= c + d);
}
