import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/crypto/types.js";
import { decodeCrl, type Crl as DecodedCrl } from "../../src/model/crl.js";
import { MAX_EVIDENCE, revocationStatus } from "../../src/revocation/status.js";
import type { Crl, RevocationFinding } from "../../src/revocation/types.js";
import { at, TestPki, testEnv, type IndexLine, type Issued } from "./fixtures.js";

const EE = (serial: string): IndexLine => ({ serial, subject: `/CN=EE ${serial}` });
const JAN = [
  EE("1001"),
  { ...EE("1002"), revoked: "240105000000Z" },
  { ...EE("1003"), revoked: "240106000000Z,keyTime,20231220000000Z" },
  { ...EE("1004"), revoked: "240120000000Z,holdInstruction,1.2.840.10040.2.2" },
  { ...EE("1005"), revoked: "240115000000Z,removeFromCRL" },
  { ...EE("1006"), revoked: "240107000000Z,CACompromise" },
];
// The next CRL: 1004's hold is lifted (no longer listed), 1005's removal is done.
const FEB = JAN.filter((l) => l.serial !== "1004" && l.serial !== "1005");

let pki: TestPki;
let env: Env;
let ca: Issued;
let ee: Record<string, Issued>;
let crl1: DecodedCrl;
let crl2: DecodedCrl;

beforeAll(() => {
  pki = new TestPki();
  env = testEnv();
  ca = pki.ca("/C=VN/O=Test/CN=Test CA");
  ee = {};
  for (const s of ["1001", "1002", "1003", "1004", "1005", "1006"]) ee[s] = pki.issue(ca, `/CN=EE ${s}`, s);
  crl1 = pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z");
  crl2 = pki.crl(ca, FEB, "20240301000000Z", "20240401000000Z");
});
afterAll(() => pki.dispose());

function status(
  serial: string,
  crls: readonly Crl[],
  time: number,
  now: number,
  opts: { issuer?: Issued; algorithms?: "default" | "strict"; cert?: Issued; env?: Env } = {},
): Promise<RevocationFinding> {
  return revocationStatus({
    certificate: (opts.cert ?? ee[serial]!).cert,
    issuer: (opts.issuer ?? ca).cert,
    time,
    now,
    sources: { crls: crls.map((crl) => ({ crl, origin: "caller" as const })), ocsp: [] },
    env: opts.env ?? env,
    ...(opts.algorithms ? { algorithms: opts.algorithms } : {}),
  });
}

