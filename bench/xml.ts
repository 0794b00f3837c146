// `npm run bench:xml` (bundled with esbuild like `npm run bench`, so the numbers are those of the built code): the signed-XML layer's numbers (warm, keys imported), against a floor and against xml-crypto 6.
//   1. a ~10 KB invoice signed by a seller and the tax authority (RSA-2048): validateXml, the floor (SHA-256 of the
//      canonical forms + the two RSA verifies, nothing else), and xml-crypto's checkSignature on both signatures; then
//      validateXml with the trust list given as JSON on each call, and readSignedXml alone;
//   2. parsing alone, own reader vs @xmldom/xmldom (the DOM xml-crypto uses), on the 10 KB and a 2 MB invoice;
//   3. linear growth: validateXml on invoices of 1,250 to 5,000 lines (the last about 2 MB);
//   4. bundle sizes: decree130/xml, and @xmldom/xmldom alone.
// Medians of timed rounds after warm-up; validateXml and its floor run in alternating batches and their ratio is the
// median of the batches' ratios. Informative only: no assertion, no CI gate.
import { gzipSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { build } from "esbuild";
import { SignedXml as XmlCryptoSignedXml } from "xml-crypto";
import { createTestInvoice, createTestPki, issueCertificate, signXml, toPem, type TestIdentity } from "../src/testing/index.js";
import { createValidationCache } from "../src/cache/validation-cache.js";
import { loadTrustList } from "../src/trust/load.js";
import { decodeCertificate } from "../src/model/certificate.js";
import { canonicalize } from "../src/formats/xml/c14n.js";
import { parseXml, readSignedXml, validateXml } from "../src/formats/xml/index.js";
import { measureBundle } from "../scripts/bundle-size.mjs";

const NOW = new Date("2025-07-01T00:00:00Z");

async function median(work: () => Promise<unknown> | unknown, rounds: number): Promise<number> {
  for (let i = 0; i < Math.min(20, rounds); i++) await work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Two contenders in alternating batches (a busy machine slows both alike): each one's median over all its calls, and
 * the median, lowest and highest of the batches' ratios `a / b`.
 */
async function race(a: () => Promise<unknown>, b: () => Promise<unknown>, rounds: number, perRound: number): Promise<{ a: number; b: number; ratio: number; low: number; high: number }> {
  for (let i = 0; i < 100; i++) {
    await a();
    await b();
  }
  const all: [number[], number[]] = [[], []];
  const ratios: number[] = [];
  const mid = (x: number[]): number => [...x].sort((p, q) => p - q)[x.length >> 1]!;
  for (let r = 0; r < rounds; r++) {
    const batch: [number[], number[]] = [[], []];
    for (const [i, work] of [[1, b], [0, a]] as const) {
      for (let k = 0; k < perRound; k++) {
        const t = performance.now();
        await work();
        batch[i].push(performance.now() - t);
      }
      all[i].push(...batch[i]);
    }
    ratios.push(mid(batch[0]) / mid(batch[1]));
  }
  ratios.sort((p, q) => p - q);
  return { a: mid(all[0]), b: mid(all[1]), ratio: ratios[ratios.length >> 1]!, low: ratios[0]!, high: ratios[ratios.length - 1]! };
}

const ms = (n: number): string => `${n.toFixed(n < 1 ? 3 : 2)} ms`;

async function signedInvoice(lines: number, seller: TestIdentity, cqt: TestIdentity): Promise<string> {
  const xml = createTestInvoice({
    seller: { name: "TEST Công ty Cổ phần Thương mại Bán", mst: "0101234567", address: "Số 1 Đường Thử, Hà Nội" },
    buyer: { name: "TEST Công ty TNHH Mua", mst: "0109876543", address: "Số 2 Đường Thử, TP Hồ Chí Minh" },
    lines: Array.from({ length: lines }, (_, i) => ({
      name: `Hàng hóa dịch vụ thử nghiệm số ${i + 1}: quy cách đóng gói thùng 24 hộp, xuất xứ Việt Nam, bảo hành 12 tháng, giao tại kho Hà Nội, kèm phiếu kiểm định chất lượng và hóa đơn vận chuyển`,
      quantity: (i % 7) + 1,
      unitPrice: 12_500 + i,
      unit: "thùng",
    })),
    envelope: { sender: "V0101234567", receiver: "TCT", messageType: "200" },
  });
  const one = await signXml(xml, seller, { role: "seller", signingTime: "2025-06-01T02:00:00Z" });
  return signXml(one, cqt, { role: "tax-authority", signingTime: "2025-06-01T02:05:00Z" });
}

const pki = await createTestPki({ keyAlgorithm: "RSA-2048" });
const validity = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" };
const seller = await issueCertificate(pki.publicCa, { subject: { commonName: "TEST Bán", MST: "0101234567" }, ...validity });
const cqt = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "TỔNG CỤC THUẾ" }, ...validity });

