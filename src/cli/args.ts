import { type Lang, usageError } from "./problem.js";

/** The options of `decree130 verify`: a file, a value or a flag, and whether it may repeat. */
const OPTIONS = {
  content: { takes: "file" },
  "trust-list": { takes: "file" },
  crl: { takes: "file", repeats: true },
  ocsp: { takes: "file", repeats: true },
  cert: { takes: "file", repeats: true },
  now: { takes: "value" },
  "signing-time": { takes: "value" },
  policy: { takes: "file" },
  online: { takes: "flag" },
  timeout: { takes: "value" },
  "allow-private-network": { takes: "flag" },
  json: { takes: "flag" },
  lang: { takes: "value" },
  version: { takes: "flag" },
  help: { takes: "flag" },
} as const satisfies Record<string, { takes: "file" | "value" | "flag"; repeats?: true }>;

type Name = keyof typeof OPTIONS;
type Repeating = { [K in Name]: (typeof OPTIONS)[K] extends { repeats: true } ? K : never }[Name];
type Flag = { [K in Name]: (typeof OPTIONS)[K] extends { takes: "flag" } ? K : never }[Name];
type Single = Exclude<Name, Repeating | Flag>;

/** A parsed command line. */
export interface Invocation {
  readonly action: "verify" | "help" | "version";
  readonly lang: Lang;
  /** The signature file (for `verify`). */
  readonly file: string;
  readonly single: Readonly<Partial<Record<Single, string>>>;
  readonly repeated: Readonly<Record<Repeating, readonly string[]>>;
  readonly flags: ReadonlySet<Flag>;
}

/**
 * The language to speak before the command line is known to be valid: `en` only when `--lang en` is written, so a
 * mistake elsewhere is still reported in the language asked for.
 *
 * @param argv - the arguments after `node decree130`
 * @returns `en` or `vi`
 * @example
 * ```ts
 * guessLang(["verify", "a.p7s", "--lang=en"]); // "en"
 * ```
 */
export function guessLang(argv: readonly string[]): Lang {
  let lang: Lang = "vi";
  argv.forEach((a, i) => {
    const value = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (value !== undefined) lang = value === "en" ? "en" : "vi";
  });
  return lang;
}

/**
 * Reads the command line strictly: an unknown option, a missing value, a value given to a flag, an option given twice
 * that cannot repeat, a second file or an unknown command are each a usage problem naming what was wrong. Values are
 * `--name value` or `--name=value`; `--` ends the options.
 *
 * @param argv - the arguments after `node decree130`
 * @returns the invocation
 * @throws CliError with a usage problem (exit 64)
 * @example
 * ```ts
 * parseCommandLine(["verify", "a.p7s", "--crl", "ca.crl", "--json"]);
 * ```
 */
export function parseCommandLine(argv: readonly string[]): Invocation {
  const single: Partial<Record<Single, string>> = {};
  const repeated: Record<Repeating, string[]> = { crl: [], ocsp: [], cert: [] };
  const flags = new Set<Flag>();
  const positionals: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      optionsEnded = true;
      continue;
    }
    if (arg === "-h") {
      flags.add("help");
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!arg.startsWith("--") || !Object.hasOwn(OPTIONS, name)) usageError({ id: "unknown-option", value: eq < 0 ? arg : arg.slice(0, eq) });
    const option = name as Name;
    const spec: { takes: string; repeats?: true } = OPTIONS[option];
    if (spec.takes === "flag") {
      if (eq >= 0) usageError({ id: "flag-value", option: `--${name}` });
      flags.add(option as Flag);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    // The next word is another option, not this one's value: `--content --json` forgot the file.
    if (value === undefined || (eq < 0 && value.startsWith("--"))) usageError({ id: "missing-value", option: `--${name}` });
    if (spec.repeats) repeated[option as Repeating].push(value);
    else if (single[option as Single] !== undefined) usageError({ id: "repeated", option: `--${name}` });
    else single[option as Single] = value;
  }
  const lang = single.lang ?? "vi";
  if (lang !== "vi" && lang !== "en") usageError({ id: "bad-lang", value: lang });
  const base = { lang, single, repeated, flags } as const;
  if (flags.has("help")) return { ...base, action: "help", file: "" };
  if (flags.has("version")) return { ...base, action: "version", file: "" };
  const [command, file, extra] = positionals;
  if (command === undefined) usageError({ id: "no-command" });
  if (command !== "verify") usageError({ id: "unknown-command", value: command });
  if (file === undefined) usageError({ id: "no-file" });
  if (extra !== undefined) usageError({ id: "extra-argument", value: extra });
  return { ...base, action: "verify", file };
}
