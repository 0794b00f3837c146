// The package as its users get it, in a real browser: the verdict suite (test/browser/) runs in Debian's Chromium
// through vitest browser mode (Playwright provider) against the sources and against the built dist/, and the
// downstream example (examples/downstream-test/) runs against dist/ in Chromium and in Node. Run `npm run build` first.
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { CHROMIUM_ARGS, chromiumPath } from "./test/browser/chromium.js";

const at = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** Resolves the package's isomorphic entry points to a folder: `src/` (.ts) or `dist/` (.js). */
function packageAt(dir: "src" | "dist"): { find: RegExp; replacement: string }[] {
  const ext = dir === "src" ? "ts" : "js";
  return [
    { find: /^decree130\/pdf$/, replacement: at(dir === "src" ? "./src/formats/pdf/index.ts" : "./dist/pdf/index.js") },
    { find: /^decree130\/testing$/, replacement: at(`./${dir}/testing/index.${ext}`) },
    { find: /^decree130\/fetch$/, replacement: at(`./${dir}/fetch/index.${ext}`) },
    { find: /^decree130\/trust\/vn$/, replacement: at(`./${dir}/trust/vn/index.${ext}`) },
    { find: /^decree130\/xml$/, replacement: at(dir === "src" ? "./src/formats/xml/index.ts" : "./dist/xml/index.js") },
    { find: /^decree130$/, replacement: at(`./${dir}/index.${ext}`) },
  ];
}

/** A fresh browser block per project (vitest names each instance after its project). */
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] } }),
  instances: [{ browser: "chromium" as const }],
  screenshotFailures: false,
});

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        resolve: { alias: packageAt("src") },
        test: { name: "chromium-src", include: ["test/browser/**/*.test.ts", "test/browser/**/*.spec.ts"], browser: browser() },
      },
      {
        resolve: { alias: packageAt("dist") },
        test: { name: "chromium-dist", include: ["test/browser/**/*.test.ts", "test/browser/**/*.spec.ts", "examples/downstream-test/**/*.test.ts"], browser: browser() },
      },
      {
        // No alias: `decree130` resolves through package.json "exports", as in a project that installed it.
        test: { name: "node-dist", environment: "node", include: ["examples/downstream-test/**/*.test.ts"] },
      },
    ],
  },
});
