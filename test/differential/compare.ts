// Decodes one sample with both decoders and lists where they part: a refusal by either side, or a field that differs.
import { isDeepStrictEqual } from "node:util";
import type { Sample } from "./corpus.js";
import { FIELDS, OURS, THEIRS } from "./fields.js";

/** One disagreement: `*` when one side refused the whole object. */
export interface Difference {
  readonly label: string;
  readonly field: string;
  readonly ours: unknown;
  readonly theirs: unknown;
}

const attempt = (f: () => unknown): { ok: true; value: unknown } | { ok: false; error: string } => {
  try {
    return { ok: true, value: f() };
  } catch (err) {
    return { ok: false, error: `${(err as Error).name}: ${(err as Error).message}`.slice(0, 200) };
  }
};

/** Decodes `sample` with our decoder and with pkijs; both refusing is agreement. */
export function compare(sample: Sample): Difference[] {
  const ours = attempt(() => OURS[sample.kind](sample.der));
  const theirs = attempt(() => THEIRS[sample.kind](sample.der));
  if (!ours.ok || !theirs.ok) {
    if (!ours.ok && !theirs.ok) return [];
    return [{ label: sample.label, field: "*", ours: ours.ok ? "accepted" : ours.error, theirs: theirs.ok ? "accepted" : theirs.error }];
  }
  const out: Difference[] = [];
  for (const f of FIELDS[sample.kind]) {
    const a = attempt(() => f.ours(ours.value as never));
    const b = attempt(() => f.theirs(theirs.value as never));
    const va = a.ok ? a.value : `(error) ${a.error}`;
    const vb = b.ok ? b.value : `(error) ${b.error}`;
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(va ?? null)), JSON.parse(JSON.stringify(vb ?? null)))) {
      out.push({ label: sample.label, field: f.field, ours: va, theirs: vb });
    }
  }
  return out;
}
