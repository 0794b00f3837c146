import { DECREE130_ERROR_MESSAGES } from "../errors.js";
import type { FileKind, Lang, Problem, Reason, UsageProblem } from "./problem.js";

/** The usage text, per language. */
export const USAGE: Readonly<Record<Lang, string>> = {
  vi: `Cách dùng: decree130 verify <tệp> [tùy chọn]
  --content <tệp>          nội dung đã ký, khi chữ ký tách rời
  --trust-list <tệp>       danh sách tin cậy JSON (mặc định: danh sách Việt Nam có sẵn)
  --crl <tệp>              một CRL (DER hoặc PEM); dùng được nhiều lần
  --ocsp <tệp>             một phản hồi OCSP (DER); dùng được nhiều lần
  --cert <tệp>             chứng thư số bổ sung (DER, PEM hoặc gói PKCS#7); dùng được nhiều lần
  --now <thời điểm>        thời điểm kiểm tra (mặc định: đồng hồ của máy)
  --signing-time <thời điểm>  thời điểm ký do bạn bảo đảm (bằng chứng tồn tại)
  --policy <tệp>           chính sách kiểm tra JSON (revocation, algorithms, soleControl, ...)
  --online                 lấy CRL, OCSP và chứng thư CA còn thiếu từ địa chỉ ghi trong chứng thư
  --timeout <ms>           thời gian chờ tối đa mỗi lần tải, với --online (mặc định 10000)
  --allow-private-network  với --online, cho phép tải cả từ địa chỉ nội bộ/loopback (mặc định bị từ chối)
  --json                   in báo cáo dạng JSON
  --lang vi|en             ngôn ngữ của báo cáo (mặc định vi)
  --version                in số phiên bản
  -h, --help               in hướng dẫn này
Thời điểm: ISO-8601 (2025-06-01, 2025-06-01T09:30:00+07:00; không ghi múi giờ thì là giờ Việt Nam)
  hoặc dd/mm/yyyy [HH:mm[:ss]] theo giờ Việt Nam (01/06/2025 09:30).
Mã thoát: 0 mọi chữ ký AN TOÀN, 1 có chữ ký KHÔNG AN TOÀN, 2 còn lại CHƯA XÁC ĐỊNH, 3 không đọc được chữ ký, 64 dùng sai lệnh.`,
  en: `Usage: decree130 verify <file> [options]
  --content <file>         detached content the signature covers
  --trust-list <file>      trust list JSON (default: the built-in Vietnamese list)
  --crl <file>             a CRL (DER or PEM); repeatable
  --ocsp <file>            an OCSP response (DER); repeatable
  --cert <file>            extra certificates (DER, PEM or PKCS#7 bundle); repeatable
  --now <time>             validation time (default: the clock)
  --signing-time <time>    a signing time you vouch for (proof of existence)
  --policy <file>          policy JSON (revocation, algorithms, soleControl, ...)
  --online                 fetch missing CRLs, OCSP answers and CA certificates from the certificates' URLs
  --timeout <ms>           per-fetch timeout with --online (default 10000)
  --allow-private-network  with --online, also fetch from loopback/private/link-local addresses (refused by default)
  --json                   print the report as JSON
  --lang vi|en             language of the readable report (default vi)
  --version                print the version
  -h, --help               print this help
Times: ISO-8601 (2025-06-01, 2025-06-01T09:30:00+07:00; without a zone: Vietnam time)
  or dd/mm/yyyy [HH:mm[:ss]] in Vietnam time (01/06/2025 09:30).
Exit codes: 0 all SECURE, 1 a NOT_SECURE, 2 otherwise INDETERMINATE, 3 not a readable signature, 64 bad usage.`,
};

type Words = Readonly<Record<Lang, string>>;

