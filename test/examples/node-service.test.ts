// The node-service example over loopback: a real HTTP round trip on 127.0.0.1 with an ephemeral port.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTrustList, type Report } from "decree130";
import { createReportServer } from "../../examples/node-service/server.js";

const fixture = (p: string): Buffer => readFileSync(fileURLToPath(new URL(`../fixtures/openssl/${p}`, import.meta.url)));
const b64 = (p: string): string => fixture(p).toString("base64");

let server: Server;
let base: string;

beforeAll(async () => {
  server = createReportServer(loadTrustList(JSON.parse(fixture("trust-list.json").toString("utf8"))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/validate`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const errorOf = (json: Record<string, unknown>): { code: string; field?: string; message: string } =>
  json["error"] as { code: string; field?: string; message: string };
const verdictOf = (json: Record<string, unknown>): [string, string, string] => {
  const s = (json as unknown as Report).signatures[0]!;
  return [s.verdict, s.conditions.validityPeriod.code, s.conditions.issuerType.code];
};

const now = "2025-06-01T00:00:00Z";

describe("examples/node-service", () => {
  it("returns the JSON report: SECURE", async () => {
    const { status, json } = await post({ signature: b64("sig/secure-attached-ecdsa.p7s"), crls: [b64("crl/public-ca.crl"), b64("crl/national-root.crl")], now });
    expect(status).toBe(200);
    const report = json as unknown as Report;
    expect(report.signatures.map((s) => s.verdict)).toEqual(["SECURE"]);
    expect(report.signatures[0]!.conditions.issuerType.category).toBe("public");
  });

  it("takes detached content: right content SECURE, other content NOT_SECURE (HASH_MISMATCH)", async () => {
    const ask = (content: string) =>
      post({ signature: b64("sig/secure-detached-ecdsa.p7s"), content: b64(content), crls: [b64("crl/public-ca.crl"), b64("crl/national-root.crl")], now });
    const good = (await ask("content.txt")).json as unknown as Report;
    expect(good.signatures[0]!.verdict).toBe("SECURE");
    const bad = (await ask("content-wrong.txt")).json as unknown as Report;
    expect([bad.signatures[0]!.verdict, bad.signatures[0]!.conditions.keyCorrespondence.code]).toEqual(["NOT_SECURE", "HASH_MISMATCH"]);
  });

  it("422 with decree130's code for a file that is not a signature", async () => {
    const { status, json } = await post({ signature: b64("input/random.bin") });
    expect(status).toBe(422);
    expect((json["error"] as { code: string }).code).toMatch(/^(INPUT_NOT_RECOGNIZED|MALFORMED_DER)$/);
  });

  it("400 for a body that is not the expected JSON, 404 elsewhere", async () => {
    expect((await post("not json")).status).toBe(400);
    expect((await post({ signature: 42 })).status).toBe(400);
    expect((await post({ signature: b64("sig/secure-attached-ecdsa.p7s"), now: "yesterday" })).status).toBe(400);
    expect((await fetch(`${base}/`)).status).toBe(404);
  });

  it("405, with Allow: POST, for any other method on /validate", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const res = await fetch(`${base}/validate`, { method, ...(method === "GET" ? {} : { body: "{}" }) });
      expect([method, res.status, res.headers.get("allow")]).toEqual([method, 405, "POST"]);
    }
  });

  it("400 naming the field that is wrong", async () => {
    const signature = b64("sig/secure-attached-ecdsa.p7s");
    const cases: [Record<string, unknown>, string, string][] = [
      [{ signature: 42 }, "signature", "BAD_REQUEST"],
      [{ signature, content: "not base64!" }, "content", "BAD_REQUEST"],
      [{ signature, crls: "x" }, "crls", "BAD_REQUEST"],
      [{ signature, ocsp: [b64("ocsp/ee-public-good-ca.der"), 7] }, "ocsp[1]", "BAD_REQUEST"],
      [{ signature, certificates: [{}] }, "certificates[0]", "BAD_REQUEST"],
      [{ signature, signing_time: "2025-03-01" }, "signing_time", "BAD_REQUEST"],
      [{ signature, now: 0 }, "now", "TIME_INVALID"],
      [{ signature, now: "1" }, "now", "TIME_INVALID"],
      [{ signature, now: "June 10, 2025" }, "now", "TIME_INVALID"],
      [{ signature, signingTime: "2025-02-30T00:00:00Z" }, "signingTime", "TIME_INVALID"],
      [{ signature, crls: [b64("content.txt")] }, "crls", "MALFORMED_CRL"],
      [{ signature, ocsp: [b64("content.txt")] }, "ocsp", "MALFORMED_OCSP"],
    ];
    for (const [body, field, code] of cases) {
      const { status, json } = await post(body);
      expect([field, status, errorOf(json).code, errorOf(json).field]).toEqual([field, 400, code, field]);
    }
    // The refusal of a time shows both accepted forms.
    expect(errorOf((await post({ signature, now: 0 })).json).message).toContain("dd/mm/yyyy");
    expect(errorOf((await post(`{"signature":"${signature}","__proto__":{}}`)).json).field).toBe("__proto__");
  });

  it("reads times as people write them: dd/mm/yyyy day first, Vietnam time without a zone, and says so", async () => {
    const { status, json } = await post({ signature: b64("sig/secure-attached-ecdsa.p7s"), crls: [b64("crl/public-ca.crl"), b64("crl/national-root.crl")], now: "01/06/2025 07:00" });
    expect(status).toBe(200);
    expect(verdictOf(json)[0]).toBe("SECURE");
    expect(json["notes"]).toEqual([{ field: "now", assumedZone: "+07:00", time: "2025-06-01T00:00:00.000Z" }]);
    const zoned = await post({ signature: b64("sig/secure-attached-ecdsa.p7s"), crls: [b64("crl/public-ca.crl"), b64("crl/national-root.crl")], now });
    expect(zoned.json["notes"]).toBeUndefined();
  });

  it("takes signingTime: a vouched time resolves EXPIRED_NO_POE", async () => {
    const ask = (extra: Record<string, unknown>) => post({ signature: b64("sig/expired-at-now.p7s"), crls: [b64("crl/public-ca.crl"), b64("crl/national-root.crl")], now, ...extra });
    expect(verdictOf((await ask({})).json)).toEqual(["INDETERMINATE", "EXPIRED_NO_POE", "RECOGNIZED_PROVIDER"]);
    expect(verdictOf((await ask({ signingTime: "01/03/2024 17:00" })).json)).toEqual(["SECURE", "CERT_VALID_AT_SIGNING", "RECOGNIZED_PROVIDER"]);
  });

  it("takes ocsp: an OCSP response is revocation evidence", async () => {
    const { json } = await post({ signature: b64("sig/secure-attached-ecdsa.p7s"), ocsp: [b64("ocsp/ee-public-good-ca.der")], crls: [b64("crl/national-root.crl")], now });
    expect(verdictOf(json)).toEqual(["SECURE", "CERT_VALID_AT_SIGNING", "RECOGNIZED_PROVIDER"]);
  });

  it("takes certificates: a missing intermediate resolves NO_CERTIFICATE_PATH", async () => {
    const ask = (extra: Record<string, unknown>) =>
      post({ signature: b64("sig/missing-intermediate.p7s"), crls: [b64("crl/gov-sub-ca.crl"), b64("crl/gov-root.crl")], now, ...extra });
    expect(verdictOf((await ask({})).json)[2]).toBe("NO_CERTIFICATE_PATH");
    expect(verdictOf((await ask({ certificates: [b64("certs/gov-sub-ca.pem")] })).json)).toEqual(["SECURE", "CERT_VALID_AT_SIGNING", "RECOGNIZED_PROVIDER"]);
  });
});
