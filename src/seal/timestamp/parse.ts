/**
 * Reading RFC 3161 timestamps: a TimeStampResp (status + token) or a bare TimeStampToken (CMS ContentInfo holding
 * SignedData whose content is a TSTInfo). Certificates are read from DER or PEM.
 */
import type * as Pki from 'pkijs';
import { loadPki } from './pki.js';

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';

export const HASH_BY_OID: Record<string, { name: string; node: string }> = {
  '1.3.14.3.2.26': { name: 'SHA-1', node: 'sha1' },
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', node: 'sha256' },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', node: 'sha384' },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', node: 'sha512' },
  '1.2.156.10197.1.401': { name: 'SM3', node: 'sm3' },
};

const STATUS_TEXT: Record<number, string> = { 0: 'granted', 1: 'grantedWithMods', 2: 'rejection', 3: 'waiting', 4: 'revocationWarning', 5: 'revocationNotification' };
const FAIL_INFO: Record<number, string> = { 0: 'badAlg', 2: 'badRequest', 5: 'badDataFormat', 14: 'timeNotAvailable', 15: 'unacceptedPolicy', 16: 'unacceptedExtension', 17: 'addInfoNotAvailable', 25: 'systemFailure' };

export interface ParsedTimestamp {
  /** Present when the input was a TimeStampResp. */
  status?: { code: number; text: string; statusString: string | null; failInfo: string[] };
  token?: { signedData: Pki.SignedData; tstInfo: Pki.TSTInfo; der: ArrayBuffer };
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

function parseToken({ asn1js, pkijs }: Awaited<ReturnType<typeof loadPki>>, contentInfo: Pki.ContentInfo, der: ArrayBuffer): ParsedTimestamp['token'] {
  if (contentInfo.contentType !== OID_SIGNED_DATA) throw new Error(`not a CMS SignedData (content type ${contentInfo.contentType})`);
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  if (signedData.encapContentInfo.eContentType !== OID_TST_INFO) throw new Error(`the signed content is not a TSTInfo (${signedData.encapContentInfo.eContentType})`);
  const eContent = signedData.encapContentInfo.eContent;
  if (!eContent) throw new Error('the token has no TSTInfo content');
  const tstDer = eContent.getValue();
  const tst = asn1js.fromBER(tstDer);
  if (tst.offset === -1) throw new Error('the TSTInfo is not valid DER');
  return { signedData, tstInfo: new pkijs.TSTInfo({ schema: tst.result }), der };
}

export async function parseTimestamp(bytes: Uint8Array): Promise<ParsedTimestamp> {
  const libs = await loadPki();
  const { asn1js, pkijs } = libs;
  const der = toArrayBuffer(bytes);
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1 || !(asn.result instanceof asn1js.Sequence)) throw new Error('not DER-encoded ASN.1');
  const first = asn.result.valueBlock.value[0];
  if (first instanceof asn1js.ObjectIdentifier) {
    return { token: parseToken(libs, new pkijs.ContentInfo({ schema: asn.result }), der) };
  }
  const resp = new pkijs.TimeStampResp({ schema: asn.result });
  const code = resp.status.status;
  const failBits = resp.status.failInfo ? new Uint8Array(resp.status.failInfo.valueBlock.valueHexView) : new Uint8Array(0);
  const failInfo: string[] = [];
  failBits.forEach((byte, i) => { for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) failInfo.push(FAIL_INFO[i * 8 + bit] ?? `bit ${i * 8 + bit}`); });
  const statusString = resp.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? null;
  const out: ParsedTimestamp = { status: { code, text: STATUS_TEXT[code] ?? `status ${code}`, statusString, failInfo } };
  if (resp.timeStampToken) out.token = parseToken(libs, resp.timeStampToken, toArrayBuffer(new Uint8Array(resp.timeStampToken.toSchema().toBER())));
  return out;
}

/** Certificates from a DER file or a PEM file holding one or more. */
export async function parseCertificates(bytes: Uint8Array): Promise<Pki.Certificate[]> {
  const { pkijs } = await loadPki();
  const text = new TextDecoder('latin1').decode(bytes);
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Uint8Array.from(atob(m[1]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0)));
  const ders = blocks.length ? blocks : [bytes];
  return ders.map((d) => pkijs.Certificate.fromBER(toArrayBuffer(d)));
}