const USAGE_WORDS: { readonly [P in UsageProblem as P["id"]]: (p: P) => Words } = {
  "no-command": () => ({ vi: "Thiếu lệnh: hãy viết decree130 verify <tệp>.", en: "No command: write decree130 verify <file>." }),
  "unknown-command": (p) => ({ vi: `Lệnh không được biết: ${q(p.value)}.`, en: `Unknown command ${q(p.value)}.` }),
  "no-file": () => ({ vi: "Thiếu tệp chữ ký sau verify.", en: "No signature file after verify." }),
  "extra-argument": (p) => ({
    vi: `Mỗi lần chỉ kiểm tra một tệp; thừa ${q(p.value)}.`,
    en: `One file at a time; ${q(p.value)} is one too many.`,
  }),
  "unknown-option": (p) => ({ vi: `Tùy chọn không được biết: ${q(p.value)}.`, en: `Unknown option ${q(p.value)}.` }),
  "missing-value": (p) => ({ vi: `Tùy chọn ${p.option} cần một giá trị.`, en: `The option ${p.option} needs a value.` }),
  "flag-value": (p) => ({ vi: `Tùy chọn ${p.option} không nhận giá trị.`, en: `The option ${p.option} takes no value.` }),
  repeated: (p) => ({ vi: `Tùy chọn ${p.option} chỉ được dùng một lần.`, en: `The option ${p.option} may be given only once.` }),
  "bad-lang": (p) => ({ vi: `--lang phải là vi hoặc en, không phải ${q(p.value)}.`, en: `--lang must be vi or en, not ${q(p.value)}.` }),
  "too-many": (p) => ({
    vi: `Quá nhiều tệp ${p.options}: tối đa ${p.limit}.`,
    en: `Too many ${p.options} files: at most ${p.limit}.`,
  }),
  "needs-online": (p) => ({ vi: `${p.option} chỉ dùng cùng --online.`, en: `${p.option} only applies with --online.` }),
  "bad-timeout": (p) => ({
    vi: `--timeout là số mili giây từ 1 đến 600000, không phải ${q(p.value)}.`,
    en: `--timeout is a number of milliseconds from 1 to 600000, not ${q(p.value)}.`,
  }),
};

/** Codes whose words already say all there is (the accepted time forms): no pointer to a technical detail follows. */
const SELF_EXPLAINED: ReadonlySet<string> = new Set(["TIME_INVALID"]);

/** File-system error codes people meet, in words; any other is shown by its code. */
const ERRNO: Readonly<Record<string, Words>> = {
  ENOENT: { vi: "Tệp không tồn tại.", en: "The file does not exist." },
  EACCES: { vi: "Không có quyền đọc tệp.", en: "Permission to read the file is denied." },
  EPERM: { vi: "Không có quyền đọc tệp.", en: "Permission to read the file is denied." },
  ELOOP: { vi: "Đường dẫn có vòng lặp liên kết tượng trưng (symlink).", en: "The path has a loop of symbolic links." },
  ENAMETOOLONG: { vi: "Tên tệp hoặc đường dẫn quá dài.", en: "The file name or path is too long." },
  ENOTDIR: { vi: "Một phần của đường dẫn không phải thư mục.", en: "A part of the path is not a folder." },
  EMFILE: { vi: "Đang mở quá nhiều tệp.", en: "Too many files are open." },
  ENFILE: { vi: "Đang mở quá nhiều tệp.", en: "Too many files are open." },
  EIO: { vi: "Lỗi vào/ra của thiết bị lưu trữ.", en: "The storage device reported an input/output error." },
  ENXIO: { vi: "Thiết bị không tồn tại.", en: "No such device." },
  ENODEV: { vi: "Thiết bị không tồn tại.", en: "No such device." },
  ERR_INVALID_ARG_VALUE: { vi: "Tên tệp không hợp lệ.", en: "The file name is not valid." },
  ERR_INVALID_ARG_TYPE: { vi: "Tên tệp không hợp lệ.", en: "The file name is not valid." },
};

const KINDS: Readonly<Record<FileKind, Words>> = {
  directory: { vi: "Đây là thư mục, không phải tệp.", en: "It is a folder, not a file." },
  fifo: { vi: "Đây là ống dẫn (FIFO), không phải tệp thường.", en: "It is a pipe (FIFO), not a regular file." },
  "character-device": {
    vi: "Đây là thiết bị ký tự (như /dev/zero), không phải tệp thường.",
    en: "It is a character device (like /dev/zero), not a regular file.",
  },
  "block-device": { vi: "Đây là thiết bị khối (ổ đĩa), không phải tệp thường.", en: "It is a block device (a disk), not a regular file." },
  socket: { vi: "Đây là socket, không phải tệp thường.", en: "It is a socket, not a regular file." },
  other: { vi: "Đây không phải tệp thường.", en: "It is not a regular file." },
};

