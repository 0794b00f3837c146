// A test PKI published by the loopback test server (decree130/testing/server): a public CA whose signer names the
// server's URLs in its CRL distribution point and AIA, with a CRL, the CA certificate (DER and a PKCS#7 bundle made by
// `openssl crl2pkcs7`) and an OCSP responder. Every date is fixed below.
import { execFileSync } from "node:child_process";
import { createCrl, createTestPki, issueCertificate, revoke, type TestIdentity, type TestPki } from "decree130/testing";
import { servePki, type PkiServer } from "decree130/testing/server";
import { OPENSSL, Scratch } from "../testing/openssl.js";

export const NOT_BEFORE = "2025-01-01T00:00:00Z";
export const NOT_AFTER = "2027-01-01T00:00:00Z";
export const THIS_UPDATE = "2025-06-01T00:00:00Z";
export const NEXT_UPDATE = "2025-06-08T00:00:00Z";
export const NOW = Date.parse("2025-06-02T00:00:00Z");

export const PATHS = { crl: "/public.crl", caDer: "/public-ca.crt", caP7c: "/public-ca.p7c" } as const;

export interface OnlinePki {
  readonly server: PkiServer;
  readonly pki: TestPki;
  /** Names the server's CRL, OCSP and caIssuers URLs. */
  readonly signer: TestIdentity;
  /** Another certificate of the same CA, revoked at 2025-05-01. */
  readonly revoked: TestIdentity;
  readonly crl: Uint8Array;
  readonly p7c: Uint8Array;
}

/** A certs-only PKCS#7 bundle of some certificates, made by OpenSSL. */
export function pkcs7Bundle(...certificates: readonly TestIdentity[]): Uint8Array {
  const tmp = new Scratch();
  try {
    const pem = tmp.file("certs.pem", certificates.map((c) => c.pem).join(""));
    return new Uint8Array(execFileSync(OPENSSL, ["crl2pkcs7", "-nocrl", "-certfile", pem, "-outform", "DER"]));
  } finally {
    tmp.remove();
  }
}

/** Starts a server publishing a fresh test PKI's revocation data. */
export async function onlinePki(): Promise<OnlinePki> {
  const server = await servePki();
  const pki = await createTestPki();
  const urls = { crlUrl: server.urlOf(PATHS.crl), ocspUrl: server.ocspUrl, caIssuersUrl: server.urlOf(PATHS.caDer) };
  const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, ...urls });
  const revoked = await issueCertificate(pki.publicCa, { subject: { commonName: "Trần Thị B", CCCD: "079190000001" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, ...urls });
  revoke(pki.publicCa, revoked, { at: "2025-05-01T00:00:00Z", reason: "keyCompromise" });
  const crl = await createCrl(pki.publicCa, { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE });
  const p7c = pkcs7Bundle(pki.publicCa, pki.nationalRoot);
  server.update({
    crls: { [PATHS.crl]: crl },
    certificates: { [PATHS.caDer]: pki.publicCa.certificate, [PATHS.caP7c]: p7c },
    ocsp: { issuer: pki.publicCa, certificates: [signer, revoked], response: { thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE } },
  });
  return { server, pki, signer, revoked, crl, p7c };
}

/** A signal nobody aborts. */
export const NEVER = new AbortController().signal;
