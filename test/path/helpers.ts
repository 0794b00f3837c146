import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKeyCache } from "../../src/cache/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import { decodeCertificate, sameKey, type Certificate } from "../../src/model/certificate.js";
import { sameName } from "../../src/model/name.js";
import type { Provider, TrustAnchor, TrustList, TrustService } from "../../src/model/trust-list.js";
import type { CheckedPathRequest as PathRequest } from "../../src/revocation/path-status.js";

/** A small trust list over certificates, one provider per certificate unless grouped. */
export function trustListOf(certs: readonly Certificate[], services: readonly TrustService[] = ["signing"]): TrustList {
  const providers: Provider[] = certs.map((c, i) => ({
    name: `provider ${i}`,
    category: "public",
    certificates: [c],
    keyProtection: null,
    services,
  }));
  const anchors: TrustAnchor[] = providers.flatMap((p) => p.certificates.map((certificate) => ({ certificate, provider: p })));
  return {
    name: "test list",
    providers,
    anchors,
    anchorsFor: (cert) => anchors.filter((a) => sameName(a.certificate.subject, cert.subject) && sameKey(a.certificate, cert)),
    issuersOf: (cert) => anchors.filter((a) => sameName(a.certificate.subject, cert.issuer)),
  };
}

/** WebCrypto wrapped to count `subtle.verify` calls. */
export function countingEnv(): Env & { verifies: () => number } {
  let n = 0;
  const subtle = globalThis.crypto.subtle;
  const counted = new Proxy(subtle, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (prop === "verify") {
        return (...args: Parameters<SubtleCrypto["verify"]>) => {
          n++;
          return subtle.verify(...args);
        };
      }
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const crypto = { subtle: counted, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
  return { crypto, keys: createKeyCache(), verifies: () => n };
}

/** A default request around a leaf. */
export function request(leaf: Certificate, candidates: readonly Certificate[], trustList: TrustList, extra: Partial<PathRequest> = {}): PathRequest {
  return {
    leaf,
    candidates,
    trustList,
    service: "signing",
    time: Date.UTC(2025, 0, 1),
    now: Date.UTC(2025, 0, 1),
    revocation: null,
    env: { crypto: globalThis.crypto, keys: createKeyCache() },
    algorithms: "default",
    ...extra,
  };
}

/** Reads a certificate file, DER or PEM. */
export function readCert(path: string): Certificate {
  const bytes = readFileSync(path);
  const text = bytes.toString("latin1");
  if (text.includes("-----BEGIN CERTIFICATE-----")) {
    const b64 = text.split("-----BEGIN CERTIFICATE-----")[1]!.split("-----END CERTIFICATE-----")[0]!.replace(/\s+/g, "");
    return decodeCertificate(new Uint8Array(Buffer.from(b64, "base64")));
  }
  return decodeCertificate(new Uint8Array(bytes));
}

/** What a certificate made by {@link Pki} looks like. */
export interface CertSpec {
  /** OpenSSL `-subj` form, e.g. `/O=Org/CN=CA`. */
  readonly subject: string;
  /** Name of the key (made on first use). */
  readonly key: string;
  /** The issuing certificate's name in this PKI; absent: self-signed. */
  readonly issuer?: string;
  /** Extension lines for the `[ext]` section (subjectKeyIdentifier and authorityKeyIdentifier are added unless `keyIds: false`). */
  readonly ext?: readonly string[];
  /** Extra config sections (e.g. a `[dir]` section for a dirName constraint). */
  readonly sections?: string;
  readonly keyIds?: boolean;
  /** Make a version 1 certificate (no extensions at all). */
  readonly v1?: boolean;
}

export const CA_EXT = ["basicConstraints=critical,CA:true", "keyUsage=critical,keyCertSign,cRLSign"];
export const EE_EXT = ["basicConstraints=critical,CA:false", "keyUsage=critical,digitalSignature,nonRepudiation"];

/** A throw-away PKI made with the OpenSSL command line, P-256 keys. */
export class Pki {
  readonly dir = mkdtempSync(join(tmpdir(), "decree130-path-"));
  private readonly certs = new Map<string, Certificate>();
  private serial = 1;

  private keyFile(name: string): string {
    const file = join(this.dir, `${name}.key`);
    try {
      readFileSync(file);
    } catch {
      execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file]);
    }
    return file;
  }

  /** Makes (once) and returns the certificate `name`. */
  cert(name: string, spec: CertSpec): Certificate {
    const key = this.keyFile(spec.key);
    const csr = join(this.dir, `${name}.csr`);
    const out = join(this.dir, `${name}.pem`);
    const cfg = join(this.dir, `${name}.cnf`);
    // OpenSSL 3 adds key identifiers by default; "none" really leaves them out.
    const ids = spec.keyIds === false ? ["subjectKeyIdentifier=none", "authorityKeyIdentifier=none"] : ["subjectKeyIdentifier=hash", spec.issuer ? "authorityKeyIdentifier=keyid:always" : ""];
    writeFileSync(cfg, `[ext]\n${[...ids, ...(spec.ext ?? [])].filter(Boolean).join("\n")}\n${spec.sections ?? ""}\n`);
    execFileSync("openssl", ["req", "-new", "-key", key, "-subj", spec.subject, "-out", csr]);
    const signer = spec.issuer
      ? ["-CA", join(this.dir, `${spec.issuer}.pem`), "-CAkey", this.keyFile(this.issuerKey(spec.issuer))]
      : ["-signkey", key];
    execFileSync("openssl", [
      "x509", "-req", "-in", csr, ...signer, "-set_serial", String(this.serial++), "-days", "3650",
      "-sha256", ...(spec.v1 ? [] : ["-extfile", cfg, "-extensions", "ext"]), "-out", out,
    ], { stdio: "pipe" });
    const cert = readCert(out);
    this.certs.set(name, cert);
    this.keys.set(name, spec.key);
    return cert;
  }

  private readonly keys = new Map<string, string>();
  private issuerKey(issuer: string): string {
    const k = this.keys.get(issuer);
    if (!k) throw new Error(`unknown issuer ${issuer}`);
    return k;
  }

  /** Removes the temp dir. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
