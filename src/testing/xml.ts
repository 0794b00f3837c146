import type { WebCrypto } from "../crypto/types.js";
import { encodeBase64 } from "../lib/base64.js";
import { canonicalize, type C14nOptions } from "../formats/xml/c14n.js";
import { indexIds } from "../formats/xml/ids.js";
import { parseXml } from "../formats/xml/parse.js";
import { DATA_ELEMENT, type XmlRole } from "../formats/xml/roles.js";
import { childElements, DSIG_NS, isWithin, type XmlDocument, type XmlElement } from "../formats/xml/tree.js";
import type { Digest } from "./algorithms.js";
import type { TestIdentity } from "./identity.js";
import { hash, signBytes } from "./keys.js";
import { toMillis, type DateInput } from "./time.js";
import { serializeXml } from "./xml-serialize.js";

const DSIG = "http://www.w3.org/2000/09/xmldsig#";
const MORE = "http://www.w3.org/2001/04/xmldsig-more#";
const C14N_URI = { inclusive: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315", "inclusive-with-comments": "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments", exclusive: "http://www.w3.org/2001/10/xml-exc-c14n#" } as const;
const DIGEST_URI: Readonly<Record<Digest, string>> = {
  "SHA-1": `${DSIG}sha1`,
  "SHA-256": "http://www.w3.org/2001/04/xmlenc#sha256",
  "SHA-384": `${MORE}sha384`,
  "SHA-512": "http://www.w3.org/2001/04/xmlenc#sha512",
};
const ROLE_ELEMENT: Readonly<Record<Exclude<XmlRole, "other">, string>> = { seller: "NBan", buyer: "NMua", "tax-authority": "CQT", taxpayer: "NNT" };

/** Options of {@link signXml}. */
export interface SignXmlOptions {
  /** Where the signature goes: `DSCKS/NBan` (seller), `NMua`, `CQT`, `NNT`; `other`: at the end of the root element. */
  readonly role: XmlRole;
  /** Ids to reference. Default: the `DLHDon` (`DLTBao`, `DLTKhai`) of the document, plus its `MCCQT` for a tax authority. */
  readonly referenceIds?: readonly string[];
  /** Reference the whole document (`URI=""`, enveloped transform) instead of Ids. */
  readonly wholeDocument?: boolean;
  /** A signed `SigningTime` in a `ds:Object`, written as Vietnam local time without zone (as real signers do). */
  readonly signingTime?: DateInput;
  /** Write this text as the SigningTime instead of `signingTime` in Vietnam local time (e.g. with a zone). */
  readonly signingTimeText?: string;
  /** Reference the SigningTime object (default `true`); `false` leaves it unsigned. */
  readonly referenceSigningTime?: boolean;
  /** Default `SHA-256`, for the references and the signature. */
  readonly digest?: Digest;
  /** Default `inclusive` (C14N 1.0), as Vietnamese signers use. */
  readonly c14n?: keyof typeof C14N_URI;
  /** Reference the `SignatureProperty` inside the signature's own `ds:Object` with an enveloped-signature transform (.NET style). */
  readonly dotNetQuirk?: boolean;
  /** Put the enveloped-signature transform on the data references; default `true`. */
  readonly envelopedTransform?: boolean;
  /** `SignatureProperties xmlns=""`: undeclare the default namespace inside the signature (as GDT notices do). */
  readonly undeclareNamespace?: boolean;
  /** Write the XMLDSig elements with a `ds:` prefix instead of a default namespace. */
  readonly prefixed?: boolean;
  /** The signature's `Id`; default from the role. */
  readonly signatureId?: string;
  /** Write this SignatureMethod URI instead of the right one (for algorithm tests; the value is still signed as usual). */
  readonly signatureMethodUri?: string;
  /** Write this DigestMethod URI on every reference (the digest is still computed with `digest`). */
  readonly digestMethodUri?: string;
  /** Embed the signer's certificate (default `true`) and these after it. */
  readonly includeCertificate?: boolean;
  readonly extraCertificates?: readonly Uint8Array[];
  readonly crypto?: WebCrypto;
}

function dataElement(doc: XmlDocument): XmlElement | undefined {
  const stack = [doc.root];
  while (stack.length > 0) {
    const e = stack.shift()!;
    if (e.parent && DATA_ELEMENT.get(e.parent.local) === e.local) return e;
    stack.push(...childElements(e));
  }
  return undefined;
}

/** The element after whose children the signature is written, and the markup around it. */
function placement(doc: XmlDocument, role: XmlRole, data: XmlElement | undefined): { at: XmlElement; wrap: (s: string) => string } {
  if (role === "other") return { at: doc.root, wrap: (s) => s };
  let container = data?.parent ?? undefined;
  while (container && !DATA_ELEMENT.has(container.local)) container = container.parent ?? undefined;
  if (!container) throw new TypeError(`signXml: no HDon, TBao or TKhai found for a ${role} signature`);
  const name = ROLE_ELEMENT[role];
  const dscks = childElements(container).find((c) => c.local === "DSCKS");
  const slot = dscks && childElements(dscks).find((c) => c.local === name);
  if (slot) return { at: slot, wrap: (s) => s };
  if (dscks) return { at: dscks, wrap: (s) => `<${name}>${s}</${name}>` };
  return { at: container, wrap: (s) => `<DSCKS><${name}>${s}</${name}></DSCKS>` };
}

const vietnamLocal = (ms: number): string => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19);

