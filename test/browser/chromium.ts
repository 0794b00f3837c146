// The one Chromium every browser test uses: Debian's package (`apt-get install chromium`), found with `which`. No test
// ever downloads a browser. The flags keep a headless Chromium quiet on a closed network (no background fetches).
import { execFileSync } from "node:child_process";

/**
 * Finds the Chromium executable: `$CHROMIUM_PATH`, else `which chromium`.
 *
 * @returns an absolute path
 * @throws Error naming the package to install when there is none
 */
export function chromiumPath(): string {
  const fromEnv = process.env["CHROMIUM_PATH"];
  if (fromEnv) return fromEnv;
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("no chromium on PATH: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH");
  }
}

/**
 * Why browser tests cannot run here, or `undefined` when they can: outside CI a machine without Chromium skips them with
 * this reason; under CI (`CI=true`, where .ci/run installs Chromium) a missing Chromium fails them instead.
 *
 * @returns the reason to skip, or `undefined`
 */
export function chromiumMissing(): string | undefined {
  if (process.env["CI"]) return undefined;
  try {
    chromiumPath();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Launch flags: no sandbox (containers), no GPU, and none of Chromium's own network chatter. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
