#!/usr/bin/env node
// Builds src/trust/vn/data.json (the built-in Vietnamese trust list, decree130/trust-list@1) and
// src/trust/vn/sources.json (where each certificate came from) from a vn-pki data folder.
//
//   node scripts/build-vn-trust-list.mjs [path/to/vn-pki] [out-dir]
//   (defaults: test/corpora/vn-pki from the repo root, and src/trust/vn)
//
// Reads roots/, subca/, gov/ (certificates, DER or PEM) and p7b-official/ (PKCS#7 bundles, DER or PEM-armoured BER,
// unpacked with `openssl pkcs7 -print_certs`). Never reads lookalike/ or ee/; drops end-entity certificates (neither
// cA nor keyCertSign). Every CA certificate must match one rule of RULES below, or the build stops: a new CA is
// classified by a person, never guessed. The output is deterministic: the list is dated by the newest notBefore among
// its certificates, not by the clock.
import { Buffer } from "node:buffer";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = resolve(process.argv[2] ?? join(repo, "test", "corpora", "vn-pki"));
const outDir = resolve(process.argv[3] ?? join(repo, "src", "trust", "vn"));
const FOLDERS = ["roots", "subca", "gov", "p7b-official"];

const NEAC = "NEAC (Trung tâm Chứng thực điện tử quốc gia)";
const VGCA = "Ban Cơ yếu Chính phủ (VGCA)";
const BOTH = ["signing", "timestamping"];
const TSA = ["timestamping"];

