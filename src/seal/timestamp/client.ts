/**
 * An RFC 3161 client: a TimeStampReq (SHA-256 imprint, random nonce, certReq) sent over HTTP to several TSAs at
 * once, each answer verified as it arrives — status, imprint, our nonce, signature, time-stamping usage, chain to a
 * trusted root, and a genTime close to our own clock. Each full answer is kept, good or bad, with why.
 */
import { createHash, randomBytes } from 'node:crypto';
import type * as Pki from 'pkijs';
import { loadPki } from './pki.js';
import { verifyTimestamp, type TimestampVerification } from './verify.js';

export interface StampResult {
  url: string;
  ok: boolean;
  /** The TSA's whole answer (TimeStampResp, DER), when one came. */
  response?: Buffer;
  genTime?: string;
  verification?: TimestampVerification;
  error?: string;
  requestedAt: string;
  answeredAt?: string;
}

export interface StampOptions {
  /** Roots (and intermediates) trusted for the TSAs' certificates. */
  trusted: Pki.Certificate[];
  timeoutMs?: number;
  /** How far genTime may be from our clock (ms). */
  maxSkewMs?: number;
}

export async function buildRequest(data: Uint8Array): Promise<{ der: Buffer; nonce: bigint }> {
  const { asn1js, pkijs } = await loadPki();
  const nonceBytes = randomBytes(8);
  nonceBytes[0]! &= 0x7f; // a positive INTEGER
  if (nonceBytes[0] === 0) nonceBytes[0] = 1; // and minimally encoded
  const digest = createHash('sha256').update(data).digest();
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1', algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonceBytes }),
    certReq: true,
  });
  return { der: Buffer.from(req.toSchema().toBER()), nonce: BigInt(`0x${nonceBytes.toString('hex')}`) };
}

export async function requestTimestamp(url: string, data: Uint8Array, options: StampOptions): Promise<StampResult> {
  const { der, nonce } = await buildRequest(data);
  const requestedAt = new Date().toISOString();
  let response: Buffer;
  try {
    const res = await fetch(url, { method: 'POST', body: new Uint8Array(der), headers: { 'Content-Type': 'application/timestamp-query' }, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
    if (!res.ok) return { url, ok: false, requestedAt, answeredAt: new Date().toISOString(), error: `HTTP ${res.status}` };
    response = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { url, ok: false, requestedAt, error: e.cause?.code ?? e.message };
  }
  const answeredAt = new Date().toISOString();
  let verification: TimestampVerification;
  try {
    verification = await verifyTimestamp({ token: response, data, certificates: options.trusted, nonce });
  } catch (err) {
    return { url, ok: false, response, requestedAt, answeredAt, error: `not an RFC 3161 answer: ${(err as Error).message}` };
  }
  const genTime = verification.genTime ?? undefined;
  if (genTime) {
    const skew = Math.abs(Date.parse(genTime) - Date.parse(answeredAt));
    const ok = skew <= (options.maxSkewMs ?? 10 * 60_000);
    verification.checks.push({ name: 'gen-time', ok, detail: ok ? `genTime ${genTime} is ${Math.round(skew / 1000)} s from our clock` : `genTime ${genTime} is ${Math.round(skew / 1000)} s from our clock: too far`,
      zh: ok ? '时间戳时间与本机时钟相符' : '时间戳时间与本机时钟相差过大' });
    verification.valid = verification.checks.every((c) => c.ok);
  }
  return { url, ok: verification.valid, response, genTime, verification, requestedAt, answeredAt,
    error: verification.valid ? undefined : verification.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`).join('; ') };
}

/** Asks every TSA at the same moment, so the time of existence is fixed by several independent clocks. */
export function stampAtOnce(urls: string[], data: Uint8Array, options: StampOptions): Promise<StampResult[]> {
  return Promise.all(urls.map((u) => requestTimestamp(u, data, options)));
}
