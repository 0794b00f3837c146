import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", "trust/vn/index": "src/trust/vn/index.ts" },
    format: ["esm"],
    platform: "neutral",
    target: "es2022",
    dts: true,
    clean: true,
    sourcemap: true,
    splitting: true,
    treeshake: true,
  },
  {
    // Its own folder, so its chunks never mix with the library's (which the first build cleans).
    entry: { main: "src/cli/main.ts" },
    outDir: "dist/cli",
    format: ["esm"],
    platform: "node",
    target: "node20",
    dts: false,
    clean: false,
    sourcemap: true,
    // The built-in trust list is imported dynamically: a chunk of its own, read only when no --trust-list is given.
    splitting: true,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
