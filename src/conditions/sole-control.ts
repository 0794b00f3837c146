import { OID } from "../asn1/oids.js";
import type { KeyProtection } from "../model/trust-list.js";
import type { Message } from "../model/message.js";
import type { RevocationFinding } from "../revocation/types.js";
import type { SignatureFacts } from "./context.js";
import { outcome, type Outcome } from "./outcome.js";
import { iso } from "../lib/iso.js";

/** Revocation reasons that mean someone other than the holder may have had the key. */
const COMPROMISE_REASONS: ReadonlySet<string> = new Set(["keyCompromise", "cACompromise"]);

const PROTECTION_LABELS: Readonly<Record<KeyProtection | "qc-sscd" | "hardware-policy", Message>> = {
  "usb-token": { vi: "thiết bị USB token", en: "a USB token" },
  "remote-signing-hsm": { vi: "HSM của dịch vụ ký số từ xa", en: "a remote-signing HSM" },
  "mobile-pki": { vi: "SIM/thiết bị PKI di động", en: "a mobile-PKI SIM or device" },
  "qc-sscd": { vi: "thiết bị tạo chữ ký an toàn (QcSSCD)", en: "a secure signature-creation device (QcSSCD)" },
  "hardware-policy": { vi: "thiết bị phần cứng theo chính sách chứng thư", en: "hardware, per the certificate policy" },
};

interface Compromise {
  readonly at: number;
  readonly subject: "signing certificate" | "CA certificate";
}

function compromiseOf(f: RevocationFinding | null, subject: Compromise["subject"]): Compromise | undefined {
  const r = f?.revocation;
  if (!r || !COMPROMISE_REASONS.has(r.reason)) return undefined;
  return { at: r.compromiseAt ?? r.at, subject };
}

/**
 * Art. 9(3): was the private key under the signer's sole control when signing? No file proves it; a compromise report
 * disproves it, and policy decides whether presumption is enough.
 *
 * @param ctx - the signature's facts
 * @returns the outcome
 * @example
 * ```ts
 * soleControl(facts).code; // "PRESUMED"
 * ```
 */
export function soleControl(ctx: SignatureFacts): Outcome {
  const cert = ctx.signingCertificate;
  if (!cert) return outcome("SIGNING_CERT_NOT_FOUND");
  const { times, policy } = ctx;
  const cas = ctx.cas;
  const revocationChecked = ctx.leafRevocation !== null;

  if (revocationChecked) {
    const compromises = [
      compromiseOf(ctx.leafRevocation, "signing certificate"),
      ...cas.map((ca) => compromiseOf(ca.revocation, "CA certificate")),
    ].filter((c): c is Compromise => c !== undefined);
    const params = (c: Compromise) => ({ compromiseAt: iso(c.at), time: iso(times.claim ?? times.up) });
    const atClaim = compromises.find((c) => times.claim !== undefined && c.at <= times.claim);
    if (atClaim) return outcome("KEY_COMPROMISED", { compromise: { ...atClaim, at: iso(atClaim.at) } }, params(atClaim));
    const unplaced = compromises.find((c) => !(times.poe && times.poe.time < c.at) && c.at <= times.up);
    if (unplaced) {
      return outcome("KEY_COMPROMISE_NO_POE", { compromise: { ...unplaced, at: iso(unplaced.at) } }, params(unplaced));
    }
    if (!ctx.leafRevocation!.known || cas.some((ca) => ca.revocation !== null && !ca.revocation.known)) {
      return outcome("REVOCATION_UNKNOWN", { revocationChecked }, { time: iso(times.up) });
    }
  }

  const protections: (keyof typeof PROTECTION_LABELS)[] = [];
  const listed = ctx.path?.status === "valid" ? ctx.path.anchor.provider.keyProtection : null;
  if (listed) protections.push(listed);
  if (cert.qcStatements?.includes(OID.qcsQcSSCD)) protections.push("qc-sscd");
  if (cert.policies?.some((p) => policy.hardwarePolicies.includes(p))) protections.push("hardware-policy");
  if (policy.keyProtection) protections.push(policy.keyProtection);
  const evidence = { keyProtection: protections, revocationChecked };
  const first = protections[0];
  const label = first ? PROTECTION_LABELS[first] : undefined;
  if (policy.soleControl === "require-evidence") {
    return label
      ? outcome("KEY_PROTECTION_EVIDENCED", evidence, { protection: label })
      : outcome("NO_SOLE_CONTROL_EVIDENCE", evidence);
  }
  const protection = label ? { vi: `Khóa được lưu giữ bằng ${label.vi}. `, en: `The key was held in ${label.en}. ` } : "";
  return outcome("PRESUMED", evidence, { protection });
}
