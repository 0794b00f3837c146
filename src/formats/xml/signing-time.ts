import type { ReferenceResult } from "./reference.js";
import type { XmlSignatureSpec } from "./signature-structure.js";
import { isWithin, textOf, type XmlElement } from "./tree.js";

/** The signer's claimed signing time, as the report shows it. */
export interface XmlSigningTime {
  /** UTC, ISO 8601, e.g. `2021-05-28T08:05:22Z`. */
  readonly value: string;
  /** As written in the document. */
  readonly raw: string;
  /** `+07:00` when the document wrote no zone (Vietnam time was assumed); `null` when it wrote one. */
  readonly assumedZone: "+07:00" | null;
}

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads an `xs:dateTime` as XMLDSig signers write it; no zone means Vietnam time (UTC+07:00).
 *
 * @param raw - the text
 * @returns milliseconds since the epoch and whether the zone was assumed, or `undefined` when malformed
 * @example
 * ```ts
 * parseSigningTime("2021-05-28T15:05:22"); // { ms: Date.parse("2021-05-28T08:05:22Z"), assumed: true }
 * ```
 */
export function parseSigningTime(raw: string): { readonly ms: number; readonly assumed: boolean } | undefined {
  const m = FORMAT.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, fraction);
  const check = new Date(local);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  const zone = m[8] ?? "+07:00";
  const offset = zone === "Z" ? 0 : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return { ms: local - offset * 60_000, assumed: m[8] === undefined };
}

function* signingTimes(objects: readonly XmlElement[]): Generator<XmlElement> {
  const stack = [...objects].reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.local === "SigningTime" && el.parent?.local === "SignatureProperty" && el.parent.parent?.local === "SignatureProperties") yield el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (c.type === "element") stack.push(c);
    }
  }
}

/**
 * The claimed signing time: the first `SignatureProperties/SignatureProperty/SigningTime` (matched by local name, in any
 * namespace or none) inside this signature's own `ds:Object`s that one of its references with a matching digest covers.
 *
 * @param spec - the signature
 * @param refs - its checked references
 * @returns the time, or why there is none
 * @example
 * ```ts
 * const t = signedSigningTime(spec, refs);
 * if ("time" in t) t.time.value; // "2021-05-28T08:05:22Z"
 * ```
 */
export function signedSigningTime(
  spec: XmlSignatureSpec,
  refs: readonly ReferenceResult[],
): { readonly time: XmlSigningTime; readonly ms: number } | { readonly missing: string } {
  let unsigned = false;
  for (const el of signingTimes(spec.objects)) {
    const covered = refs.some((r) => r.digestValid && r.target !== null && !("root" in r.target) && isWithin(r.target, el));
    if (!covered) {
      unsigned = true;
      continue;
    }
    const raw = textOf(el);
    const parsed = parseSigningTime(raw);
    if (!parsed) return { missing: `SigningTime "${raw.slice(0, 40)}" is not a date-time` };
    const value = new Date(parsed.ms).toISOString().replace(".000Z", "Z");
    return { time: { value, raw, assumedZone: parsed.assumed ? "+07:00" : null }, ms: parsed.ms };
  }
  return { missing: unsigned ? "the SigningTime is not covered by the signature's references" : "the signature carries no SigningTime" };
}
