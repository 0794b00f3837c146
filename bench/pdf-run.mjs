// One measurement in a fresh Node process (started by bench/pdf.ts): reads a PDF and runs scanPdf, validatePdf, or the
// floor (SHA-256 of the last signature's ByteRange bytes, hashed in place, and its signature verified) on the built
// package, or only loads the package and the file (`load`: the baseline of memory), then prints the
// in-process time (wall and CPU) and the RSS as JSON.
//   node bench/pdf-run.mjs load|floor|scan|validate <file.pdf> <trust-list.json>
import { createHash, verify, X509Certificate } from "node:crypto";
import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadTrustList } from "../dist/index.js";
import { scanPdf, validatePdf } from "../dist/pdf/index.js";

const NODE_HASHES = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
const SLICE = 1 << 20;

/** A streaming digest over node:crypto, as the command line passes one: the byte ranges are hashed where they lie. */
const nodeDigest = async (algorithm, parts) => {
  const hash = createHash(NODE_HASHES[algorithm]);
  for (const part of parts) for (let i = 0; i < part.length; i += SLICE) hash.update(part.subarray(i, i + SLICE));
  return new Uint8Array(hash.digest());
};

/** One DER element at `p` (definite lengths only: the bench's signatures are the testing kit's DER). */
function tlv(buf, p) {
  const tag = buf[p];
  let len = buf[p + 1];
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + 2 + i];
    head += n;
  }
  return { tag, start: p, value: p + head, end: p + head + len };
}

/** The children of a constructed element. */
function children(buf, e) {
  const out = [];
  for (let p = e.value; p < e.end; p = out[out.length - 1].end) out.push(tlv(buf, p));
  return out;
}

const hexBytes = (hex) => Buffer.from(hex.replace(/\s+/g, ""), "hex");

/**
 * The least any validator must do, as the issue defines the floor: hash the signed bytes (the last /ByteRange, found
 * by text here; `bytes` is a Buffer) and verify the signature over its signed attributes, whose messageDigest must be
 * that hash. The CMS is read by the shortest path; the signer is the certificate whose key verifies.
 */
async function floor(bytes) {
  const tail = bytes.subarray(Math.max(0, bytes.length - (1 << 16))).toString("latin1");
  const head = bytes.subarray(0, Math.min(bytes.length, 1 << 16)).toString("latin1");
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;
  const m = re.exec(tail) ?? re.exec(head);
  const [a, b, c, d] = m.slice(1).map(Number);
  const hash = await nodeDigest("SHA-256", [bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
  const cms = hexBytes(bytes.subarray(b + 1, c - 1).toString("latin1"));
  const signedData = tlv(cms, children(cms, tlv(cms, 0))[1].value);
  const parts = children(cms, signedData);
  const certificates = children(cms, parts.find((x) => x.tag === 0xa0));
  const signer = children(cms, children(cms, parts[parts.length - 1])[0]);
  const attrs = signer.find((x) => x.tag === 0xa0);
  const signature = signer.find((x) => x.tag === 0x04);
  const signedAttrs = Buffer.from(cms.subarray(attrs.start, attrs.end));
  signedAttrs[0] = 0x31;
  if (signedAttrs.indexOf(Buffer.from(hash)) < 0) throw new Error("floor: messageDigest is not the hash of the ByteRange bytes");
  const value = cms.subarray(signature.value, signature.end);
  for (const cert of certificates) {
    const key = new X509Certificate(cms.subarray(cert.start, cert.end)).publicKey;
    if (verify("sha256", signedAttrs, key, value)) return hash;
  }
  throw new Error("floor: no certificate verifies the signature");
}

const [mode, file, trust] = process.argv.slice(2);
// A Buffer is a Uint8Array: no copy, so the peak shows what the library itself holds.
const bytes = readFileSync(file);
const trustList = loadTrustList(readFileSync(trust, "utf8"));
const start = performance.now();
const cpuStart = process.cpuUsage();
const result =
  mode === "load"
    ? { signatures: [] }
    : mode === "scan"
    ? await scanPdf(bytes)
    : mode === "floor"
      ? { signatures: [await floor(bytes)] }
      : await validatePdf(bytes, { trustList, now: new Date("2025-07-01T00:00:00Z"), policy: { revocation: "ignore" }, digest: nodeDigest });
const ms = performance.now() - start;
// CPU time of every thread (WebCrypto works on the thread pool): less disturbed than wall time on a busy machine.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const signatures = result.signatures.length;
const verdict = mode === "validate" ? result.document.code : null;
console.log(JSON.stringify({ ms, cpuMs, signatures, verdict, rss: process.memoryUsage().rss }));
