import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";

// The bin (`dist/cli/main.js`): it runs the CLI bundle (`dist/cli/cli.js`, built from main.ts) from a V8 code cache
// written at build time (`cli.js.cache`), so that a run deserialises the functions it needs instead of parsing the
// bundle and compiling them one by one. Both are CommonJS: an ES module entry costs Node's ESM loader on every start.

/** The CLI bundle, next to this file. */
export const CLI_BUNDLE = join(__dirname, "cli.js");

/**
 * Its code cache: the bundle's length (4 bytes, big-endian), the bundle's bytes, then V8's cached data. Read only, never
 * written at run time.
 */
export const CLI_CODE_CACHE = `${CLI_BUNDLE}.cache`;

// Node's CommonJS wrapper, on a line of its own so that stack traces keep the bundle's line and column numbers.
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) {\n";
const WRAPPER_TAIL = "\n})";

/** The compiled bundle, and the bytes it was compiled from. */
export interface CompiledCli {
  readonly script: Script;
  readonly bytes: Buffer;
}

/**
 * Compiles the CLI bundle, from the code cache when it belongs to these very bytes. V8 accepts a cache only from its
 * own version and flags, and checks the source's length only: the copy of the bundle in the cache makes sure the bundle
 * is the one the cache was made from (a comparison costs less than a digest). A missing, stale or rejected cache only
 * means a normal compile.
 *
 * @param useCache - `false` to ignore any cache (when writing a new one)
 * @returns the compiled bundle
 * @example
 * ```ts
 * runCli(compileCli(true).script);
 * ```
 */
export function compileCli(useCache: boolean): CompiledCli {
  const bytes = readFileSync(CLI_BUNDLE);
  const cachedData = useCache ? readCache(bytes) : undefined;
  // The bin's `#!` line is only valid first in a file: inside the wrapper it becomes a comment (same length).
  const source = bytes.toString("utf8").replace(/^#!/, "//");
  const script = new Script(`${WRAPPER_HEAD}${source}${WRAPPER_TAIL}`, {
    filename: CLI_BUNDLE,
    lineOffset: -1,
    ...(cachedData ? { cachedData } : {}),
  });
  return { script, bytes };
}

function readCache(bytes: Buffer): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(CLI_CODE_CACHE);
  } catch {
    return undefined;
  }
  const end = 4 + bytes.length;
  if (cache.length <= end || cache.readUInt32BE(0) !== bytes.length || !cache.subarray(4, end).equals(bytes)) return undefined;
  return cache.subarray(end);
}

/**
 * Runs the compiled bundle as Node would run it as a CommonJS module: the CLI reads `process.argv` and sets
 * `process.exitCode`.
 *
 * @param script - the compiled bundle
 * @example
 * ```ts
 * runCli(compileCli(true).script);
 * ```
 */
export function runCli(script: Script): void {
  const run = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const bundle = { exports: {} };
  run.call(bundle.exports, bundle.exports, require, bundle, CLI_BUNDLE, __dirname);
}

/**
 * Writes the code cache of a compiled bundle; called at build time, after a run has compiled the functions a
 * verification needs (V8 caches only functions compiled so far).
 *
 * @param compiled - the bundle, compiled without a cache and run
 * @example
 * ```ts
 * const compiled = compileCli(false);
 * runCli(compiled.script);
 * process.on("exit", () => writeCodeCache(compiled));
 * ```
 */
export function writeCodeCache(compiled: CompiledCli): void {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(compiled.bytes.length);
  writeFileSync(CLI_CODE_CACHE, Buffer.concat([length, compiled.bytes, compiled.script.createCachedData()]));
}

if (require.main === module) runCli(compileCli(true).script);
