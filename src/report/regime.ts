/** A short text in Vietnamese and English. */
export interface RegimeNote {
  readonly vi: string;
  readonly en: string;
}

/** One legal regime for digital signatures, by date. Dates are Vietnam time (UTC+07:00), where the law counts them. */
export interface Regime {
  /** Stable identifier, reported as `regime.id`. */
  readonly id: string;
  /** First instant the regime governs (inclusive), ms since the epoch; `null`: since ever. */
  readonly from: number | null;
  /** First instant it no longer governs (exclusive); `null`: still in force. */
  readonly to: number | null;
  /**
   * When set, the regime governs only a certificate issued before this instant and still valid at it, and only
   * until the certificate expires (a transitional rule).
   */
  readonly certificateIssuedBefore?: number;
  readonly note: RegimeNote;
}

const vn = (date: string): number => Date.parse(`${date}T00:00:00+07:00`);
const DECREE_130_IN_FORCE = vn("2018-11-15");
const LAW_20_IN_FORCE = vn("2024-07-01");

/**
 * Which law governs digital signatures at a time (semantics "Which law applies"). Checked in order: the first entry
 * whose period holds the time, and whose certificate condition holds when it has one, applies.
 */
export const REGIMES: readonly Regime[] = [
  {
    id: "decree-26-2007",
    from: null,
    to: DECREE_130_IN_FORCE,
    note: {
      vi: "Nghị định 26/2007/NĐ-CP về chữ ký số và dịch vụ chứng thực chữ ký số; Nghị định 130/2018/NĐ-CP chưa có hiệu lực (có hiệu lực từ ngày 15/11/2018).",
      en: "Decree 26/2007/ND-CP on digital signatures and certification services; Decree 130/2018/ND-CP was not yet in force (it took effect on 2018-11-15).",
    },
  },
  {
    id: "decree-130-2018",
    from: DECREE_130_IN_FORCE,
    to: LAW_20_IN_FORCE,
    note: {
      vi: "Nghị định 130/2018/NĐ-CP quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký số và dịch vụ chứng thực chữ ký số (hiệu lực từ ngày 15/11/2018 đến hết ngày 30/6/2024).",
      en: "Decree 130/2018/ND-CP detailing the Law on E-Transactions on digital signatures and certification services (in force from 2018-11-15 to 2024-06-30).",
    },
  },
  {
    id: "decree-130-2018-transitional",
    from: LAW_20_IN_FORCE,
    to: null,
    certificateIssuedBefore: LAW_20_IN_FORCE,
    note: {
      vi: "Luật Giao dịch điện tử số 20/2023/QH15 có hiệu lực từ ngày 01/7/2024, nhưng chứng thư chữ ký số được cấp trước ngày đó và còn hiệu lực tiếp tục được áp dụng theo Nghị định 130/2018/NĐ-CP cho đến khi hết hạn (khoản 2 Điều 53 Luật Giao dịch điện tử 2023).",
      en: "The Law on Electronic Transactions 20/2023/QH15 applies from 2024-07-01, but a certificate issued before that date and still valid then stays under Decree 130/2018/ND-CP until it expires (Art. 53(2) of the 2023 Law).",
    },
  },
  {
    id: "law-20-2023",
    from: LAW_20_IN_FORCE,
    to: null,
    note: {
      vi: "Luật Giao dịch điện tử số 20/2023/QH15 (hiệu lực từ ngày 01/7/2024); chữ ký số chuyên dùng công vụ theo Nghị định 68/2024/NĐ-CP (từ ngày 15/8/2024) và các chữ ký số khác theo Nghị định 23/2025/NĐ-CP (từ ngày 10/4/2025) thay thế Nghị định 130/2018/NĐ-CP đối với chứng thư chữ ký số mới.",
      en: "Law on Electronic Transactions 20/2023/QH15 (in force from 2024-07-01); Decree 68/2024/ND-CP for official-service digital signatures (from 2024-08-15) and Decree 23/2025/ND-CP for other digital signatures (from 2025-04-10) replace Decree 130/2018/ND-CP for new certificates.",
    },
  },
];

function applies(regime: Regime, time: number, certificate?: { notBefore: number; notAfter: number }): boolean {
  if (regime.from !== null && time < regime.from) return false;
  if (regime.to !== null && time >= regime.to) return false;
  const cutoff = regime.certificateIssuedBefore;
  if (cutoff === undefined) return true;
  return (
    certificate !== undefined &&
    certificate.notBefore < cutoff &&
    certificate.notAfter >= cutoff &&
    time <= certificate.notAfter
  );
}

/**
 * The legal regime a signing time falls under. It informs the report and never changes the verdict.
 *
 * @param time - the signing time used (ms since the epoch): `T_poe`, else `T_claim`, else `now`
 * @param certificate - the signing certificate's validity, for the transitional rule of Law 20/2023 Art. 53(2)
 * @returns the regime's id and its note in Vietnamese and English
 * @throws TypeError when `time` is not a finite number
 * @example
 * ```ts
 * regimeAt(Date.UTC(2025, 0, 1)).id; // "law-20-2023"
 * regimeAt(Date.UTC(2025, 0, 1), { notBefore: Date.UTC(2023, 0, 1), notAfter: Date.UTC(2026, 0, 1) }).id;
 * // "decree-130-2018-transitional"
 * ```
 */
export function regimeAt(
  time: number,
  certificate?: { notBefore: number; notAfter: number },
): { id: string; note: RegimeNote } {
  if (!Number.isFinite(time)) throw new TypeError("regimeAt: time must be a finite number of milliseconds");
  const regime = REGIMES.find((r) => applies(r, time, certificate));
  // The table covers every instant (the first entry has no start, the last no end), so this cannot miss.
  if (!regime) throw new TypeError("regimeAt: no regime covers this time");
  return { id: regime.id, note: regime.note };
}
