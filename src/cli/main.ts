import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { validate, loadTrustList, isDecree130Error, type Report, type ValidateOptions } from "../index.js";
import { formatReport } from "./format.js";
import { LABELS } from "./labels.js";

const USAGE = `Usage: decree130 verify <file> [options]
  --content <file>        detached content the signature covers
  --trust-list <file>     trust list JSON (default: the built-in Vietnamese list)
  --crl <file>            a CRL (DER or PEM); repeatable
  --ocsp <file>           an OCSP response (DER); repeatable
  --cert <file>           extra certificates (DER, PEM or PKCS#7 bundle); repeatable
  --now <ISO-8601>        validation time (default: the clock)
  --signing-time <ISO>    a signing time you vouch for (proof of existence)
  --policy <file>         policy JSON (revocation, algorithms, soleControl, ...)
  --online                fetch CRLs/OCSP/issuers from the certificates' URLs (not supported yet)
  --json                  print the report as JSON
  --lang vi|en            language of the readable report (default vi)
Exit codes: 0 all SECURE, 1 a NOT_SECURE, 2 otherwise INDETERMINATE, 3 not a readable signature, 64 bad usage.`;

/**
 * From this many bytes of input and content on, digests go through node-crypto.ts, which hashes them in place. Below,
 * WebCrypto's copy costs nothing, and node:crypto is not loaded at all: most runs hash a few kilobytes.
 */
const STREAMING_FROM = 1 << 20;

/** Exit codes of interfaces.md §1. */
const EXIT = { secure: 0, notSecure: 1, indeterminate: 2, unreadable: 3, usage: 64 } as const;

class UsageError extends Error {}

function parseDate(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${flag}: not an ISO-8601 time: ${value}`);
  return d;
}

function read(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

function readJson(path: string, what: string): unknown {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} ${path} is not JSON: ${(err as Error).message}`);
  }
}

function exitCode(report: Report): number {
  const verdicts = report.signatures.map((s) => s.verdict);
  if (verdicts.includes("NOT_SECURE")) return EXIT.notSecure;
  if (verdicts.length > 0 && verdicts.every((v) => v === "SECURE")) return EXIT.secure;
  return EXIT.indeterminate;
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        content: { type: "string" },
        "trust-list": { type: "string" },
        crl: { type: "string", multiple: true },
        ocsp: { type: "string", multiple: true },
        cert: { type: "string", multiple: true },
        now: { type: "string" },
        "signing-time": { type: "string" },
        policy: { type: "string" },
        online: { type: "boolean" },
        json: { type: "boolean" },
        lang: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, file, ...rest] = positionals;
  const lang = values.lang ?? "vi";
  if (command !== "verify" || !file || rest.length > 0 || (lang !== "vi" && lang !== "en")) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.online) {
    process.stderr.write("--online is not supported yet: supply CRLs and OCSP responses with --crl and --ocsp\n");
    return EXIT.usage;
  }
  const json = values.json === true;
  try {
    const options: ValidateOptions = {
      // The built-in list is loaded only when used: decoding its 64 certificates would slow every other start.
      trustList: values["trust-list"]
        ? loadTrustList(readJson(values["trust-list"], "trust list"))
        : (await import("../trust/vn/index.js")).vietnamTrustList(),
      certificates: (values.cert ?? []).map(read),
      crls: (values.crl ?? []).map(read),
      ocspResponses: (values.ocsp ?? []).map(read),
      ...(values.content ? { content: read(values.content) } : {}),
      ...(values.policy ? { policy: readJson(values.policy, "policy") as ValidateOptions["policy"] & object } : {}),
      ...optionalDate("now", parseDate(values.now, "--now")),
      ...optionalDate("signingTime", parseDate(values["signing-time"], "--signing-time")),
    };
    let input: Uint8Array;
    try {
      input = read(file);
    } catch (err) {
      return unreadable(json, lang, "INPUT_UNREADABLE", (err as Error).message);
    }
    const crypto = await cryptoFor(input.length + (options.content?.length ?? 0));
    const report = await validate(input, { ...options, crypto });
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, lang));
    return exitCode(report);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    if (isDecree130Error(err)) {
      const signatureProblem = !["TRUST_LIST_INVALID", "POLICY_INVALID"].includes(err.code);
      if (!signatureProblem) {
        process.stderr.write(`${err.code}: ${err.message}\n`);
        return EXIT.usage;
      }
      return unreadable(json, lang, err.code, err.message);
    }
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EISDIR") {
      process.stderr.write(`${(err as Error).message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

/** The `crypto` for a run hashing about `bytes` bytes: node-crypto.ts's streaming digest only for large inputs. */
async function cryptoFor(bytes: number): Promise<Crypto> {
  return bytes < STREAMING_FROM ? globalThis.crypto : (await import("./node-crypto.js")).streamingCrypto();
}

function optionalDate<K extends string>(key: K, value: Date | undefined): { [P in K]?: Date } {
  return (value ? { [key]: value } : {}) as { [P in K]?: Date };
}

function unreadable(json: boolean, lang: "vi" | "en", code: string, message: string): number {
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  else process.stderr.write(`${LABELS[lang].notSignature}: ${code}: ${message}\n`);
  return EXIT.unreadable;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 70;
  },
);
