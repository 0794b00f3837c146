// The OpenSSL-made timestamp fixtures (test/fixtures/tsa/, see its README): each token verifies with OpenSSL, and the
// signature token attaches to the signed CMS with the kit without breaking it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { addUnsignedAttribute } from "../../src/testing/index.js";
import { attributes, signerInfoParts, signerInfos } from "./der-walk.js";
import { epoch, openssl, Scratch } from "./openssl.js";

const DIR = fileURLToPath(new URL("../fixtures/tsa/", import.meta.url));
const at = (name: string): string => `${DIR}${name}`;
const AT = epoch("2025-06-02T00:00:00Z");
const SIGNATURE_TIMESTAMP = "1.2.840.113549.1.9.16.2.14";

describe("OpenSSL timestamp fixtures", () => {
  const tmp = new Scratch();
  afterAll(() => tmp.remove());

  it.each([
    ["data-ec.tsr", [], "Policy OID: 1.3.6.1.4.1.99999.3161.1"],
    ["data-rsa.tsr", [], "Hash Algorithm: sha256"],
    ["data-ec-sha512-nocert.tsr", ["-untrusted", at("tsa-ec.pem")], "Hash Algorithm: sha512"],
  ])("%s verifies over data.txt at 2025-06-02", (file, extra, shown) => {
    const r = openssl("ts", "-verify", "-in", at(file), "-data", at("data.txt"), "-CAfile", at("tsa-root.pem"), ...extra, "-attime", AT);
    expect(r.out).toContain("Verification: OK");
    const text = openssl("ts", "-reply", "-in", at(file), "-text");
    expect(text.out).toContain("Time stamp: Jun  1 08:00:05 2025 GMT");
    expect(text.out).toContain(shown);
  });

  it("has a signature token over signed.p7s's signature value, which the kit attaches without breaking the signature", () => {
    const cms = new Uint8Array(readFileSync(at("signed.p7s")));
    const token = new Uint8Array(readFileSync(at("signature-ec.tst")));
    const value = signerInfoParts(signerInfos(cms)[0]!).signature;
    expect(value).toEqual(new Uint8Array(readFileSync(at("signed-signature-value.bin"))));
    const r = openssl("ts", "-verify", "-in", at("signature-ec.tst"), "-token_in", "-data", tmp.file("value.bin", value), "-CAfile", at("tsa-root.pem"), "-attime", AT);
    expect(r.out).toContain("Verification: OK");

    const stamped = addUnsignedAttribute(cms, { oid: SIGNATURE_TIMESTAMP, values: [token] });
    const info = signerInfoParts(signerInfos(stamped)[0]!);
    const [attached] = attributes(info.unsignedAttrs!).filter((a) => a.oid === SIGNATURE_TIMESTAMP);
    expect(attached!.values).toHaveLength(1);
    const v = attached!.values[0]!;
    expect(v.buf.slice(v.start, v.end)).toEqual(token);
    const out = tmp.file("out.txt", "");
    const verify = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", tmp.file("stamped.p7s", stamped), "-CAfile", at("tsa-root.pem"),
      "-purpose", "any", "-attime", AT, "-out", out);
    expect(verify.code).toBe(0);
    expect(readFileSync(out)).toEqual(readFileSync(at("data.txt")));
  });
});
