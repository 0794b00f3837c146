// decree130/pdf in a real Chromium: the reader inflates with the browser's DecompressionStream, and a signed PDF, a
// commented one and a tampered one get the document verdicts of pdf.md.
import { describe, expect, it } from "vitest";
import { loadTrustList } from "decree130";
import { validatePdf } from "decree130/pdf";
import { appendIncrementalUpdate, createTestPdf, createTestPki, issueCertificate, signPdf } from "decree130/testing";

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("decree130/pdf in Chromium", () => {
  it("judges a signed PDF, a comment after it, a re-compressed stream and a replaced page", async () => {
    const pki = await createTestPki();
    const signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Nguyễn Văn A" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z" });
    const options = { trustList: loadTrustList(pki.trustList), now: new Date("2025-07-01T00:00:00Z"), policy: { revocation: "ignore" as const } };
    const signed = await signPdf(createTestPdf({ text: "Hop dong" }), { signer, signingTime: "2025-06-01T08:00:00Z" });
    expect((await validatePdf(signed, options)).document.code).toBe("ALL_SECURE");
    const commented = await appendIncrementalUpdate(signed, { annotation: {} });
    expect((await validatePdf(commented, options)).signatures[0]!.pdf.changesAfter.status).toBe("ALLOWED");
    const content = new TextEncoder().encode("BT /F1 18 Tf 72 760 Td (Hop dong) Tj ET\nBT /F1 10 Tf 72 740 Td (Page 1 of 1) Tj ET");
    const recompressed = await appendIncrementalUpdate(signed, { replaceObjects: { 5: { dict: "<< /Filter /FlateDecode >>", data: await deflate(content) } } });
    expect((await validatePdf(recompressed, options)).signatures[0]!.pdf.changesAfter.status).toBe("NONE");
    const replaced = await appendIncrementalUpdate(signed, { replaceObjects: { 5: { dict: "<< >>", data: "BT (Evil) Tj ET" } } });
    expect((await validatePdf(replaced, options)).document.code).toBe("MODIFIED_AFTER_SIGNING");
  });
});
