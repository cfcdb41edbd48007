/**
 * Verifying an RFC 3161 timestamp offline: the response status, the message imprint against the data, the CMS
 * signature, the TSA certificate's chain to a trusted root — validated at the token's own genTime, since TSA
 * certificates expire long before the evidence stops mattering — and the timeStamping extended key usage.
 */
import type * as Pki from 'pkijs';
import { HASH_BY_OID, parseTimestamp } from './parse.js';
import { loadPki } from './pki.js';

export interface TimestampCheck {
  name: string;
  ok: boolean;
  /** English detail. */
  detail: string;
  /** Chinese detail. */
  zh: string;
}

export interface TimestampVerification {
  valid: boolean;
  checks: TimestampCheck[];
  genTime: string | null;
  policy: string | null;
  serialNumber: string | null;
  hashAlgorithm: string | null;
  tsaCertificate: string | null;
}

const OID_EKU = '2.5.29.37';
const OID_TIMESTAMPING = '1.3.6.1.5.5.7.3.8';

function name(cert: Pki.Certificate): string {
  return cert.subject.typesAndValues.map((tv) => `${({ '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.6': 'C', '2.5.4.11': 'OU' } as Record<string, string>)[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`).join(', ');
}

const selfSigned = (c: Pki.Certificate) => c.subject.isEqual(c.issuer);

/** Hex of bytes, without Node's Buffer: this file also runs in the verifier page. */
export const hex = (v: ArrayBuffer | Uint8Array) => Array.from(v instanceof Uint8Array ? v : new Uint8Array(v), (b) => b.toString(16).padStart(2, '0')).join('');

/** WebCrypto for the SHA family (Node and browsers); SM3 only where node:crypto exists. */
async function digestHex(alg: { name: string; node: string }, data: Uint8Array): Promise<string> {
  if (alg.name.startsWith('SHA')) return hex(await globalThis.crypto.subtle.digest(alg.name, data as Uint8Array<ArrayBuffer>));
  const nodeCrypto = 'node:crypto';
  const { createHash } = (await import(/* @vite-ignore */ nodeCrypto)) as typeof import('node:crypto');
  return createHash(alg.node).update(data).digest('hex');
}

export interface VerifyInput {
  token: Uint8Array;
  data: Uint8Array;
  /** Certificates the user trusts or supplies (--ca): self-signed ones are roots, others may complete the chain. */
  certificates: Pki.Certificate[];
  /** The nonce we sent, when verifying our own request's answer. */
  nonce?: bigint;
}

