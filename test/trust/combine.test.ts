import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCertificate } from "../../src/model/certificate.js";
import { combineTrustLists } from "../../src/trust/combine.js";
import { loadTrustList } from "../../src/trust/load.js";
import { vietnamTrustList } from "../../src/trust/vn/index.js";

const VN_PKI = new URL("../corpora/vn-pki/", import.meta.url);
const cyberlotusEe = decodeCertificate(new Uint8Array(readFileSync(new URL("ee/ee-tct-test01-cyberlotus-ca-test.cer", VN_PKI))));

describe("combineTrustLists", () => {
  it("adds a specialized provider to the Vietnamese list without changing either", () => {
    // A stand-in for an organisation's own CA: any CA certificate outside the built-in list would do.
    const ours = loadTrustList({
      schema: "decree130/trust-list@1",
      name: "ours",
      providers: [{ name: "Our Art. 40 CA", category: "specialized", certificates: [Buffer.from(cyberlotusEe.der).toString("base64")] }],
    });
    const vn = vietnamTrustList();
    const both = combineTrustLists("VN + ours", vn, ours);
    expect(both.name).toBe("VN + ours");
    expect(both.providers).toHaveLength(vn.providers.length + 1);
    expect(both.anchors).toHaveLength(vn.anchors.length + 1);
    expect(both.anchorsFor(cyberlotusEe).map((a) => a.provider.category)).toEqual(["specialized"]);
    expect(vn.anchorsFor(cyberlotusEe)).toEqual([]);
    const vnRoot = vn.anchors[0]!.certificate;
    expect(both.anchorsFor(vnRoot)).toHaveLength(vn.anchorsFor(vnRoot).length);
  });
});
