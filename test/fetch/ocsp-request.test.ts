// OCSP requests checked by OpenSSL: the same octets as `openssl ocsp -reqout`, parsed by `openssl ocsp -req_text`, and
// answered by a real `openssl ocsp` responder (started here on a free port) for the right serial. The CA, the
// certificates and the responder's index are made by OpenSSL at test time, in a scratch directory.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCertificate, type Certificate } from "decree130";
import { createHttpFetcher, encodeOcspRequest } from "decree130/fetch";
import { decodeOcspResponse } from "../../src/model/ocsp-response.js";
import { openssl, Scratch, startOcspResponder, type OcspResponder } from "../testing/openssl.js";
import { NEVER } from "./fixtures.js";

const tmp = new Scratch();
const at = (name: string): string => join(tmp.dir, name);
let ca: Certificate;
let good: Certificate;
let revoked: Certificate;

function run(...args: string[]): void {
  const r = openssl(...args);
  if (r.code !== 0) throw new Error(`openssl ${args[0]} failed: ${r.out}`);
}

function decodePem(name: string): Certificate {
  run("x509", "-in", at(`${name}.pem`), "-outform", "DER", "-out", at(`${name}.der`));
  return decodeCertificate(new Uint8Array(readFileSync(at(`${name}.der`))));
}

beforeAll(() => {
  const config = tmp.file(
    "openssl.cnf",
    "[req]\ndistinguished_name=dn\n[dn]\n[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n[ee]\nkeyUsage=critical,digitalSignature\n",
  );
  run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", at("ca.key"), "-out", at("ca.pem"), "-subj", "/C=VN/O=TEST OCSP/CN=TEST OpenSSL CA",
    "-days", "3650", "-config", config, "-extensions", "ca");
  for (const [name, serial] of [["good", "0x0a1b2c3d4e5f"], ["revoked", "0x7f00000000000001"]] as const) {
    run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", at(`${name}.key`), "-out", at(`${name}.csr`),
      "-subj", `/C=VN/CN=TEST ${name}`, "-config", config);
    run("x509", "-req", "-in", at(`${name}.csr`), "-CA", at("ca.pem"), "-CAkey", at("ca.key"), "-set_serial", serial, "-days", "365",
      "-extfile", config, "-extensions", "ee", "-out", at(`${name}.pem`));
  }
  ca = decodePem("ca");
  good = decodePem("good");
  revoked = decodePem("revoked");
  // index.txt: status, expiry, revocation time[,reason], serial, file, subject (OpenSSL's `ca` database format).
  tmp.file("index.txt", `V\t351231000000Z\t\t${good.serialHex}\tunknown\t/C=VN/CN=TEST good\nR\t351231000000Z\t250501000000Z,keyCompromise\t${revoked.serialHex}\tunknown\t/C=VN/CN=TEST revoked\n`);
});
afterAll(() => tmp.remove());

describe("encodeOcspRequest", () => {
  it("writes the octets `openssl ocsp -reqout` writes (SHA-1 CertID with NULL parameters, no nonce)", async () => {
    for (const cert of [good, revoked]) {
      const out = at(`openssl-req-${cert.serialHex}.der`);
      run("ocsp", "-issuer", at("ca.pem"), "-cert", at(`${cert === good ? "good" : "revoked"}.pem`), "-no_nonce", "-reqout", out);
      const ours = await encodeOcspRequest(cert, ca, { crypto });
      expect(ours.der).toEqual(new Uint8Array(readFileSync(out)));
      expect(ours.certId.serialHex).toBe(cert.serialHex);
      expect(ours.certId.hashAlgorithm).toBe("1.3.14.3.2.26");
      expect(ours.nonce).toBeUndefined();
    }
  });

  it("adds a 32-octet nonce from the caller's random source, which `openssl ocsp -req_text` reads", async () => {
    let asked = 0;
    const source = {
      subtle: crypto.subtle,
      getRandomValues: (array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => {
        asked++;
        return crypto.getRandomValues(array);
      },
    } as unknown as Crypto;
    const req = await encodeOcspRequest(good, ca, { crypto: source, nonce: true });
    expect(asked).toBe(1);
    expect(req.nonce).toHaveLength(32);
    const text = openssl("ocsp", "-reqin", tmp.file("nonce.der", req.der), "-req_text");
    expect(text.code).toBe(0);
    const hex = Buffer.from(req.nonce!).toString("hex").toUpperCase();
    expect(text.out).toContain(`Serial Number: ${good.serialHex}`);
    expect(text.out).toMatch(/OCSP Nonce:\s*\n\s*0420([0-9A-F]{64})/);
    expect(text.out.replace(/\s/g, "")).toContain(`0420${hex}`);
    const again = await encodeOcspRequest(good, ca, { crypto, nonce: true });
    expect(again.nonce).not.toEqual(req.nonce);
  });

  it("takes a given nonce of 1 to 32 octets and refuses others", async () => {
    const req = await encodeOcspRequest(good, ca, { crypto, nonce: Uint8Array.of(1, 2, 3) });
    expect(req.nonce).toEqual(Uint8Array.of(1, 2, 3));
    expect(openssl("ocsp", "-reqin", tmp.file("n3.der", req.der), "-req_text").out).toMatch(/OCSP Nonce:\s*\n\s*0403010203/);
    await expect(encodeOcspRequest(good, ca, { crypto, nonce: new Uint8Array(0) })).rejects.toThrow(TypeError);
    await expect(encodeOcspRequest(good, ca, { crypto, nonce: new Uint8Array(33) })).rejects.toThrow(TypeError);
  });
});

describe("a real OpenSSL responder answers our requests", () => {
  let responder: OcspResponder | undefined;
  let url = "";

  beforeAll(async () => {
    responder = await startOcspResponder(["-index", at("index.txt"), "-rsigner", at("ca.pem"), "-rkey", at("ca.key"), "-CA", at("ca.pem"), "-nmin", "60", "-nrequest", "10"]);
    url = responder.url;
  });
  afterAll(() => {
    responder?.stop();
  });

  it("good and revoked, each for the serial asked, through the HTTP fetcher", { timeout: 10_000 }, async () => {
    const fetcher = createHttpFetcher({ allowPrivateNetwork: true, timeoutMs: 5_000 });
    for (const [cert, status] of [[good, "good"], [revoked, "revoked"]] as const) {
      for (const nonce of [false, true]) {
        const req = await encodeOcspRequest(cert, ca, { crypto, nonce });
        const resp = decodeOcspResponse(await fetcher(url, { kind: "ocsp", signal: NEVER, body: req.der }));
        expect(resp.responses).toHaveLength(1);
        const single = resp.responses[0]!;
        expect([single.serialHex, single.status]).toEqual([cert.serialHex, status]);
        expect(single.issuerNameHash).toEqual(req.certId.issuerNameHash);
        expect(single.issuerKeyHash).toEqual(req.certId.issuerKeyHash);
        if (status === "revoked") expect([single.revocationTime, single.reason]).toEqual([Date.parse("2025-05-01T00:00:00Z"), "keyCompromise"]);
      }
    }
  });
});
