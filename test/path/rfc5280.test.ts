import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPath } from "../../src/revocation/path-status.js";
import type { PathFailure, PathResult } from "../../src/path/types.js";
import type { Certificate } from "../../src/model/certificate.js";
import { CA_EXT, EE_EXT, Pki, request, trustListOf } from "./helpers.js";

let pki: Pki;
let root: Certificate;

beforeAll(() => {
  pki = new Pki();
  root = pki.cert("root", { subject: "/O=Good/CN=Root", key: "root", ext: CA_EXT });
});
afterAll(() => pki.dispose());

/** Builds leaf <- intermediates (in issuing order, root first) and returns the outcome against the root. */
async function chain(cas: readonly Certificate[], leaf: Certificate, anchor: Certificate = root): Promise<PathResult> {
  return checkPath(request(leaf, cas, trustListOf([anchor])));
}

function expectInvalid(r: PathResult, reason: PathFailure, index: number): void {
  expect(r.status).toBe("invalid");
  if (r.status === "invalid") expect({ reason: r.reason, index: r.index }).toEqual({ reason, index });
}

describe("basicConstraints and keyUsage", () => {
  it("rejects a cA:false intermediate with NOT_A_CA", async () => {
    const ca = pki.cert("ca-false", { subject: "/CN=NotCA", key: "k1", issuer: "root", ext: ["basicConstraints=critical,CA:false", "keyUsage=critical,keyCertSign"] });
    const leaf = pki.cert("leaf-ca-false", { subject: "/CN=L1", key: "leaf", issuer: "ca-false", ext: EE_EXT });
    expectInvalid(await chain([ca], leaf), "NOT_A_CA", 1);
  });

  it("rejects an intermediate without basicConstraints with NOT_A_CA", async () => {
    const ca = pki.cert("ca-nobc", { subject: "/CN=NoBC", key: "k2", issuer: "root", ext: ["keyUsage=critical,keyCertSign"] });
    const leaf = pki.cert("leaf-nobc", { subject: "/CN=L2", key: "leaf", issuer: "ca-nobc", ext: EE_EXT });
    expectInvalid(await chain([ca], leaf), "NOT_A_CA", 1);
  });

  it("rejects a version 1 intermediate with NOT_A_CA", async () => {
    const ca = pki.cert("ca-v1", { subject: "/CN=V1CA", key: "k3", issuer: "root", v1: true });
    expect(ca.version).toBe(1);
    const leaf = pki.cert("leaf-v1", { subject: "/CN=L3", key: "leaf", issuer: "ca-v1", ext: EE_EXT, keyIds: false });
    expectInvalid(await chain([ca], leaf), "NOT_A_CA", 1);
  });

  it("rejects a CA whose keyUsage lacks keyCertSign", async () => {
    const ca = pki.cert("ca-noksign", { subject: "/CN=NoKeyCertSign", key: "k4", issuer: "root", ext: ["basicConstraints=critical,CA:true", "keyUsage=critical,cRLSign,digitalSignature"] });
    const leaf = pki.cert("leaf-noksign", { subject: "/CN=L4", key: "leaf", issuer: "ca-noksign", ext: EE_EXT });
    expectInvalid(await chain([ca], leaf), "KEY_CERT_SIGN_MISSING", 1);
  });

  it("accepts a CA without keyUsage", async () => {
    const ca = pki.cert("ca-noku", { subject: "/CN=NoKU", key: "k5", issuer: "root", ext: ["basicConstraints=critical,CA:true"] });
    const leaf = pki.cert("leaf-noku", { subject: "/CN=L5", key: "leaf", issuer: "ca-noku", ext: EE_EXT });
    expect((await chain([ca], leaf)).status).toBe("valid");
  });
});

