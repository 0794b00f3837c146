// RFC 5280 §6.1 certificate-policy processing on hand-made certificate stand-ins (only the fields the policy check reads:
// extensions, decoded policies, self-issued flag). The PKITS policy sections run end to end in pkits.test.ts.
import { standIn } from "../model/stand-in.js";
import { describe, expect, it } from "vitest";
import { encodeTlv } from "../../src/asn1/encode.js";
import type { Certificate } from "../../src/model/certificate.js";
import { checkPolicyTree, MAX_POLICY_NODES } from "../../src/path/policy-tree.js";
import { encodeOid } from "../crypto/helpers.js";

const ANY = "2.5.29.32.0";
const P = (n: number): string => `2.16.840.1.101.3.2.1.48.${n}`;
const seq = (...parts: Uint8Array[]): Uint8Array => encodeTlv(0x30, ...parts);

interface Spec {
  policies?: string[];
  mappings?: [string, string][];
  requireExplicit?: number;
  inhibitMapping?: number;
  inhibitAny?: number;
  selfIssued?: boolean;
}

/** A stand-in certificate carrying the given policy extensions (DER values, as the decoder would keep them). */
function cert(spec: Spec): Certificate {
  const extensions: { oid: string; critical: boolean; value: Uint8Array }[] = [];
  if (spec.policies) extensions.push({ oid: "2.5.29.32", critical: false, value: seq(...spec.policies.map((p) => seq(encodeOid(p)))) });
  if (spec.mappings) extensions.push({ oid: "2.5.29.33", critical: true, value: seq(...spec.mappings.map(([a, b]) => seq(encodeOid(a), encodeOid(b)))) });
  if (spec.requireExplicit !== undefined || spec.inhibitMapping !== undefined) {
    const f: Uint8Array[] = [];
    if (spec.requireExplicit !== undefined) f.push(encodeTlv(0x80, Uint8Array.of(spec.requireExplicit)));
    if (spec.inhibitMapping !== undefined) f.push(encodeTlv(0x81, Uint8Array.of(spec.inhibitMapping)));
    extensions.push({ oid: "2.5.29.36", critical: true, value: seq(...f) });
  }
  if (spec.inhibitAny !== undefined) extensions.push({ oid: "2.5.29.54", critical: true, value: encodeTlv(0x02, Uint8Array.of(spec.inhibitAny)) });
  return standIn({ extensions, selfIssued: spec.selfIssued ?? false, ...(spec.policies ? { policies: spec.policies } : {}) });
}

const anchor = cert({});

describe("checkPolicyTree", () => {
  it("with the default inputs, certificates without any policy pass", () => {
    expect(checkPolicyTree([cert({}), cert({}), anchor])).toBeNull();
  });

  it("a CA's requireExplicitPolicy 0 makes a leaf without policies fail", () => {
    expect(checkPolicyTree([cert({}), cert({ policies: [P(1)], requireExplicit: 0 }), anchor])).toMatchObject({ reason: "POLICY_CONSTRAINTS", index: 0 });
  });

  it("a shared policy satisfies requireExplicitPolicy", () => {
    expect(checkPolicyTree([cert({ policies: [P(1)] }), cert({ policies: [P(1)], requireExplicit: 0 }), anchor])).toBeNull();
  });

  it("initialExplicitPolicy with a user set the path does not assert fails; with the asserted policy passes", () => {
    const path = [cert({ policies: [P(1)] }), cert({ policies: [P(1)] }), anchor];
    expect(checkPolicyTree(path, { initialExplicitPolicy: true, initialPolicySet: [P(2)] })).toMatchObject({ reason: "POLICY_CONSTRAINTS" });
    expect(checkPolicyTree(path, { initialExplicitPolicy: true, initialPolicySet: [P(1)] })).toBeNull();
  });

  it("a mapping P1 → P2 lets the leaf assert P2 under an explicit P1 requirement; inhibited mapping does not", () => {
    const path = [cert({ policies: [P(2)] }), cert({ policies: [P(1)], mappings: [[P(1), P(2)]] }), cert({ policies: [P(1)] }), anchor];
    expect(checkPolicyTree(path, { initialExplicitPolicy: true, initialPolicySet: [P(1)] })).toBeNull();
    expect(checkPolicyTree(path, { initialExplicitPolicy: true, initialPolicySet: [P(1)], initialPolicyMappingInhibit: true })).toMatchObject({
      reason: "POLICY_CONSTRAINTS",
    });
  });

  it("mapping anyPolicy is refused", () => {
    const path = [cert({ policies: [P(1)] }), cert({ policies: [ANY], mappings: [[ANY, P(1)]] }), anchor];
    expect(checkPolicyTree(path)).toMatchObject({ reason: "POLICY_CONSTRAINTS", index: 1 });
  });

  it("inhibitAnyPolicy 0 stops anyPolicy asserted by a certificate below from counting", () => {
    const path = [cert({ policies: [ANY] }), cert({ policies: [ANY], inhibitAny: 0 }), cert({ policies: [ANY] }), anchor];
    expect(checkPolicyTree(path, { initialExplicitPolicy: true })).toMatchObject({ reason: "POLICY_CONSTRAINTS", index: 0 });
    const open = [cert({ policies: [ANY] }), cert({ policies: [ANY] }), cert({ policies: [ANY] }), anchor];
    expect(checkPolicyTree(open, { initialExplicitPolicy: true })).toBeNull();
  });

  it("a malformed policyConstraints is a MALFORMED_EXTENSION, not a pass", () => {
    const bad = cert({ policies: [P(1)] });
    const withBad = standIn({ ...bad, extensions: [...bad.extensions, { oid: "2.5.29.36", critical: true, value: Uint8Array.of(0x30, 0x03, 0x82, 0x01, 0x00) }] });
    expect(checkPolicyTree([cert({}), withBad, anchor])).toMatchObject({ reason: "MALFORMED_EXTENSION", index: 1 });
  });

  it(`crafted mappings that would grow the tree exponentially stop at ${MAX_POLICY_NODES} nodes, failing closed`, () => {
    // Each CA asserts 8 policies and maps each to all 8: the tree would hold 8^depth nodes.
    const ps = Array.from({ length: 8 }, (_, i) => P(10 + i));
    const mappings = ps.flatMap((a) => ps.map((b) => [a, b] as [string, string]));
    const cas = Array.from({ length: 6 }, () => cert({ policies: ps, mappings }));
    const issue = checkPolicyTree([cert({ policies: ps }), ...cas, anchor]);
    expect(issue).toMatchObject({ reason: "POLICY_CONSTRAINTS" });
    expect(issue?.detail).toContain(`${MAX_POLICY_NODES} nodes`);
  });
});
