import { AsnArray, AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, GeneralNames } from "@peculiar/asn1-x509";

// ASN.1 types the kit writes that no installed @peculiar schema package declares, declared with @peculiar/asn1-schema
// as those packages declare theirs (the decorators applied as plain calls: the kit is compiled without decorators).

/** IssuerSerial (RFC 5035 §4): the issuer as GeneralNames, and the serial number. */
export class IssuerSerial {
  issuer = new GeneralNames();
  serialNumber = new ArrayBuffer(0);
  constructor(params: Partial<IssuerSerial> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: GeneralNames })(IssuerSerial.prototype, "issuer");
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(IssuerSerial.prototype, "serialNumber");

/** ESSCertID (RFC 2634 §5.4.1): the SHA-1 hash of a certificate and its IssuerSerial. */
export class EssCertId {
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
  constructor(params: Partial<EssCertId> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: OctetString })(EssCertId.prototype, "certHash");
AsnProp({ type: IssuerSerial, optional: true })(EssCertId.prototype, "issuerSerial");

/** ESSCertIDv2 (RFC 5035 §4): hashAlgorithm is left out for SHA-256, its DEFAULT. */
export class EssCertIdV2 {
  hashAlgorithm?: AlgorithmIdentifier;
  certHash = new OctetString();
  issuerSerial?: IssuerSerial;
  constructor(params: Partial<EssCertIdV2> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AlgorithmIdentifier, optional: true })(EssCertIdV2.prototype, "hashAlgorithm");
AsnProp({ type: OctetString })(EssCertIdV2.prototype, "certHash");
AsnProp({ type: IssuerSerial, optional: true })(EssCertIdV2.prototype, "issuerSerial");

/** SigningCertificate (RFC 2634 §5.4), without policies. */
export class SigningCertificate {
  certs: EssCertId[] = [];
  constructor(params: Partial<SigningCertificate> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: EssCertId, repeated: "sequence" })(SigningCertificate.prototype, "certs");

/** SigningCertificateV2 (RFC 5035 §3), without policies. */
export class SigningCertificateV2 {
  certs: EssCertIdV2[] = [];
  constructor(params: Partial<SigningCertificateV2> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: EssCertIdV2, repeated: "sequence" })(SigningCertificateV2.prototype, "certs");

/** RSASSA-PSS-params (RFC 4055 §3.1): absent fields take their DEFAULT (SHA-1, MGF1 with SHA-1, salt 20). */
export class RsassaPssParams {
  hashAlgorithm?: AlgorithmIdentifier;
  maskGenAlgorithm?: AlgorithmIdentifier;
  saltLength?: number;
  constructor(params: Partial<RsassaPssParams> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AlgorithmIdentifier, context: 0, optional: true })(RsassaPssParams.prototype, "hashAlgorithm");
AsnProp({ type: AlgorithmIdentifier, context: 1, optional: true })(RsassaPssParams.prototype, "maskGenAlgorithm");
AsnProp({ type: AsnPropTypes.Integer, context: 2, optional: true })(RsassaPssParams.prototype, "saltLength");

/** Ecdsa-Sig-Value (RFC 5480 / X9.62): `r` and `s` as INTEGER content octets. */
export class EcdsaSigValue {
  r = new ArrayBuffer(0);
  s = new ArrayBuffer(0);
  constructor(params: Partial<EcdsaSigValue> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(EcdsaSigValue.prototype, "r");
AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(EcdsaSigValue.prototype, "s");

/** QCStatement (RFC 3739 §3.2.6): a statement OID and optional information. */
export class QcStatement {
  statementId = "";
  statementInfo?: ArrayBuffer;
  constructor(params: Partial<QcStatement> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(QcStatement.prototype, "statementId");
AsnProp({ type: AsnPropTypes.Any, optional: true })(QcStatement.prototype, "statementInfo");

/** QCStatements: a SEQUENCE OF QCStatement. */
export class QcStatements extends AsnArray<QcStatement> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: QcStatement })(QcStatements);
