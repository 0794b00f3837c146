import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPath } from "../../src/revocation/path-status.js";
import type { PathResult } from "../../src/path/types.js";
import type { Certificate } from "../../src/model/certificate.js";
import { CA_EXT, countingEnv, EE_EXT, Pki, request, trustListOf } from "./helpers.js";

let pki: Pki;
let root: Certificate;
let inter: Certificate;
let leaf2: Certificate;
let leaf3: Certificate;

function names(result: PathResult): string[] {
  return result.path.map((c) => c.subject.rdns.flat().map((a) => a.value).join("/"));
}

beforeAll(() => {
  pki = new Pki();
  root = pki.cert("root", { subject: "/CN=Root", key: "root", ext: CA_EXT });
  inter = pki.cert("inter", { subject: "/CN=Inter", key: "inter", issuer: "root", ext: CA_EXT });
  leaf2 = pki.cert("leaf2", { subject: "/CN=Leaf2", key: "leaf", issuer: "root", ext: EE_EXT });
  leaf3 = pki.cert("leaf3", { subject: "/CN=Leaf3", key: "leaf", issuer: "inter", ext: EE_EXT });
});
afterAll(() => pki.dispose());

describe("buildPath: shapes of paths", () => {
  it("builds a 2-level path when the leaf's issuer is listed", async () => {
    const r = await checkPath(request(leaf2, [], trustListOf([root])));
    expect(r.status).toBe("valid");
    expect(names(r)).toEqual(["Leaf2", "Root"]);
    if (r.status === "valid") {
      expect(r.cas).toEqual([]);
      expect(r.strength).toBe("ok");
      expect(r.anchor.certificate).toBe(root);
    }
  });

  it("builds a 3-level path through a candidate intermediate, reporting the CA with a null finding when revocation is ignored", async () => {
    const r = await checkPath(request(leaf3, [leaf3, inter, inter], trustListOf([root])));
    expect(r.status).toBe("valid");
    expect(names(r)).toEqual(["Leaf3", "Inter", "Root"]);
    if (r.status === "valid") expect(r.cas).toEqual([{ certificate: inter, issuer: root, revocation: null }]);
  });

  it("ends at a listed intermediate without needing the root", async () => {
    const r = await checkPath(request(leaf3, [root], trustListOf([inter])));
    expect(r.status).toBe("valid");
    expect(names(r)).toEqual(["Leaf3", "Inter"]);
  });

  it("ends at the first listed certificate even when its issuer is listed too", async () => {
    const r = await checkPath(request(leaf3, [], trustListOf([root, inter])));
    expect(names(r)).toEqual(["Leaf3", "Inter"]);
  });

  it("reports no-path when the intermediate is missing", async () => {
    const r = await checkPath(request(leaf3, [], trustListOf([root])));
    expect(r.status).toBe("no-path");
    if (r.status === "no-path") expect(r.detail).toContain("Inter");
  });

  it("reports untrusted-root when the walk ends at an unlisted self-signed root", async () => {
    const other = pki.cert("other-root", { subject: "/CN=Other Root", key: "other", ext: CA_EXT });
    const r = await checkPath(request(leaf3, [inter, root], trustListOf([other])));
    expect(r.status).toBe("untrusted-root");
    expect(names(r)).toEqual(["Leaf3", "Inter", "Root"]);
  });

  it("reports untrusted-root for an unlisted self-signed leaf", async () => {
    const self = pki.cert("self-leaf", { subject: "/CN=Self", key: "self", ext: EE_EXT });
    const r = await checkPath(request(self, [root], trustListOf([root])));
    expect(r.status).toBe("untrusted-root");
    expect(r.path).toEqual([self]);
  });

  it("takes a listed self-signed signing certificate as its own anchor", async () => {
    const self = pki.cert("self-listed", { subject: "/CN=Self Listed", key: "self-listed", ext: EE_EXT });
    const r = await checkPath(request(self, [], trustListOf([self])));
    expect(r.status).toBe("valid");
    expect(r.path).toEqual([self]);
  });

  it("asks revocation status for each CA below the anchor, with the next certificate up as issuer", async () => {
    const r = await checkPath(request(leaf3, [inter], trustListOf([root]), { revocation: { crls: [], ocsp: [] } }));
    expect(r.status).toBe("valid");
    if (r.status === "valid") {
      expect(r.cas).toHaveLength(1);
      expect(r.cas[0]!.certificate).toBe(inter);
      // No evidence at all: the status is unknown, never "not revoked".
      expect(r.cas[0]!.revocation?.known).toBe(false);
      expect(r.cas[0]!.revocation?.revocation).toBeUndefined();
    }
  });

  it("does not end the path at a listed leaf: the leaf is judged by its issuer", async () => {
    const withIssuer = await checkPath(request(leaf3, [inter], trustListOf([leaf3, root])));
    expect(names(withIssuer)).toEqual(["Leaf3", "Inter", "Root"]);
    const alone = await checkPath(request(leaf3, [], trustListOf([leaf3])));
    expect(alone.status).toBe("no-path");
  });

  it("accepts only anchors whose provider offers the service, and requires id-kp-timeStamping for timestamping", async () => {
    const tsa = pki.cert("tsa", { subject: "/CN=TSA", key: "tsa", issuer: "root", ext: [...EE_EXT, "extendedKeyUsage=critical,timeStamping"] });
    const signingOnly = await checkPath(request(tsa, [], trustListOf([root], ["signing"]), { service: "timestamping" }));
    expect(signingOnly.status).toBe("no-path");
    const rootGiven = await checkPath(request(tsa, [root], trustListOf([root], ["signing"]), { service: "timestamping" }));
    expect(rootGiven.status).toBe("untrusted-root");
    const ok = await checkPath(request(tsa, [], trustListOf([root], ["timestamping"]), { service: "timestamping" }));
    expect(ok.status).toBe("valid");
    const noEku = await checkPath(request(leaf2, [], trustListOf([root], ["timestamping"]), { service: "timestamping" }));
    expect(noEku.status).toBe("invalid");
    if (noEku.status === "invalid") expect([noEku.reason, noEku.index]).toEqual(["EKU_NOT_ALLOWED", 0]);
  });
});