function q(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/** A byte count, exact, grouped by thousands as each language writes it: `33.554.433 byte`, `33,554,433 bytes`. */
function bytes(n: number, lang: Lang): string {
  const grouped = String(n).replace(/\B(?=(\d{3})+$)/g, lang === "vi" ? "." : ",");
  return lang === "vi" ? `${grouped} byte` : `${grouped} bytes`;
}

/** A limit, which is always a whole number of MiB, with its exact byte count. */
function limit(n: number, lang: Lang): string {
  const MiB = 1024 * 1024;
  return n % MiB === 0 ? `${n / MiB} MiB (${bytes(n, lang)})` : bytes(n, lang);
}

function reasonWords(reason: Reason, lang: Lang): string {
  switch (reason.kind) {
    case "usage":
      return (USAGE_WORDS[reason.problem.id] as (p: UsageProblem) => Words)(reason.problem)[lang];
    case "file-system":
      return ERRNO[reason.errno]?.[lang] ?? (lang === "vi" ? `Lỗi hệ thống tệp (${reason.errno}).` : `File-system error (${reason.errno}).`);
    case "not-regular":
      return `${KINDS[reason.file][lang]} ${lang === "vi" ? "Chỉ đọc tệp thường." : "Only regular files are read."}`;
    case "too-large":
      return lang === "vi"
        ? `Tệp có ${bytes(reason.size, lang)}, vượt giới hạn ${limit(reason.limit, lang)}.`
        : `The file has ${bytes(reason.size, lang)}; the limit is ${limit(reason.limit, lang)}.`;
    case "no-memory":
      return lang === "vi" ? `Không đủ bộ nhớ để đọc tệp ${bytes(reason.size, lang)}.` : `Not enough memory to read ${bytes(reason.size, lang)}.`;
    case "not-text":
      return lang === "vi" ? "Tệp không phải văn bản UTF-8." : "The file is not UTF-8 text.";
    case "not-json":
      return lang === "vi" ? "Tệp không phải JSON hợp lệ." : "The file is not valid JSON.";
    case "refused":
      return DECREE130_ERROR_MESSAGES[lang][reason.code];
  }
}

/** Where the problem lies, in words: the signature file, an option's file, or an option's value. */
function where(p: Problem, lang: Lang): string {
  const typed = p.file ?? p.value;
  const subject = typed === undefined ? "" : ` ${q(typed)}`;
  if (p.option === undefined) return lang === "vi" ? `Không đọc được chữ ký${subject}` : `Not a readable signature${subject}`;
  return lang === "vi" ? `Lỗi ở ${p.option}${subject}` : `Error in ${p.option}${subject}`;
}

/**
 * The lines that report a problem on stderr, all in one language: where, why, and the code once; with `--lang en`
 * the library's technical detail follows, in Vietnamese a pointer to it; a usage problem is followed by the usage.
 *
 * @param p - the problem
 * @param lang - the output language
 * @returns the text to print, ending with a newline
 * @example
 * ```ts
 * process.stderr.write(describeProblem(err.problem, "vi"));
 * ```
 */
export function describeProblem(p: Problem, lang: Lang): string {
  const why = reasonWords(p.reason, lang);
  if (p.reason.kind === "usage") return `${why}\n\n${USAGE[lang]}\n`;
  const lines = [`${where(p, lang)}: ${why} [${p.code}]`];
  if (p.detail !== undefined && p.detail !== why && !SELF_EXPLAINED.has(p.code)) {
    lines.push(lang === "en" ? `  Detail: ${p.detail}` : "  Chi tiết kỹ thuật: chạy lại với --lang en.");
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A problem as the `--json` error object: `code` and `message` (English, as before), the option and file concerned,
 * and the explanation in both languages.
 *
 * @param p - the problem
 * @returns the object to print as `{"error": ...}`
 * @example
 * ```ts
 * JSON.stringify({ error: problemJson(err.problem) });
 * ```
 */
export function problemJson(p: Problem): Record<string, unknown> {
  return {
    code: p.code,
    message: p.detail ?? reasonWords(p.reason, "en"),
    ...(p.option === undefined ? {} : { option: p.option }),
    ...(p.file === undefined ? {} : { file: p.file }),
    ...(p.value === undefined ? {} : { value: p.value }),
    messages: { vi: reasonWords(p.reason, "vi"), en: reasonWords(p.reason, "en") },
  };
}