// 1. the 10 KB invoice
const small = await signedInvoice(12, seller, cqt);
const smallBytes = new TextEncoder().encode(small);
console.log(`10 KB invoice: ${smallBytes.length} bytes, 2 signatures (RSA-2048, SHA-256)`);
// The engine's whole run (path to the test trust list, revocation, the four conditions), warm: the trust list loaded
// once and one shared cache, as a service holds them.
const judged = { now: NOW, trustList: loadTrustList(pki.trustList), certificates: [pki.governmentSubCa.certificate], cache: createValidationCache() };
// The same with the trust list passed as its JSON object on every call (the testing kit's, or a service's own file).
const asJson = { ...judged, trustList: pki.trustList, cache: createValidationCache() };
const oursJson = await median(() => validateXml(smallBytes, asJson), 300);
// The XML layer alone: parse, Id index, C14N, the reference digests, the binding rule (no certificate, no verify).
const readOnly = await median(() => readSignedXml(smallBytes), 300);

// The floor: what any validator must do at least, with the canonical forms already made and the keys imported: the
// SHA-256 of each distinct canonical form the references cover and the two SignatureValue verifies, all handed to
// WebCrypto at once (none depends on another, and validateXml overlaps them too).
const signed = await readSignedXml(smallBytes);
// Each distinct canonical form once: the seller's and the tax authority's references to the DLHDon have the same one,
// which validateXml hashes once too (each reference still compares its own DigestValue).
const forms = new Set(signed.signatures.flatMap((s) => s.targets.map((t) => canonicalize({ apex: t!, exclude: s.element }, { exclusive: false, withComments: false }))));
const digests = [...forms].map((f) => new TextEncoder().encode(f));
const keys = await Promise.all(
  signed.signatures.map((s) =>
    crypto.subtle.importKey("spki", decodeCertificate(s.certificates[0]!).spki as BufferSource, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]),
  ),
);
const floorWork = (): Promise<unknown> =>
  Promise.all([
    ...digests.map((d) => crypto.subtle.digest("SHA-256", d as BufferSource)),
    ...signed.signatures.map((s, i) => crypto.subtle.verify("RSASSA-PKCS1-v1_5", keys[i]!, s.signatureValue as BufferSource, s.signedInfo as BufferSource)),
  ]);
// validateXml and the floor in alternating batches of 20 calls: the ratio is the median of the 15 batches' ratios.
const { a: ours, b: floor, ratio, low, high } = await race(() => validateXml(smallBytes, judged), floorWork, 15, 20);

const pems = [toPem(seller.certificate, "CERTIFICATE"), toPem(cqt.certificate, "CERTIFICATE")];
const xmlCrypto = await median(() => {
  const doc = new DOMParser().parseFromString(small, "text/xml");
  const sigs = Array.from(doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature"));
  return sigs.every((node, i) => {
    const sx = new XmlCryptoSignedXml({ publicCert: pems[i]!, getCertFromKeyInfo: () => null });
    sx.loadSignature(node as unknown as Node);
    return sx.checkSignature(small);
  });
}, 300);
console.log(`  validateXml (parse, C14N, digests, binding, 2 verifies, paths, revocation, conditions, report): ${ms(ours)}`);
console.log(`  floor (SHA-256 of the canonical forms + 2 RSA verifies):        ${ms(floor)}  -> x${ratio.toFixed(1)} (batches ${low.toFixed(1)}-${high.toFixed(1)})`);
console.log(`  xml-crypto 6 checkSignature, both signatures:                   ${ms(xmlCrypto)}  -> ours x${(ours / xmlCrypto).toFixed(2)}`);
console.log(`  validateXml, trust list passed as JSON on every call (shared cache): ${ms(oursJson)}`);
console.log(`  readSignedXml alone (parse, Id index, C14N, digests, binding; no verify): ${ms(readOnly)}`);

// 2. parsing alone
const large = await signedInvoice(5000, seller, cqt);
const largeBytes = new TextEncoder().encode(large);
for (const [label, text, bytes, rounds] of [["10 KB", small, smallBytes, 500], [`${(largeBytes.length / 1048576).toFixed(1)} MB`, large, largeBytes, 20]] as const) {
  const own = await median(() => parseXml(bytes), rounds);
  const dom = await median(() => new DOMParser().parseFromString(text, "text/xml"), rounds);
  console.log(`parse ${label}: own reader ${ms(own)}, @xmldom/xmldom 0.8 ${ms(dom)} (x${(dom / own).toFixed(1)})`);
}

// 3. linear growth
for (const lines of [1250, 2500, 5000]) {
  const doc = lines === 5000 ? largeBytes : new TextEncoder().encode(await signedInvoice(lines, seller, cqt));
  const t = await median(() => validateXml(doc, judged), 15);
  console.log(`validateXml, ${lines} lines (${(doc.length / 1024).toFixed(0)} KB): ${ms(t)} (${((t / doc.length) * 1048576).toFixed(1)} ms per MB)`);
}

// 4. bundle sizes
const xmlEntry = await measureBundle("src/formats/xml/index.ts");
const xmldom = await build({ stdin: { contents: 'export { DOMParser } from "@xmldom/xmldom";', resolveDir: process.cwd() }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
console.log(`bundle decree130/xml: ${(xmlEntry.gzip / 1024).toFixed(1)} KiB min+gzip; @xmldom/xmldom DOMParser alone: ${(gzipSync(xmldom.outputFiles[0]!.contents).length / 1024).toFixed(1)} KiB min+gzip`);
