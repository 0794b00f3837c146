/**
 * `decree130/testing/server`: a loopback HTTP server publishing a test PKI's CRLs, issuer certificates and OCSP answers,
 * with fault modes (slow, endless, HTTP errors, wrong content, redirects, wrong or stale OCSP answers), for tests of
 * online revocation against a real server. Node only; the rest of the testing kit is in `decree130/testing`.
 *
 * @example
 * ```ts
 * import { createTestPki, issueCertificate, createCrl } from "decree130/testing";
 * import { servePki } from "decree130/testing/server";
 * const server = await servePki();
 * const pki = await createTestPki();
 * const signer = await issueCertificate(pki.publicCa, {
 *   subject: { commonName: "Nguyễn Văn A" }, notBefore: "2025-01-01Z", notAfter: "2027-01-01Z",
 *   crlUrl: server.urlOf("/public.crl"), ocspUrl: server.ocspUrl,
 * });
 * server.update({
 *   crls: { "/public.crl": await createCrl(pki.publicCa, { thisUpdate: "2025-06-01Z", nextUpdate: "2025-06-08Z" }) },
 *   ocsp: { issuer: pki.publicCa, certificates: [signer], response: { thisUpdate: "2025-06-01Z", nextUpdate: "2025-06-08Z" } },
 * });
 * ```
 * @packageDocumentation
 * @module decree130/testing/server
 */
export { servePki, type PkiContent, type PkiServer, type ServedRequest } from "./serve.js";
export type { Fault } from "./faults.js";
export type { OcspDeviation, OcspService } from "./ocsp-service.js";
