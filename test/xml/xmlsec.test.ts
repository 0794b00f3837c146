// Cross-checks with xmlsec1 (libxmlsec, Debian's xmlsec1 package): on every signed fixture without the .NET quirk, the
// reference digests and the SignatureValue result agree. xmlsec1 is only a witness of core XMLDSig: it has no binding,
// duplicate-Id, algorithm or reference policy (see docs/xml.md), so those rules are tested elsewhere.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTestInvoice, signXml, tamperXmlText } from "decree130/testing";
import { readSignedXml, selectSigningCertificate } from "decree130/xml";
import { createKeyCache } from "../../src/cache/key-cache.js";
import { parseXml } from "../../src/formats/xml/parse.js";
import { DSIG_NS, type XmlElement } from "../../src/formats/xml/tree.js";
import { CORPORA } from "../corpora.js";
import { xmlSigners } from "./helpers.js";

const hasXmlsec = spawnSync("xmlsec1", ["--version"]).status === 0;
const work = mkdtempSync(join(tmpdir(), "decree130-xmlsec-"));
let n = 0;

/** Every element name that carries an Id, as xmlsec1's --id-attr wants it ({namespace}:local). */
function idNodes(xml: string): string[] {
  const out = new Set<string>();
  const stack: XmlElement[] = [parseXml(xml).root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.attributes.some((a) => a.local === "Id" && a.ns === "")) out.add(e.ns ? `${e.ns}:${e.local}` : e.local);
    for (const c of e.children) if (c.type === "element") stack.push(c);
  }
  return [...out];
}

/** xmlsec1's verdict on one signature: whether it verified, and how many references matched. */
function xmlsec(xml: string, signatureId: string): { ok: boolean; refsOk: number; refs: number } {
  const file = join(work, `doc-${n++}.xml`);
  writeFileSync(file, xml);
  const ids = idNodes(xml).flatMap((node) => ["--id-attr:Id", node]);
  if (!ids.includes(`${DSIG_NS}:Signature`)) ids.push("--id-attr:Id", `${DSIG_NS}:Signature`);
  const r = spawnSync("xmlsec1", ["--verify", "--insecure", ...ids, "--node-id", signatureId, file], { encoding: "utf8" });
  const out = `${r.stdout}${r.stderr}`;
  const m = /SignedInfo References \(ok\/all\): (\d+)\/(\d+)/.exec(out);
  return { ok: r.status === 0 && /^OK$/m.test(out), refsOk: Number(m?.[1] ?? -1), refs: Number(m?.[2] ?? -1) };
}

/** Ours: per signature, how many reference digests matched, and whether SignatureValue verified with a certificate. */
async function ours(xml: string): Promise<{ id: string; ok: boolean; refsOk: number; refs: number }[]> {
  const signed = await readSignedXml(xml);
  const env = { crypto: globalThis.crypto, keys: createKeyCache(16) };
  const out = [];
  for (const s of signed.signatures) {
    const { outcome } = await selectSigningCertificate(s, env);
    const refsOk = s.covers.filter((c) => c.digestValid).length;
    out.push({ id: s.id ?? "", ok: outcome?.ok === true && refsOk === s.covers.length, refsOk, refs: s.covers.length });
  }
  return out;
}

async function agree(xml: string): Promise<{ id: string; ok: boolean; refsOk: number; refs: number }[]> {
  const mine = await ours(xml);
  for (const m of mine) expect({ id: m.id, ...xmlsec(xml, m.id) }).toEqual(m);
  return mine;
}

describe.skipIf(!hasXmlsec)("agreement with xmlsec1 --verify (skipped only where xmlsec1 is not installed)", async () => {
  const s = await xmlSigners();
  const invoice = createTestInvoice({
    seller: { name: "TEST Công ty Bán", mst: "0101234567" },
    buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
    lines: [{ name: "Bút bi <xanh> & đỏ", quantity: 3, unitPrice: 5000 }],
  });
  const sellerSigned = await signXml(invoice, s.seller, { role: "seller", signingTime: "2025-06-01T02:00:00Z" });

  it.each([
    "einvoice-tct-msg202-safe-ca-test-seller-plus-cqt-sig.xml",
    "tct-ketquatracuu-tdiep102-cqt-vgca-g2.xml",
  ])("real file %s", async (name) => {
    const mine = await agree(readFileSync(join(CORPORA, "vn-pki", "signed", name), "utf8"));
    expect(mine.every((m) => m.ok)).toBe(true);
  });

  it("kit: seller then tax authority, TDiep wrapper with namespaces on HDon, xmlns=\"\" inside ds:Object", async () => {
    const wrapped = createTestInvoice({
      seller: { name: "TEST Bán", mst: "0101234567" },
      lines: [{ name: "Dịch vụ", quantity: 1, unitPrice: 1_000_000, vatRate: 8 }],
      envelope: { sender: "V0101234567", receiver: "TCT", messageType: "200" },
      namespaces: { inv: "http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1", ds: "http://www.w3.org/2000/09/xmldsig#" },
    });
    const one = await signXml(wrapped, s.seller, { role: "seller", signingTime: "2025-06-01T02:00:00Z" });
    const two = await signXml(one, s.taxAuthority, { role: "tax-authority", signingTime: "2025-06-01T02:03:00Z", undeclareNamespace: true, envelopedTransform: false });
    expect((await agree(two)).map((m) => m.ok)).toEqual([true, true]);
  });

  it.each([
    ["exclusive C14N, ds: prefix", { c14n: "exclusive", prefixed: true }],
    ["inclusive C14N with comments", { c14n: "inclusive-with-comments" }],
    ["SHA-512", { digest: "SHA-512" }],
    ["whole document (URI=\"\"), role other", { role: "other", wholeDocument: true }],
  ] as const)("kit: %s", async (_label, extra) => {
    const xml = await signXml(invoice, s.seller, { role: "seller", signingTime: "2025-06-01T02:00:00Z", ...extra });
    expect((await agree(xml)).map((m) => m.ok)).toEqual([true]);
  });

  it.each(["SHA-1", "SHA-256"] as const)("kit: RSA-2048 with %s", async (digest) => {
    const xml = await signXml(invoice, s.rsaSeller, { role: "seller", digest, signingTime: "2025-06-01T02:00:00Z" });
    expect((await agree(xml)).map((m) => m.ok)).toEqual([true]);
  });

  it("tampered data: both see the DLHDon digest fail (xmlsec1 stops at the first failed reference)", async () => {
    const tampered = tamperXmlText(sellerSigned, "TgTTTBSo", "1");
    const [mine] = await ours(tampered);
    expect(mine).toEqual({ id: expect.any(String), ok: false, refsOk: 1, refs: 2 });
    expect(xmlsec(tampered, mine!.id)).toEqual({ ok: false, refsOk: 0, refs: 1 });
  });

  it("tampered SignatureValue: both refuse it with every digest intact", async () => {
    const sigValue = /<SignatureValue>([^<]+)</.exec(sellerSigned)![1]!;
    const flipped = sellerSigned.replace(sigValue, `${sigValue[0] === "A" ? "B" : "A"}${sigValue.slice(1)}`);
    const mine = await agree(flipped);
    expect(mine).toEqual([{ id: expect.any(String), ok: false, refsOk: 2, refs: 2 }]);
  });
});
