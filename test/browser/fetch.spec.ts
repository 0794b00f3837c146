// Runs only in the Chromium projects: the HTTP fetcher in a real browser picks the Fetch API, checks what a page can
// check (addresses written in the URL, local names, schemes, credentials) before any request, and reads a real
// response as a stream within its limit.
import { describe, expect, it } from "vitest";
import { decodeCertificate } from "decree130";
import { createTestPki, issueCertificate } from "decree130/testing";
import { certificateUrls, createFetchSession, createHttpFetcher, encodeOcspRequest, isFetchError, type Fetcher } from "decree130/fetch";

async function reason(fetcher: Fetcher, url: string): Promise<string> {
  try {
    await fetcher(url, { kind: "crl", signal: new AbortController().signal });
    return "fetched";
  } catch (err) {
    if (isFetchError(err)) return err.reason;
    throw err;
  }
}

describe("decree130/fetch in Chromium", () => {
  it("refuses what the URL shows, before any request", async () => {
    const fetcher = createHttpFetcher();
    for (const url of ["http://127.0.0.1/ca.crl", "http://2130706433/", "http://0x7f.1/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/",
      "http://localhost/", "http://printer.local/", "http://intranet/", `${location.origin}/`]) {
      expect(await reason(fetcher, url), url).toBe("REFUSED_ADDRESS");
    }
    expect(await reason(fetcher, "http://u:p@crl.example.vn/")).toBe("REFUSED_CREDENTIALS");
    expect(await reason(fetcher, "file:///etc/passwd")).toBe("REFUSED_SCHEME");
  });

  it("fetches the page's own origin when private addresses are allowed, within the size limit", async () => {
    const bytes = await createHttpFetcher({ allowPrivateNetwork: true })(location.href, { kind: "crl", signal: new AbortController().signal });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBeGreaterThan(0);
    expect(await reason(createHttpFetcher({ allowPrivateNetwork: true, maxBytes: 8 }), location.href)).toBe("TOO_LARGE");
  });

  it("reads a certificate's URLs, encodes an OCSP request with the browser's SHA-1, and runs a session", async () => {
    const pki = await createTestPki();
    const signer = await issueCertificate(pki.publicCa, {
      subject: { commonName: "Nguyễn Văn A" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2027-01-01T00:00:00Z",
      crlUrl: "http://crl.ca.test/public.crl", ocspUrl: "http://ocsp.ca.test/",
    });
    const cert = decodeCertificate(signer.certificate);
    expect(certificateUrls(cert)).toMatchObject({ crl: ["http://crl.ca.test/public.crl"], ocsp: ["http://ocsp.ca.test/"] });
    const req = await encodeOcspRequest(cert, decodeCertificate(pki.publicCa.certificate), { crypto, nonce: true });
    expect([req.certId.serialHex, req.certId.issuerNameHash.length, req.nonce?.length]).toEqual([cert.serialHex, 20, 32]);
    const session = createFetchSession({ fetch: createHttpFetcher(), now: Date.parse("2025-06-01T00:00:00Z") });
    expect(await session.get("http://localhost/x.crl", "crl")).toMatchObject({ ok: false, refused: true, reason: "REFUSED_ADDRESS" });
  });
});
