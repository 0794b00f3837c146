// Online revocation end to end with independent tools: a CA, certificates and a CMS signature made by OpenSSL at test
// time, and a real `openssl ocsp` responder (on a free loopback port) answering the OCSP requests validate() sends
// through the HTTP fetcher. The certificates name an OCSP URL on a reserved name; the caller's fetcher routes it to
// the responder, as a service would route through its own proxy.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTrustList, validate, type TrustList } from "decree130";
import { createHttpFetcher, type Fetcher } from "decree130/fetch";
import { openssl, Scratch, startOcspResponder, type OcspResponder } from "../testing/openssl.js";

const tmp = new Scratch();
const at = (name: string): string => join(tmp.dir, name);
// The responder answers at the real time, so the validation time is read from the clock just after signing.
const OCSP_URL = "http://ocsp.decree130.invalid/";
const content = new TextEncoder().encode("Hợp đồng dịch vụ số 15/2025");
let trustList: TrustList;
let responder: OcspResponder | undefined;
let responderUrl = "";
const asked: string[] = [];

function run(...args: string[]): string {
  const r = openssl(...args);
  if (r.code !== 0) throw new Error(`openssl ${args[0]} failed: ${r.out}`);
  return r.out;
}

beforeAll(async () => {
  const config = tmp.file(
    "openssl.cnf",
    "[req]\ndistinguished_name=dn\n[dn]\n[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n" +
      `[ee]\nkeyUsage=critical,digitalSignature,nonRepudiation\nauthorityInfoAccess=OCSP;URI:${OCSP_URL}\n`,
  );
  run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", at("ca.key"), "-out", at("ca.pem"),
    "-subj", "/C=VN/O=TEST OCSP/CN=TEST OpenSSL CA", "-days", "3650", "-config", config, "-extensions", "ca");
  for (const [name, serial] of [["good", "0x0a1b2c3d4e5f"], ["revoked", "0x7f00000000000001"]] as const) {
    run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", at(`${name}.key`), "-out", at(`${name}.csr`),
      "-subj", `/C=VN/CN=TEST ${name}`, "-config", config);
    run("x509", "-req", "-in", at(`${name}.csr`), "-CA", at("ca.pem"), "-CAkey", at("ca.key"), "-set_serial", serial, "-days", "365",
      "-extfile", config, "-extensions", "ee", "-out", at(`${name}.pem`));
  }
  tmp.file("index.txt", "V\t351231000000Z\t\t0A1B2C3D4E5F\tunknown\t/C=VN/CN=TEST good\nR\t351231000000Z\t200101000000Z,keyCompromise\t7F00000000000001\tunknown\t/C=VN/CN=TEST revoked\n");
  trustList = loadTrustList({
    schema: "decree130/trust-list@1",
    name: "OpenSSL test CA",
    providers: [{ name: "TEST OpenSSL CA", category: "public", certificates: [readFileSync(at("ca.pem"), "utf8")] }],
  });
  responder = await startOcspResponder(["-index", at("index.txt"), "-rsigner", at("ca.pem"), "-rkey", at("ca.key"), "-CA", at("ca.pem"), "-nmin", "60", "-nrequest", "20"]);
  responderUrl = responder.url;
});

afterAll(() => {
  responder?.stop();
  tmp.remove();
});

const http = createHttpFetcher({ allowPrivateNetwork: true, timeoutMs: 5_000 });
const routed: Fetcher = (url, request) => {
  asked.push(`${request.kind} ${url}`);
  return http(url === OCSP_URL ? responderUrl : url, request);
};

function sign(name: string): Uint8Array {
  const data = tmp.file("content.txt", content);
  run("cms", "-sign", "-binary", "-in", data, "-signer", at(`${name}.pem`), "-inkey", at(`${name}.key`), "-md", "sha256", "-outform", "DER",
    "-nodetach", "-out", at(`${name}.p7s`));
  return new Uint8Array(readFileSync(at(`${name}.p7s`)));
}

describe("validate() asks a real OpenSSL OCSP responder", () => {
  it("good: SECURE, from the responder's answer; without the fetcher, unknown", { timeout: 15_000 }, async () => {
    const p7s = sign("good");
    const now = new Date(Date.now() + 1_000);
    const offline = await validate(p7s, { trustList, now });
    expect(offline.signatures[0]!.conditions.validityPeriod.code).toBe("REVOCATION_UNKNOWN");
    asked.length = 0;
    const online = await validate(p7s, { trustList, now, fetch: routed });
    expect(asked).toEqual([`ocsp ${OCSP_URL}`]);
    expect(online.signatures[0]!.verdict).toBe("SECURE");
  });

  it("revoked (keyCompromise in 2020): NOT_SECURE", { timeout: 15_000 }, async () => {
    const p7s = sign("revoked");
    const r = await validate(p7s, { trustList, now: new Date(Date.now() + 1_000), fetch: routed });
    expect(r.signatures[0]!.conditions.validityPeriod.code).toBe("REVOKED_AT_SIGNING");
    expect(r.signatures[0]!.verdict).toBe("NOT_SECURE");
  });
});