describe("buildPath: look-alike issuers", () => {
  let fake: Certificate;
  let leafNoAki: Certificate;
  beforeAll(() => {
    // Same name as Inter, another key, properly issued by Root: only the key tells them apart.
    fake = pki.cert("fake-inter", { subject: "/CN=Inter", key: "fake", issuer: "root", ext: CA_EXT, keyIds: false });
    // No AKI, so key identifiers cannot steer the builder: it must learn from the signatures.
    leafNoAki = pki.cert("leaf-no-aki", { subject: "/CN=NoAki", key: "leaf", issuer: "inter", ext: EE_EXT, keyIds: false });
  });

  it("skips the look-alike when the real intermediate is there, checking each signature once", async () => {
    const env = countingEnv();
    const r = await checkPath(request(leafNoAki, [fake, inter], trustListOf([root]), { env }));
    expect(r.status).toBe("valid");
    expect(r.path[1]).toBe(inter);
    // leaf/fake (fails), leaf/inter, inter/root: three distinct pairs, each verified once.
    expect(env.verifies()).toBe(3);
  });

  it("reports the look-alike path as invalid (bad signature) when it is the only one", async () => {
    const r = await checkPath(request(leafNoAki, [fake], trustListOf([root])));
    expect(r.status).toBe("invalid");
    if (r.status === "invalid") expect([r.reason, r.index]).toEqual(["SIGNATURE_INVALID", 0]);
  });

  it("does not treat a listed name with another key as an anchor", async () => {
    const fakeRoot = pki.cert("fake-root", { subject: "/CN=Root", key: "fake-root", ext: CA_EXT });
    const r = await checkPath(request(leaf3, [inter, root], trustListOf([fakeRoot])));
    // The real root is unlisted; the listed look-alike fails the signature and the key identifiers.
    expect(r.status).toBe("untrusted-root");
    expect(r.path[2]).toBe(root);
  });
});

describe("buildPath: loops and budgets", () => {
  it("terminates on two CAs cross-signing each other", async () => {
    pki.cert("A0", { subject: "/CN=A", key: "A", ext: CA_EXT });
    pki.cert("B0", { subject: "/CN=B", key: "B", ext: CA_EXT });
    const aByB = pki.cert("AbyB", { subject: "/CN=A", key: "A", issuer: "B0", ext: CA_EXT });
    const bByA = pki.cert("BbyA", { subject: "/CN=B", key: "B", issuer: "A0", ext: CA_EXT });
    const leaf = pki.cert("leafA", { subject: "/CN=LeafA", key: "leaf", issuer: "A0", ext: EE_EXT });
    const r = await checkPath(request(leaf, [aByB, bByA], trustListOf([root])));
    expect(r.status).toBe("no-path");
  });

  it("terminates within the budget on 50 same-name CAs issuing each other", async () => {
    const certs: Certificate[] = [];
    pki.cert("evil-0", { subject: "/CN=Evil", key: "evil-0", ext: CA_EXT, keyIds: false });
    for (let i = 1; i < 50; i++) {
      certs.push(pki.cert(`evil-${i}`, { subject: "/CN=Evil", key: `evil-${i}`, issuer: `evil-${i - 1}`, ext: CA_EXT, keyIds: false }));
    }
    const leaf = pki.cert("evil-leaf", { subject: "/CN=Victim", key: "leaf", issuer: "evil-49", ext: EE_EXT, keyIds: false });
    const env = countingEnv();
    const budget = { maxDepth: 10, maxCandidates: 200, maxSignatureChecks: 100 };
    const r = await checkPath(request(leaf, [...certs].reverse(), trustListOf([root]), { env, budget }));
    expect(r.status).toBe("no-path");
    if (r.status === "no-path") expect(r.detail).toContain("budget exhausted");
    expect(env.verifies()).toBeLessThanOrEqual(100);
  }, 120_000);

  it("still finds the real path among many look-alikes", async () => {
    const fakes: Certificate[] = [];
    for (let i = 0; i < 20; i++) {
      fakes.push(pki.cert(`lookalike-${i}`, { subject: "/CN=Inter", key: `lookalike-${i}`, issuer: "root", ext: CA_EXT, keyIds: false }));
    }
    const leafNoAki = pki.cert("leaf-no-aki-2", { subject: "/CN=NoAki2", key: "leaf", issuer: "inter", ext: EE_EXT, keyIds: false });
    const r = await checkPath(request(leafNoAki, [...fakes, inter], trustListOf([root])));
    expect(r.status).toBe("valid");
    expect(r.path[1]).toBe(inter);
  }, 60_000);

  it("respects the depth limit", async () => {
    const r = await checkPath(request(leaf3, [inter], trustListOf([root]), { budget: { maxDepth: 2, maxCandidates: 10, maxSignatureChecks: 10 } }));
    expect(r.status).toBe("no-path");
    if (r.status === "no-path") expect(r.detail).toContain("budget exhausted");
  });
});