async function signValue(signer: TestIdentity, data: Uint8Array, digest: Digest, crypto: WebCrypto): Promise<Uint8Array> {
  if (signer.keyAlgorithm === "ECDSA-P256") {
    // XMLDSig carries ECDSA values as r || s, which is what WebCrypto returns.
    return new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: digest }, signer.privateKey, data as BufferSource));
  }
  if (signer.keyAlgorithm !== "RSA-2048") throw new TypeError(`signXml: ${signer.keyAlgorithm} keys are not supported`);
  return signBytes(signer.keyPair, data, digest, crypto);
}

function methodUri(signer: TestIdentity, digest: Digest): string {
  const bits = digest.slice(4);
  if (signer.keyAlgorithm === "ECDSA-P256") return `${MORE}ecdsa-sha${bits}`;
  return digest === "SHA-1" ? `${DSIG}rsa-sha1` : `${MORE}rsa-sha${bits}`;
}

/**
 * Signs an XML document as Vietnamese e-invoice software does (XMLDSig, enveloped, `Id` references, no XAdES), or
 * generically for role `other`. Canonicalises with the library's own C14N; the fixtures it makes are cross-checked
 * with xmlsec1 in the tests.
 *
 * @param xml - the document (from {@link createTestInvoice}, a real file, or a previous signXml)
 * @param signer - the signing identity (ECDSA P-256 or RSA-2048)
 * @param options - role, references, signing time, algorithms, quirks
 * @returns the signed document
 * @example
 * ```ts
 * const signed = await signXml(createTestInvoice({ seller, buyer, lines }), sellerIdentity, {
 *   role: "seller", signingTime: "2025-06-01T02:00:00Z",
 * });
 * const both = await signXml(signed, taxAuthority, { role: "tax-authority", signingTime: "2025-06-01T02:05:00Z" });
 * ```
 */
