/**
 * Thin wrappers around the openssl command line, used to prove the fixtures with a tool decree130 did not write.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { DIR, type Case } from "./manifest-codes.js";

const OPENSSL = "/usr/bin/openssl";
const tmp = mkdtempSync(join(tmpdir(), "decree130-fixtures-"));

/** Removes the scratch folder (call from afterAll). */
export function cleanUp(): void {
  rmSync(tmp, { recursive: true, force: true });
}

/** Runs openssl in the fixture folder; `out` is stdout and stderr together. */
export function run(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(OPENSSL, args, { cwd: DIR, encoding: "utf8" });
  return { ok: r.status === 0, out: `${r.stdout}\n${r.stderr}` };
}

let seq = 0;
/** Writes a scratch file and returns its path. */
export function tmpFile(name: string, data: string | Uint8Array): string {
  const path = join(tmp, `${seq++}-${name}`);
  writeFileSync(path, data);
  return path;
}

/** The CMS as a DER file OpenSSL can read (the fixtures include PEM-armoured and bare-base64 forms). */
export function derOf(file: string): string {
  const bytes = readFileSync(join(DIR, file));
  const text = bytes.toString("latin1");
  if (text.startsWith("-----BEGIN")) {
    const r = spawnSync(OPENSSL, ["cms", "-cmsout", "-inform", "PEM", "-in", join(DIR, file), "-outform", "DER"], { encoding: "buffer" });
    return tmpFile("from-pem.p7s", r.stdout);
  }
  if (/^[A-Za-z0-9+/=\r\n]+$/.test(text)) return tmpFile("from-b64.p7s", Buffer.from(text, "base64"));
  return join(DIR, file);
}

/** Trust anchors of a trust list as one PEM bundle. */
export function anchors(trustList: string): string {
  const tl = JSON.parse(readFileSync(join(DIR, trustList), "utf8")) as { providers: { certificates: string[] }[] };
  return tmpFile("anchors.pem", tl.providers.flatMap((p) => p.certificates).join(""));
}

/** ISO-8601 to epoch seconds, as `-attime` wants. */
export function epoch(iso: string): string {
  return String(Math.floor(Date.parse(iso) / 1000));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** The signingTime attribute as OpenSSL prints it, or null. */
export function claimedTime(der: string): string | null {
  const { out } = run(["cms", "-cmsout", "-print", "-inform", "DER", "-in", der]);
  const at = out.indexOf("signingTime");
  if (at < 0) return null;
  const m = /UTCTIME:(\w{3}) +(\d+) (\d\d:\d\d:\d\d) (\d{4}) GMT/.exec(out.slice(at));
  if (!m) throw new Error(`unreadable signingTime in ${der}`);
  const month = String(MONTHS.indexOf(m[1]!) + 1).padStart(2, "0");
  return `${m[4]}-${month}-${m[2]!.padStart(2, "0")}T${m[3]}Z`;
}

/** The time a validator would judge at: caller POE, else the claimed time, else now (semantics.md, Times). */
export function judgedAt(c: Case, der: string): string {
  return c.signingTime ?? claimedTime(der) ?? c.now;
}

/** `openssl cms -verify` of a case; `chain` false skips certificate checks (signature-only). */
export function cmsVerify(c: Case, opts: { chain: boolean; at?: string; cades?: boolean; purposeAny?: boolean }): { ok: boolean; out: string } {
  const der = derOf(c.file);
  const args = ["cms", "-verify", "-binary", "-inform", "DER", "-in", der, "-out", join(tmp, "verified.out")];
  if (c.content) args.push("-content", join(DIR, c.content));
  const extra = c.certs.map((f) => readFileSync(join(DIR, f), "utf8")).join("");
  if (extra) args.push("-certfile", tmpFile("extra.pem", extra));
  // cms -verify has no -untrusted: extra intermediates go into the store, where OpenSSL still only ends a chain at a
  // self-signed certificate (no -partial_chain), so they add no trust.
  const store = extra ? tmpFile("store.pem", readFileSync(anchors(c.trustList), "utf8") + extra) : anchors(c.trustList);
  if (opts.chain) args.push("-CAfile", store, "-attime", epoch(opts.at ?? judgedAt(c, der)));
  else args.push("-noverify");
  if (opts.purposeAny) args.push("-purpose", "any");
  if (opts.cades) args.push("-cades");
  return run(args);
}

/** The signer certificates of a CMS (plus the case's extra certificates), as PEM. */
export function signerCert(c: Case): string {
  const out = join(tmp, `${seq++}-signer.pem`);
  const args = ["cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-in", derOf(c.file), "-signer", out, "-out", join(tmp, "x")];
  if (c.certs.length) args.push("-certfile", join(DIR, c.certs[0]!));
  expect(run(args).ok).toBe(true);
  return out;
}

/**
 * `openssl verify` of the signer at `now` with the case's CRLs (converted to PEM): `leaf` checks the signer's own status,
 * `all` every certificate up to the self-signed root (OpenSSL cannot stop at a listed intermediate such as the public CA).
 */
export function crlVerify(c: Case, scope: "leaf" | "all"): { ok: boolean; out: string } {
  const crls = c.crls.map((f) => {
    const pem = join(tmp, `${seq++}.crl.pem`);
    expect(run(["crl", "-inform", "DER", "-in", join(DIR, f), "-out", pem]).ok).toBe(true);
    return readFileSync(pem, "utf8");
  });
  const certs = run(["pkcs7", "-print_certs", "-inform", "DER", "-in", derOf(c.file)]).out;
  const chain = tmpFile("chain.pem", certs.split("\n").filter((l) => !/^(subject|issuer)=/.test(l)).join("\n"));
  return run(["verify", "-attime", epoch(c.now), scope === "all" ? "-crl_check_all" : "-crl_check", "-CRLfile", tmpFile("crls.pem", crls.join("")), "-CAfile", anchors(c.trustList), "-untrusted", chain, signerCert(c)]);
}
