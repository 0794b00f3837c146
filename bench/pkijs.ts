/** The comparison: pkijs 4 parsing a CMS and running `SignedData.verify({ checkChain: true })`. */
import * as pkijs from "pkijs";
import { bufferSource } from "../src/crypto/import-key.js";
import type { BenchPki, BenchSignature } from "./inputs.js";
import { NOW } from "./inputs.js";

pkijs.setEngine("bench", new pkijs.CryptoEngine({ name: "bench", crypto: globalThis.crypto }));

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** What pkijs needs besides the signature: the root as a parsed pkijs certificate. */
export interface PkijsContext {
  readonly trusted: pkijs.Certificate[];
}

/** Parses the trust anchor once (not timed). */
export function pkijsContext(pki: BenchPki): PkijsContext {
  return { trusted: [pkijs.Certificate.fromBER(buffer(pki.root.certificate))] };
}

/** Parses and verifies one detached signature with pkijs; throws unless it verifies. */
export async function runPkijs(ctx: PkijsContext, sig: BenchSignature, data: ArrayBuffer): Promise<void> {
  const info = pkijs.ContentInfo.fromBER(bufferSource(sig.cms));
  const sd = new pkijs.SignedData({ schema: info.content });
  const ok = await sd.verify({ signer: 0, data, trustedCerts: ctx.trusted, checkChain: true, checkDate: NOW });
  if (ok !== true) throw new Error("pkijs: signature does not verify");
}

/** The content as the ArrayBuffer pkijs takes (made once per signature, not timed). */
export function pkijsData(sig: BenchSignature): ArrayBuffer {
  return buffer(sig.content);
}
