// A local CA to try `decree130 verify --online` against: a test PKI made by decree130/testing, published on loopback by
// decree130/testing/server (CRLs, an OCSP responder, the CA certificates), and a signed file whose certificate names
// those URLs. It writes signed.p7s, trust-list.json and root.crl into a fresh folder and prints the commands to run.
//   npm run example:online        (Ctrl+C stops the server)
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCrl, createTestPki, issueCertificate, signCms } from "decree130/testing";
import { servePki } from "decree130/testing/server";

const now = new Date();
const day = 24 * 60 * 60 * 1000;
const at = (ms: number): string => new Date(now.getTime() + ms).toISOString();

const server = await servePki();
const pki = await createTestPki();
const signer = await issueCertificate(pki.publicCa, {
  subject: { commonName: "Nguyễn Văn A", CCCD: "001085012345" },
  notBefore: at(-30 * day),
  notAfter: at(335 * day),
  ocspUrl: server.ocspUrl,
  crlUrl: server.urlOf("/public-ca.crl"),
});
const dates = { thisUpdate: at(-60_000), nextUpdate: at(7 * day) };
server.update({
  crls: { "/public-ca.crl": await createCrl(pki.publicCa, dates) },
  ocsp: { issuer: pki.publicCa, certificates: [signer], response: dates },
});

const dir = mkdtempSync(join(tmpdir(), "decree130-online-"));
writeFileSync(join(dir, "signed.p7s"), await signCms(new TextEncoder().encode("Hợp đồng thử nghiệm"), signer, { signingTime: at(-60 * 60_000) }));
writeFileSync(join(dir, "trust-list.json"), JSON.stringify(pki.trustList, null, 2));
// The public CA is listed but certified by the national root: its own status comes from the root's CRL.
writeFileSync(join(dir, "root.crl"), await createCrl(pki.nationalRoot, dates));

const cmd = `npx decree130 verify ${join(dir, "signed.p7s")} --trust-list ${join(dir, "trust-list.json")} --crl ${join(dir, "root.crl")} --online`;
process.stdout.write(`Test CA on ${server.url} (OCSP ${server.ocspUrl}); files in ${dir}

Refused, because the server is on loopback (FETCH_REFUSED, INDETERMINATE):
  ${cmd}
Allowed (SECURE, from the OCSP answer):
  ${cmd} --allow-private-network

Ctrl+C stops the server.
`);
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
