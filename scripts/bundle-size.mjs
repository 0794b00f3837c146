#!/usr/bin/env node
// Bundle budget: the `decree130` main entry, bundled for the browser with its dependencies, minified and gzipped, must
// stay within BUDGET_BYTES, pull in no `node:` module and at most one major version of asn1js. The `decree130/pdf`
// entry has a budget of its own (PDF_BUDGET_BYTES), and must not be pulled into the main entry.
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { build } from "esbuild";

export const BUDGET_BYTES = 50 * 1024;
/**
 * `decree130/pdf` carries the whole CMS validator (it judges every signature with it) plus the PDF reader, revision and
 * change analysis (≈ 17 KiB min+gzip when measured): the main entry's budget and 20 KiB.
 */
export const PDF_BUDGET_BYTES = BUDGET_BYTES + 20 * 1024;
const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Bundles an entry for the browser (esbuild, minified, ESM) and measures it.
 *
 * @param {string} [entry] the entry's source, relative to the repository (default the main entry)
 * @returns {Promise<{ minified: number, gzip: number, nodeImports: string[], asn1jsVersions: string[], inputs: string[] }>}
 */
export async function measureBundle(entry = "src/index.ts") {
  const out = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = out.outputFiles[0].contents;
  const inputs = Object.keys(out.metafile.inputs);
  const nodeImports = Object.values(out.metafile.inputs)
    .flatMap((i) => i.imports.map((imp) => imp.path))
    .filter((p) => p.startsWith("node:"));
  const asn1jsVersions = [
    ...new Set(
      inputs
        .map((p) => /node_modules\/(?:.*\/node_modules\/)?asn1js\//.exec(p)?.[0])
        .filter((p) => p !== undefined)
        .map((dir) => JSON.parse(readFileSync(`${root}${dir}package.json`, "utf8")).version.split(".")[0]),
    ),
  ];
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, nodeImports, asn1jsVersions, inputs };
}

/** @returns {Promise<number>} the min+gzip size in bytes */
export async function bundleGzipBytes() {
  return (await measureBundle()).gzip;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const m = await measureBundle();
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`decree130 main entry (browser, minified): ${kib(m.minified)}; gzip: ${m.gzip} bytes (${kib(m.gzip)}); budget ${kib(BUDGET_BYTES)}`);
  console.log(`asn1js majors bundled: ${m.asn1jsVersions.length === 0 ? "none" : m.asn1jsVersions.join(", ")}`);
  const problems = [];
  if (m.gzip > BUDGET_BYTES) problems.push(`bundle is ${m.gzip} bytes min+gzip, above the ${BUDGET_BYTES}-byte budget`);
  if (m.nodeImports.length > 0) problems.push(`bundle imports Node modules: ${m.nodeImports.join(", ")}`);
  if (m.asn1jsVersions.length > 1) problems.push(`several asn1js majors bundled: ${m.asn1jsVersions.join(", ")}`);
  if (m.inputs.some((p) => p.includes("src/pdf/"))) problems.push("the main entry pulls in PDF code (src/pdf/)");
  const pdf = await measureBundle("src/pdf/index.ts");
  console.log(`decree130/pdf entry (browser, minified): ${kib(pdf.minified)}; gzip: ${pdf.gzip} bytes (${kib(pdf.gzip)}); budget ${kib(PDF_BUDGET_BYTES)}`);
  if (pdf.gzip > PDF_BUDGET_BYTES) problems.push(`decree130/pdf bundle is ${pdf.gzip} bytes min+gzip, above the ${PDF_BUDGET_BYTES}-byte budget`);
  if (pdf.nodeImports.length > 0) problems.push(`decree130/pdf bundle imports Node modules: ${pdf.nodeImports.join(", ")}`);
  for (const p of problems) console.error(`bundle-size: ${p}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
