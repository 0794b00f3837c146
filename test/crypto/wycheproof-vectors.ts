// The shape of Wycheproof's testvectors_v1 signature files, and the AlgorithmIdentifier a CMS or X.509 structure would
// carry for each group: shared by the vitest suite and the conformance harness.
import type { AlgorithmIdentifier } from "../../src/model/algorithm.js";
import { alg, encodePssParams, NULL, OIDS } from "./helpers.js";

export interface Vector { tcId: number; msg: string; sig: string; result: "valid" | "invalid" | "acceptable"; comment: string }
export interface Group {
  publicKeyDer?: string;
  keyDer?: string;
  sha?: string;
  mgfSha?: string;
  sLen?: number;
  publicKey?: { curve?: string };
  key?: { curve?: string };
  tests: Vector[];
}
export interface Suite { algorithm: string; schema: string; testGroups: Group[] }

const ECDSA_BY_HASH: Record<string, string> = { "SHA-256": OIDS.ecdsaSha256, "SHA-384": OIDS.ecdsaSha384, "SHA-512": OIDS.ecdsaSha512 };
const RSA_BY_HASH: Record<string, string> = { "SHA-256": OIDS.sha256WithRSA, "SHA-384": OIDS.sha384WithRSA, "SHA-512": OIDS.sha512WithRSA };
const HASH_OID: Record<string, string> = { "SHA-256": OIDS.sha256, "SHA-384": OIDS.sha384, "SHA-512": OIDS.sha512 };

/** The SignatureAlgorithm a CMS or X.509 structure would carry for this group. */
export function signatureAlgorithmOf(suite: Suite, g: Group): AlgorithmIdentifier {
  switch (suite.algorithm) {
    case "ECDSA":
      return alg(ECDSA_BY_HASH[g.sha!]!);
    case "RSASSA-PKCS1-v1_5":
      return alg(RSA_BY_HASH[g.sha!]!, NULL);
    case "RSASSA-PSS":
      return alg(OIDS.pss, encodePssParams({ hash: HASH_OID[g.sha!], mgfHash: HASH_OID[g.mgfSha!], salt: g.sLen! }));
    case "EDDSA":
      return alg(OIDS.ed25519);
    default:
      throw new Error(`no mapping for ${suite.algorithm}`);
  }
}