describe("revocationStatus with CRLs", () => {
  it("good: a CRL issued after the asked time that does not list the certificate", async () => {
    const f = await status("1001", [crl1], at("2024-01-25T00:00:00Z"), at("2024-06-01T00:00:00Z"));
    expect(f.known).toBe(true);
    expect(f.revocation).toBeUndefined();
    expect(f.evidence).toEqual([
      {
        type: "crl",
        origin: "caller",
        issuer: "C=VN, O=Test, CN=Test CA",
        thisUpdate: "2024-02-01T00:00:00.000Z",
        nextUpdate: "2024-03-01T00:00:00.000Z",
      },
    ]);
  });

  it("revoked without a reason code: reason unspecified, no compromise time", async () => {
    const f = await status("1002", [crl1], at("2024-01-25T00:00:00Z"), at("2024-06-01T00:00:00Z"));
    expect(f.revocation).toEqual({ at: at("2024-01-05T00:00:00Z"), reason: "unspecified" });
  });

  it("keyCompromise with invalidityDate: compromise time is the invalidity date", async () => {
    const f = await status("1003", [crl1], at("2024-01-25T00:00:00Z"), at("2024-06-01T00:00:00Z"));
    expect(f.revocation).toEqual({ at: at("2024-01-06T00:00:00Z"), reason: "keyCompromise", compromiseAt: at("2023-12-20T00:00:00Z") });
  });

  it("cACompromise without invalidityDate: compromise time is the revocation time", async () => {
    const f = await status("1006", [crl1], at("2024-01-25T00:00:00Z"), at("2024-06-01T00:00:00Z"));
    expect(f.revocation).toEqual({ at: at("2024-01-07T00:00:00Z"), reason: "cACompromise", compromiseAt: at("2024-01-07T00:00:00Z") });
  });

  it("hold still listed: suspension from R with no end", async () => {
    const f = await status("1004", [crl1], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(f.revocation).toEqual({ at: at("2024-01-20T00:00:00Z"), reason: "certificateHold" });
  });

  it("hold lifted by a later CRL: holdUntil is that CRL's thisUpdate, whatever the order given", async () => {
    const expected = { at: at("2024-01-20T00:00:00Z"), reason: "certificateHold", holdUntil: at("2024-03-01T00:00:00Z") };
    expect((await status("1004", [crl1, crl2], at("2024-03-01T00:00:00Z"), at("2024-03-10T00:00:00Z"))).revocation).toEqual(expected);
    expect((await status("1004", [crl2, crl1], at("2024-03-01T00:00:00Z"), at("2024-03-10T00:00:00Z"))).revocation).toEqual(expected);
  });

  it("removeFromCRL entry is not a revocation", async () => {
    const f = await status("1005", [crl1], at("2024-01-25T00:00:00Z"), at("2024-06-01T00:00:00Z"));
    expect(f.known).toBe(true);
    expect(f.revocation).toBeUndefined();
  });

  it("stale CRL: thisUpdate before the asked time and nextUpdate before now → unknown", async () => {
    const f = await status("1001", [crl1], at("2024-02-15T00:00:00Z"), at("2024-06-01T00:00:00Z"));
    expect(f.known).toBe(false);
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]!.rejected).toBeUndefined();
  });

  it("current CRL: thisUpdate ≤ now ≤ nextUpdate and time ≤ now → known", async () => {
    expect((await status("1001", [crl1], at("2024-02-15T00:00:00Z"), at("2024-02-20T00:00:00Z"))).known).toBe(true);
    // Asked about a moment after now: a current CRL does not speak for the future.
    expect((await status("1001", [crl1], at("2024-02-25T00:00:00Z"), at("2024-02-20T00:00:00Z"))).known).toBe(false);
    // thisUpdate equal to the asked time speaks for it.
    expect((await status("1001", [crl1], crl1.thisUpdate, at("2025-01-01T00:00:00Z"))).known).toBe(true);
  });

  it("CRL signed by another key under the same name: rejected, and its entries are not used", async () => {
    const impostor = pki.ca("/C=VN/O=Test/CN=Test CA");
    const bad = pki.crl(impostor, [{ ...EE("1001"), revoked: "240105000000Z,keyCompromise" }], "20240201000000Z", "20240301000000Z");
    const f = await status("1001", [bad], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(f.known).toBe(false);
    expect(f.revocation).toBeUndefined();
    expect(f.evidence).toHaveLength(1);
    expect(f.evidence[0]!.rejected).toMatch(/SIGNATURE_INVALID/);
  });

  it("CRL of another issuer name: not used and not reported for this certificate", async () => {
    const other = pki.ca("/C=VN/O=Test/CN=Other CA");
    const theirs = pki.crl(other, [{ ...EE("1001"), revoked: "240105000000Z" }], "20240201000000Z", "20240301000000Z");
    const f = await status("1001", [theirs], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(f).toEqual({ known: false, evidence: [] });
  });

  it("issuer whose keyUsage lacks cRLSign: its CRL is rejected", async () => {
    const noCrlSign = pki.ca("/CN=No CRL Sign CA", "critical,keyCertSign,digitalSignature");
    const cert = pki.issue(noCrlSign, "/CN=EE 2001", "2001");
    const crl = pki.crl(noCrlSign, [], "20240201000000Z", "20240301000000Z");
    const f = await status("2001", [crl], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"), { cert, issuer: noCrlSign });
    expect(f.known).toBe(false);
    expect(f.evidence[0]!.rejected).toMatch(/cRLSign/);
  });

  it("SHA-1 signed CRL: accepted by default, rejected under algorithms strict", async () => {
    const sha1 = pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { md: "sha1" });
    expect((await status("1001", [sha1], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"))).known).toBe(true);
    const strict = await status("1001", [sha1], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"), { algorithms: "strict" });
    expect(strict.known).toBe(false);
    expect(strict.evidence[0]!.rejected).toMatch(/WEAK_ALGORITHM/);
    // The same CRL object judged again under the default policy is not poisoned by the strict result in the cache.
    expect((await status("1001", [sha1], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"))).known).toBe(true);
  });

  it("cRLNumber: a v2 CRL without it or with it critical is rejected; a v1 CRL is used", async () => {
    const ask = (crl: Crl) => status("1001", [crl], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    const missing = await ask(pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { noNumber: true }));
    expect(missing.evidence[0]!.rejected).toMatch(/without cRLNumber/);
    const critical = await ask(pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { noNumber: true, crlExt: ["2.5.29.20=critical,DER:020101"] }));
    expect(critical.evidence[0]!.rejected).toMatch(/cRLNumber marked critical/);
    const v1 = pki.crl(ca, [{ ...EE("1002"), revoked: "240105000000Z" }], "20240201000000Z", "20240301000000Z", { noNumber: true });
    expect(v1.version).toBe(1);
    const f = await ask(v1);
    expect(f.known).toBe(true);
    expect(f.evidence[0]!.rejected).toBeUndefined();
  });

  it("unknown critical CRL extension: rejected", async () => {
    const crl = pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { crlExt: ["1.2.3.4.5=critical,DER:0500"] });
    expect(crl.unknownCriticalExtensions).toEqual(["1.2.3.4.5"]);
    const f = await status("1001", [crl], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(f.known).toBe(false);
    expect(f.evidence[0]!.rejected).toMatch(/unknown critical CRL extension 1\.2\.3\.4\.5/);
  });


  it("delta CRL without its base CRL: its silence is not used, but a revocation it lists is", async () => {
    const delta = (lines: IndexLine[]) =>
      pki.crl(ca, lines, "20240215000000Z", "20240301000000Z", { crlExt: ["2.5.29.27=critical,DER:020101"] });
    const silent = await status("1001", [delta([])], at("2024-01-25T00:00:00Z"), at("2024-02-20T00:00:00Z"));
    expect(silent.known).toBe(false);
    expect(silent.revocation).toBeUndefined();
    const listing = await status("1001", [delta([{ ...EE("1001"), revoked: "240210000000Z,keyCompromise" }])], at("2024-01-25T00:00:00Z"), at("2024-02-20T00:00:00Z"));
    expect(listing.known).toBe(false);
    expect(listing.revocation).toEqual({ at: at("2024-02-10T00:00:00Z"), reason: "keyCompromise", compromiseAt: at("2024-02-10T00:00:00Z") });
  });

  it("a Crl object missing the decoder's fields is rejected, never thrown", async () => {
    const broken: Crl = { ...crl1, der: Uint8Array.of(0x30, 0x03, 0x02, 0x01) };
    const plain = Object.fromEntries(Object.entries(broken).filter(([k]) => !k.startsWith("unknownCritical"))) as unknown as Crl;
    const f = await status("1001", [plain], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(f.known).toBe(false);
    expect(f.evidence[0]!.rejected).toMatch(/could not be judged/);
  });

  it("evidence that makes judging throw is rejected, never thrown", async () => {
    const hostile = { ...crl1, get extensions(): never { throw new Error("boom"); } } as unknown as Crl;
    const f = await status("1001", [hostile, crl1], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(f.known).toBe(true);
    expect(f.evidence.map((e) => e.rejected)).toEqual(["could not be judged: boom", undefined]);
  });

  it("more evidence than MAX_EVIDENCE: the status is not claimed known, revocations read are still reported", async () => {
    const many = Array.from({ length: MAX_EVIDENCE + 1 }, () => crl1);
    const good = await status("1001", many, at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(good.known).toBe(false);
    expect(good.evidence).toHaveLength(MAX_EVIDENCE);
    const revoked = await status("1002", many, at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"));
    expect(revoked.revocation?.at).toBe(at("2024-01-05T00:00:00Z"));
    // At the bound exactly, the same evidence decides.
    expect((await status("1001", many.slice(1), at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"))).known).toBe(true);
  });

  it("verifies one CRL once per issuer key, however many certificates ask", async () => {
    let calls = 0;
    const subtle = globalThis.crypto.subtle;
    const counting = {
      subtle: new Proxy(subtle, {
        get(target, prop) {
          const v = Reflect.get(target, prop, target) as unknown;
          if (prop === "verify") return (...args: Parameters<SubtleCrypto["verify"]>) => ((calls += 1), subtle.verify(...args));
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      }),
    } as unknown as Crypto;
    const countingEnv: Env = { crypto: counting, keys: testEnv().keys };
    const fresh = decodeCrl(crl1.der.slice());
    for (const s of ["1001", "1002", "1003", "1004"]) await status(s, [fresh], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"), { env: countingEnv });
    expect(calls).toBe(1);
  });
});

describe("revocationStatus with an issuingDistributionPoint", () => {
  const idp = (...lines: string[]) => ["issuingDistributionPoint=critical,@idp", "[ idp ]", ...lines];
  const ask = (serial: string, crl: Crl, cert?: Issued) =>
    status(serial, [crl], at("2024-01-25T00:00:00Z"), at("2024-02-10T00:00:00Z"), cert ? { cert } : {});

  it("onlyContainsCACerts does not cover an end-entity certificate", async () => {
    const f = await ask("1001", pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { crlExt: idp("onlyCA=TRUE") }));
    expect(f.known).toBe(false);
    expect(f.evidence[0]!.rejected).toMatch(/CA certificates only/);
  });

  it("onlyContainsUserCerts covers an end-entity certificate but not a CA certificate", async () => {
    const crl = pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { crlExt: idp("onlyuser=TRUE") });
    expect((await ask("1001", crl)).known).toBe(true);
    const subCa = pki.issue(ca, "/CN=Sub CA", "3001", ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"]);
    const f = await ask("3001", crl, subCa);
    expect(f.known).toBe(false);
    expect(f.evidence[0]!.rejected).toMatch(/end-entity certificates only/);
  });

  it("onlySomeReasons alone: partial, so silence proves nothing but a listed revocation counts", async () => {
    const crl = pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { crlExt: idp("onlysomereasons=keyCompromise") });
    const silent = await ask("1001", crl);
    expect(silent.known).toBe(false);
    expect(silent.revocation).toBeUndefined();
    const listed = await ask("1003", crl);
    expect(listed.known).toBe(false);
    expect(listed.revocation?.reason).toBe("keyCompromise");
  });

  it("indirectCRL from the certificate's own issuer: entries without certificateIssuer are the issuer's own", async () => {
    const crl = pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { crlExt: idp("indirectCRL=TRUE") });
    const f = await ask("1001", crl);
    expect(f.known).toBe(true);
    expect(f.revocation).toBeUndefined();
    expect((await ask("1003", crl)).revocation?.reason).toBe("keyCompromise");
  });

  it("distribution point name must match the certificate's cRLDistributionPoints", async () => {
    const crl = pki.crl(ca, JAN, "20240201000000Z", "20240301000000Z", { crlExt: idp("fullname=URI:http://crl.test/a.crl") });
    const ext = (uri: string) => ["basicConstraints=CA:FALSE", `crlDistributionPoints=URI:${uri}`];
    expect((await ask("4001", crl, pki.issue(ca, "/CN=EE 4001", "4001", ext("http://crl.test/a.crl")))).known).toBe(true);
    const other = await ask("4002", crl, pki.issue(ca, "/CN=EE 4002", "4002", ext("http://crl.test/b.crl")));
    expect(other.known).toBe(false);
    expect(other.evidence[0]!.rejected).toMatch(/distribution point does not match/);
    const none = await ask("1001", crl);
    expect(none.evidence[0]!.rejected).toMatch(/names none/);
  });
});
