#!/usr/bin/env node
// `npm run check:package`: checks what `npm publish` would ship, on the `npm pack` tarball itself (run `npm run build`
// first; `prepack` builds too):
//   1. the tarball holds the entry points, their declarations and the CLI, and no sources or tests;
//   2. publint (strict: warnings and suggestions count) reports nothing;
//   3. are-the-types-wrong (`esm-only` profile: the package is ESM-only on purpose) reports nothing;
//   4. the emitted declarations type-check in a consumer (skipLibCheck off), under `nodenext` and `bundler` resolution;
//   5. a browser bundle of each isomorphic entry (esbuild, platform browser; not the Node-only decree130/testing/server)
//      has no `node:` import, and the main entry reaches no testing-kit code; prints each entry's minified and min+gzip size.
// Exit 1 on any problem; the problems are listed.
import { Buffer } from "node:buffer";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const work = mkdtempSync(join(tmpdir(), "decree130-pack-"));
const problems = [];
const step = (title) => console.log(`\n— ${title}`);

/** A string only the testing kit contains (its default trust-list name): it must never reach the main entry. */
const TESTING_MARKER = "TEST trust list (decree130/testing)";
const ENTRIES = {
  "decree130": "index.js",
  "decree130/fetch": "fetch/index.js",
  "decree130/trust/vn": "trust/vn/index.js",
  "decree130/testing": "testing/index.js",
  "decree130/xml": "xml/index.js",
  "decree130/pdf": "pdf/index.js",
};

