/**
 * `decree130/trust/vn`: the built-in Vietnamese trust list, a separate entry so the main bundle does not carry it.
 *
 * @packageDocumentation
 * @module decree130/trust/vn
 */
import type { TrustList } from "../../model/trust-list.js";
import { loadTrustList } from "../load.js";
import data from "./data.json" with { type: "json" };

let cached: TrustList | undefined;

/**
 * The built-in Vietnamese trust list: NEAC's national roots and sub-CAs (`national-root`), the Government Cipher
 * Committee's roots and intermediates (`government`), and the issuing CAs of the licensed public providers (`public`),
 * built from public certificates by `scripts/build-vn-trust-list.mjs` (provenance in `sources.json`). It carries no
 * licence periods, so no licence check is made against it. Loaded through the strict loader once, then shared.
 *
 * @returns the trust list (frozen; the same object on every call)
 * @throws {@link decree130!Decree130Error | Decree130Error} `TRUST_LIST_INVALID` only if the shipped data were corrupt
 * @example
 * ```ts
 * import { vietnamTrustList } from "decree130/trust/vn";
 * const list = vietnamTrustList();
 * list.issuersOf(signerCertificate); // the listed CA certificates named as its issuer
 * ```
 */
export function vietnamTrustList(): TrustList {
  cached ??= loadTrustList(data);
  return cached;
}
