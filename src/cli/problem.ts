import type { Decree130ErrorCode } from "../errors.js";

/** The languages of the command line's output. */
export type Lang = "vi" | "en";

/** What kind of thing a path turned out to be, when it is not a regular file. */
export type FileKind = "directory" | "fifo" | "character-device" | "block-device" | "socket" | "other";

/** A mistake in the command line itself, as data: messages.ts words it. */
export type UsageProblem =
  | { readonly id: "no-command" }
  | { readonly id: "unknown-command"; readonly value: string }
  | { readonly id: "no-file" }
  | { readonly id: "extra-argument"; readonly value: string }
  | { readonly id: "unknown-option"; readonly value: string }
  | { readonly id: "missing-value"; readonly option: string }
  | { readonly id: "flag-value"; readonly option: string }
  | { readonly id: "repeated"; readonly option: string }
  | { readonly id: "bad-lang"; readonly value: string }
  | { readonly id: "too-many"; readonly options: string; readonly limit: number }
  | { readonly id: "needs-online"; readonly option: string }
  | { readonly id: "bad-timeout"; readonly value: string };

/** Why an input could not be used, as data: messages.ts words it in each language. */
export type Reason =
  | { readonly kind: "usage"; readonly problem: UsageProblem }
  | { readonly kind: "file-system"; readonly errno: string }
  | { readonly kind: "not-regular"; readonly file: FileKind }
  | { readonly kind: "too-large"; readonly size: number; readonly limit: number }
  | { readonly kind: "no-memory"; readonly size: number }
  | { readonly kind: "not-text" }
  | { readonly kind: "not-json" }
  | { readonly kind: "refused"; readonly code: Decree130ErrorCode };

/** The codes the command line reports: the library's, and its own for files it could not read and for usage. */
export type CliCode = Decree130ErrorCode | "INPUT_UNREADABLE" | "USAGE";

/** One reason the command line stops before a verdict, with everything needed to say it in either language. */
export interface Problem {
  /** 3: the signature file could not be read as a signature; 64: bad usage or a bad option value. */
  readonly exit: 3 | 64;
  readonly code: CliCode;
  readonly reason: Reason;
  /** The option concerned (`--crl`), absent for the signature file and for usage. */
  readonly option?: string;
  /** The file concerned, as the user typed it. */
  readonly file?: string;
  /** The option value concerned (a time), as the user typed it. */
  readonly value?: string;
  /** A technical explanation in English (the library's message), shown with `--lang en` and in JSON. */
  readonly detail?: string;
}

/** Thrown inside the command line to stop with a {@link Problem}; main.ts prints it and exits with its code. */
export class CliError extends Error {
  /**
   * @param problem - what went wrong
   */
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.code);
  }
}

/**
 * Stops with a usage problem (exit 64).
 *
 * @param problem - the mistake
 * @returns never: it throws
 * @example
 * ```ts
 * usageError({ id: "no-file" });
 * ```
 */
export function usageError(problem: UsageProblem): never {
  throw new CliError({ exit: 64, code: "USAGE", reason: { kind: "usage", problem } });
}
