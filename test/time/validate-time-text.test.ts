// validate() takes `now` and `signingTime` as text too, read by parseTimeInput: the same instants as the Dates they
// name, TIME_INVALID for text that is no time, TypeError for values that are neither.
import { beforeAll, describe, expect, it } from "vitest";
import { isDecree130Error, loadTrustList, validate, type ValidateOptions } from "decree130";
import { createCrl, createTestPki, issueCertificate, signCms } from "decree130/testing";

const content = new TextEncoder().encode("HÓA ĐƠN GTGT số 0000124");
let cms: Uint8Array;
let options: ValidateOptions;

beforeAll(async () => {
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.publicCa, {
    subject: { commonName: "CÔNG TY TNHH KIỂM THỬ", MST: "0109999999" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2025-06-01T00:00:00Z",
  });
  const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  cms = await signCms(content, signer, { signingTime: "2025-03-01T10:00:00Z" });
  options = { trustList: loadTrustList(JSON.stringify(pki.trustList)), crls: [crl] };
});

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("validate() with times as text", () => {
  it("reads now and signingTime text as the instants the equivalent Dates name", async () => {
    const asText = await validate(cms, { ...options, now: "01/06/2025 09:00", signingTime: "2025-05-20" });
    const asDates = await validate(cms, { ...options, now: new Date("2025-06-01T02:00:00Z"), signingTime: new Date("2025-05-19T17:00:00Z") });
    expect(asText).toEqual(asDates);
    expect(asText.signatures[0]!.signingTime).toEqual({ value: "2025-05-19T17:00:00.000Z", source: "caller" });
  });

  it("reads dd/mm/yyyy day first: 01/06/2025 is after the certificate expired, 06/01/2025 is not", async () => {
    const june = await validate(cms, { ...options, now: "2025-06-01T12:00:00+07:00", signingTime: "01/06/2025 12:00" });
    // A proof of existence only after notAfter (2025-06-01T00:00Z) cannot show the signature was made in time.
    expect(june.signatures[0]!.conditions.validityPeriod.code).toBe("EXPIRED_NO_POE");
    const january = await validate(cms, { ...options, now: "2025-06-01T12:00:00+07:00", signingTime: "06/01/2025 12:00" });
    expect(january.signatures[0]!.conditions.validityPeriod.code).toBe("CERT_VALID_AT_SIGNING");
  });

  it.each(["1", "0", "June 10, 2025", "2025-02-30T00:00:00Z", "2025-06-10T00:00:00+25:00"])("refuses now %j with TIME_INVALID", async (now) => {
    const err = await errorOf(validate(cms, { ...options, now }));
    expect(isDecree130Error(err) && err.code).toBe("TIME_INVALID");
  });

  it("throws TypeError for a time that is neither a Date nor text, or an invalid Date", async () => {
    expect(await errorOf(validate(cms, { ...options, now: 0 as unknown as Date }))).toBeInstanceOf(TypeError);
    expect(await errorOf(validate(cms, { ...options, signingTime: new Date(Number.NaN) }))).toBeInstanceOf(TypeError);
  });
});
