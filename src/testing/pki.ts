import type { WebCrypto } from "../crypto/types.js";
import type { KeyProtection } from "../model/trust-list.js";
import type { KeyAlgorithm } from "./algorithms.js";
import { createRootCa, issueCertificate } from "./certificate.js";
import type { TestIdentity } from "./identity.js";
import type { SubjectInput } from "./name.js";
import type { DateInput } from "./time.js";
import { createTimestampingAuthority } from "./timestamp.js";
import { trustListJson, type LicenceInput, type TrustListJson, type TrustListProviderInput } from "./trust-list.js";

/** The CAs of a test PKI. */
export type CaRole = "nationalRoot" | "publicCa" | "governmentRoot" | "governmentSubCa" | "specializedCa" | "unlistedCa";

/** The CAs the trust list names (the government sub-CA is reached through its root; the unlisted CA is never listed). */
export type ListedRole = "nationalRoot" | "publicCa" | "governmentRoot" | "specializedCa";

/** Options of {@link createTestPki}. Every field is optional. */
export interface TestPkiOptions {
  /** Default `ECDSA-P256` (fast). An RSA key takes some 0.3–1 s to generate, once per process and label. */
  readonly keyAlgorithm?: KeyAlgorithm;
  /** Default validity of every CA: from 2020-01-01T00:00:00Z ... */
  readonly notBefore?: DateInput;
  /** ... to 2045-01-01T00:00:00Z. */
  readonly notAfter?: DateInput;
  /** Validity per CA, overriding the defaults. */
  readonly validity?: Partial<Record<CaRole, { readonly notBefore: DateInput; readonly notAfter: DateInput }>>;
  /** Subject per CA, overriding the defaults in {@link DEFAULT_PKI_SUBJECTS}. */
  readonly subjects?: Partial<Record<CaRole, SubjectInput>>;
  /** Licence periods per listed provider; `null` removes the licence check. Default: the public CA licensed from its notBefore, open-ended; the others unchecked. */
  readonly licenses?: Partial<Record<ListedRole, readonly LicenceInput[] | null>>;
  /** keyProtection per listed provider (sole-control evidence). Default: none written. */
  readonly keyProtection?: Partial<Record<ListedRole, KeyProtection | null>>;
  /** More providers for the trust list (a timestamping authority, a second public CA). */
  readonly extraProviders?: readonly TrustListProviderInput[];
  /** The trust list's name. */
  readonly trustListName?: string;
  /**
   * Add a timestamping authority certified by the public CA (extendedKeyUsage timeStamping, critical), and list the
   * public CA with `services: ["signing", "timestamping"]`. `true` takes the CAs' validity and the name
   * `TEST Timestamping Authority`.
   */
  readonly timestampingAuthority?: boolean | { readonly commonName?: string; readonly notBefore?: DateInput; readonly notAfter?: DateInput };
  readonly crypto?: WebCrypto;
}

/** A throwaway Vietnamese PKI: one CA per Art. 9(2) category, an unlisted CA, and the trust list naming the listed ones. */
export interface TestPki {
  /** Self-signed national root (NEAC), category `national-root`. */
  readonly nationalRoot: TestIdentity;
  /** A licensed public CA (like VNPT-CA) certified by the national root, listed under category `public`. */
  readonly publicCa: TestIdentity;
  /** Self-signed Government root (Ban Cơ yếu Chính phủ), category `government`. */
  readonly governmentRoot: TestIdentity;
  /** A CA under the Government root, not listed itself (it takes its anchor's category). */
  readonly governmentSubCa: TestIdentity;
  /** Self-signed specialized CA of an organisation certified under Art. 40, category `specialized`. */
  readonly specializedCa: TestIdentity;
  /** Self-signed CA absent from the trust list: `ISSUER_NOT_RECOGNIZED`. */
  readonly unlistedCa: TestIdentity;
  /** With the `timestampingAuthority` option: the TSA, certified by the public CA. */
  readonly timestampingAuthority?: TestIdentity;
  /** The `decree130/trust-list@1` JSON. */
  readonly trustList: TrustListJson;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly crypto: WebCrypto;
}

/** The default subjects of a test PKI; every name says TEST so nobody mistakes it for the real one. */
export const DEFAULT_PKI_SUBJECTS: Readonly<Record<CaRole, SubjectInput>> = {
  nationalRoot: { commonName: "TEST Vietnam National Root CA", organization: "TEST Ministry of Information and Communications" },
  publicCa: { commonName: "TEST Public CA", organization: "TEST Công ty Chứng thực số Công cộng", MST: "0100000001" },
  governmentRoot: { commonName: "TEST Cơ yếu Chính phủ Root CA", organization: "TEST Ban Cơ yếu Chính phủ" },
  governmentSubCa: { commonName: "TEST Cơ yếu Chính phủ Sub CA", organization: "TEST Ban Cơ yếu Chính phủ" },
  specializedCa: { commonName: "TEST Specialized CA (Art. 40)", organization: "TEST Tập đoàn Thử nghiệm" },
  unlistedCa: { commonName: "TEST Unlisted CA", organization: "TEST Không được cấp phép" },
};

