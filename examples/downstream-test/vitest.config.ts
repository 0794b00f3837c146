// The downstream project's vitest config: nothing special. `decree130` resolves through the package's exports
// (here: the repository's own dist/, so run `npm run build` first; in your project: node_modules/decree130).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: { include: ["*.test.ts"], testTimeout: 30_000 },
});
