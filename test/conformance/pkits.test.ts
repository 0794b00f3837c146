// PKITS end to end through the conformance harness (conformance/suites/pkits.ts): every non-DSA row agrees, with the
// reason a row is invalid matching its section, so a right verdict for a wrong reason shows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createKeyCache } from "../../src/cache/key-cache.js";
import { judgeRow } from "../../conformance/suites/pkits.js";
import { CORPORA } from "../corpora.js";

const suite = JSON.parse(readFileSync(`${CORPORA}/suites/pkits/expected.json`, "utf8")) as {
  validation_time: string;
  policy_oids: Record<string, string>;
  tests: (Parameters<typeof judgeRow>[0] & { section: string })[];
};
const T = Date.parse(suite.validation_time);
const env = { crypto: globalThis.crypto, keys: createKeyCache() };
const DSA = new Set(["4.1.4", "4.1.5"]);

/** What an invalid row's reason must mention, per section (time and revocation rules name their code). */
const BECAUSE: Readonly<Record<string, RegExp>> = {
  "4.1": /SIGNATURE_INVALID|certificate rejected/,
  "4.2": /SIGNED_BEFORE_VALIDITY|EXPIRED_NO_POE/,
  "4.3": /no-path/,
  "4.4": /REVOCATION_UNKNOWN|REVOKED_NO_POE/,
  "4.5": /REVOCATION_UNKNOWN|REVOKED_NO_POE|no-path|NOT_A_CA/,
  "4.6": /NOT_A_CA|PATH_LENGTH_EXCEEDED/,
  "4.7": /KEY_CERT_SIGN_MISSING|REVOCATION_UNKNOWN/,
  "4.8": /POLICY_CONSTRAINTS/,
  "4.9": /POLICY_CONSTRAINTS/,
  "4.10": /POLICY_CONSTRAINTS/,
  "4.11": /POLICY_CONSTRAINTS/,
  "4.12": /POLICY_CONSTRAINTS/,
  "4.13": /NAME_CONSTRAINTS_VIOLATED/,
  "4.14": /REVOCATION_UNKNOWN|REVOKED_NO_POE/,
  "4.15": /REVOCATION_UNKNOWN|REVOKED_NO_POE/,
  "4.16": /UNKNOWN_CRITICAL_EXTENSION/,
};

describe("PKITS end to end (path, policies, time rules, revocation)", () => {
  const rows = suite.tests.filter((t) => !DSA.has(t.id));
  it("runs the 247 non-DSA rows", () => {
    expect(rows).toHaveLength(247);
  });

  it.each(rows.map((t) => [t.id, t] as const))("%s", async (_id, row) => {
    const got = await judgeRow(row, suite.policy_oids, env, T);
    expect(got.actual, got.reason).toBe(row.expected);
    if (row.expected === "invalid") expect(got.reason).toMatch(BECAUSE[row.section]!);
  });
});