// One rule per CA, matched on the subject CN (exact, anchored). keyProtection: "RS" / remote-signing CAs →
// remote-signing-hsm, USB-token CAs → usb-token, SIM/mobile PKI CAs → mobile-pki. A CA issued under one of the
// 2025 service roots (RS, USBTOKEN, MOBILEPKI) inherits that root's key model unless its rule says otherwise.
const RULES = [
  // national root (NEAC): the roots certify providers and their TSAs, hence both services on the general roots
  [/^MIC National Root CA$/, NEAC, "national-root", { services: BOTH }],
  [/^Vietnam National Root CA$/, NEAC, "national-root", { services: BOTH }],
  [/^Vietnam National Root CA G3$/, NEAC, "national-root", { services: BOTH }],
  [/^VIETNAM NATIONAL ROOT CA - RS$/, NEAC, "national-root", { keyProtection: "remote-signing-hsm" }],
  [/^VIETNAM NATIONAL ROOT CA - USBTOKEN$/, NEAC, "national-root", { keyProtection: "usb-token" }],
  [/^VIETNAM NATIONAL ROOT CA - MOBILEPKI$/, NEAC, "national-root", { keyProtection: "mobile-pki" }],
  [/^VIETNAM NATIONAL ROOT CA - TSA$/, NEAC, "national-root", { services: TSA }],
  [/^VIETNAM NATIONAL ROOT CA - EMA$/, NEAC, "national-root", {}],
  [/^VIETNAM NATIONAL CA - (ERD|LTA)$/, NEAC, "national-root", {}],
  // government-specialized provider (Ban Cơ yếu Chính phủ)
  [/^Co quan chung thuc so chuyen dung Chinh phu \(RootCA\)$/, VGCA, "government", { services: BOTH }],
  [/^RootCA chuyên dùng Chính phủ G2$/, VGCA, "government", { services: BOTH }],
  [/^CA phục vụ các cơ quan Nhà nước G2$/, VGCA, "government", {}],
  // licensed public providers
  [/^VNPT Certification Authority$|^VNPT-CA Operator$|^VNPT-CA SHA2$/, "VNPT-CA", "public", {}],
  [/^VNPT Certification Timestamping Authority$/, "VNPT-CA", "public", { services: TSA }],
  [/^VNPT SmartCA RS( 2026)?$/, "VNPT SmartCA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^Viettel-CA( SHA2)?$/, "Viettel-CA", "public", {}],
  [/^Viettel-CA RS( 2026)?$/, "Viettel-CA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^Viettel-CA Timestamping$/, "Viettel-CA", "public", { services: TSA }],
  [/^FPT Certification Authority( SHA256)?$/, "FPT-CA", "public", {}],
  [/^FPT Certification Authority RS$/, "FPT-CA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^FPT Certification Authority Timestamping$/, "FPT-CA", "public", { services: TSA }],
  [/^BkavCA SHA256$/, "BkavCA", "public", {}],
  [/^BkavCA RS$/, "BkavCA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^CA2$/, "CA2 (NACENCOMM)", "public", {}],
  [/^CA2 RS$/, "CA2 (NACENCOMM)", "public", { keyProtection: "remote-signing-hsm" }],
  [/^Time Stamp CA2$/, "CA2 (NACENCOMM)", "public", { services: TSA }],
  [/^SAFE-CA SHA-256 2024$/, "SAFE-CA", "public", {}],
  [/^EFY-CA SHA256 R1$/, "EFY-CA", "public", {}],
  [/^MISA-CA SHA256$/, "MISA-CA", "public", {}],
  [/^MISA-CA RS$/, "MISA-CA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^SmartSign$/, "SmartSign (VI NA)", "public", {}],
  [/^CMC-CA$/, "CMC-CA", "public", {}],
  [/^CMC-CA RS$/, "CMC-CA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^EASYCA$/, "EasyCA", "public", { keyProtection: "usb-token" }],
  [/^EASYCA REMOTE SIGNING$/, "EasyCA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^FastCA SHA-256 R1$/, "FastCA", "public", {}],
  [/^HILO-CA SHA-256$/, "HILO-CA", "public", {}],
  [/^I-CA$/, "I-CA", "public", {}],
  [/^IntrustCA Remote Signing$/, "Intrust", "public", { keyProtection: "remote-signing-hsm" }],
  [/^Intrust Time-Stamping Authority$/, "Intrust", "public", { services: TSA }],
  [/^MATBAO-CA$/, "MATBAO-CA", "public", {}],
  [/^MK CA - SmartCA$/, "MK-CA", "public", {}],
  [/^MK CA - OneCA$/, "MK-CA", "public", {}],
  [/^MOBIFONE CA SIMPKI$/, "MobiFone-CA", "public", { keyProtection: "mobile-pki" }],
  [/^NC-CA SHA256$/, "NC-CA", "public", {}],
  [/^NEWTEL-CA SHA-256 v2$/, "NEWTEL-CA", "public", {}],
  [/^ONE-CA SHA-256( V2)?$/, "ONE-CA", "public", {}],
  [/^TrustCA-G2 SHA256$/, "TrustCA (SAVIS)", "public", {}],
  [/^SAVIS TrustCA RS$/, "TrustCA (SAVIS)", "public", { keyProtection: "remote-signing-hsm" }],
  [/^TrustCA Qualified Timestamping CA$/, "TrustCA (SAVIS)", "public", { services: TSA }],
  [/^VNPAY-CA RS$/, "VNPAY-CA", "public", { keyProtection: "remote-signing-hsm" }],
  [/^VNPAY-CA TOKEN$/, "VNPAY-CA", "public", { keyProtection: "usb-token" }],
  [/^VNPAY-CA TSA$/, "VNPAY-CA", "public", { services: TSA }],
  [/^WINCA$/, "WINCA", "public", {}],
  [/^E-CA$/, "E-CA (THAISONSOFT)", "public", {}],
];

// The 2025 service roots whose key-storage model carries over to the CAs they certify.
const ROOT_KEY_MODEL = [
  [/CN=VIETNAM NATIONAL ROOT CA - RS(,|$)/, "remote-signing-hsm"],
  [/CN=VIETNAM NATIONAL ROOT CA - USBTOKEN(,|$)/, "usb-token"],
  [/CN=VIETNAM NATIONAL ROOT CA - MOBILEPKI(,|$)/, "mobile-pki"],
];
const CATEGORY_ORDER = ["national-root", "government", "public", "specialized"];

function openssl(args, input) {
  return execFileSync("openssl", args, { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
}

function pemBlocks(text, label) {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, "g");
  return [...text.matchAll(re)].map((m) => Buffer.from(m[1].replace(/\s+/g, ""), "base64"));
}

/** Every certificate (DER) in one source file. */
function certificatesIn(file) {
  const bytes = readFileSync(file);
  const text = bytes.toString("latin1");
  if (text.includes("-----BEGIN CERTIFICATE-----")) return pemBlocks(text, "CERTIFICATE");
  const isBundle = text.includes("-----BEGIN PKCS7-----") || file.endsWith(".p7b") || file.endsWith(".p7c");
  if (!isBundle) return [bytes];
  const inform = text.includes("-----BEGIN PKCS7-----") ? "PEM" : "DER";
  return pemBlocks(openssl(["pkcs7", "-inform", inform, "-print_certs"], bytes), "CERTIFICATE");
}

/** Subject, CN, issuer, dates and CA-ness of one DER certificate, read through openssl. */
function describe(der) {
  const nameopt = ["-nameopt", "utf8,sep_comma_plus,-esc_msb"];
  const out = openssl(["x509", "-inform", "DER", "-noout", "-subject", "-issuer", "-startdate", "-enddate", ...nameopt,
    "-ext", "basicConstraints,keyUsage", "-dateopt", "iso_8601"], der);
  const field = (k) => out.match(new RegExp(`^${k}=(.*)$`, "m"))?.[1] ?? "";
  const cn = openssl(["x509", "-inform", "DER", "-noout", "-subject", "-nameopt", "multiline,utf8,-esc_msb"], der)
    .match(/^\s+commonName\s+= (.*)$/m)?.[1] ?? "";
  const isoDate = (s) => new Date(s.replace(" ", "T")).toISOString().replace(".000Z", "Z");
  return {
    subject: field("subject"),
    issuer: field("issuer"),
    cn,
    notBefore: isoDate(field("notBefore")),
    notAfter: isoDate(field("notAfter")),
    isCa: /CA:TRUE/.test(out) || /Certificate Sign/.test(out),
  };
}

function toPem(der) {
  const b64 = der.toString("base64").match(/.{1,64}/g).join("\n");
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----`;
}

const found = new Map(); // sha256 -> { der, info, sources[] }
const skipped = [];
for (const folder of FOLDERS) {
  const dir = join(dataDir, folder);
  for (const entry of readdirSync(dir).sort()) {
    const file = join(dir, entry);
    const source = `vn-pki/${relative(dataDir, file)}`;
    for (const der of certificatesIn(file)) {
      const sha256 = createHash("sha256").update(der).digest("hex");
      const known = found.get(sha256);
      if (known) {
        known.sources.push(source);
        continue;
      }
      const info = describe(der);
      if (!info.isCa) {
        skipped.push(`${source}: end-entity ${info.subject}`);
        continue;
      }
      found.set(sha256, { der, info, sources: [source] });
    }
  }
}

const groups = new Map();
const provenance = [];
const unmatched = [];
for (const [sha256, { der, info, sources }] of found) {
  const rule = RULES.find(([re]) => re.test(info.cn));
  if (!rule) {
    unmatched.push(`${sources[0]}: CN=${info.cn} (${info.subject})`);
    continue;
  }
  const [, provider, category, opts] = rule;
  const inherited = ROOT_KEY_MODEL.find(([re]) => re.test(info.issuer) && info.issuer !== info.subject)?.[1];
  const keyProtection = opts.keyProtection ?? inherited ?? null;
  const services = opts.services ?? ["signing"];
  const key = JSON.stringify([provider, category, keyProtection, services]);
  if (!groups.has(key)) groups.set(key, { provider, category, keyProtection, services, certs: [] });
  groups.get(key).certs.push({ der, info });
  provenance.push({
    sha256,
    provider,
    category,
    source: sources[0],
    ...(sources.length > 1 ? { alsoIn: sources.slice(1) } : {}),
    subject: info.subject,
    issuer: info.issuer,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
  });
}
if (unmatched.length > 0) {
  console.error(`No rule for ${unmatched.length} CA certificate(s); add them to RULES:\n  ${unmatched.join("\n  ")}`);
  process.exit(1);
}

const providers = [...groups.values()]
  .sort((a, b) =>
    CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
    a.provider.localeCompare(b.provider, "en") ||
    String(a.keyProtection).localeCompare(String(b.keyProtection)) ||
    a.services.join().localeCompare(b.services.join()))
  .map((g) => ({
    name: g.provider,
    category: g.category,
    ...(g.keyProtection ? { keyProtection: g.keyProtection } : {}),
    services: g.services,
    certificates: g.certs
      .sort((x, y) => x.info.notBefore.localeCompare(y.info.notBefore) || x.info.subject.localeCompare(y.info.subject))
      .map((c) => toPem(c.der)),
  }));
provenance.sort((a, b) => a.provider.localeCompare(b.provider, "en") || a.notBefore.localeCompare(b.notBefore) || a.sha256.localeCompare(b.sha256));

const newest = provenance.map((p) => p.notBefore).sort().at(-1).slice(0, 10);
const list = {
  schema: "decree130/trust-list@1",
  name: `Vietnam (NEAC + Ban Cơ yếu Chính phủ), built ${newest}`,
  providers,
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "data.json"), `${JSON.stringify(list, null, 2)}\n`);
writeFileSync(join(outDir, "sources.json"), `${JSON.stringify(provenance, null, 2)}\n`);
console.log(`${provenance.length} CA certificates in ${providers.length} provider entries -> ${join(outDir, "data.json")}`);
for (const s of skipped) console.log(`skipped ${s}`);
