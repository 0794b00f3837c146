import type { IssuerCategory } from "../model/trust-list.js";
import type { Message } from "../model/message.js";

/** Each category's label and the clause of Art. 9(2) it falls under. */
export const CATEGORY_LABELS: Readonly<Record<IssuerCategory, Message & { readonly clause: string }>> = {
  "national-root": { vi: "tổ chức cung cấp dịch vụ chứng thực chữ ký số quốc gia", en: "national root provider", clause: "Art. 9(2)(a)" },
  government: { vi: "tổ chức cung cấp dịch vụ chứng thực chữ ký số chuyên dùng Chính phủ", en: "Government-specialized provider", clause: "Art. 9(2)(b)" },
  public: { vi: "tổ chức cung cấp dịch vụ chứng thực chữ ký số công cộng", en: "licensed public provider", clause: "Art. 9(2)(c)" },
  specialized: { vi: "tổ chức cung cấp dịch vụ chứng thực chữ ký số chuyên dùng (Điều 40)", en: "specialized provider (Art. 40)", clause: "Art. 9(2)(d)" },
};

/**
 * The category of a signing certificate's issuer from the anchor its path reached (semantics.md §3): an unlisted issuer
 * under the national root is a provider the national root certified (`public`); under any other anchor, unlisted
 * intermediates take the anchor's category.
 */
export const CATEGORY_OF_UNLISTED_ISSUER: Readonly<Record<IssuerCategory, IssuerCategory>> = {
  "national-root": "public",
  government: "government",
  public: "public",
  specialized: "specialized",
};