describe("pathLenConstraint", () => {
  it("rejects a second CA under pathlen:0", async () => {
    const ca = pki.cert("pl0", { subject: "/CN=PL0", key: "k6", issuer: "root", ext: ["basicConstraints=critical,CA:true,pathlen:0", "keyUsage=critical,keyCertSign"] });
    const sub = pki.cert("pl0-sub", { subject: "/CN=PL0 Sub", key: "k7", issuer: "pl0", ext: CA_EXT });
    const leaf = pki.cert("leaf-pl0", { subject: "/CN=L6", key: "leaf", issuer: "pl0-sub", ext: EE_EXT });
    expectInvalid(await chain([ca, sub], leaf), "PATH_LENGTH_EXCEEDED", 1);
    const direct = pki.cert("leaf-pl0-direct", { subject: "/CN=L6b", key: "leaf", issuer: "pl0", ext: EE_EXT });
    expect((await chain([ca], direct)).status).toBe("valid");
  });

  it("does not count a self-issued intermediate under pathlen:0", async () => {
    const ca = pki.cert("pl0b", { subject: "/CN=PL0B", key: "k8", issuer: "root", ext: ["basicConstraints=critical,CA:true,pathlen:0", "keyUsage=critical,keyCertSign"] });
    // Key rollover: the same name, the new key certified by the old one.
    const rolled = pki.cert("pl0b-new", { subject: "/CN=PL0B", key: "k8-new", issuer: "pl0b", ext: CA_EXT });
    const leaf = pki.cert("leaf-pl0b", { subject: "/CN=L7", key: "leaf", issuer: "pl0b-new", ext: EE_EXT });
    const r = await chain([ca, rolled], leaf);
    expect(r.status).toBe("valid");
    expect(r.path).toHaveLength(4);
  });

  it("applies the anchor's own pathLenConstraint", async () => {
    const tight = pki.cert("root-pl0", { subject: "/CN=Tight Root", key: "tight", ext: ["basicConstraints=critical,CA:true,pathlen:0", "keyUsage=critical,keyCertSign"] });
    const ca = pki.cert("under-tight", { subject: "/CN=Under Tight", key: "k9", issuer: "root-pl0", ext: CA_EXT });
    const leaf = pki.cert("leaf-tight", { subject: "/CN=L8", key: "leaf", issuer: "under-tight", ext: EE_EXT });
    expectInvalid(await chain([ca], leaf, tight), "PATH_LENGTH_EXCEEDED", 1);
  });
});

describe("critical extensions", () => {
  it("rejects an unknown critical extension on the leaf", async () => {
    const leaf = pki.cert("leaf-crit", { subject: "/CN=L9", key: "leaf", issuer: "root", ext: [...EE_EXT, "1.2.3.4=critical,ASN1:NULL"] });
    expectInvalid(await chain([], leaf), "UNKNOWN_CRITICAL_EXTENSION", 0);
  });

  it("rejects an unknown critical extension on a CA", async () => {
    const ca = pki.cert("ca-crit", { subject: "/CN=CritCA", key: "k10", issuer: "root", ext: [...CA_EXT, "1.2.3.4=critical,ASN1:NULL"] });
    const leaf = pki.cert("leaf-ca-crit", { subject: "/CN=L10", key: "leaf", issuer: "ca-crit", ext: EE_EXT });
    expectInvalid(await chain([ca], leaf), "UNKNOWN_CRITICAL_EXTENSION", 1);
  });

  it("rejects an unknown critical extension on the anchor too", async () => {
    const odd = pki.cert("root-crit", { subject: "/CN=Odd Root", key: "odd", ext: [...CA_EXT, "1.2.3.4=critical,ASN1:NULL"] });
    const leaf = pki.cert("leaf-odd", { subject: "/CN=L12", key: "leaf", issuer: "root-crit", ext: EE_EXT });
    expectInvalid(await chain([], leaf, odd), "UNKNOWN_CRITICAL_EXTENSION", 1);
  });

  it("accepts an unknown non-critical extension", async () => {
    const leaf = pki.cert("leaf-noncrit", { subject: "/CN=L11", key: "leaf", issuer: "root", ext: [...EE_EXT, "1.2.3.4=ASN1:NULL"] });
    expect((await chain([], leaf)).status).toBe("valid");
  });
});