try {
  step("npm pack");
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8" }));
  const tarball = join(work, packed.filename);
  const files = packed.files.map((f) => f.path).sort();
  console.log(`${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked`);
  const required = ["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/fetch/index.js", "dist/fetch/index.d.ts",
    "dist/testing/index.js", "dist/testing/index.d.ts", "dist/testing/server/index.js", "dist/testing/server/index.d.ts", "dist/trust/vn/index.js", "dist/trust/vn/index.d.ts", "dist/xml/index.js", "dist/xml/index.d.ts", "dist/pdf/index.js", "dist/pdf/index.d.ts", "dist/cli/main.js"];
  for (const f of required) if (!files.includes(f)) problems.push(`tarball lacks ${f}`);
  const stray = files.filter((f) => /^(src|test|examples|scripts|bench|conformance)\//.test(f) || f.endsWith(".tgz"));
  if (stray.length) problems.push(`tarball ships files it should not: ${stray.join(", ")}`);
  // Links a reader follows from the shipped README and docs must reach a shipped file (or be absolute).
  for (const doc of files.filter((f) => f.endsWith(".md"))) {
    const text = readFileSync(join(root, doc), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const resolved = join(dirname(doc), target).replaceAll("\\", "/");
      if (!files.includes(resolved) && !files.some((f) => f.startsWith(`${resolved.replace(/\/$/, "")}/`))) problems.push(`${doc} links to ${target}, which the tarball does not hold`);
    }
  }
  // No JS may point at a source map the tarball does not hold.
  for (const js of files.filter((f) => f.endsWith(".js"))) {
    const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(root, js), "utf8"));
    if (m && !files.includes(join(dirname(js), m[1]).replaceAll("\\", "/"))) problems.push(`${js} points at ${m[1]}, which the tarball does not hold`);
  }

  step("publint (strict)");
  const lint = await publint({ pack: { tarball: readFileSync(tarball).buffer }, level: "suggestion", strict: true });
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const m of lint.messages) problems.push(`publint ${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
  console.log(lint.messages.length === 0 ? "no problem" : `${lint.messages.length} message(s)`);

  step("are-the-types-wrong (profile esm-only)");
  try {
    console.log(execFileSync(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii", "--no-color", "--no-emoji"], { encoding: "utf8" }).trim());
  } catch (err) {
    console.log(`${err.stdout ?? ""}${err.stderr ?? ""}`.trim());
    problems.push("are-the-types-wrong reported problems (above)");
  }

  // A consumer project with the tarball installed as node_modules/decree130.
  const consumer = join(work, "consumer");
  const installed = join(consumer, "node_modules", "decree130");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  // Dependencies, and the optional peers the testing kit needs (a test author installs them beside decree130).
  for (const dep of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]) {
    mkdirSync(dirname(join(consumer, "node_modules", dep)), { recursive: true });
    symlinkSync(join(root, "node_modules", dep), join(consumer, "node_modules", dep), "dir");
  }

  step("type-check of the emitted declarations");
  writeFileSync(
    join(consumer, "consumer.ts"),
    [
      'import { validate, loadTrustList, isDecree130Error, type Report, type SignatureReport, type Policy } from "decree130";',
      'import { vietnamTrustList } from "decree130/trust/vn";',
      'import { createTestPki, issueCertificate, signCms, type TestPki } from "decree130/testing";',
      'import { createHttpFetcher, createFetchSession, isFetchError, type Fetcher, type FetchOutcome } from "decree130/fetch";',
      'import { servePki, type PkiServer } from "decree130/testing/server";',
      'import { validatePdf, type PdfReport } from "decree130/pdf";',
      'import { validateXml, type XmlReport } from "decree130/xml";',
      "export async function checkFormats(pdf: Uint8Array, xml: Uint8Array, trustList: Parameters<typeof validate>[1][\"trustList\"]): Promise<[PdfReport, XmlReport]> {",
      "  return [await validatePdf(pdf, { trustList, crypto: globalThis.crypto }), await validateXml(xml, { trustList, now: \"01/06/2025\" })];",
      "}",
      "export async function check(p7s: Uint8Array): Promise<SignatureReport[]> {",
      "  const pki: TestPki = await createTestPki();",
      '  const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "A" }, notBefore: 0, notAfter: 1e12 });',
      "  const own: Uint8Array = await signCms(p7s, signer);",
      "  const policy: Partial<Policy> = { algorithms: \"strict\" };",
      "  const report: Report = await validate(own, { trustList: loadTrustList(pki.trustList), policy, now: new Date(0) });",
      "  await validate(p7s, { trustList: vietnamTrustList() }).catch((e: unknown) => { if (isDecree130Error(e)) return e.code; throw e; });",
      "  const fetcher: Fetcher = createHttpFetcher({ timeoutMs: 5_000 });",
      "  const got: FetchOutcome = await createFetchSession({ fetch: fetcher, now: 0 }).get(\"http://crl.example.vn/ca.crl\", \"crl\");",
      "  const reason: string | undefined = got.ok ? undefined : got.reason;",
      "  const server: PkiServer = await servePki({ faults: { \"/slow\": { kind: \"slow\" } } });",
      "  await server.close();",
      "  await fetcher(\"http://crl.example.vn/ca.crl\", { kind: \"crl\", signal: AbortSignal.abort() }).catch((e: unknown) => (isFetchError(e) ? e.reason : reason));",
      "  return [...report.signatures];",
      "}",
      "",
    ].join("\n"),
  );
  const dom = { lib: ["ES2022", "DOM"], types: [] };
  // A Node project without the DOM library: the declarations name no DOM type (WebCrypto is read from globalThis).
  const nodeOnly = { lib: ["ES2023"], types: ["node"], typeRoots: [join(root, "node_modules", "@types")] };
  for (const [name, compilerOptions] of Object.entries({
    nodenext: { module: "NodeNext", moduleResolution: "NodeNext", ...dom },
    bundler: { module: "ESNext", moduleResolution: "Bundler", ...dom },
    "nodenext-without-dom": { module: "NodeNext", moduleResolution: "NodeNext", ...nodeOnly },
  })) {
    writeFileSync(
      join(consumer, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, target: "ES2022", strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true },
        files: ["consumer.ts"],
      }),
    );
    if (name === "nodenext") writeFileSync(join(consumer, "package.json"), '{ "type": "module" }\n');
    try {
      execFileSync(join(root, "node_modules", "typescript", "bin", "tsc"), ["-p", `tsconfig.${name}.json`], { cwd: consumer, encoding: "utf8" });
      console.log(`${name}: no error`);
    } catch (err) {
      console.log(`${err.stdout ?? ""}${err.stderr ?? ""}`.trim());
      problems.push(`the emitted declarations do not type-check (${name})`);
    }
  }

  step("browser bundles of the installed package");
  const bundles = {};
  for (const [spec] of Object.entries(ENTRIES)) {
    const out = await build({
      stdin: { contents: `export * from "${spec}";`, resolveDir: consumer, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    }).catch((err) => ({ error: err }));
    if (out.error) {
      problems.push(`${spec}: browser bundle failed: ${out.error.message}`);
      continue;
    }
    const code = out.outputFiles[0].text;
    const inputs = Object.keys(out.metafile.inputs);
    const nodeImports = Object.values(out.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path)).filter((p) => p.startsWith("node:"));
    if (nodeImports.length || /["'`]node:[a-z]/.test(code)) problems.push(`${spec}: browser bundle imports Node modules: ${nodeImports.join(", ") || "(in code)"}`);
    bundles[spec] = { code, inputs, min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
  }
  const main = bundles["decree130"];
  const testing = bundles["decree130/testing"];
  if (main && testing) {
    if (!testing.code.includes(TESTING_MARKER)) problems.push(`the testing marker "${TESTING_MARKER}" is not in decree130/testing: update this check`);
    if (main.code.includes(TESTING_MARKER)) problems.push("decree130 (main entry) contains testing-kit code");
    const reached = main.inputs.filter((p) => p.includes("/dist/testing/"));
    if (reached.length) problems.push(`decree130 (main entry) reaches ${reached.join(", ")}`);
    console.log("no node: import in any entry; the main entry holds no testing-kit code");
  }
  for (const [spec, b] of Object.entries(bundles)) {
    console.log(`${spec.padEnd(20)} minified ${(b.min / 1024).toFixed(1).padStart(6)} KiB   min+gzip ${(b.gzip / 1024).toFixed(1).padStart(5)} KiB (${b.gzip} bytes)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`\ncheck-package: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log("\ncheck-package: no problem");
