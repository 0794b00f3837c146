// End-to-end: the example page (examples/browser) in Debian's Chromium, driven by Playwright. A person picks the
// trust list, a CRL and a validation time, then chooses or drops a .p7s; the page judges it in the browser and shows
// the verdict. Run `npm run build` first (the page bundles dist/ through the package's exports).
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExampleServer } from "../../examples/browser/serve.js";
import { CHROMIUM_ARGS, chromiumMissing, chromiumPath } from "../browser/chromium.js";

const fixture = (p: string): string => fileURLToPath(new URL(`../fixtures/openssl/${p}`, import.meta.url));
/** A file of the bundled demo (examples/demo): the signed contract.pdf and what judging it needs. */
const demo = (p: string): string => fileURLToPath(new URL(`../../examples/demo/${p}`, import.meta.url));
const SCREENSHOT = fileURLToPath(new URL("../../examples/browser/screenshot.png", import.meta.url));

// Skipped, with the reason printed, on a machine without Chromium (outside CI only: CI installs it and requires it).
const skipReason = chromiumMissing();
if (skipReason) console.warn(`examples/browser end-to-end test SKIPPED: ${skipReason}`);

let server: Server;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (skipReason) return;
  const started = await startExampleServer(0);
  server = started.server;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS], headless: true });
  page = await browser.newPage({ locale: "vi-VN", viewport: { width: 1100, height: 900 } });
  page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(started.url);
  await page.waitForSelector("body[data-ready=true]");
  expect(errors).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Drops fixture files (or files at the paths `at` gives) on the page's drop zone, as a person dragging them would. */
