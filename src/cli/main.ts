import { version } from "../../package.json";
import { isDecree130Error, validate, type DigestFunction, type Report, type TrustList, type ValidateOptions } from "../index.js";
import { createHttpFetcher } from "../fetch/index.js";
import { parseCommandLine, guessLang, type Invocation } from "./args.js";
import { detectFormat } from "./detect-format.js";
import { refusedEvidence } from "./evidence.js";
import { assumedZoneNotes, formatReport } from "./format.js";
import {
  READ_LIMITS,
  evidenceFiles,
  policyFile,
  readOptionFile,
  readSignatureFile,
  timeOption,
  trustListFile,
  type AssumedZone,
  type EvidenceFile,
} from "./inputs.js";
import { USAGE, describeProblem, problemJson } from "./messages.js";
import { verifyPdf } from "./pdf-output.js";
import { verifyXml } from "./xml-output.js";
import { CliError, usageError, type Lang } from "./problem.js";

/**
 * From this many bytes of input and content on, digests go through node-digest.ts, which hashes them in place. Below,
 * WebCrypto's copy costs nothing, and node:crypto is not loaded at all: most runs hash a few kilobytes.
 */
const STREAMING_FROM = 1 << 20;

/** Exit codes of interfaces.md §1, and 70 for a bug (never for a bad file or option). */
const EXIT = { secure: 0, notSecure: 1, indeterminate: 2, internal: 70 } as const;

function exitCode(report: Report): number {
  const verdicts = report.signatures.map((s) => s.verdict);
  if (verdicts.includes("NOT_SECURE")) return EXIT.notSecure;
  if (verdicts.length > 0 && verdicts.every((v) => v === "SECURE")) return EXIT.secure;
  return EXIT.indeterminate;
}

/** The digest for a run hashing about `bytes` bytes: node-digest.ts's streaming one only for large inputs. */
async function digestFor(bytes: number): Promise<{ digest?: DigestFunction }> {
  return bytes < STREAMING_FROM ? {} : { digest: (await import("./node-digest.js")).nodeDigest };
}

/** Everything `verify` reads, in this order: option values, option files, then the signature file. */
interface Prepared {
  readonly input: Uint8Array;
  readonly options: ValidateOptions & { readonly now: Date };
  readonly evidence: readonly EvidenceFile[];
  readonly assumed: readonly AssumedZone[];
}

async function prepare(inv: Invocation): Promise<Prepared> {
  const { single, repeated } = inv;
  const assumed: AssumedZone[] = [];
  // The clock is read here once when no --now is given, so that the report and its header name the same instant.
  const now = single.now === undefined ? new Date() : timeOption("--now", single.now, assumed);
  const signingTime = single["signing-time"] === undefined ? undefined : timeOption("--signing-time", single["signing-time"], assumed);
  const policy = single.policy === undefined ? undefined : policyFile(single.policy);
  // The built-in list is loaded only when used: decoding its certificates would slow every other start.
  const trustList: TrustList =
    single["trust-list"] === undefined ? (await import("../trust/vn/index.js")).vietnamTrustList() : trustListFile(single["trust-list"]);
  const evidence = evidenceFiles(repeated);
  const content = single.content === undefined ? undefined : readOptionFile("--content", single.content, READ_LIMITS.content);
  const input = readSignatureFile(inv.file);
  const bytes = (option: EvidenceFile["option"]): Uint8Array[] => evidence.filter((e) => e.option === option).map((e) => e.bytes);
  const options = {
    trustList,
    now,
    certificates: bytes("--cert"),
    crls: bytes("--crl"),
    ocspResponses: bytes("--ocsp"),
    ...(content ? { content } : {}),
    ...(policy ? { policy } : {}),
    ...(signingTime ? { signingTime } : {}),
  };
  return { input, options, evidence, assumed };
}

/** Longest --timeout accepted: ten minutes. */
const MAX_TIMEOUT_MS = 600_000;

/** With --online, the fetcher and its per-fetch timeout; checked before any file is read. */
function onlineOptions(inv: Invocation): Pick<ValidateOptions, "fetch" | "fetchLimits"> {
  const timeout = inv.single.timeout;
  if (!inv.flags.has("online")) {
    if (timeout !== undefined) usageError({ id: "needs-online", option: "--timeout" });
    if (inv.flags.has("allow-private-network")) usageError({ id: "needs-online", option: "--allow-private-network" });
    return {};
  }
  let timeoutMs: number | undefined;
  if (timeout !== undefined) {
    timeoutMs = /^[0-9]{1,6}$/.test(timeout) ? Number(timeout) : NaN;
    if (!(timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)) usageError({ id: "bad-timeout", value: timeout });
  }
  const fetch = createHttpFetcher({ allowPrivateNetwork: inv.flags.has("allow-private-network"), ...(timeoutMs ? { timeoutMs } : {}) });
  return { fetch, ...(timeoutMs ? { fetchLimits: { timeoutMs } } : {}) };
}

async function verify(inv: Invocation): Promise<number> {
  const online = onlineOptions(inv);
  const { input, options, evidence, assumed } = await prepare(inv);
  const format = detectFormat(input);
  if (format === "xml") return verifyXml(input, { ...options, ...online }, { file: inv.file, lang: inv.lang, json: inv.flags.has("json"), evidence, assumed });
  if (format === "pdf") {
    const { digest } = await digestFor(input.length);
    return verifyPdf(input, { file: inv.file, options: { ...options, ...online }, evidence, assumed, json: inv.flags.has("json"), lang: inv.lang, digest });
  }
  let report: Report;
  try {
    report = await validate(input, { ...options, ...online, ...(await digestFor(input.length + (options.content?.length ?? 0))) });
  } catch (err) {
    if (!isDecree130Error(err)) throw err;
    // A --cert, --crl or --ocsp file the library refuses is a bad option value; otherwise the signature is unreadable.
    const problem = refusedEvidence(evidence) ?? { exit: 3, code: err.code, reason: { kind: "refused", code: err.code }, file: inv.file, detail: err.message };
    throw new CliError(problem);
  }
  if (inv.flags.has("json")) {
    const notes = assumedZoneNotes(assumed, inv.lang);
    if (notes.length) process.stderr.write(`${notes.join("\n")}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(formatReport(report, inv.lang, options.now, assumed));
  }
  return exitCode(report);
}

async function main(argv: readonly string[]): Promise<number> {
  let lang: Lang = guessLang(argv);
  let json = false;
  try {
    const inv = parseCommandLine(argv);
    lang = inv.lang;
    json = inv.flags.has("json");
    if (inv.action === "help") {
      process.stdout.write(`${USAGE[lang]}\n`);
      return 0;
    }
    if (inv.action === "version") {
      process.stdout.write(`${version}\n`);
      return 0;
    }
    return await verify(inv);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    const { problem } = err;
    // With --json a script reads stdout: the error is one JSON line there. Usage mistakes always go to stderr.
    if (json && problem.reason.kind !== "usage") process.stdout.write(`${JSON.stringify({ error: problemJson(problem) })}\n`);
    else process.stderr.write(describeProblem(problem, lang));
    return problem.exit;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error, please report it: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = EXIT.internal;
  },
);