export async function verifyTimestamp(input: VerifyInput): Promise<TimestampVerification> {
  const { pkijs } = await loadPki();
  const checks: TimestampCheck[] = [];
  const add = (name: string, ok: boolean, detail: string, zh: string) => checks.push({ name, ok, detail, zh });
  const result = (): TimestampVerification => ({ valid: checks.length > 0 && checks.every((c) => c.ok), checks, genTime, policy, serialNumber, hashAlgorithm, tsaCertificate });
  let genTime: string | null = null;
  let policy: string | null = null;
  let serialNumber: string | null = null;
  let hashAlgorithm: string | null = null;
  let tsaCertificate: string | null = null;

  const parsed = await parseTimestamp(input.token);
  if (parsed.status) {
    const s = parsed.status;
    const granted = s.code === 0 || s.code === 1;
    const why = [s.text, s.statusString, s.failInfo.length ? `failInfo: ${s.failInfo.join(', ')}` : null].filter(Boolean).join('; ');
    add('status', granted, `the TSA answered ${why}`, granted ? `时间戳服务机构已签发（${s.text}）` : `时间戳服务机构拒绝签发：${why}`);
    if (!granted || !parsed.token) {
      if (granted) add('token', false, 'the response holds no timestamp token', '响应中没有时间戳令牌');
      return result();
    }
  }
  const { signedData, tstInfo } = parsed.token!;
  genTime = tstInfo.genTime.toISOString();
  policy = tstInfo.policy;
  serialNumber = hex(tstInfo.serialNumber.valueBlock.valueHexView);

  // 1. The imprint: the token is about exactly these bytes.
  const alg = HASH_BY_OID[tstInfo.messageImprint.hashAlgorithm.algorithmId];
  hashAlgorithm = alg?.name ?? tstInfo.messageImprint.hashAlgorithm.algorithmId;
  if (!alg) {
    add('message-imprint', false, `unknown hash algorithm ${hashAlgorithm}`, `未知的哈希算法 ${hashAlgorithm}`);
  } else {
    const expected = hex(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
    const actual = await digestHex(alg, input.data);
    add('message-imprint', expected === actual, expected === actual ? `${alg.name} of the data matches the token (${actual})` : `${alg.name} of the data is ${actual}, the token is about ${expected}: the token is over other data`,
      expected === actual ? `数据的 ${alg.name} 与时间戳一致` : '数据的哈希与时间戳不一致：该时间戳针对的是其他数据');
  }
  if (input.nonce !== undefined) {
    const got = tstInfo.nonce ? BigInt(`0x${hex(tstInfo.nonce.valueBlock.valueHexView) || '0'}`) : null;
    add('nonce', got === input.nonce, got === input.nonce ? 'the nonce matches our request' : `the nonce ${got} is not the one we sent (${input.nonce})`, got === input.nonce ? '随机数与请求一致' : '随机数与请求不一致');
  }

  // 2. The signature, with the signer certificate from the token or from the supplied certificates.
  const supplied = input.certificates;
  const inToken = (signedData.certificates ?? []).filter((c): c is Pki.Certificate => c instanceof pkijs.Certificate);
  signedData.certificates = [...inToken, ...supplied];
  let signer: Pki.Certificate | null = null;
  const imprintOk = checks.find((c) => c.name === 'message-imprint')?.ok === true;
  try {
    // pkijs checks the imprint again before the signature; for data that is not what was stamped, it cannot go on.
    if (!imprintOk) throw Object.assign(new Error('not checked: the data given is not the data that was stamped'), { notChecked: true });
    const data = input.data.buffer.slice(input.data.byteOffset, input.data.byteOffset + input.data.byteLength) as ArrayBuffer;
    const r = await signedData.verify({ signer: 0, checkChain: false, extendedMode: true, data });
    signer = r.signerCertificate ?? null;
    add('signature', Boolean(r.signatureVerified), r.signatureVerified ? `the TSA's signature is valid (${r.signerCertificate ? name(r.signerCertificate) : 'signer'})` : `the TSA's signature does not verify: ${r.message || 'the signature bytes do not match the signed content'}`,
      r.signatureVerified ? '时间戳机构的签名有效' : '时间戳机构的签名无效');
  } catch (err) {
    const e = err as { message?: string; signerCertificate?: Pki.Certificate | null; notChecked?: boolean };
    signer = e.signerCertificate ?? null;
    if (e.notChecked) {
      add('signature', false, e.message!, '未核对签名：给出的数据不是被加盖时间戳的数据');
      signer = (signedData.certificates ?? []).find((c): c is Pki.Certificate => c instanceof pkijs.Certificate && Boolean(c.extensions?.some((x) => x.extnID === OID_EKU))) ?? null;
    } else {
      const noCert = /Unable to find signer certificate/i.test(e.message ?? '');
      const why = e.message || 'the signature bytes do not match the signed content (the token was altered or signed by another key)';
      add('signature', false, noCert ? 'the TSA certificate is neither in the token nor supplied (--ca): the signature cannot be checked' : `the TSA's signature does not verify: ${why}`,
        noCert ? '令牌中没有时间戳机构的证书，也没有用 --ca 提供，无法核对签名' : '时间戳机构的签名无效：令牌被改动过，或由其他密钥签名');
    }
  }
  if (!signer) return result();
  tsaCertificate = name(signer);

  // 3. The timeStamping extended key usage (RFC 3161 §2.3: the only one, and critical).
  const eku = signer.extensions?.find((x) => x.extnID === OID_EKU);
  const usages = (eku?.parsedValue as Pki.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  const ekuOk = usages.includes(OID_TIMESTAMPING);
  add('timestamping-eku', ekuOk, ekuOk ? `the TSA certificate is for time-stamping${eku?.critical ? ' (critical)' : ' (not marked critical)'}` : 'the TSA certificate is not for time-stamping (no id-kp-timeStamping)',
    ekuOk ? '时间戳机构证书的用途为时间戳' : '时间戳机构证书的用途不是时间戳');

  // 4. The chain to a trusted root, at genTime.
  const roots = supplied.filter(selfSigned);
  const others = [...inToken, ...supplied.filter((c) => !selfSigned(c))];
  if (roots.length === 0) {
    add('certificate-chain', false, 'no trusted root was given (--ca with a self-signed root certificate)', '没有提供可信的根证书（--ca）');
    return result();
  }
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: roots, certs: [signer, ...others.filter((c) => c !== signer)], checkDate: tstInfo.genTime });
  const chain = await engine.verify();
  add('certificate-chain', chain.result, chain.result ? `the TSA certificate chains to ${(chain.certificatePath ?? []).map(name).slice(-1)[0] ?? 'a trusted root'}, valid at genTime ${genTime}` : `the TSA certificate does not chain to a trusted root at genTime ${genTime}: ${chain.resultMessage}`,
    chain.result ? `时间戳机构证书在签发时刻（${genTime}）可追溯到可信根证书` : `时间戳机构证书在签发时刻无法追溯到可信根证书：${chain.resultMessage}`);
  return result();
}
