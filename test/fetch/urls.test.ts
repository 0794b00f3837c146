// The URLs a certificate names for its CRLs, OCSP responder and issuer certificates: checked against OpenSSL's reading
// of the real Vietnamese certificates in test/corpora/vn-pki, and on crafted extensions.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCertificate, type Certificate } from "decree130";
import { createTestPki, issueCertificate, type RawExtension } from "decree130/testing";
import { certificateUrls } from "decree130/fetch";
import { OID } from "../../src/asn1/oids.js";
import { readCertificates } from "../../src/formats/certificates.js";
import { encodeTlv } from "../../src/asn1/encode.js";
import { concat } from "../../src/lib/bytes.js";
import { oidDer, seq, setOf, utf8String } from "../testing/asn1.js";
import { CORPORA } from "../corpora.js";
import { OPENSSL, Scratch } from "../testing/openssl.js";

const VN = join(CORPORA, "vn-pki");
/** `[n] EXPLICIT` around the parts, an IA5String, and the same element under another tag (implicit tagging). */
const explicit = (n: number, ...parts: Uint8Array[]): Uint8Array => encodeTlv(0xa0 | n, concat(parts));
const ia5String = (text: string): Uint8Array => encodeTlv(0x16, new TextEncoder().encode(text));
const retag = (der: Uint8Array, tag: number): Uint8Array => Uint8Array.of(tag, ...der.subarray(1));
const uri = (u: string): Uint8Array => retag(ia5String(u), 0x86);
/** One DistributionPoint with a fullName. */
const fullName = (...names: Uint8Array[]): Uint8Array => seq(explicit(0, explicit(0, ...names)));

/** Every certificate file of the Vietnamese corpus (DER or PEM). */
function corpusCertificates(): { file: string; cert: Certificate }[] {
  const out: { file: string; cert: Certificate }[] = [];
  for (const dir of ["roots", "subca", "gov", "ee", "lookalike"]) {
    for (const name of readdirSync(join(VN, dir)).filter((n) => /\.(cer|crt|pem)$/.test(n))) {
      const file = join(VN, dir, name);
      for (const cert of readCertificates(new Uint8Array(readFileSync(file)))) out.push({ file, cert });
    }
  }
  return out;
}

describe("certificateUrls on real Vietnamese certificates", () => {
  const certs = corpusCertificates();

  it("finds the corpus (sanity: dozens of certificates, most naming URLs)", () => {
    expect(certs.length).toBeGreaterThan(60);
    expect(certs.filter(({ cert }) => certificateUrls(cert).crl.length > 0).length).toBeGreaterThan(40);
  });

  it("returns the URLs OpenSSL reads, by kind", () => {
    const read = readWithOpenssl(certs.map((c) => c.cert));
    expect(read).toHaveLength(certs.length);
    certs.forEach(({ file, cert }, i) => {
      const expected = read[i]!;
      const got = certificateUrls(cert);
      expect({ crl: got.crl, deltaCrl: got.deltaCrl, ocsp: got.ocsp, caIssuers: got.caIssuers }, file).toEqual(expected);
      expect(got.unreadable, file).toEqual([]);
    });
  });
});

type UrlLists = Record<"crl" | "deltaCrl" | "ocsp" | "caIssuers", string[]>;

/**
 * What OpenSSL reads in each certificate's CRL distribution points, freshest CRL and AIA: http(s) URLs by kind,
 * normalised. One run for all: the certificates go in a PKCS#7 bundle (`crl2pkcs7`), printed in order (`pkcs7 -print_certs -text`).
 */
