/** A party of a test invoice. */
export interface TestInvoiceParty {
  readonly name: string;
  /** Mã số thuế; omitted when absent. */
  readonly mst?: string;
  readonly address?: string;
}

/** One line of goods or services. */
export interface TestInvoiceLine {
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: number;
  /** VAT rate in percent; default 10. */
  readonly vatRate?: number;
  /** Default `cái`. */
  readonly unit?: string;
}

/** Options of {@link createTestInvoice}. */
export interface TestInvoiceOptions {
  readonly seller: TestInvoiceParty;
  readonly buyer?: TestInvoiceParty;
  readonly lines: readonly TestInvoiceLine[];
  /** `SHDon`; default `1`. */
  readonly number?: string;
  /** `KHHDon`; default `C25TAA` (a `C` first: coded by the tax authority). */
  readonly series?: string;
  /** `KHMSHDon`; default `1`. */
  readonly template?: string;
  /** `NLap`; default `2025-06-01`. */
  readonly date?: string;
  /** `DVTTe`; default `VND`. */
  readonly currency?: string;
  /** The `Id` of `DLHDon`; default `DLHDon-1`. */
  readonly id?: string;
  /** `MCCQT` (with `Id="MCCQT-1"`): default a 34-character code for a coded series; `null` leaves it out. */
  readonly mccqt?: string | null;
  /** Wrap the `HDon` in a GDT message `TDiep` with this envelope. */
  readonly envelope?: { readonly sender: string; readonly receiver: string; readonly messageType: string };
  /** Namespace declarations on `HDon` (prefix → URI), as some signers write them; inclusive C14N carries them. */
  readonly namespaces?: Readonly<Record<string, string>>;
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const el = (name: string, value: string | number | undefined): string => (value === undefined ? "" : `<${name}>${esc(String(value))}</${name}>`);

const party = (tag: string, p: TestInvoiceParty | undefined): string =>
  `<${tag}>${p ? el("Ten", p.name) + el("MST", p.mst) + el("DChi", p.address) : ""}</${tag}>`;

/**
 * A Vietnamese e-invoice (`HDon`, GDT format 2.0.0 of Circular 78/2021) ready to sign with {@link signXml}: `DLHDon`
 * with its `Id`, an optional `MCCQT`, and an empty `DSCKS` (`NBan`, `NMua`, `CQT`, `CCKSKhac`). Every name it writes is
 * the caller's; amounts are computed from the lines.
 *
 * @param options - parties, lines, numbering, envelope
 * @returns the XML text
 * @example
 * ```ts
 * const xml = createTestInvoice({
 *   seller: { name: "TEST Công ty Bán", mst: "0101234567" },
 *   buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
 *   lines: [{ name: "Bút bi", quantity: 10, unitPrice: 5000 }],
 * });
 * ```
 */
export function createTestInvoice(options: TestInvoiceOptions): string {
  const series = options.series ?? "C25TAA";
  let net = 0;
  let tax = 0;
  const lines = options.lines
    .map((l, i) => {
      const amount = l.quantity * l.unitPrice;
      const rate = l.vatRate ?? 10;
      net += amount;
      tax += Math.round((amount * rate) / 100);
      return `<HHDVu><TChat>1</TChat>${el("STT", i + 1)}${el("THHDVu", l.name)}${el("DVTinh", l.unit ?? "cái")}${el("SLuong", l.quantity)}${el("DGia", l.unitPrice)}${el("ThTien", amount)}${el("TSuat", `${rate}%`)}</HHDVu>`;
    })
    .join("");
  const id = options.id ?? "DLHDon-1";
  const general =
    `<TTChung><PBan>2.0.0</PBan><THDon>Hóa đơn giá trị gia tăng</THDon>${el("KHMSHDon", options.template ?? "1")}${el("KHHDon", series)}` +
    `${el("SHDon", options.number ?? "1")}${el("NLap", options.date ?? "2025-06-01")}${el("DVTTe", options.currency ?? "VND")}<TGia>1</TGia></TTChung>`;
  const totals = `<TToan>${el("TgTCThue", net)}${el("TgTThue", tax)}${el("TgTTTBSo", net + tax)}</TToan>`;
  const content = `<NDHDon>${party("NBan", options.seller)}${party("NMua", options.buyer)}<DSHHDVu>${lines}</DSHHDVu>${totals}</NDHDon>`;
  const mccqt = options.mccqt === undefined ? (series.startsWith("C") ? "00A1B2C3D4E5F60718293A4B5C6D7E8F90" : null) : options.mccqt;
  const ns = Object.entries(options.namespaces ?? {}).map(([p, uri]) => ` xmlns${p === "" ? "" : `:${p}`}="${esc(uri)}"`).join("");
  const hdon =
    `<HDon${ns}><DLHDon Id="${esc(id)}">${general}${content}</DLHDon>` +
    `${mccqt === null ? "" : `<MCCQT Id="MCCQT-1">${esc(mccqt)}</MCCQT>`}<DSCKS><NBan/><NMua/><CQT/><CCKSKhac/></DSCKS></HDon>`;
  const e = options.envelope;
  const body = e
    ? `<TDiep><TTChung><PBan>2.0.0</PBan>${el("MNGui", e.sender)}${el("MNNhan", e.receiver)}${el("MLTDiep", e.messageType)}<MTDiep>TEST0001</MTDiep></TTChung><DLieu>${hdon}</DLieu></TDiep>`
    : hdon;
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}
