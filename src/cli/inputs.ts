import { DEFAULT_LIMITS, isDecree130Error, loadTrustList, parseTimeInput, resolvePolicy, type Policy, type TrustList } from "../index.js";
import { CliError, usageError, type Problem } from "./problem.js";
import { FileRefused, readBoundedFile } from "./read-file.js";

const MiB = 1024 * 1024;

/**
 * The most bytes the command line reads from each input, so no file (nor /dev/zero) can make it grow without end. The
 * signature file follows the library's `maxInputBytes`; detached content may be a large scanned document and is held
 * in memory once (hashed in place), so it gets 2 GiB; the others are small by nature.
 */
export const READ_LIMITS = {
  signature: DEFAULT_LIMITS.maxInputBytes,
  content: 2048 * MiB,
  evidence: 32 * MiB,
  trustList: 16 * MiB,
  policy: 1 * MiB,
} as const;

/** A time option written without a zone, read as Vietnam time: the output says so. */
export interface AssumedZone {
  readonly option: "--now" | "--signing-time";
  readonly text: string;
  readonly time: Date;
}

/** A file given with `--cert`, `--crl` or `--ocsp`, kept so that a refusal can name it. */
export interface EvidenceFile {
  readonly option: "--cert" | "--crl" | "--ocsp";
  readonly file: string;
  readonly bytes: Uint8Array;
}

function refusal(err: unknown, problem: Omit<Problem, "code" | "reason">): CliError {
  if (err instanceof FileRefused) {
    const tooLarge = err.reason.kind === "too-large" || err.reason.kind === "no-memory";
    return new CliError({ ...problem, code: tooLarge ? "INPUT_TOO_LARGE" : "INPUT_UNREADABLE", reason: err.reason });
  }
  if (isDecree130Error(err)) return new CliError({ ...problem, code: err.code, reason: { kind: "refused", code: err.code }, detail: err.message });
  throw err;
}

/**
 * Reads the file of an option (exit 64 when it cannot be read, naming the option and the file).
 *
 * @param option - e.g. `--content`
 * @param file - the path typed
 * @param limit - the largest size accepted
 * @returns the bytes
 * @throws CliError
 * @example
 * ```ts
 * const content = readOptionFile("--content", "hoa-don.pdf", READ_LIMITS.content);
 * ```
 */
export function readOptionFile(option: string, file: string, limit: number): Uint8Array {
  try {
    return readBoundedFile(file, limit);
  } catch (err) {
    throw refusal(err, { exit: 64, option, file });
  }
}

/**
 * Reads the signature file (exit 3 when it cannot be read, as for any input that is not a readable signature).
 *
 * @param file - the path typed
 * @returns the bytes, at most {@link READ_LIMITS}`.signature`
 * @throws CliError
 * @example
 * ```ts
 * const input = readSignatureFile("hop-dong.p7s");
 * ```
 */
export function readSignatureFile(file: string): Uint8Array {
  try {
    return readBoundedFile(file, READ_LIMITS.signature);
  } catch (err) {
    throw refusal(err, { exit: 3, file });
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function readJsonFile(option: string, file: string, limit: number, code: "TRUST_LIST_INVALID" | "POLICY_INVALID"): unknown {
  const bytes = readOptionFile(option, file, limit);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new CliError({ exit: 64, code, reason: { kind: "not-text" }, option, file });
  }
  try {
    // A byte-order mark, as Windows editors write it, is not JSON.
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (err) {
    throw new CliError({ exit: 64, code, reason: { kind: "not-json" }, option, file, detail: (err as Error).message });
  }
}

/**
 * Loads `--trust-list`.
 *
 * @param file - the path typed
 * @returns the trust list
 * @throws CliError `TRUST_LIST_INVALID` or a file problem, naming the option and the file
 * @example
 * ```ts
 * const trustList = trustListFile("my-list.json");
 * ```
 */
export function trustListFile(file: string): TrustList {
  const json = readJsonFile("--trust-list", file, READ_LIMITS.trustList, "TRUST_LIST_INVALID");
  try {
    return loadTrustList(json);
  } catch (err) {
    throw refusal(err, { exit: 64, option: "--trust-list", file });
  }
}

/**
 * Loads `--policy`.
 *
 * @param file - the path typed
 * @returns the resolved policy
 * @throws CliError `POLICY_INVALID` or a file problem, naming the option and the file
 * @example
 * ```ts
 * const policy = policyFile("strict.json");
 * ```
 */
export function policyFile(file: string): Policy {
  const json = readJsonFile("--policy", file, READ_LIMITS.policy, "POLICY_INVALID");
  try {
    return resolvePolicy(json);
  } catch (err) {
    throw refusal(err, { exit: 64, option: "--policy", file });
  }
}

/**
 * Reads a time option with the library's one time reader.
 *
 * @param option - `--now` or `--signing-time`
 * @param text - the value typed
 * @param assumed - collects the times written without a zone
 * @returns the instant
 * @throws CliError `TIME_INVALID`, naming the option and the value
 * @example
 * ```ts
 * const now = timeOption("--now", "01/06/2025", notes);
 * ```
 */
export function timeOption(option: AssumedZone["option"], text: string, assumed: AssumedZone[]): Date {
  try {
    const parsed = parseTimeInput(text);
    if (parsed.assumedZone) assumed.push({ option, text, time: parsed.time });
    return parsed.time;
  } catch (err) {
    throw refusal(err, { exit: 64, option, value: text });
  }
}

/**
 * Reads the `--cert`, `--crl` and `--ocsp` files, after checking their number against the library's limits (so that
 * too many is a usage problem found before any is read).
 *
 * @param given - the paths typed, per option
 * @returns the files, in the order given per option
 * @throws CliError
 * @example
 * ```ts
 * const evidence = evidenceFiles({ cert: [], crl: ["ca.crl"], ocsp: [] });
 * ```
 */
export function evidenceFiles(given: { readonly cert: readonly string[]; readonly crl: readonly string[]; readonly ocsp: readonly string[] }): EvidenceFile[] {
  if (given.crl.length + given.ocsp.length > DEFAULT_LIMITS.maxRevocationObjects) {
    usageError({ id: "too-many", options: "--crl/--ocsp", limit: DEFAULT_LIMITS.maxRevocationObjects });
  }
  if (given.cert.length > DEFAULT_LIMITS.maxCertificates) usageError({ id: "too-many", options: "--cert", limit: DEFAULT_LIMITS.maxCertificates });
  const read = (option: EvidenceFile["option"], files: readonly string[]): EvidenceFile[] =>
    files.map((file) => ({ option, file, bytes: readOptionFile(option, file, READ_LIMITS.evidence) }));
  return [...read("--cert", given.cert), ...read("--crl", given.crl), ...read("--ocsp", given.ocsp)];
}