export async function signXml(xml: string, signer: TestIdentity, options: SignXmlOptions): Promise<string> {
  const crypto = options.crypto ?? signer.crypto;
  const digest = options.digest ?? "SHA-256";
  const c14n = options.c14n ?? "inclusive";
  const d = options.prefixed ? "ds:" : "";
  const doc = parseXml(xml);
  const data = dataElement(doc);
  const sigId = options.signatureId ?? `${options.role}-${doc.root.local}-${Math.abs(hashCode(xml)).toString(36)}`;
  let ids = options.referenceIds;
  if (!ids && !options.wholeDocument) {
    const own = data?.attributes.find((a) => a.local === "Id")?.value;
    if (own === undefined) throw new TypeError("signXml: no referenceIds and no DLHDon/DLTBao/DLTKhai with an Id");
    const mccqt = options.role === "tax-authority" ? data?.parent && childElements(data.parent).find((c) => c.local === "MCCQT") : undefined;
    const mccqtId = mccqt?.attributes.find((a) => a.local === "Id")?.value;
    ids = mccqtId ? [own, mccqtId] : [own];
  }
  const uris = options.wholeDocument ? [""] : (ids ?? []).map((id) => `#${id}`);
  const hasTime = options.signingTime !== undefined || options.signingTimeText !== undefined;
  const timeRef = !hasTime ? undefined : options.dotNetQuirk ? `${sigId}-prop` : `${sigId}-time`;
  if (timeRef && options.referenceSigningTime !== false) uris.push(`#${timeRef}`);

  const c14nTransform = c14n === "inclusive" ? "" : `<${d}Transform Algorithm="${C14N_URI[c14n]}"/>`;
  const enveloped = `<${d}Transform Algorithm="${DSIG}enveloped-signature"/>`;
  const refs = uris
    .map((uri, i) => {
      const isTime = timeRef !== undefined && uri === `#${timeRef}`;
      const transforms = (isTime ? (options.dotNetQuirk ? enveloped : "") : options.envelopedTransform === false && uri !== "" ? "" : enveloped) + c14nTransform;
      return `<${d}Reference URI="${uri}">${transforms ? `<${d}Transforms>${transforms}</${d}Transforms>` : ""}<${d}DigestMethod Algorithm="${options.digestMethodUri ?? DIGEST_URI[digest]}"/><${d}DigestValue>@@D${i}@@</${d}DigestValue></${d}Reference>`;
    })
    .join("");
  const certs = [...(options.includeCertificate === false ? [] : [signer.certificate]), ...(options.extraCertificates ?? [])];
  const keyInfo = certs.length ? `<${d}KeyInfo><${d}X509Data>${certs.map((c) => `<${d}X509Certificate>${encodeBase64(c)}</${d}X509Certificate>`).join("")}</${d}X509Data></${d}KeyInfo>` : "";
  let object = "";
  if (hasTime) {
    const when = options.signingTimeText ?? vietnamLocal(toMillis(options.signingTime ?? 0, "signingTime"));
    const props = options.undeclareNamespace && !options.prefixed ? `<SignatureProperties xmlns="">` : `<${d}SignatureProperties>`;
    const propsEnd = options.undeclareNamespace && !options.prefixed ? "</SignatureProperties>" : `</${d}SignatureProperties>`;
    const inner = options.undeclareNamespace && !options.prefixed ? "" : d;
    const objectId = options.dotNetQuirk ? "" : ` Id="${sigId}-time"`;
    const propId = options.dotNetQuirk ? ` Id="${sigId}-prop"` : "";
    object = `<${d}Object${objectId}>${props}<${inner}SignatureProperty${propId} Target="#${sigId}"><${inner}SigningTime>${when}</${inner}SigningTime></${inner}SignatureProperty>${propsEnd}</${d}Object>`;
  }
  const nsDecl = options.prefixed ? `xmlns:ds="${DSIG}"` : `xmlns="${DSIG}"`;
  const signature =
    `<${d}Signature ${nsDecl} Id="${sigId}"><${d}SignedInfo><${d}CanonicalizationMethod Algorithm="${C14N_URI[c14n]}"/>` +
    `<${d}SignatureMethod Algorithm="${options.signatureMethodUri ?? methodUri(signer, digest)}"/>${refs}</${d}SignedInfo>` +
    `<${d}SignatureValue>@@SV@@</${d}SignatureValue>${keyInfo}${object}</${d}Signature>`;

  const where = placement(doc, options.role, data);
  let text = serializeXml(doc, { appendTo: where.at, append: where.wrap(signature) });
  const placed = parseXml(text);
  const sig = findById(placed, sigId);
  const index = indexIds(placed);
  const options14: C14nOptions = { exclusive: c14n === "exclusive", withComments: false };
  for (let i = 0; i < uris.length; i++) {
    const uri = uris[i]!;
    const target = uri === "" ? placed : index.get(uri.slice(1))?.[0];
    if (!target) throw new TypeError(`signXml: no element has Id ${uri.slice(1)}`);
    const apexEl = "root" in target ? target.root : target;
    const inside = isWithin(sig, apexEl);
    const exclude = !inside && isWithin(apexEl, sig) ? sig : undefined;
    const bytes = new TextEncoder().encode(canonicalize({ apex: target, exclude }, options14));
    text = text.replace(`@@D${i}@@`, encodeBase64(await hash(digest, bytes, crypto)));
  }
  const final = parseXml(text);
  const signedInfo = childElements(findById(final, sigId))[0]!;
  const siBytes = new TextEncoder().encode(canonicalize({ apex: signedInfo }, { exclusive: c14n === "exclusive", withComments: c14n === "inclusive-with-comments" }));
  return text.replace("@@SV@@", encodeBase64(await signValue(signer, siBytes, digest, crypto)));
}

function findById(doc: XmlDocument, id: string): XmlElement {
  const el = indexIds(doc).get(id)?.find((e) => e.ns === DSIG_NS && e.local === "Signature");
  if (!el) throw new TypeError(`signXml: signature ${id} not found after placing it`);
  return el;
}

function hashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
