/**
 * PEM armour for DER bytes (RFC 7468), lines of 64 characters.
 *
 * @param der - the DER bytes
 * @param label - the PEM label, `CERTIFICATE` by default
 * @returns the PEM text, ending with a newline
 * @example
 * ```ts
 * const pem = toPem(pki.nationalRoot.certificate);
 * ```
 */
export function toPem(der: Uint8Array, label = "CERTIFICATE"): string {
  let bin = "";
  for (const b of der) bin += String.fromCharCode(b);
  const b64 = btoa(bin);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