const DEFAULT_NOT_BEFORE = "2020-01-01T00:00:00Z";
const DEFAULT_NOT_AFTER = "2045-01-01T00:00:00Z";

/**
 * Creates a test PKI. Keys are cached per process, so a second call with the same key algorithm only signs.
 *
 * @param options - key algorithm, validity, names, licences
 * @returns the CAs and the trust list
 * @example
 * ```ts
 * const pki = await createTestPki({ licenses: { publicCa: [{ from: "2020-01-01Z", to: "2030-01-01Z" }] } });
 * const signer = await issueCertificate(pki.publicCa, {
 *   subject: { commonName: "Công ty TNHH Thử nghiệm", MST: "0101234567" },
 *   notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z",
 * });
 * ```
 */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const keyAlgorithm = options.keyAlgorithm ?? "ECDSA-P256";
  const crypto = options.crypto ?? globalThis.crypto;
  const spec = (role: CaRole) => ({
    subject: options.subjects?.[role] ?? DEFAULT_PKI_SUBJECTS[role],
    notBefore: options.validity?.[role]?.notBefore ?? options.notBefore ?? DEFAULT_NOT_BEFORE,
    notAfter: options.validity?.[role]?.notAfter ?? options.notAfter ?? DEFAULT_NOT_AFTER,
    ca: true,
    keyAlgorithm,
    keyLabel: `pki/${role}`,
    crypto,
  });
  const [nationalRoot, governmentRoot, specializedCa, unlistedCa] = await Promise.all([
    createRootCa(spec("nationalRoot")),
    createRootCa(spec("governmentRoot")),
    createRootCa(spec("specializedCa")),
    createRootCa(spec("unlistedCa")),
  ]);
  const [publicCa, governmentSubCa] = await Promise.all([
    issueCertificate(nationalRoot, { ...spec("publicCa"), ca: { pathLen: 0 } }),
    issueCertificate(governmentRoot, { ...spec("governmentSubCa"), ca: { pathLen: 0 } }),
  ]);
  const tsaOption = options.timestampingAuthority;
  const timestampingAuthority =
    tsaOption === undefined || tsaOption === false
      ? undefined
      : await createTimestampingAuthority(publicCa, {
          notBefore: (tsaOption === true ? undefined : tsaOption.notBefore) ?? options.notBefore ?? DEFAULT_NOT_BEFORE,
          notAfter: (tsaOption === true ? undefined : tsaOption.notAfter) ?? options.notAfter ?? DEFAULT_NOT_AFTER,
          ...(tsaOption === true || tsaOption.commonName === undefined ? {} : { commonName: tsaOption.commonName }),
          keyLabel: "pki/timestampingAuthority",
        });
  const licence = (role: ListedRole, fallback?: readonly LicenceInput[]) => {
    const l = options.licenses?.[role] === undefined ? fallback : options.licenses[role];
    return l === undefined || l === null ? {} : { licenses: l };
  };
  const protection = (role: ListedRole) => {
    const k = options.keyProtection?.[role];
    return k === undefined ? {} : { keyProtection: k };
  };
  const provider = (role: ListedRole, category: TrustListProviderInput["category"], ca: TestIdentity, fallback?: readonly LicenceInput[]) => ({
    name: (options.subjects?.[role] ?? DEFAULT_PKI_SUBJECTS[role]).commonName,
    category,
    certificates: [ca],
    ...licence(role, fallback),
    ...protection(role),
  });
  const trustList = trustListJson(options.trustListName ?? "TEST trust list (decree130/testing)", [
    provider("nationalRoot", "national-root", nationalRoot),
    {
      ...provider("publicCa", "public", publicCa, [{ from: publicCa.notBefore, to: null }]),
      ...(timestampingAuthority ? { services: ["signing", "timestamping"] as const } : {}),
    },
    provider("governmentRoot", "government", governmentRoot),
    provider("specializedCa", "specialized", specializedCa),
    ...(options.extraProviders ?? []),
  ]);
  return {
    nationalRoot,
    publicCa,
    governmentRoot,
    governmentSubCa,
    specializedCa,
    unlistedCa,
    ...(timestampingAuthority ? { timestampingAuthority } : {}),
    trustList,
    keyAlgorithm,
    crypto,
  };
}