async function drop(paths: string[], at: (p: string) => string = fixture): Promise<void> {
  const files = paths.map((p) => ({ name: p.split("/").pop()!, data: [...readFileSync(at(p))] }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([new Uint8Array(f.data)], f.name));
    document.getElementById("drop-zone")!.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

describe.skipIf(skipReason !== undefined)("examples/browser in Chromium (skip reason: no Chromium outside CI)", () => {
  it("shows SECURE, with signer, provider, signing time and the four conditions, in Vietnamese", async () => {
    await page.fill("#now", "2025-06-01T00:00:00Z");
    await page.setInputFiles("#trust-list", fixture("trust-list.json"));
    await page.setInputFiles("#crls", [fixture("crl/public-ca.crl"), fixture("crl/national-root.crl")]);
    await page.setInputFiles("#signature", fixture("sig/secure-attached-ecdsa.p7s"));
    const verdict = page.locator("#result[data-status=done] [data-verdict]");
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-verdict")).toBe("SECURE");
    expect(await verdict.textContent()).toBe("AN TOÀN (SECURE)");
    const rows = page.locator("[data-condition]");
    expect(await rows.count()).toBe(4);
    for (const [name, code] of [
      ["validityPeriod", "CERT_VALID_AT_SIGNING"],
      ["keyCorrespondence", "SIGNATURE_VALID"],
      ["issuerType", "RECOGNIZED_PROVIDER"],
      ["soleControl", "PRESUMED"],
    ] as const) {
      const row = page.locator(`[data-condition=${name}]`);
      expect(await row.getAttribute("data-status")).toBe("PASSED");
      expect(await row.getAttribute("data-code")).toBe(code);
      expect((await row.locator(".reason").textContent())?.length).toBeGreaterThan(10);
    }
    expect(await page.textContent("[data-field=category]")).toBe("công cộng");
    // Times in Vietnam time, as an accountant compares them with an invoice; the certificate's validity beside them.
    expect(await page.textContent("[data-field=signing-time]")).toBe("01/03/2025 17:00:00 (giờ Việt Nam) — nguồn: người ký khai");
    expect(await page.textContent("[data-field=validity]")).toBe("từ 01/01/2024 07:00:00 (giờ Việt Nam) đến 01/01/2026 07:00:00 (giờ Việt Nam)");
    expect(await page.textContent("[data-condition=validityPeriod] .reason")).toContain("01/03/2025 17:00:00 (giờ Việt Nam)");
    expect(await page.textContent("[data-field=provider]")).not.toBe("không rõ");
    // The README's picture of the page: refreshed on request only, so a test run leaves the checkout as it found it.
    if (process.env["UPDATE_SCREENSHOT"] === "1") await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("switches the same report to English", async () => {
    await page.click("button[data-lang=en]");
    // The verdict once: "SECURE (SECURE)" said the same thing twice.
    expect(await page.textContent("[data-verdict]")).toBe("SECURE");
    expect(await page.textContent("[data-field=category]")).toBe("licensed public");
    expect(await page.textContent("[data-field=signing-time]")).toBe("01/03/2025 17:00:00 (Vietnam time, UTC+07:00) — source: claimed by the signer");
  });

  it("shows NOT_SECURE for a file dropped on the page (signed after the certificate expired)", async () => {
    await drop(["sig/signed-after-expiry.p7s"]);
    const verdict = page.locator("#result[data-status=done] [data-verdict=NOT_SECURE]");
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe("NOT SECURE");
    const failed = page.locator("[data-condition=validityPeriod]");
    expect(await failed.getAttribute("data-status")).toBe("FAILED");
    expect(await failed.getAttribute("data-code")).toBe("SIGNED_AFTER_EXPIRY");
    expect(await page.textContent("#dropped")).toBe("signed-after-expiry.p7s");
  });

  it("takes a detached signature dropped together with its signed file", async () => {
    await drop(["content.txt", "sig/secure-detached-ecdsa.p7s"]);
    await page.locator("#result[data-status=done] [data-verdict=SECURE]").waitFor();
    expect(await page.getAttribute("[data-condition=keyCorrespondence]", "data-code")).toBe("SIGNATURE_VALID");
    expect(await page.textContent("#dropped")).toBe("content.txt, secure-detached-ecdsa.p7s");
  });

  it("says when a file is not a signature", async () => {
    await page.setInputFiles("#signature", fixture("input/random.bin"));
    const error = page.locator("#result[data-status=error] [data-error]");
    await error.waitFor();
    expect(await error.getAttribute("data-error")).toMatch(/^(INPUT_NOT_RECOGNIZED|MALFORMED_DER)$/);
  });

  /** Sets a text field as a person would, ending with the change event the page listens to. */
  async function type(id: string, text: string): Promise<void> {
    await page.fill(`#${id}`, text);
    await page.dispatchEvent(`#${id}`, "change");
  }
  const codeOf = async (condition: string, code: string): Promise<void> =>
    page.locator(`#result[data-status=done] [data-condition=${condition}][data-code=${code}]`).waitFor();

  it("refuses a validation time that is no time, showing both accepted forms; reads dd/mm/yyyy as Vietnam time and says so", async () => {
    await type("now", "1");
    const error = page.locator("#result[data-status=error] [data-error=TIME_INVALID]");
    await error.waitFor();
    expect(await error.textContent()).toContain("dd/mm/yyyy [HH:mm[:ss]]");
    // The page still holds the random file of the previous test: once the time is read, that file is judged again.
    await type("now", "01/06/2025 07:00");
    await page.locator("#result[data-status=error] [data-error]:not([data-error=TIME_INVALID])").waitFor();
    expect(await page.textContent("#now-note")).toBe("No time zone written: read as Vietnam time (UTC+07:00).");
  });

  it("resolves EXPIRED_NO_POE with a signing time the reader vouches for", async () => {
    await page.setInputFiles("#signature", fixture("sig/expired-at-now.p7s"));
    await codeOf("validityPeriod", "EXPIRED_NO_POE");
    await type("signing-time", "01/03/2024 17:00");
    await codeOf("validityPeriod", "CERT_VALID_AT_SIGNING");
    expect(await page.getAttribute("[data-verdict]", "data-verdict")).toBe("SECURE");
    expect(await page.textContent("[data-field=signing-time]")).toBe("01/03/2024 17:00:00 (Vietnam time, UTC+07:00) — source: asserted by the checker");
    await type("signing-time", "");
  });

  it("takes OCSP responses as revocation evidence", async () => {
    // The national root's CRL stays: it speaks for the listed public CA; the signer's status comes from OCSP alone.
    await page.setInputFiles("#crls", [fixture("crl/national-root.crl")]);
    await page.setInputFiles("#signature", fixture("sig/secure-attached-ecdsa.p7s"));
    await codeOf("validityPeriod", "REVOCATION_UNKNOWN");
    await page.setInputFiles("#ocsp", fixture("ocsp/ee-public-good-ca.der"));
    await codeOf("validityPeriod", "CERT_VALID_AT_SIGNING");
    expect(await page.getAttribute("[data-verdict]", "data-verdict")).toBe("SECURE");
    await page.setInputFiles("#ocsp", []);
  });

  it("resolves NO_CERTIFICATE_PATH with an extra certificate (the missing intermediate CA)", async () => {
    await page.setInputFiles("#crls", [fixture("crl/gov-sub-ca.crl"), fixture("crl/gov-root.crl")]);
    await page.setInputFiles("#signature", fixture("sig/missing-intermediate.p7s"));
    await codeOf("issuerType", "NO_CERTIFICATE_PATH");
    await page.setInputFiles("#certificates", fixture("certs/gov-sub-ca.pem"));
    await codeOf("issuerType", "RECOGNIZED_PROVIDER");
    expect(await page.getAttribute("[data-verdict]", "data-verdict")).toBe("SECURE");
    expect(await page.textContent("[data-field=category]")).toBe("Government-specialized");
  });

  it("judges a signed XML e-invoice (told apart by content): document verdict, seller, buyer, amounts and each signature's role", async () => {
    const demo = (p: string): string => fileURLToPath(new URL(`../../examples/demo/${p}`, import.meta.url));
    await page.setInputFiles("#certificates", []);
    await type("now", "2025-06-01T00:00:00Z");
    await page.setInputFiles("#trust-list", demo("invoice-trust-list.json"));
    await page.setInputFiles("#crls", ["national-root", "public-ca", "government-root", "government-sub-ca"].map((ca) => demo(`invoice-${ca}.crl`)));
    await page.setInputFiles("#signature", demo("invoice.xml"));
    const verdict = page.locator("#result[data-status=done] [data-document-verdict]");
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-document-verdict")).toBe("SECURE");
    expect(await page.textContent("[data-field=invoice-number]")).toBe("0000123");
    expect(await page.textContent("[data-field=seller]")).toBe("TEST Công ty Cổ phần Bán Lẻ Thử Nghiệm (MST 0101234567)");
    expect(await page.textContent("[data-field=buyer]")).toBe("TEST Công ty TNHH Mua Hàng (MST 0109876543)");
    expect(await page.textContent("[data-field=total]")).toBe("2079000 VND");
    const roles = page.locator("section[data-role]");
    expect(await roles.count()).toBe(2);
    expect(await roles.nth(0).getAttribute("data-role")).toBe("seller");
    expect(await roles.nth(1).getAttribute("data-role")).toBe("tax-authority");
    expect(await roles.nth(1).locator("h2").textContent()).toBe("Tax authority — Signature 2/2: SECURE");
    expect(await roles.nth(0).locator("[data-field=claimed-time]").textContent()).toBe("20/05/2025 10:00:00 (Vietnam time, as the signer states)");
    expect(await page.locator("section[data-role] [data-condition][data-status=PASSED]").count()).toBe(8);
  });

  it("a wrapped XML invoice: NOT_SECURE, NOT_BOUND_TO_DOCUMENT, and the forged data is not shown", async () => {
    await page.setInputFiles("#signature", fileURLToPath(new URL("../../examples/demo/invoice-wrapped.xml", import.meta.url)));
    await page.locator("#result[data-status=done] [data-document-verdict=NOT_SECURE]").waitFor();
    expect(await page.getAttribute("[data-role=seller] [data-condition=keyCorrespondence]", "data-code")).toBe("NOT_BOUND_TO_DOCUMENT");
    expect(await page.locator("[data-field=no-invoice]").count()).toBe(1);
    expect(await page.locator("[data-field=total]").count()).toBe(0);
  });

  it("takes a signed PDF dropped alone: the document verdict, the revision each signature signs and what changed after it", async () => {
    await page.click("button[data-lang=vi]");
    await page.setInputFiles("#trust-list", demo("contract-trust-list.json"));
    await page.setInputFiles("#crls", [demo("contract-public-ca.crl"), demo("contract-national-root.crl")]);
    await type("now", "2025-07-01T00:00:00Z");
    await drop(["contract.pdf"], demo);
    const verdict = page.locator("#result[data-status=done] [data-document-verdict]");
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-document-verdict")).toBe("SECURE");
    expect(await page.getAttribute("[data-document-code]", "data-document-code")).toBe("ALL_SECURE");
    expect(await page.textContent("#dropped")).toBe("contract.pdf");
    expect(await page.textContent("[data-field=pdf-field]")).toBe("Ben A");
    expect(await page.textContent("[data-field=revision]")).toBe("ký phiên bản 2/4 của tài liệu");
    expect(await page.getAttribute("[data-field=changes-after]", "data-status")).toBe("ALLOWED");
    expect(await page.locator("[data-change-class=annotation]").count()).toBeGreaterThan(0);
    expect(await page.getAttribute("[data-verdict]", "data-verdict")).toBe("SECURE");
    expect(await page.getAttribute("[data-condition=keyCorrespondence]", "data-code")).toBe("SIGNATURE_VALID");
    expect(await page.getAttribute("[data-document-timestamp]", "data-document-timestamp")).toBe("true");
    await page.click("button[data-lang=en]");
    expect(await page.textContent("[data-field=revision]")).toBe("signs revision 2 of 4");
  });

  it("uploaded nothing: every request went to the page's own server for the page itself", () => {
    const foreign = requests.filter((r) => !/^GET http:\/\/127\.0\.0\.1:\d+\/(app\.js)?$/.test(r));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(2);
  });
});
