import { childNamed, textOf, type XmlElement } from "./tree.js";

/** A party of an invoice as written in the signed data. */
export interface InvoiceParty {
  readonly name: string | null;
  /** Mã số thuế. */
  readonly mst: string | null;
}

/** The invoice data a reader sees, read from the signed `DLHDon` only. Empty fields are `null`. */
export interface InvoiceData {
  /** `SHDon`: the invoice number. */
  readonly number: string | null;
  /** `KHHDon`: the series (a `C` first means coded by the tax authority). */
  readonly series: string | null;
  /** `KHMSHDon`: the template number. */
  readonly template: string | null;
  /** `NLap` (`TDLap` in format 1.0): the date it was made. */
  readonly date: string | null;
  /** `DVTTe`: the currency. */
  readonly currency: string | null;
  /** `TToan/TgTTTBSo`: the total to pay, in figures. */
  readonly total: string | null;
  readonly seller: InvoiceParty;
  readonly buyer: InvoiceParty;
}

const value = (el: XmlElement | undefined): string | null => {
  const t = textOf(el).trim();
  return t === "" ? null : t;
};

const party = (el: XmlElement | undefined): InvoiceParty => ({ name: value(childNamed(el, "Ten")), mst: value(childNamed(el, "MST")) });

/**
 * Reads the fields a person checks on an invoice from a `DLHDon` element: number, series, template, date, currency,
 * total, seller and buyer. Call it only with the element a signature is bound to, so that what is shown was signed.
 *
 * @param dl - the bound `DLHDon`
 * @returns the fields, `null` where absent or empty
 * @example
 * ```ts
 * readInvoiceData(dlhdon).number; // "0000169"
 * ```
 */
export function readInvoiceData(dl: XmlElement): InvoiceData {
  const general = childNamed(dl, "TTChung");
  const content = childNamed(dl, "NDHDon");
  return {
    number: value(childNamed(general, "SHDon")),
    series: value(childNamed(general, "KHHDon")),
    template: value(childNamed(general, "KHMSHDon")),
    date: value(childNamed(general, "NLap")) ?? value(childNamed(general, "TDLap")),
    currency: value(childNamed(general, "DVTTe")),
    total: value(childNamed(childNamed(content, "TToan"), "TgTTTBSo")),
    seller: party(childNamed(content, "NBan")),
    buyer: party(childNamed(content, "NMua")),
  };
}
