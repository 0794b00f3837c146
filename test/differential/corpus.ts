// Every certificate, CRL, OCSP response and CMS the repository holds, each labelled by where it came from.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CORPORA } from "../corpora.js";

/** The four kinds of object our decoders read. */
export type Kind = "certificate" | "crl" | "ocsp" | "cms";

/** One object to decode twice. */
export interface Sample {
  /** Where it came from: a path under test/, or `limbo:<testcase>:<role>`, or `kit:<what>`. */
  readonly label: string;
  readonly kind: Kind;
  readonly der: Uint8Array;
}

const TEST = fileURLToPath(new URL("..", import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** DER from a DER file or the PEM blocks of a text file. */
function ders(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder("latin1").decode(bytes);
  const blocks = [...text.matchAll(/-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/g)];
  if (blocks.length === 0) return [bytes];
  return blocks.map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64")));
}

const BY_EXTENSION: Record<string, Kind> = {
  cer: "certificate",
  crt: "certificate",
  pem: "certificate",
  crl: "crl",
  p7b: "cms",
  p7s: "cms",
  p7m: "cms",
  tst: "cms",
};

/** Files of a folder by extension; `kindOf` may override the extension's kind (or skip a file with `null`). */
function files(dir: string, kindOf: (path: string) => Kind | null = (p) => BY_EXTENSION[p.split(".").pop()!.toLowerCase()] ?? null): Sample[] {
  return walk(dir).flatMap((path) => {
    const kind = kindOf(path);
    if (!kind) return [];
    const label = relative(TEST, path);
    return ders(new Uint8Array(readFileSync(path))).map((der, i, all) => ({ label: all.length > 1 ? `${label}#${i}` : label, kind, der }));
  });
}

interface LimboCase {
  readonly id: string;
  readonly trusted_certs: readonly string[];
  readonly untrusted_intermediates: readonly string[];
  readonly peer_certificate: string;
  readonly crls?: readonly string[];
}

function limbo(): Sample[] {
  const { testcases } = JSON.parse(readFileSync(join(CORPORA, "suites/x509-limbo/limbo.json"), "utf8")) as { testcases: LimboCase[] };
  return testcases.flatMap((t) => {
    const pems: [string, Kind, string][] = [
      ...t.trusted_certs.map((p, i): [string, Kind, string] => [`trusted${i}`, "certificate", p]),
      ...t.untrusted_intermediates.map((p, i): [string, Kind, string] => [`intermediate${i}`, "certificate", p]),
      ["peer", "certificate", t.peer_certificate],
      ...(t.crls ?? []).map((p, i): [string, Kind, string] => [`crl${i}`, "crl", p]),
    ];
    return pems.map(([role, kind, pem]) => ({ label: `limbo:${t.id}:${role}`, kind, der: ders(new TextEncoder().encode(pem))[0]! }));
  });
}

/** The corpora and fixtures in the repository (the kit's own output is made by the test). */
export function repositorySamples(): Sample[] {
  const fixtures = join(TEST, "fixtures");
  return [
    ...files(join(CORPORA, "vn-pki")),
    ...files(join(CORPORA, "suites/pkits")),
    ...limbo(),
    ...files(join(CORPORA, "suites/dss-cades")),
    ...files(join(fixtures, "openssl"), (p) => {
      if (/\/(input|\.work)\//.test(p)) return p.endsWith("input/certificate.der") ? "certificate" : null;
      if (/\/ocsp\/.*\.der$/.test(p)) return "ocsp";
      if (/\/sig\/.*\.pem$/.test(p)) return "cms";
      return BY_EXTENSION[p.split(".").pop()!] ?? null;
    }),
    ...files(join(fixtures, "tsa")),
  ];
}
