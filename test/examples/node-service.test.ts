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

const now = "2025-06-01T00:00:00Z";

describe("examples/node-service", () => {
  it("returns the JSON report: SECURE", async () => {
    const { status, json } = await post({ signature: b64("sig/secure-attached-ecdsa.p7s"), crls: [b64("crl/public-ca.crl")], now });
    expect(status).toBe(200);
    const report = json as unknown as Report;
    expect(report.signatures.map((s) => s.verdict)).toEqual(["SECURE"]);
    expect(report.signatures[0]!.conditions.issuerType.category).toBe("public");
  });

  it("takes detached content: right content SECURE, other content NOT_SECURE (HASH_MISMATCH)", async () => {
    const ask = (content: string) =>
      post({ signature: b64("sig/secure-detached-ecdsa.p7s"), content: b64(content), crls: [b64("crl/public-ca.crl")], now });
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
});
