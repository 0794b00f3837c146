// Shared setup of the XML tests: a test PKI from the kit and signers for each role.
import { createTestPki, issueCertificate, type TestIdentity, type TrustListJson } from "decree130/testing";

/** Signers for the roles of an e-invoice, issued by the kit's test PKI (ECDSA P-256, and one RSA-2048). */
export interface XmlSigners {
  readonly seller: TestIdentity;
  readonly buyer: TestIdentity;
  readonly taxAuthority: TestIdentity;
  readonly otherTaxAuthority: TestIdentity;
  readonly rsaSeller: TestIdentity;
  readonly person: TestIdentity;
  /** The trust list of the PKI that issued them (the public CA and the Government root are listed). */
  readonly trustList: TrustListJson;
  /** The Government sub-CA's certificate, which a tax-authority path needs (signatures embed only the signer's). */
  readonly intermediates: readonly Uint8Array[];
}

const validity = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" } as const;

let signers: Promise<XmlSigners> | undefined;

/** The signers, made once per test file. */
export function xmlSigners(): Promise<XmlSigners> {
  signers ??= (async () => {
    const pki = await createTestPki();
    const issue = (ca: TestIdentity, subject: Parameters<typeof issueCertificate>[1]["subject"], extra = {}) =>
      issueCertificate(ca, { subject, ...validity, ...extra });
    return {
      seller: await issue(pki.publicCa, { commonName: "TEST Công ty Bán", MST: "0101234567" }),
      buyer: await issue(pki.publicCa, { commonName: "TEST Công ty Mua", MST: "0109876543" }),
      taxAuthority: await issue(pki.governmentSubCa, { commonName: "TỔNG CỤC THUẾ", organization: "BỘ TÀI CHÍNH" }),
      otherTaxAuthority: await issue(pki.governmentSubCa, { commonName: "Tổng cục thuế Test 01" }),
      rsaSeller: await issue(pki.publicCa, { commonName: "TEST Công ty RSA", MST: "0101234567" }, { keyAlgorithm: "RSA-2048" }),
      person: await issue(pki.publicCa, { commonName: "TEST Nguyễn Văn A", CCCD: "001085012345" }),
      trustList: pki.trustList,
      intermediates: [pki.governmentSubCa.certificate],
    };
  })();
  return signers;
}

/** A fixed validation time for the XML tests. */
export const NOW = new Date("2025-07-01T00:00:00Z");

/** Validation options for the XML tests: the fixed time, the test PKI's trust list and its Government sub-CA. */
export async function xmlOptions(): Promise<{ readonly now: Date; readonly trustList: TrustListJson; readonly certificates: readonly Uint8Array[] }> {
  const s = await xmlSigners();
  return { now: NOW, trustList: s.trustList, certificates: s.intermediates };
}
