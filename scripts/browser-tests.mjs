// Runs the Chromium and built-package suites (vitest.browser.config.ts). On a machine without Debian's chromium the
// suite is skipped with that reason, so `npm test` still runs everything else; under CI (CI=true) a missing chromium
// is a failure, since .ci/run installs it.
import { execFileSync, spawnSync } from "node:child_process";

function hasChromium() {
  if (process.env.CHROMIUM_PATH) return true;
  try {
    execFileSync("which", ["chromium"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

if (!hasChromium()) {
  const reason = "no chromium on PATH: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH";
  if (process.env.CI) {
    console.error(`browser suite: ${reason}`);
    process.exit(1);
  }
  console.warn(`browser suite SKIPPED: ${reason}. bash .ci/run installs it and runs the suite.`);
  process.exit(0);
}
const r = spawnSync("npx", ["vitest", "run", "--config", "vitest.browser.config.ts", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
