// x509-limbo CRL test cases (test/corpora/suites/x509-limbo/limbo.json, ids `crl::*`), run through revocationStatus: the
// leaf's issuer is taken from the trusted and intermediate certificates, and the case passes the revocation part when the
// status is known and not revoked.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCertificate } from "../../src/model/certificate.js";
import { decodeCrl } from "../../src/model/crl.js";
import { revocationStatus } from "../../src/revocation/status.js";
import { pemToDer, testEnv } from "./fixtures.js";
import { CORPORA } from "../corpora.js";

interface LimboCase {
  id: string;
  expected_result: "SUCCESS" | "FAILURE";
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  crls: string[];
  validation_time: string;
}
const limbo = JSON.parse(readFileSync(`${CORPORA}/suites/x509-limbo/limbo.json`, "utf8")) as { testcases: LimboCase[] };
const cases = limbo.testcases.filter((t) => t.crls.length > 0);
const env = testEnv();

describe("x509-limbo CRL cases", () => {
  it("finds the CRL cases", () => {
    expect(cases.map((c) => c.id).sort()).toEqual([
      "crl::certificate-not-on-crl",
      "crl::certificate-serial-on-crl-different-issuer",
      "crl::crlnumber-critical",
      "crl::crlnumber-missing",
      "crl::issuer-missing-crlsign",
      "crl::issuer-no-keyusage-extension",
      "crl::issuer-valid-crlsign-and-keycertsign",
      "crl::revoked-certificate-with-crl",
    ]);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const leaf = decodeCertificate(pemToDer(c.peer_certificate));
    const issuer = [...c.trusted_certs, ...c.untrusted_intermediates].map((p) => decodeCertificate(pemToDer(p))).find((x) => x.subject.key === leaf.issuer.key);
    expect(issuer).toBeDefined();
    const time = Date.parse(c.validation_time);
    const f = await revocationStatus({
      certificate: leaf,
      issuer: issuer!,
      time,
      now: time,
      sources: { crls: c.crls.map((p) => ({ crl: decodeCrl(pemToDer(p)), origin: "caller" as const })), ocsp: [] },
      env,
    });
    expect(f.known && !f.revocation ? "SUCCESS" : "FAILURE").toBe(c.expected_result);
  });
});
