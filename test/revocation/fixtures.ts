// Builds a small PKI with OpenSSL in a temporary directory: CAs, end-entity certificates, CRLs from hand-written
// `openssl ca` index files (so revocation dates and reasons are chosen exactly), and OCSP responses from `openssl ocsp`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKeyCache } from "../../src/cache/key-cache.js";
import type { Env } from "../../src/crypto/types.js";
import { decodeCertificate, type Certificate } from "../../src/model/certificate.js";
import { decodeCrl, type Crl as DecodedCrl } from "../../src/model/crl.js";
import { decodeOcspResponse, type OcspResponse as DecodedOcspResponse } from "../../src/model/ocsp-response.js";

const OPENSSL = "/usr/bin/openssl";

/** A certificate on disk with its key, decoded. */
export interface Issued {
  readonly crt: string;
  readonly key: string;
  readonly cert: Certificate;
  readonly subject: string;
}

/** One line of an `openssl ca` index: `V` (valid) or `R` with an index revocation field such as `240105000000Z,keyCompromise`. */
export interface IndexLine {
  readonly serial: string;
  readonly subject: string;
  readonly revoked?: string;
}

export function openssl(args: string[], cwd: string): void {
  execFileSync(OPENSSL, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

export function testEnv(): Env {
  return { crypto: globalThis.crypto, keys: createKeyCache() };
}

/** A workspace that knows how to issue certificates, CRLs and OCSP responses. */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), "decree130-rev-"));
  private n = 0;

  private file(stem: string): string {
    return join(this.dir, `${stem}-${++this.n}`);
  }

  private load(crt: string, key: string, subject: string): Issued {
    return { crt, key, subject, cert: decodeCertificate(pemToDer(readFileSync(crt, "utf8"))) };
  }

  /** A self-signed CA (RSA 2048) with the given keyUsage. */
  ca(subject: string, keyUsage = "critical,keyCertSign,cRLSign"): Issued {
    const crt = this.file("ca.crt");
    const key = this.file("ca.key");
    openssl(
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-subj", subject, "-days", "3650",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", `keyUsage=${keyUsage}`],
      this.dir,
    );
    return this.load(crt, key, subject);
  }

  /** A certificate (EC P-256 key) issued by `issuer` with the given serial (hex) and extension lines. */
  issue(issuer: Issued, subject: string, serialHex: string, ext: string[] = ["basicConstraints=CA:FALSE", "keyUsage=digitalSignature"]): Issued {
    const key = this.file("ee.key");
    const csr = this.file("ee.csr");
    const crt = this.file("ee.crt");
    const extFile = this.file("ee.ext");
    writeFileSync(extFile, `${ext.join("\n")}\n`);
    openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", csr, "-subj", subject], this.dir);
    openssl(
      ["x509", "-req", "-in", csr, "-CA", issuer.crt, "-CAkey", issuer.key, "-set_serial", `0x${serialHex}`, "-days", "3650",
        "-extfile", extFile, "-out", crt],
      this.dir,
    );
    return this.load(crt, key, subject);
  }

  private index(lines: readonly IndexLine[]): string {
    const path = this.file("index.txt");
    const body = lines.map((l) => `${l.revoked ? "R" : "V"}\t301231000000Z\t${l.revoked ?? ""}\t${l.serial}\tunknown\t${l.subject}\n`);
    writeFileSync(path, body.join(""));
    return path;
  }

  /** A CRL signed by `ca` listing the revoked lines, with thisUpdate/nextUpdate as `YYYYMMDDHHMMSSZ`. */
  crl(ca: Issued, lines: readonly IndexLine[], lastUpdate: string, nextUpdate: string, opts: { md?: string; crlExt?: string[]; noNumber?: boolean } = {}): DecodedCrl {
    const cnf = this.file("ca.cnf");
    const crlNumber = this.file("crlnumber");
    writeFileSync(crlNumber, "1000\n");
    const out = this.file("crl.der");
    const ext = opts.crlExt ?? [];
    writeFileSync(
      cnf,
      [
        "[ ca ]", "default_ca = CA_default", "[ CA_default ]", `database = ${this.index(lines)}`, `default_md = ${opts.md ?? "sha256"}`,
        ...(opts.noNumber ? [] : [`crlnumber = ${crlNumber}`]),
        ...(ext.length ? ["crl_extensions = crl_ext", "[ crl_ext ]", ...ext] : []), "",
      ].join("\n"),
    );
    const pem = `${out}.pem`;
    openssl(["ca", "-config", cnf, "-cert", ca.crt, "-keyfile", ca.key, "-gencrl", "-crl_lastupdate", lastUpdate, "-crl_nextupdate", nextUpdate, "-out", pem], this.dir);
    openssl(["crl", "-in", pem, "-outform", "DER", "-out", out], this.dir);
    return decodeCrl(new Uint8Array(readFileSync(out)));
  }

  /** The raw DER of an OCSP response about `cert` from `openssl ocsp` acting as responder over the index lines. */
  ocspDer(ca: Issued, signer: Issued, cert: Issued, lines: readonly IndexLine[], opts: { keyId?: boolean } = {}): Uint8Array {
    const req = this.file("req.der");
    const resp = this.file("resp.der");
    openssl(["ocsp", "-issuer", ca.crt, "-cert", cert.crt, "-no_nonce", "-reqout", req], this.dir);
    openssl(
      ["ocsp", "-index", this.index(lines), "-CA", ca.crt, "-rsigner", signer.crt, "-rkey", signer.key, "-reqin", req,
        "-respout", resp, "-ndays", "7", ...(opts.keyId ? ["-resp_key_id"] : [])],
      this.dir,
    );
    return new Uint8Array(readFileSync(resp));
  }

  /** The decoded OCSP response, see {@link ocspDer}. */
  ocsp(ca: Issued, signer: Issued, cert: Issued, lines: readonly IndexLine[], opts: { keyId?: boolean } = {}): DecodedOcspResponse {
    return decodeOcspResponse(this.ocspDer(ca, signer, cert, lines, opts));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The bytes of the first PEM block. */
export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----BEGIN [^-]+-----|-----END [^-]+-----|\s+/g, "");
  return new Uint8Array(Buffer.from(body, "base64"));
}

/** Milliseconds for an ISO date. */
export const at = (iso: string): number => Date.parse(iso);
