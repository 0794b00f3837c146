// Crafted inputs from issue 19 (path search cost), generated with the testing kit at test time: nothing is committed.
// Each recipe comes with a baseline (an ordinary SECURE signature from the same PKI) so tests can assert time ratios.
import { loadTrustList, type TrustList, type ValidateOptions } from "../../src/index.js";
import {
  createCrl,
  createPkiCrls,
  createRootCa,
  createTestPki,
  issueCertificate,
  signCms,
  testKeyPair,
  trustListJson,
  type SubjectInput,
  type TestIdentity,
  type TestPki,
} from "../../src/testing/index.js";

const DATES = { notBefore: "2024-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" } as const;
const NOW = new Date("2025-06-01T00:00:00Z");
const CONTENT = new TextEncoder().encode("HÓA ĐƠN GTGT số 0000123");

/** A kit-made file, the options to validate it, and what its verdict is expected to be. */
export interface Recipe {
  readonly cms: Uint8Array;
  readonly options: ValidateOptions;
}

/** The same bytes with the last octet changed: for a certificate or CRL, a signature that no longer verifies. */
export function garble(der: Uint8Array, salt = 1): Uint8Array {
  const out = Uint8Array.from(der);
  out[out.length - 1] = (out[out.length - 1]! + salt) & 0xff;
  if (salt > 255) out[out.length - 2] = (out[out.length - 2]! + (salt >> 8)) & 0xff;
  return out;
}

/** The kit's PKI, its CRLs, a signer under its public CA, and a SECURE signature: the baseline of every recipe. */
export async function basePki(): Promise<{ pki: TestPki; signer: TestIdentity; crls: Uint8Array[]; trustList: TrustList; baseline: Recipe }> {
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "CÔNG TY TNHH KIỂM THỬ", MST: "0109999999" }, ...DATES });
  const crls = await createPkiCrls(pki, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  const trustList = loadTrustList(JSON.stringify(pki.trustList));
  const cms = await signCms(CONTENT, signer, { signingTime: "2025-03-01T10:00:00Z" });
  return { pki, signer, crls, trustList, baseline: { cms, options: { trustList, crls, now: NOW } } };
}

/** The baseline with `signers` identical SignerInfos: the same work per signer, nothing hostile. */
export async function plainSigners(signers: number): Promise<Recipe> {
  const { signer, crls, trustList } = await basePki();
  const cms = await signCms(CONTENT, Array.from({ length: signers }, () => signer), { signingTime: "2025-03-01T10:00:00Z", includeChain: true });
  return { cms, options: { trustList, crls, now: NOW } };
}

/**
 * Recipe 1: `count` CA certificates with one name (a long OU), one serial and `keys` keys, each issued under that name
 * by another of the keys (a mesh where many signatures verify but nothing reaches the trust list), a leaf under the
 * same name, and `signers` identical SignerInfos.
 */
export async function meshOfSameNameCas(count: number, ouLength: number, keys: number, signers: number): Promise<Recipe> {
  const { trustList, crls } = await basePki();
  const name: SubjectInput = { commonName: "Mesh CA", organizationalUnit: "x".repeat(ouLength) };
  const pairs = await Promise.all(Array.from({ length: keys }, (_, k) => testKeyPair("ECDSA-P256", `mesh key ${k}`)));
  const root = await createRootCa({ subject: name, keyPair: pairs[0]!, serial: 1, ...DATES });
  const as = (k: number): TestIdentity => ({ ...root, keyPair: pairs[k % keys]!, privateKey: pairs[k % keys]!.privateKey, publicKey: pairs[k % keys]!.publicKey });
  const cas: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const ca = await issueCertificate(as(i + 1), { subject: name, ca: true, keyPair: pairs[i % keys]!, serial: 1, omitKeyIdentifiers: true, ...DATES });
    cas.push(ca.certificate);
  }
  const leaf = await issueCertificate(as(0), { subject: { commonName: "Mesh leaf" }, omitKeyIdentifiers: true, ...DATES });
  const cms = await signCms(CONTENT, Array.from({ length: signers }, () => leaf), { signingTime: "2025-03-01T10:00:00Z", extraCertificates: cas });
  return { cms, options: { trustList, crls, now: NOW } };
}

/**
 * Recipe 2: a valid chain, `count` garbage-signed self-issued CAs all named "Mesh CA", one garbage-signed CRL naming
 * "Mesh CA" embedded, and `signers` identical SignerInfos.
 */
export async function garbageCasWithCrl(count: number, signers: number): Promise<Recipe> {
  const { pki, signer, crls, trustList } = await basePki();
  const cas: Uint8Array[] = [];
  let first: TestIdentity | undefined;
  for (let i = 0; i < count; i++) {
    const ca = await createRootCa({ subject: { commonName: "Mesh CA" }, keyLabel: `garbage mesh ${i % 8}`, serial: 1, ...DATES });
    first ??= ca;
    cas.push(garble(ca.certificate, i + 1));
  }
  const crl = garble(await createCrl(first!, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" }));
  const cms = await signCms(CONTENT, Array.from({ length: signers }, () => signer), {
    signingTime: "2025-03-01T10:00:00Z",
    includeChain: true,
    extraCertificates: cas,
    crls: [crl],
  });
  void pki;
  return { cms, options: { trustList, crls, now: NOW } };
}

/**
 * Recipe 3: the kit's trust list plus one provider listing `count` certificates that carry the public CA's name and one
 * serial under a look-alike key, each with other signature octets; the file is the ordinary baseline signature.
 */
export async function manySameNameAnchors(count: number): Promise<{ recipe: Recipe; plain: Recipe; json: unknown }> {
  const { pki, crls, baseline } = await basePki();
  const lookAlike = await createRootCa({ subject: { commonName: "look-alike" }, keyLabel: "look-alike anchors", ...DATES });
  const copy = await issueCertificate({ ...lookAlike, subject: pki.publicCa.subject }, {
    subject: { commonName: "TEST Public CA", organization: "TEST Công ty Chứng thực số Công cộng", MST: "0100000001" },
    ca: true,
    serial: 1,
    keyLabel: "look-alike anchors",
    ...DATES,
  });
  const certificates = Array.from({ length: count }, (_, i) => garble(copy.certificate, i + 1));
  const json = pki.trustList;
  const extended = trustListJson(json.name, [
    ...json.providers.map((p) => ({ ...p, certificates: p.certificates.map((pem) => pemToDer(pem)) })),
    // A provider lists at most 1,000 certificates: the look-alikes are spread over several.
    ...Array.from({ length: Math.ceil(count / 1000) }, (_, p) => ({
      name: `Look-alike provider ${p}`,
      category: "public" as const,
      certificates: certificates.slice(p * 1000, (p + 1) * 1000),
    })),
  ]);
  const trustList = loadTrustList(JSON.stringify(extended));
  return { recipe: { cms: baseline.cms, options: { trustList, crls, now: NOW } }, plain: baseline, json: extended };
}

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ""), "base64"));
}
