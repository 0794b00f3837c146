/** Where the signing time used came from. */
export type SigningTimeSource = "timestamp" | "caller" | "claimed" | "validation-time";

/** A proof of existence: a time by which the signature surely existed. */
export interface ProofOfExistence {
  readonly time: number;
  readonly source: "timestamp" | "caller";
}

/** The times the conditions are judged at (semantics.md "Times"). Milliseconds since the epoch. */
export interface SigningTimes {
  /** Validation time. */
  readonly now: number;
  /** The signer's claimed time, unless absent or contradicted by the proof. */
  readonly claim: number | undefined;
  /** The earliest proof of existence. */
  readonly poe: ProofOfExistence | undefined;
  /** Upper bound: the signature surely existed by then (`poe.time`, else `now`). */
  readonly up: number;
  /** The claimed time that was disregarded because it lies after `up` beyond the clock skew. */
  readonly contradictedClaim: number | undefined;
  /** The signature was made no earlier than this (a valid content timestamp's genTime), when known. */
  readonly notBefore: number | undefined;
  /** The time reported as the signing time, and where it came from. */
  readonly reported: { readonly value: number; readonly source: SigningTimeSource };
}

/**
 * Derives the times of semantics.md from what is known.
 *
 * @param input - validation time, the claimed time, the proofs of existence and the tolerated clock skew
 * @returns the times
 * @example
 * ```ts
 * const t = resolveTimes({ now: Date.parse("2025-01-01T00:00:00Z"), claimed: undefined, proofs: [], clockSkewMs: 300_000 });
 * t.up === t.now; // no proof: the validation time bounds the signing time
 * ```
 */
export function resolveTimes(input: {
  now: number;
  claimed: number | undefined;
  proofs: readonly ProofOfExistence[];
  clockSkewMs: number;
  /** The signature was made no earlier than this (a valid content timestamp). */
  notBefore?: number | undefined;
}): SigningTimes {
  let poe: ProofOfExistence | undefined;
  for (const p of input.proofs) if (!poe || p.time < poe.time) poe = p;
  const up = poe ? poe.time : input.now;
  const contradicted = input.claimed !== undefined && input.claimed > up + input.clockSkewMs;
  const claim = contradicted ? undefined : input.claimed;
  const reported: SigningTimes["reported"] = poe
    ? { value: poe.time, source: poe.source }
    : claim !== undefined
      ? { value: claim, source: "claimed" }
      : { value: input.now, source: "validation-time" };
  return { now: input.now, claim, poe, up, contradictedClaim: contradicted ? input.claimed : undefined, notBefore: input.notBefore, reported };
}
