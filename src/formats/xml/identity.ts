import { parseVietnameseIdentifiers } from "../../identity/vn-identifiers.js";
import type { Certificate } from "../../model/certificate.js";
import { attributeValues } from "../../model/name.js";
import { warning } from "../../report/finding.js";
import type { Warning } from "../../report/types.js";
import type { InvoiceData } from "./invoice-data.js";
import type { XmlRole } from "./roles.js";

const MST = /^(\d{10})(?:-(\d{3}))?$/;
const CN = "2.5.4.3";
/** The common names of the General Department of Taxation's certificates, normalised (NFC, lower case). */
const TAX_AUTHORITY_NAMES = new Set(["TỔNG CỤC THUẾ", "CỤC THUẾ"].map((n) => n.normalize("NFC").toLowerCase()));

/**
 * Whether two tax codes name the same taxpayer: equal, or one is a branch (`0101234567-001`) of the other
 * (`0101234567`). Two different branches of one company differ.
 *
 * @param a - one MST
 * @param b - the other
 * @returns `true` when they match
 * @example
 * ```ts
 * mstMatches("0101234567-001", "0101234567"); // true
 * mstMatches("0101234567-001", "0101234567-002"); // false
 * ```
 */
export function mstMatches(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return true;
  const mx = MST.exec(x);
  const my = MST.exec(y);
  if (!mx || !my || mx[1] !== my[1]) return false;
  return mx[2] === undefined || my[2] === undefined;
}

/**
 * The name half of the tax-authority check: whether a certificate's common name is `TỔNG CỤC THUẾ` or `CỤC THUẾ`
 * (compared after Unicode NFC and case folding). The other half, a path to a `government` provider, is the engine's.
 *
 * @param cert - the tax-authority signature's certificate
 * @returns `true` when a common name matches
 * @example
 * ```ts
 * taxAuthorityNameMatches(gdtCertificate); // true for CN=TỔNG CỤC THUẾ
 * ```
 */
export function taxAuthorityNameMatches(cert: Certificate): boolean {
  return attributeValues(cert.subject, CN).some((cn) => TAX_AUTHORITY_NAMES.has(cn.normalize("NFC").toLowerCase().trim()));
}

/** Why a tax-authority certificate is not taken for the GDT's: its name, or its path. */
export const TAX_AUTHORITY_REASONS = {
  name: { vi: "tên chung (CN) không phải TỔNG CỤC THUẾ hay CỤC THUẾ", en: "its common name is neither TỔNG CỤC THUẾ nor CỤC THUẾ" },
  path: { vi: "không có đường dẫn chứng thực tới một tổ chức chuyên dùng Chính phủ", en: "no certification path reaches a Government-specialized provider" },
} as const;

const ROLE_LABEL = { seller: { vi: "người bán", en: "seller" }, buyer: { vi: "người mua", en: "buyer" } } as const;

/** What {@link identityWarnings} reads of a signature. */
export interface IdentitySubject {
  readonly role: XmlRole;
  /** The invoice data read from the node the signature is bound to, if any. */
  readonly invoice: InvoiceData | null;
}

/**
 * Identity warnings for one signature and its signing certificate (they never change a verdict): `MST_MISMATCH` when
 * the seller's (buyer's) certificate MST differs from `NBan/MST` (`NMua/MST`) of the signed invoice, branch suffixes
 * matching their parent; `TAX_AUTHORITY_UNEXPECTED` when a tax-authority certificate's common name is not the GDT's.
 * A certificate without MST, or an empty invoice field, gives no warning.
 *
 * @param signature - the signature's role and signed invoice data
 * @param cert - its signing certificate
 * @returns the warnings
 * @example
 * ```ts
 * identityWarnings(sig, signingCertificate).map((w) => w.code); // ["MST_MISMATCH"]
 * ```
 */
export function identityWarnings(signature: IdentitySubject, cert: Certificate): Warning[] {
  const out: Warning[] = [];
  const { role, invoice } = signature;
  if ((role === "seller" || role === "buyer") && invoice) {
    const certificate = parseVietnameseIdentifiers(cert.subject).identifiers["MST"];
    const document = invoice[role].mst;
    if (certificate && document && !mstMatches(certificate, document)) {
      out.push(warning("MST_MISMATCH", { role: ROLE_LABEL[role], certificate, document }));
    }
  }
  if (role === "tax-authority" && !taxAuthorityNameMatches(cert)) {
    out.push(warning("TAX_AUTHORITY_UNEXPECTED", { commonName: attributeValues(cert.subject, CN)[0] ?? "—", reason: TAX_AUTHORITY_REASONS.name }));
  }
  return out;
}
