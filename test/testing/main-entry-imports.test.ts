// The check `npm run bundle-size` runs on the built main entry: it follows dist/index.js's relative imports and must
// catch an ASN.1 package reached through a chunk, in the forms esbuild writes (minified or not, static or dynamic).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without declarations
import { builtImports, FORBIDDEN_IN_MAIN } from "../../scripts/bundle-size.mjs";

const dir = mkdtempSync(join(tmpdir(), "decree130-main-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, code: string): string => {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, code);
  return path;
};
const forbidden = (entry: string): string[] =>
  (builtImports(entry) as { packages: { specifier: string }[] }).packages
    .map((p) => p.specifier)
    .filter((s) => (FORBIDDEN_IN_MAIN as RegExp[]).some((re) => re.test(s)));

describe("the main entry's import check", () => {
  it("finds a forbidden package behind a chunk, minified, re-exported or imported dynamically", () => {
    write("a/chunk-1.js", 'import{AsnConvert as a}from"@peculiar/asn1-schema";export{a};');
    write("a/chunk-2.js", 'export*from"./chunk-1.js";const p=()=>import("pkijs");export { p };');
    const entry = write("a/index.js", 'import { x } from "./chunk-2.js";\nimport "asn1js";\nexport { x };\n');
    expect(forbidden(entry).sort()).toEqual(["@peculiar/asn1-schema", "asn1js", "pkijs"]);
  });

  it("passes an entry that imports only its own chunks", () => {
    write("b/chunk-1.js", "export const one = 1;");
    const entry = write("b/index.js", 'import{one}from"./chunk-1.js";export{one};');
    expect(forbidden(entry)).toEqual([]);
    expect((builtImports(entry) as { files: string[] }).files).toHaveLength(2);
  });
});
