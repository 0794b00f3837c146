import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string): string => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the package by name, as users do; these resolve it to the sources (the dist test uses the build).
    alias: [
      { find: /^decree130\/testing\/server$/, replacement: src("testing/server/index.ts") },
      { find: /^decree130\/testing$/, replacement: src("testing/index.ts") },
      { find: /^decree130\/fetch$/, replacement: src("fetch/index.ts") },
      { find: /^decree130\/trust\/vn$/, replacement: src("trust/vn/index.ts") },
      { find: /^decree130\/xml$/, replacement: src("formats/xml/index.ts") },
      { find: /^decree130\/pdf$/, replacement: src("formats/pdf/index.ts") },
      { find: /^decree130$/, replacement: src("index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
