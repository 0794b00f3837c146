#!/usr/bin/env node
// Bundle budget: the `decree130` main entry, bundled for the browser with its dependencies, minified and gzipped, must
// stay within BUDGET_BYTES, pull in no `node:` module and at most one major version of asn1js. The built main entry
// (dist/index.js and the chunks it imports; run `npm run build` first) must import none of the ASN.1 packages the
// testing kit and the benchmark use: the validator has no runtime dependency. The `decree130/pdf`
// and `decree130/xml` entries have budgets of their own, and must not be pulled into the main entry.
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

/**
 * 60 KiB. It was 50 KiB while the main entry judged CMS signatures with offline evidence only (41.8 KiB then). It now
 * also verifies RFC 3161 timestamps (the proof of existence every expired or later-revoked certificate needs) and
 * fetches missing evidence through a caller's fetcher (bounded session, OCSP requests, certificate URLs), both part of
 * `validate()` itself: 53.9 KiB when the budget was raised. The budget keeps 6 KiB of room, not more, so growth still
 * has to be argued for.
 */
export const BUDGET_BYTES = 60 * 1024;
/**
 * `decree130/xml`: the XML reader, C14N and XMLDSig (about 10 KiB gzip) over the whole engine it shares with the main
 * entry (path, revocation, timestamps, conditions, report): the main entry's budget plus 14 KiB for the XML layer.
 * 60.2 KiB when validateXml was wired into the engine (33.4 KiB before, when it judged keyCorrespondence alone).
 */
export const XML_BUDGET_BYTES = BUDGET_BYTES + 14 * 1024;
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

/** Packages the main entry must never import: the testing kit's and the benchmark's ASN.1 libraries. */
export const FORBIDDEN_IN_MAIN = [/^pkijs(\/|$)/, /^asn1js(\/|$)/, /^@peculiar\//];

/** Static and dynamic import specifiers of an ES module's text (esbuild/tsup output). */
function specifiers(code) {
  const found = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g)) found.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1]);
  return found;
}

/**
 * Follows the relative imports of the built main entry and lists every package it imports.
 *
 * @param {string} [entry] - the built entry, `dist/index.js` by default
 * @returns {{ files: string[], packages: { file: string, specifier: string }[] }}
 */
export function builtImports(entry = join(root, "dist", "index.js")) {
  if (!existsSync(entry)) throw new Error(`${relative(root, entry)} is missing: run \`npm run build\` first`);
  const files = [];
  const packages = [];
  const queue = [entry];
  while (queue.length > 0 && files.length < 1000) {
    const file = queue.shift();
    if (files.includes(file)) continue;
    files.push(file);
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) queue.push(join(dirname(file), spec));
      else packages.push({ file: relative(root, file), specifier: spec });
    }
  }
  return { files: files.map((f) => relative(root, f)), packages };
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
  const x = await measureBundle("src/formats/xml/index.ts");
  console.log(`decree130/xml entry (browser, minified): ${kib(x.minified)}; gzip: ${x.gzip} bytes (${kib(x.gzip)}); budget ${kib(XML_BUDGET_BYTES)}`);
  const problems = [];
  if (m.gzip > BUDGET_BYTES) problems.push(`bundle is ${m.gzip} bytes min+gzip, above the ${BUDGET_BYTES}-byte budget`);
  if (x.gzip > XML_BUDGET_BYTES) problems.push(`decree130/xml is ${x.gzip} bytes min+gzip, above the ${XML_BUDGET_BYTES}-byte budget`);
  if (x.nodeImports.length > 0) problems.push(`decree130/xml imports Node modules: ${x.nodeImports.join(", ")}`);
  if (m.nodeImports.length > 0) problems.push(`bundle imports Node modules: ${m.nodeImports.join(", ")}`);
  if (m.asn1jsVersions.length > 1) problems.push(`several asn1js majors bundled: ${m.asn1jsVersions.join(", ")}`);
  const built = builtImports();
  const forbidden = built.packages.filter((p) => FORBIDDEN_IN_MAIN.some((re) => re.test(p.specifier)));
  console.log(`dist/index.js and its chunks (${built.files.length} files) import: ${[...new Set(built.packages.map((p) => p.specifier))].join(", ") || "no package"}`);
  for (const p of forbidden) problems.push(`the built main entry imports ${p.specifier} (${p.file}): the validator must not depend on it`);
  if (m.inputs.some((p) => p.includes("src/formats/pdf/"))) problems.push("the main entry pulls in PDF code (src/formats/pdf/)");
  const pdf = await measureBundle("src/formats/pdf/index.ts");
  console.log(`decree130/pdf entry (browser, minified): ${kib(pdf.minified)}; gzip: ${pdf.gzip} bytes (${kib(pdf.gzip)}); budget ${kib(PDF_BUDGET_BYTES)}`);
  if (pdf.gzip > PDF_BUDGET_BYTES) problems.push(`decree130/pdf bundle is ${pdf.gzip} bytes min+gzip, above the ${PDF_BUDGET_BYTES}-byte budget`);
  if (pdf.nodeImports.length > 0) problems.push(`decree130/pdf bundle imports Node modules: ${pdf.nodeImports.join(", ")}`);
  for (const p of problems) console.error(`bundle-size: ${p}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
