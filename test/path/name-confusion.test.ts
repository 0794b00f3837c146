// Issue 19 item 7: names are chained by what they are (attribute type, string type class, prepared value), never by the
// text a report shows. A CA whose CN is the invalid UTF-8 `41 C0 80` is shown as `#41c080`; a leaf whose issuer CN is the
// UTF8String text `#41c080` names another CA and must not chain to it.
import { describe, expect, it } from "vitest";
import { buildPath } from "../../src/path/build.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import { decodeNameDer, formatName, sameName } from "../../src/model/name.js";
import { createRootCa, encodeSubject, issueCertificate, type TestIdentity } from "../../src/testing/index.js";
import { request, trustListOf } from "./helpers.js";

const DATES = { notBefore: "2024-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" } as const;

/** Replaces every occurrence of `from` in `bytes` by `to` (same length). */
function patch(bytes: Uint8Array, from: readonly number[], to: readonly number[]): Uint8Array {
  const out = Uint8Array.from(bytes);
  let n = 0;
  for (let i = 0; i + from.length <= out.length; i++) {
    if (from.every((b, k) => out[i + k] === b)) {
      out.set(to, i);
      n++;
    }
  }
  expect(n).toBeGreaterThan(0);
  return out;
}

/** A leaf signed with `ca`'s key but naming as its issuer the Name `issuerName` (DER). */
async function leafUnder(ca: TestIdentity, issuerName: Uint8Array): Promise<Uint8Array> {
  const claimed: TestIdentity = { ...ca, subject: issuerName };
  const leaf = await issueCertificate(claimed, { subject: { commonName: "Leaf" }, ...DATES });
  return leaf.certificate;
}

describe("name chaining compares names, not their display form (issue 19 item 7)", () => {
  it("does not chain a UTF8String `#41c080` issuer to a CA whose CN is the invalid UTF-8 41 C0 80", async () => {
    const root = await createRootCa({ subject: { commonName: "AAA" }, keyLabel: "name-confusion root", ...DATES });
    // UTF8String "AAA" (0c 03 41 41 41) becomes the invalid UTF-8 41 C0 80, in both subject and issuer.
    const anchor = decodeCertificate(patch(root.certificate, [0x0c, 0x03, 0x41, 0x41, 0x41], [0x0c, 0x03, 0x41, 0xc0, 0x80]));
    const shown = encodeSubject({ commonName: "#41c080" });
    expect(formatName(anchor.subject)).toBe(formatName(decodeNameDer(shown)));
    expect(sameName(anchor.subject, decodeNameDer(shown))).toBe(false);
    const leaf = decodeCertificate(await leafUnder(root, shown));
    const result = await buildPath(request(leaf, [], trustListOf([anchor])));
    expect(result.status).not.toBe("valid");
  });

  it("still chains the same construction when the CA's CN really is the text `#41c080` (control)", async () => {
    const root = await createRootCa({ subject: { commonName: "#41c080" }, keyLabel: "name-confusion root", ...DATES });
    const leaf = decodeCertificate(await leafUnder(root, encodeSubject({ commonName: "#41c080" })));
    const result = await buildPath(request(leaf, [], trustListOf([decodeCertificate(root.certificate)])));
    expect(result.status).toBe("valid");
  });
});
