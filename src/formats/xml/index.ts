/**
 * `decree130/xml`: signed XML (Vietnamese e-invoices, tax notices and declarations, any XMLDSig document) under
 * Decree 130/2018 Art. 9. Safe parsing (no DTD, no entities, bounded), C14N 1.0 inclusive and exclusive, XMLDSig per
 * signature with explicit references and the anti-wrapping binding rule, each signature judged on the four conditions by
 * the same engine as `validate()`. Start with {@link validateXml}; {@link readSignedXml} reads the XML layer alone.
 *
 * @packageDocumentation
 * @module decree130/xml
 */
export { validateXml } from "./validate-xml.js";
export type { ValidateXmlOptions, XmlReport, XmlSignatureBlock, XmlSignatureReport } from "./validate-xml.js";
export { readSignedXml } from "./read-signed-xml.js";
export type { ReadSignedXmlOptions, SignedXml } from "./read-signed-xml.js";
export type { XmlCoverage, XmlSignatureUnderTest } from "./signature-under-test.js";
export { selectSigningCertificate } from "./signing-certificate.js";
export type { XmlSigningCertificate } from "./signing-certificate.js";
export { identityWarnings, mstMatches, taxAuthorityNameMatches } from "./identity.js";
export type { IdentitySubject } from "./identity.js";
export type { XmlDocumentFacts, XmlDocumentKind, XmlEnvelope } from "./document-facts.js";
export { documentCode, XML_DOCUMENT_CODES } from "./document-codes.js";
export type { XmlDocumentCode } from "./document-codes.js";
export type { InvoiceData, InvoiceParty } from "./invoice-data.js";
export { XML_PROBLEM_PRECEDENCE } from "./problems.js";
export type { XmlProblem, XmlProblemCode } from "./problems.js";
export type { XmlRole } from "./roles.js";
export type { XmlSigningTime } from "./signing-time.js";
export { DEFAULT_XML_LIMITS } from "./limits.js";
export type { XmlLimits } from "./limits.js";
export { parseXml } from "./parse.js";
export { canonicalize } from "./c14n.js";
export type { C14nOptions, C14nTarget } from "./c14n.js";
export type { XmlAttribute, XmlComment, XmlDocument, XmlElement, XmlNode, XmlProcessingInstruction, XmlText } from "./tree.js";
export { XML_SIGNATURE_METHODS, XML_DIGEST_METHODS, XML_C14N_METHODS } from "./algorithms.js";
export type { XmlDigestMethod, XmlSignatureMethod } from "./algorithms.js";
export { Decree130Error, isDecree130Error } from "../../errors.js";
export type { Env, KeySource, Strength, VerifyFailure, VerifyOutcome } from "../../crypto/types.js";
export type { VerifyOptions } from "../../crypto/verify.js";
export type { ImportAlgorithm } from "../../crypto/import-key.js";
export type { WebCryptoHash } from "../../policy/algorithms.js";
export { createKeyCache } from "../../cache/key-cache.js";
export { createValidationCache } from "../../cache/validation-cache.js";
export type { ValidationCache, ValidationCacheOptions } from "../../cache/validation-cache.js";
export type { JudgeOptions } from "../../engine/run.js";
export type { SignatureReport, ConditionResult, Warning, Verdict, Message } from "../../report/types.js";
export type { TrustList, TrustListJson } from "../../model/trust-list.js";