describe("name constraints", () => {
  let dnCa: Certificate;
  let dnsCa: Certificate;
  beforeAll(() => {
    dnCa = pki.cert("nc-dn", {
      subject: "/O=Good/CN=DN CA",
      key: "k11",
      issuer: "root",
      ext: [...CA_EXT, "nameConstraints=critical,permitted;dirName:permit_dn,excluded;dirName:exclude_dn"],
      sections: "[permit_dn]\nO=Good\n[exclude_dn]\nO=Good\nOU=Banned\n",
    });
    dnsCa = pki.cert("nc-dns", {
      subject: "/O=Good/CN=DNS CA",
      key: "k12",
      issuer: "root",
      ext: [...CA_EXT, "nameConstraints=critical,permitted;DNS:example.com,permitted;email:example.com,excluded;DNS:bad.example.com"],
    });
  });

  it("accepts a subject inside the permitted directoryName subtree", async () => {
    const leaf = pki.cert("nc-dn-ok", { subject: "/O=Good/OU=Sales/CN=Alice", key: "leaf", issuer: "nc-dn", ext: EE_EXT });
    expect((await chain([dnCa], leaf)).status).toBe("valid");
  });

  it("rejects a subject outside the permitted directoryName subtree", async () => {
    const leaf = pki.cert("nc-dn-out", { subject: "/O=Evil/CN=Mallory", key: "leaf", issuer: "nc-dn", ext: EE_EXT });
    expectInvalid(await chain([dnCa], leaf), "NAME_CONSTRAINTS_VIOLATED", 0);
  });

  it("rejects a subject inside the excluded directoryName subtree", async () => {
    const leaf = pki.cert("nc-dn-ex", { subject: "/O=Good/OU=Banned/CN=Bob", key: "leaf", issuer: "nc-dn", ext: EE_EXT });
    expectInvalid(await chain([dnCa], leaf), "NAME_CONSTRAINTS_VIOLATED", 0);
  });

  it("rejects a directoryName in subjectAltName outside the permitted subtree", async () => {
    const leaf = pki.cert("nc-dn-san", {
      subject: "/O=Good/CN=Carol",
      key: "leaf",
      issuer: "nc-dn",
      ext: [...EE_EXT, "subjectAltName=dirName:san_dn"],
      sections: "[san_dn]\nO=Evil\nCN=Carol\n",
    });
    expectInvalid(await chain([dnCa], leaf), "NAME_CONSTRAINTS_VIOLATED", 0);
  });

  it("applies DNS and email subtrees to subjectAltName", async () => {
    const ok = pki.cert("nc-dns-ok", { subject: "/CN=www", key: "leaf", issuer: "nc-dns", ext: [...EE_EXT, "subjectAltName=DNS:www.example.com,email:a@example.com"] });
    expect((await chain([dnsCa], ok)).status).toBe("valid");
    const out = pki.cert("nc-dns-out", { subject: "/CN=www2", key: "leaf", issuer: "nc-dns", ext: [...EE_EXT, "subjectAltName=DNS:www.example.org"] });
    expectInvalid(await chain([dnsCa], out), "NAME_CONSTRAINTS_VIOLATED", 0);
    const ex = pki.cert("nc-dns-ex", { subject: "/CN=www3", key: "leaf", issuer: "nc-dns", ext: [...EE_EXT, "subjectAltName=DNS:x.bad.example.com"] });
    expectInvalid(await chain([dnsCa], ex), "NAME_CONSTRAINTS_VIOLATED", 0);
    const mail = pki.cert("nc-mail-out", { subject: "/CN=m", key: "leaf", issuer: "nc-dns", ext: [...EE_EXT, "subjectAltName=email:a@example.org"] });
    expectInvalid(await chain([dnsCa], mail), "NAME_CONSTRAINTS_VIOLATED", 0);
  });

  it("applies iPAddress subtrees", async () => {
    const ca = pki.cert("nc-ip", { subject: "/CN=IP CA", key: "k14", issuer: "root", ext: [...CA_EXT, "nameConstraints=critical,permitted;IP:10.0.0.0/255.0.0.0"] });
    const inside = pki.cert("nc-ip-in", { subject: "/CN=ip1", key: "leaf", issuer: "nc-ip", ext: [...EE_EXT, "subjectAltName=IP:10.1.2.3"] });
    expect((await chain([ca], inside)).status).toBe("valid");
    const outside = pki.cert("nc-ip-out", { subject: "/CN=ip2", key: "leaf", issuer: "nc-ip", ext: [...EE_EXT, "subjectAltName=IP:11.1.2.3"] });
    expectInvalid(await chain([ca], outside), "NAME_CONSTRAINTS_VIOLATED", 0);
  });

  it("applies the anchor's own name constraints to the path below it", async () => {
    const ncRoot = pki.cert("nc-root", {
      subject: "/O=Good/CN=NC Root",
      key: "nc-root",
      ext: [...CA_EXT, "nameConstraints=critical,permitted;DNS:example.com"],
    });
    const leaf = pki.cert("nc-root-leaf", { subject: "/CN=r", key: "leaf", issuer: "nc-root", ext: [...EE_EXT, "subjectAltName=DNS:evil.test"] });
    expectInvalid(await chain([], leaf, ncRoot), "NAME_CONSTRAINTS_VIOLATED", 0);
  });

  it("fails closed on a critical constraint of a form it does not enforce", async () => {
    const ca = pki.cert("nc-other", {
      subject: "/CN=Other NC",
      key: "k13",
      issuer: "root",
      ext: [...CA_EXT, "nameConstraints=critical,permitted;otherName:1.2.3.4;UTF8:x"],
    });
    const leaf = pki.cert("nc-other-leaf", { subject: "/CN=o", key: "leaf", issuer: "nc-other", ext: EE_EXT });
    expectInvalid(await chain([ca], leaf), "NAME_CONSTRAINTS_VIOLATED", 1);
  });
});