function readWithOpenssl(certs: readonly Certificate[]): UrlLists[] {
  const pem = certs.map((c) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(c.der).toString("base64")}\n-----END CERTIFICATE-----\n`).join("");
  const tmp = new Scratch();
  try {
    const bundle = spawnSync(OPENSSL, ["crl2pkcs7", "-nocrl", "-certfile", tmp.file("all.pem", pem)], { encoding: "utf8" });
    const text = spawnSync(OPENSSL, ["pkcs7", "-print_certs", "-text", "-noout"], { input: bundle.stdout, encoding: "utf8", maxBuffer: 64 << 20 });
    return text.stdout.split(/^Certificate:$/m).slice(1).map(urlLists);
  } finally {
    tmp.remove();
  }
}

function urlLists(text: string): UrlLists {
  const out: UrlLists = { crl: [], deltaCrl: [], ocsp: [], caIssuers: [] };
  let section: "crl" | "deltaCrl" | "aia" | undefined;
  for (const line of text.split("\n")) {
    if (/^\s*X509v3 [A-Za-z ]+:|^\s*Authority Information Access:|^\s*Signature Algorithm/.test(line)) section = undefined;
    if (/X509v3 CRL Distribution Points:/.test(line)) section = "crl";
    else if (/X509v3 Freshest CRL:/.test(line)) section = "deltaCrl";
    else if (/Authority Information Access:/.test(line)) section = "aia";
    const m = /URI:(\S+)/.exec(line);
    if (!m || !/^https?:/i.test(m[1]!)) continue;
    const aia = /OCSP - URI/.test(line) ? out.ocsp : /CA Issuers - URI/.test(line) ? out.caIssuers : undefined;
    const list = section === "aia" ? aia : section ? out[section] : undefined;
    const href = new URL(m[1]!).href;
    if (list && !list.includes(href)) list.push(href);
  }
  return out;
}

describe("certificateUrls on crafted certificates", () => {
  async function withExtensions(extensions: RawExtension[], urls: { crlUrl?: string; ocspUrl?: string; caIssuersUrl?: string } = {}): Promise<Certificate> {
    const pki = await createTestPki();
    const id = await issueCertificate(pki.publicCa, {
      subject: { commonName: "URL test" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2027-01-01T00:00:00Z",
      extensions,
      ...urls,
    });
    return decodeCertificate(id.certificate);
  }

  it("reads the kit's CRL distribution point and AIA", async () => {
    const cert = await withExtensions([], { crlUrl: "http://ca.test/public.crl", ocspUrl: "http://ocsp.ca.test", caIssuersUrl: "https://ca.test/ca.p7b" });
    expect(certificateUrls(cert)).toEqual({
      crl: ["http://ca.test/public.crl"],
      deltaCrl: [],
      ocsp: ["http://ocsp.ca.test/"],
      caIssuers: ["https://ca.test/ca.p7b"],
      refused: [],
      unreadable: [],
    });
  });

  it("lists other schemes and non-URLs as refused, skips names that are not URIs, and drops repeats", async () => {
    const dirName = explicit(4, seq(setOf(seq(oidDer("2.5.4.3"), utf8String("CRL1")))));
    const cdp: RawExtension = {
      oid: OID.cRLDistributionPoints,
      value: seq(
        fullName(uri("ldap://ldap.ca.test/cn=CA,o=TEST?certificateRevocationList;binary"), uri("http://CA.test:80/a.crl"), dirName),
        fullName(uri("http://ca.test/a.crl")),
        // nameRelativeToCRLIssuer [1] and a point with only cRLIssuer [2]: no URL.
        seq(explicit(0, retag(setOf(seq(oidDer("2.5.4.3"), utf8String("CRL2"))), 0xa1))),
        seq(retag(seq(dirName), 0xa2)),
        fullName(uri("not a url"), uri(`http://ca.test/${"x".repeat(3000)}`)),
      ),
    };
    const aia: RawExtension = {
      oid: OID.authorityInfoAccess,
      value: seq(
        seq(oidDer(OID.adOcsp), uri("http://ocsp.ca.test/")),
        seq(oidDer(OID.adOcsp), uri("http://ocsp.ca.test")),
        seq(oidDer(OID.adCaIssuers), uri("ldap://ldap.ca.test/cn=CA?cACertificate")),
        seq(oidDer("1.3.6.1.5.5.7.48.5"), uri("http://ca.test/repository")), // caRepository: not asked for
      ),
    };
    const fresh: RawExtension = { oid: OID.freshestCRL, value: seq(fullName(uri("https://ca.test/delta.crl"))) };
    const got = certificateUrls(await withExtensions([cdp, aia, fresh]));
    expect(got.crl).toEqual(["http://ca.test/a.crl"]);
    expect(got.deltaCrl).toEqual(["https://ca.test/delta.crl"]);
    expect(got.ocsp).toEqual(["http://ocsp.ca.test/"]);
    expect(got.caIssuers).toEqual([]);
    expect(got.refused.map((r) => [r.kind, r.reason])).toEqual([
      ["crl", "REFUSED_SCHEME"],
      ["crl", "INVALID_URL"],
      ["crl", "INVALID_URL"],
      ["ca-issuers", "REFUSED_SCHEME"],
    ]);
    expect(got.refused[0]!.message).toContain("ldap:");
    expect(got.refused[2]!.url.length).toBeLessThan(210);
    expect(got.unreadable).toEqual([]);
  });

  it("names an extension that does not decode, and still reads the others", async () => {
    const broken: RawExtension = { oid: OID.cRLDistributionPoints, value: Uint8Array.of(0x30, 0x03, 0xa0, 0x05, 0x00) };
    const got = certificateUrls(await withExtensions([broken], { ocspUrl: "http://ocsp.ca.test/" }));
    expect(got.crl).toEqual([]);
    expect(got.ocsp).toEqual(["http://ocsp.ca.test/"]);
    expect(got.unreadable).toHaveLength(1);
    expect(got.unreadable[0]).toMatch(/^cRLDistributionPoints does not decode: /);
  });
});
