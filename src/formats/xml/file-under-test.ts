import type { CacheTables } from "../../cache/validation-cache.js";
import type { Binding, BindingProblem } from "../../conditions/binding.js";
import type { Env } from "../../crypto/types.js";
import type { FileUnderTest, SignatureUnderTest } from "../../engine/signature-under-test.js";
import { bytesEqual } from "../../lib/bytes.js";
import type { Certificate } from "../../model/certificate.js";
import { sameName } from "../../model/name.js";
import type { UnusableObject } from "../../model/signed-data.js";
import type { Policy } from "../../policy/policy.js";
import { VERIFY_CODES } from "../cms/signer.js";
import { identityWarnings } from "./identity.js";
import type { SignedXml } from "./read-signed-xml.js";
import type { XmlSignatureUnderTest } from "./signature-under-test.js";

/** The certificate that issued no other in the set; else the first (xml.md rule 5, when none verifies). */
function endEntityFirst(certs: readonly Certificate[]): Certificate[] {
  const leaf = certs.find((c) => !certs.some((o) => o !== c && !o.selfIssued && sameName(o.issuer, c.subject))) ?? certs[0];
  return leaf ? [leaf, ...certs.filter((c) => c !== leaf)] : [];
}

/** A signed XML document as a file under test, with the certificates each signature embeds. */
export interface XmlFileUnderTest extends FileUnderTest {
  /** Each signature's own `KeyInfo` certificates that decode, in document order of the signatures. */
  readonly embedded: readonly (readonly Certificate[])[];
}

/**
 * The certificates a signature names, from its own `KeyInfo` ones: each once, the end-entity certificate first (the
 * engine tries them in this order, and judges against the first when none verifies).
 *
 * @param own - the signature's decoded `KeyInfo` certificates, in order
 * @returns the named certificates
 * @example
 * ```ts
 * namedCertificates([caCert, leafCert])[0] === leafCert; // true
 * ```
 */
export function namedCertificates(own: readonly Certificate[]): Certificate[] {
  return endEntityFirst(own.filter((c, i) => own.findIndex((d) => bytesEqual(d.der, c.der)) === i));
}

function asEngineSignature(sig: XmlSignatureUnderTest, own: readonly Certificate[]): SignatureUnderTest {
  const named = namedCertificates(own);
  return {
    claimedTime: sig.claimedTime,
    // Read when the engine judges the signature: the document pass adds order warnings after each signature's check.
    get warnings() {
      return sig.warnings;
    },
    problems: sig.problems,
    // A signature names only what its own KeyInfo carries; X509SubjectName is never read.
    namedCertificates: () => named,
    async verifiesWith(cert: Certificate, env: Env) {
      return (await sig.verifyWith(cert.spki, env)).ok;
    },
    bind: (cert, env, algorithms) => bindXml(sig, cert, env, algorithms),
    certificateWarnings: (cert) => identityWarnings(sig, cert),
  };
}

/**
 * SignatureValue with the signing certificate's key over the canonical SignedInfo. The reference, binding and algorithm
 * rules were checked when the document was read (they need no certificate) and reach keyCorrespondence as the
 * signature's `problems`; the evidence names what every reference covered.
 */
async function bindXml(sig: XmlSignatureUnderTest, cert: Certificate, env: Env, algorithms: Policy["algorithms"]): Promise<Binding> {
  const outcome = await sig.verifyWith(cert.spki, env, { algorithms });
  const problems: BindingProblem[] = [];
  // Under a strict policy a legacy SignatureMethod is already among the signature's problems: say it once.
  if (!outcome.ok && !(outcome.code === "WEAK_ALGORITHM" && sig.problems.some((p) => p.code === "WEAK_ALGORITHM"))) {
    problems.push({ code: VERIFY_CODES[outcome.code], detail: outcome.detail });
  }
  const legacy = outcome.ok && (outcome.strength === "legacy" || sig.legacyAlgorithms.length > 0);
  return {
    problems,
    ...(outcome.ok ? { algorithm: `${outcome.algorithms.signature} ${outcome.algorithms.digest}, ${outcome.algorithms.key}` } : {}),
    strength: legacy ? "legacy" : "ok",
    evidence: {
      references: sig.covers,
      boundTo: sig.boundTo,
      signatureMethod: sig.signatureMethod,
      legacyAlgorithms: sig.legacyAlgorithms,
      certificatesEmbedded: sig.certificates.length,
    },
  };
}

/**
 * A signed XML document, as read by `readSignedXml`, as a file under test for the engine: each `ds:Signature` a
 * signature under test named by its own `KeyInfo` certificates, bound by its XMLDSig check, claiming its signed
 * `SigningTime`, with the identity warnings once its certificate is known. Embedded certificates are decoded through
 * the cache; one that does not decode is reported as unusable.
 *
 * @param signed - the document read by `readSignedXml`
 * @param tables - the cache's stores
 * @returns the file under test
 * @example
 * ```ts
 * const run = startRun(options, readCertificates);
 * const signed = await readSignedXml(bytes, { crypto: run.env.crypto, algorithms: run.policy.algorithms });
 * const reports = await judgeFile(xmlFile(signed, run.tables), run);
 * ```
 */
export function xmlFile(signed: SignedXml, tables: CacheTables): XmlFileUnderTest {
  const unusable: UnusableObject[] = [];
  const all: Certificate[] = [];
  let index = 0;
  const embedded = signed.signatures.map((sig) =>
    sig.certificates.flatMap((der) => {
      const at = index++;
      try {
        const cert = tables.certificates.decode(der, 0, der.length);
        if (!all.some((c) => bytesEqual(c.der, cert.der))) all.push(cert);
        return [cert];
      } catch (err) {
        unusable.push({ kind: "certificate", index: at, reason: (err as Error).message });
        return [];
      }
    }),
  );
  return {
    signatures: signed.signatures.map((sig, i) => asEngineSignature(sig, embedded[i]!)),
    certificates: all,
    crls: [],
    ocspResponses: [],
    unusable,
    embedded,
  };
}
