// What people read: every message in the language asked for (no English in Vietnamese output), usage mistakes
// named before the usage, the verdict said once in English, times in Vietnam time with the certificate's validity,
// a content mismatch that does not accuse the signer, and --version.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, fx, requireBuilt, root, runSync } from "./run-cli.js";

beforeAll(requireBuilt);

const SECURE = fx("sig/secure-attached-ecdsa.p7s");
/** English words any sentence of an English message would hold: none may appear in Vietnamese output. */
const ENGLISH = /\b(the|is|not|no|file|input|neither|error|does|cannot|invalid|unknown|option|usage|must|found|signature|directory|illegal|operation)\b/i;

/** Mistakes of every kind, in Vietnamese (the default). */
const MISTAKES: readonly (readonly string[])[] = [
  ["verify", fx("input/random.bin")],
  ["verify", fx("input/empty.p7s")],
  ["verify", fx("khong-co.p7s")],
  ["verify", SECURE, ...BASE, "--crl", fx("content.txt")],
  ["verify", SECURE, ...BASE, "--content", fx("khong-co.txt")],
  ["verify", SECURE, ...BASE, "--content", fx("sig")],
  ["verify", SECURE, "--trust-list", fx("content.txt")],
  ["verify", SECURE, "--trust-list", fx("sig/secure-attached-ecdsa.p7s")],
  ["verify", SECURE, ...BASE, "--policy", fx("trust-list.json")],
  ["verify", SECURE, "--now", "yesterday"],
  ["verify", SECURE, "--lang", "fr"],
  ["verify", SECURE, SECURE],
  ["sign", SECURE],
  [],
  ["verify"],
  ["verify", SECURE, "--bogus"],
  ["verify", SECURE, "--content"],
  ["verify", SECURE, "--timeout", "5000"],
  ["verify", SECURE, "--online", "--timeout", "soon"],
];

describe("decree130: messages", () => {
  it.each(MISTAKES.map((args) => [args.join(" ").replaceAll(root, ""), args] as const))("%s: Vietnamese only, the code once", (_, args) => {
    const r = runSync(args);
    expect([3, 64]).toContain(r.code);
    const text = r.stderr.replaceAll(root, "");
    // Option names and codes are not English sentences: leave them out before looking for English words.
    const words = text.replace(/--[a-z-]+/g, "").replace(/\[[A-Z_]+\]/g, "").replace(/"[^"]*"/g, "");
    expect(words).not.toMatch(ENGLISH);
    const codes = text.match(/\[[A-Z_]+\]/g) ?? [];
    expect(codes.length).toBeLessThanOrEqual(1);
    if (codes.length) expect(text.split(codes[0]!.slice(1, -1)).length).toBe(2);
  });

  it("says what was wrong with the command line, then shows the usage", () => {
    const cases: [string[], string][] = [
      [["verify", SECURE, "--lang", "fr"], '--lang phải là vi hoặc en, không phải "fr".'],
      [["verify", SECURE, "other.p7s"], 'Mỗi lần chỉ kiểm tra một tệp; thừa "other.p7s".'],
      [["check", SECURE], 'Lệnh không được biết: "check".'],
      [["verify", SECURE, "--bogus", "--lang", "en"], 'Unknown option "--bogus".'],
      [["verify", SECURE, "--now", "1", "--now", "2", "--lang", "en"], "The option --now may be given only once."],
    ];
    for (const [args, first] of cases) {
      const r = runSync(args);
      expect(r.code).toBe(64);
      expect(r.stderr.split("\n")[0]).toBe(first);
      expect(r.stderr).toMatch(/\n\n(Cách dùng|Usage): decree130 verify/);
    }
  });

  it("--version prints the package's version", () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version: string };
    expect(runSync(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(runSync(["verify", SECURE, "--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("--help prints the usage in the language asked for", () => {
    expect(runSync(["--help"]).stdout).toMatch(/^Cách dùng: decree130 verify <tệp>/);
    expect(runSync(["-h", "--lang", "en"]).stdout).toMatch(/^Usage: decree130 verify <file>/);
  });

  it("a malformed --crl is a bad option value (exit 64) naming the option and file, not an unreadable signature", () => {
    const r = runSync(["verify", SECURE, ...BASE, "--crl", fx("content.txt"), "--lang", "en"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`Error in --crl "${fx("content.txt")}": The certificate revocation list (CRL, DER or PEM) does not decode. [MALFORMED_CRL]`);
    expect(r.stderr).not.toContain("Not a readable signature");
  });

  it("the wrong --content does not match what was signed, without saying the signer changed it", () => {
    const args = ["verify", fx("sig/secure-detached-ecdsa.p7s"), ...BASE, "--content", fx("content-wrong.txt")];
    const vi = runSync(args);
    expect(vi.code).toBe(1);
    expect(vi.stdout).toContain("hoặc nội dung đã bị thay đổi sau khi ký, hoặc đây không phải tệp đã được ký");
    const en = runSync([...args, "--lang", "en"]);
    expect(en.stdout).toContain("either it was changed after signing, or it is not the file that was signed");
  });

  it("says the verdict once in English, and with its code in Vietnamese", () => {
    expect(runSync(["verify", SECURE, ...BASE, "--lang", "en"]).stdout).toContain("\nSignature 1/1: SECURE\n");
    const tampered = runSync(["verify", fx("sig/tampered-content.p7s"), ...BASE, "--lang", "en"]);
    expect(tampered.stdout).toContain("\nSignature 1/1: NOT SECURE\n");
    expect(runSync(["verify", SECURE, ...BASE]).stdout).toContain("\nChữ ký 1/1: AN TOÀN (SECURE)\n");
  });

  it("shows an accountant Vietnam time, the certificate's validity, the provider and its category; JSON stays ISO UTC", () => {
    const vi = runSync(["verify", SECURE, ...BASE]).stdout;
    expect(vi).toContain("Thời điểm kiểm tra: 01/06/2025 07:00:00 (giờ Việt Nam)\n");
    expect(vi).toContain("  Chứng thư số của người ký: có hiệu lực từ 01/01/2024 07:00:00 (giờ Việt Nam) đến 01/01/2026 07:00:00 (giờ Việt Nam)\n");
    expect(vi).toContain("  Tổ chức cung cấp dịch vụ: Công ty Cổ phần Chữ ký số Thử nghiệm — công cộng\n");
    expect(vi).toContain("  Thời điểm ký: 01/03/2025 17:00:00 (giờ Việt Nam) — nguồn: người ký khai\n");
    expect(vi).toContain("tại thời điểm ký 01/03/2025 17:00:00 (giờ Việt Nam).");
    expect(vi).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    const en = runSync(["verify", SECURE, ...BASE, "--lang", "en"]).stdout;
    expect(en).toContain("  Signer's certificate: valid from 01/01/2024 07:00:00 (Vietnam time, UTC+07:00) to 01/01/2026 07:00:00 (Vietnam time, UTC+07:00)\n");
    expect(en).toContain("  Signing time: 01/03/2025 17:00:00 (Vietnam time, UTC+07:00) — source: claimed by the signer\n");
    const json = JSON.parse(runSync(["verify", SECURE, ...BASE, "--json"]).stdout);
    expect(json.signatures[0].signingTime.value).toBe("2025-03-01T10:00:00.000Z");
  });
});
