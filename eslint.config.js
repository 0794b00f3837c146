import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The stages of src/, lowest first: a folder may import only from folders before it (and errors.ts), so the folder graph
 * has one direction. docs/architecture.md draws it. The entry files (index.ts, validate.ts, batch.ts) come after
 * `formats`; `testing` and `cli` sit on top.
 */
const LAYERS = [
  "lib",
  "asn1",
  "model",
  "policy",
  "crypto",
  "cache",
  "fetch",
  "trust",
  "identity",
  "path",
  "revocation",
  "time",
  "conditions",
  "report",
  "engine",
  "formats",
];
const ABOVE_ALL = ["testing", "cli"];

/** One no-restricted-imports rule per stage, naming every stage above it. */
const layerRules = LAYERS.map((layer, i) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: [...LAYERS.slice(i + 1), ...ABOVE_ALL].flatMap((above) => [`../${above}/*`, `../../${above}/*`, `../../../${above}/*`]),
            message: `src/${layer} may import only from the stages below it (${LAYERS.slice(0, i).join(", ") || "none"}): see docs/architecture.md.`,
          },
          {
            group: ["../index.js", "../validate.js", "../batch.js", "../../index.js", "../../validate.js", "../../batch.js"],
            message: "stages do not import the entry files",
          },
          ...(layer === "cache"
            ? []
            : [{ group: ["**/cache/memo-slot.js"], message: "memos live in src/cache: use its tables (object-memos.ts, validation-cache.ts)" }]),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "docs/api/", "coverage/", "bench/run.bundle.mjs", "bench/xml.bundle.mjs", ".prof/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  ...layerRules,
  {
    // The kit is an independent implementation: it writes and reads ASN.1 with @peculiar/asn1-schema, never with the
    // validator's reader or writer, so a bug the two shared would not pass unseen.
    files: ["src/testing/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["../asn1/*", "../../asn1/*"], message: "the testing kit encodes and decodes ASN.1 with @peculiar/asn1-schema, not src/asn1" }] },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
  },
);
