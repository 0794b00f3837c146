// The page's logic: read the dropped or chosen files, call validate() in this browser, render the report. Nothing is
// sent anywhere: the page makes no request after it has loaded.
import {
  DECREE130_ERROR_MESSAGES,
  isDecree130Error,
  loadTrustList,
  parseTimeInput,
  validate,
  type ParsedTime,
  type Report,
  type TrustList,
  type ValidateOptions,
} from "decree130";
import { validatePdf } from "decree130/pdf";
import { vietnamTrustList } from "decree130/trust/vn";
import { validateXml, type XmlReport } from "decree130/xml";
import { LABELS, type Lang } from "./labels.js";
import { renderReport } from "./render.js";
import { looksLikeXml, renderXmlReport } from "./render-xml.js";
import { isPdf, renderPdfReport } from "./render-pdf.js";

const SIGNATURE_EXT = /\.(p7s|p7m|p7b|pem|b64|cms|sig|xml|pdf)$/i;

const state: {
  lang: Lang;
  signature: File | null;
  content: File | null;
  trustList: { name: string; list: TrustList } | null;
  crls: File[];
  ocsp: File[];
  certificates: File[];
  run: number;
} = {
  lang: navigator.language.toLowerCase().startsWith("vi") ? "vi" : "en",
  signature: null,
  content: null,
  trustList: null,
  crls: [],
  ocsp: [],
  certificates: [],
  run: 0,
};

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const bytes = async (file: File): Promise<Uint8Array> => new Uint8Array(await file.arrayBuffer());

function setText(): void {
  const L = LABELS[state.lang];
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll<HTMLElement>("[data-label]")) {
    el.textContent = String(L[el.dataset["label"] as keyof typeof L]);
  }
  $("trust-list-name").textContent = `${L.using}: ${state.trustList?.name ?? L.builtInList}`;
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset["lang"] === state.lang));
}

function show(node: Node, status: string): void {
  const out = $("result");
  out.replaceChildren(node);
  out.dataset["status"] = status;
}

function message(text: string, code?: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "error";
  if (code) p.dataset["error"] = code;
  p.textContent = text;
  return p;
}

/** An error in the page's language: what its code means, the code once, and in English the library's detail. */
function explain(err: unknown, fallback: "TRUST_LIST_INVALID" | "ERROR"): { code: string; text: string } {
  if (!isDecree130Error(err)) return { code: fallback, text: `${(err as Error).message} [${fallback}]` };
  const detail = state.lang === "en" && err.message !== DECREE130_ERROR_MESSAGES.en[err.code] ? ` (${err.message})` : "";
  return { code: err.code, text: `${DECREE130_ERROR_MESSAGES[state.lang][err.code]}${detail} [${err.code}]` };
}

/**
 * Reads a time field with the library's one time reader, and says under the field how it was read: a time without a
 * zone is Vietnam time. Empty: `undefined`. Not a time: `null`, with the reason (and both accepted forms) shown.
 */
function timeField(id: "now" | "signing-time"): ParsedTime | undefined | null {
  const L = LABELS[state.lang];
  const text = $<HTMLInputElement>(id).value.trim();
  const note = $(`${id}-note`);
  note.textContent = "";
  if (!text) return undefined;
  try {
    const parsed = parseTimeInput(text);
    if (parsed.assumedZone) note.textContent = L.assumedZone;
    return parsed;
  } catch (err) {
    const { code, text: why } = explain(err, "ERROR");
    show(message(`${id === "now" ? L.badTime : L.badSigningTime} ${JSON.stringify(text)}: ${why}`, code), "error");
    return null;
  }
}

/** Renders the last report again (in another language); `null` until a check is done. */
let lastReport: ((lang: Lang) => Node) | null = null;

async function check(): Promise<void> {
  const L = LABELS[state.lang];
  const run = ++state.run;
  lastReport = null;
  const now = timeField("now");
  const signingTime = timeField("signing-time");
  if (now === null || signingTime === null) return;
  if (!state.signature) return;
  show(document.createTextNode(L.checking), "running");
  try {
    const options: ValidateOptions = {
      trustList: state.trustList?.list ?? vietnamTrustList(),
      crls: await Promise.all(state.crls.map(bytes)),
      ocspResponses: await Promise.all(state.ocsp.map(bytes)),
      certificates: await Promise.all(state.certificates.map(bytes)),
      now: now?.time ?? new Date(),
      ...(signingTime ? { signingTime: signingTime.time } : {}),
      ...(state.content ? { content: await bytes(state.content) } : {}),
    };
    const input = await bytes(state.signature);
    // A PDF or a signed XML invoice says itself what was signed: told apart by content, as the command line does, and
    // judged alone, whatever else was dropped with it.
    let render: (lang: Lang) => Node;
    if (isPdf(input)) {
      const report = await validatePdf(input, options);
      render = (lang) => renderPdfReport(report, lang);
    } else if (looksLikeXml(input)) {
      const report: XmlReport = await validateXml(input, options);
      render = (lang) => renderXmlReport(report, lang);
    } else {
      const report: Report = await validate(input, options);
      render = (lang) => renderReport(report, lang);
    }
    if (run !== state.run) return; // a newer check started meanwhile
    lastReport = render;
    show(render(state.lang), "done");
  } catch (err) {
    if (run !== state.run) return;
    const { code, text } = explain(err, "ERROR");
    show(message(`${L.notChecked}: ${text}`, code), "error");
  }
}

async function useTrustList(file: File | undefined): Promise<void> {
  state.trustList = null;
  if (file) {
    try {
      state.trustList = { name: file.name, list: loadTrustList(JSON.parse(await file.text())) };
    } catch (err) {
      const { code, text } = explain(err, "TRUST_LIST_INVALID");
      setText();
      return show(message(`${file.name}: ${text}`, code), "error");
    }
  }
  setText();
  await check();
}

/** A drop may hold the signature and the signed file: the one with a signature extension is the signature. */
async function dropped(files: File[]): Promise<void> {
  const signature = files.find((f) => SIGNATURE_EXT.test(f.name)) ?? files[0];
  if (!signature) return;
  state.signature = signature;
  state.content = files.find((f) => f !== signature) ?? null;
  $("dropped").textContent = files.map((f) => f.name).join(", ");
  await check();
}

function wire(): void {
  const files = (id: string): File[] => [...($<HTMLInputElement>(id).files ?? [])];
  $("signature").addEventListener("change", () => void dropped(files("signature").concat(state.content ? [state.content] : [])));
  $("content").addEventListener("change", () => {
    state.content = files("content")[0] ?? null;
    void check();
  });
  $("trust-list").addEventListener("change", () => void useTrustList(files("trust-list")[0]));
  for (const [id, key] of [["crls", "crls"], ["ocsp", "ocsp"], ["certificates", "certificates"]] as const) {
    $(id).addEventListener("change", () => {
      state[key] = files(id);
      void check();
    });
  }
  $("now").addEventListener("change", () => void check());
  $("signing-time").addEventListener("change", () => void check());
  // Drops are taken anywhere on the page: a file dropped beside the zone must not make the browser open it instead.
  const zone = $("drop-zone");
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  document.addEventListener("dragleave", (e) => {
    if (e.relatedTarget === null) zone.classList.remove("over");
  });
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    void dropped([...(e.dataTransfer?.files ?? [])]);
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    b.addEventListener("click", () => {
      state.lang = b.dataset["lang"] === "vi" ? "vi" : "en";
      setText();
      timeField("now");
      timeField("signing-time");
      if (lastReport) show(lastReport(state.lang), "done");
    });
  }
}

wire();
setText();
document.body.dataset["ready"] = "true";
