/**
 * The light check's own HTTP client: one GET, kept byte for byte as a WARC request and response record (with the
 * time, the server's address and the hashes), so that each check is itself evidence. It sees the network the browser
 * is told to see: Chromium's --host-resolver-rules and --ignore-certificate-errors-spki-list in GUZHENG_BROWSER_ARGS
 * apply here too (the tests serve the platforms' real host names from 127.0.0.1 that way). Connections are kept alive,
 * so that many checks of one platform cost little.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { extraFlagsFromEnv } from '../capture/browser/launch.js';
import { hostResolverRules } from '../capture/facts/tls-diagnostic.js';
import { checkLiteral, egressRules, guardedLookup } from '../capture/egress/policy.js';
import type { LookupFunction } from 'node:net';

export interface Exchange {
  url: string;
  at: string;
  requestLine: string;
  requestHeaders: [string, string][];
  status: number;
  statusText: string;
  responseHeaders: [string, string][];
  /** The body as it came over the wire (compressed when the server compressed it). */
  rawBody: Buffer;
  /** The body decoded, as the reader sees it. */
  body: Buffer;
  ip: string | null;
  /** The body was cut at the size limit. */
  truncated: boolean;
}

export class HttpCheckError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface NetworkView {
  map: Map<string, string>;
  /** "MAP * ~NOTFOUND": every name not mapped fails, as it does in the browser. */
  othersNotFound: boolean;
  spki: Set<string>;
}

let cachedView: { key: string; view: NetworkView } | null = null;

function networkView(env: NodeJS.ProcessEnv = process.env): NetworkView {
  const key = env.GUZHENG_BROWSER_ARGS ?? '';
  if (cachedView?.key === key) return cachedView.view;
  const flags = extraFlagsFromEnv(env);
  const rules = flags.filter((f) => f.startsWith('--host-resolver-rules=')).join(',');
  const spki = new Set(flags.filter((f) => f.startsWith('--ignore-certificate-errors-spki-list=')).flatMap((f) => f.slice(f.indexOf('=') + 1).split(',')).map((s) => s.trim()).filter(Boolean));
  const view = { map: hostResolverRules(flags), othersNotFound: /MAP\s+\*\s+~NOTFOUND/i.test(rules), spki };
  cachedView = { key, view };
  return view;
}

const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 8 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 8 }) };

const spkiHash = (raw: Buffer) => createHash('sha256').update(new X509Certificate(raw).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');

/** The body decoded, never larger than `max` (a small compressed answer can expand to gigabytes). */
function decode(raw: Buffer, encoding: string | undefined, max: number): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip': case 'x-gzip': return gunzipSync(raw, { maxOutputLength: max });
    case 'br': return brotliDecompressSync(raw, { maxOutputLength: max });
    case 'deflate': return inflateSync(raw, { maxOutputLength: max });
    default: return raw;
  }
}

/**
 * With an SPKI list (the browser's --ignore-certificate-errors-spki-list, used by tests and private set-ups), a server
 * the system does not trust is accepted only when its key is on the list. Each address is checked once, by a handshake
 * of its own before any request (and any cookie) is sent to it.
 */
const checkedEndpoints = new Map<string, Promise<void>>();

function checkEndpoint(host: string, port: number, servername: string | undefined, spki: Set<string>, timeoutMs: number, lookup?: LookupFunction): Promise<void> {
  const key = `${host}:${port}:${servername ?? ''}`;
  let p = checkedEndpoints.get(key);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const socket = tlsConnect({ host, port, servername, rejectUnauthorized: false, timeout: timeoutMs, ...(lookup ? { lookup } : {}) }, () => {
        const peer = socket.getPeerCertificate();
        const ok = socket.authorized || Boolean(peer?.raw && spki.has(spkiHash(peer.raw)));
        const why = socket.authorizationError;
        socket.end();
        if (ok) resolve();
        else reject(new HttpCheckError('CERT_UNTRUSTED', `the certificate of ${servername ?? host} is not trusted: ${why ?? 'unknown'}`));
      });
      socket.on('error', (err: Error & { code?: string }) => reject(new HttpCheckError(err.code ?? 'EFAILED', err.message)));
      socket.on('timeout', () => socket.destroy(new Error('timeout')));
    });
    p.catch(() => checkedEndpoints.delete(key));
    checkedEndpoints.set(key, p);
  }
  return p;
}

/**
 * One GET of `url` with these headers; redirects are not followed (the caller records each hop). `timeoutMs` bounds
 * the whole exchange, not only the silences in it.
 */
export async function httpGet(url: string, headers: Record<string, string>, options: { timeoutMs: number; maxBytes: number }): Promise<Exchange> {
  const u = new URL(url);
  const view = networkView();
  const mapped = view.map.get(u.hostname);
  if (!mapped && view.othersNotFound && !/^[\d.]+$|^\[/.test(u.hostname)) throw new HttpCheckError('ENOTFOUND', `${u.hostname} is not resolved (MAP * ~NOTFOUND)`);
  const [host, port] = mapped ? [mapped.replace(/:\d+$/, ''), Number(/:(\d+)$/.exec(mapped)?.[1] ?? (u.port || (u.protocol === 'https:' ? 443 : 80)))] : [u.hostname, Number(u.port || (u.protocol === 'https:' ? 443 : 80))];
  const https = u.protocol === 'https:';
  const path = `${u.pathname}${u.search}`;
  const sent: [string, string][] = [['Host', u.host], ...Object.entries(headers)];
  const servername = /^[\d.]+$|:/.test(u.hostname) ? undefined : u.hostname;
  // On an organisation's server, a watched post's check reaches no internal address (as the browser's capture does not).
  const rules = egressRules();
  if (rules) {
    try {
      checkLiteral(rules, host, port);
    } catch (err) {
      throw new HttpCheckError('E_SSRF', (err as Error).message);
    }
  }
  const lookup = rules ? guardedLookup(rules, port) : undefined;
  if (https && view.spki.size) await checkEndpoint(host, port, servername, view.spki, options.timeoutMs, lookup);
  const at = new Date().toISOString();
  return new Promise<Exchange>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)({
      host, port, path, method: 'GET', headers: Object.fromEntries(sent), agent: https ? agents.https : agents.http, timeout: options.timeoutMs, ...(lookup ? { lookup } : {}),
      ...(https ? { servername, rejectUnauthorized: view.spki.size === 0 } : {}),
    }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (c: Buffer) => {
        if (truncated) return;
        size += c.length;
        if (size > options.maxBytes) {
          truncated = true;
          chunks.push(c.subarray(0, c.length - (size - options.maxBytes)));
          res.destroy();
          finish();
          return;
        }
        chunks.push(c);
      });
      const finish = () => {
        const rawBody = Buffer.concat(chunks);
        const responseHeaders: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          // The body is kept de-chunked (as WARC readers expect); the header that said it was chunked is kept renamed.
          const name = /^transfer-encoding$/i.test(res.rawHeaders[i]!) ? 'X-Original-Transfer-Encoding' : res.rawHeaders[i]!;
          responseHeaders.push([name, res.rawHeaders[i + 1]!]);
        }
        let body: Buffer = rawBody;
        try {
          body = truncated ? rawBody : decode(rawBody, res.headers['content-encoding'], options.maxBytes * 8);
        } catch {
          body = rawBody;
        }
        clearTimeout(deadline);
        resolve({ url, at, requestLine: `GET ${path} HTTP/1.1`, requestHeaders: sent, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '',
          responseHeaders, rawBody, body, ip: res.socket?.remoteAddress ?? null, truncated });
      };
      res.on('end', () => !truncated && finish());
      res.on('error', (err) => !truncated && reject(err));
    });
    const deadline = setTimeout(() => req.destroy(new HttpCheckError('ETIMEDOUT', `no whole answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new HttpCheckError('ETIMEDOUT', `no answer within ${options.timeoutMs} ms`)));
    req.on('error', (err: Error & { code?: string }) => reject(err instanceof HttpCheckError ? err : new HttpCheckError(err.code ?? 'EFAILED', err.message)));
    req.end();
  });
}

/** The exchanges of one check as gzip-compressed WARC 1.1 records (a response and its request each), in order. */
export async function warcRecords(exchanges: Exchange[], info: Record<string, string>): Promise<Buffer> {
  const { WARCRecord, WARCSerializer } = await import('warcio');
  const out: Uint8Array[] = [];
  // Each record its own gzip member, compressed by zlib at once (warcio's own gzip goes through web streams, which
  // cost a light check more than everything else it does).
  const serialize = async (r: InstanceType<typeof WARCRecord>) => out.push(gzipSync(await WARCSerializer.serialize(r, { gzip: false, digest: { algo: 'sha-256', prefix: 'sha256:', base32: true } })));
  await serialize(WARCRecord.createWARCInfo({ filename: 'watch-check.warc.gz', warcVersion: 'WARC/1.1' }, info));
  for (const x of exchanges) {
    const common: [string, string][] = x.ip ? [['WARC-IP-Address', x.ip]] : [];
    const response = WARCRecord.create({ url: x.url, date: x.at, type: 'response', warcVersion: 'WARC/1.1', warcHeaders: [...common, ...(x.truncated ? [['WARC-Truncated', 'length'] as [string, string]] : [])],
      statusline: `HTTP/1.1 ${x.status} ${x.statusText}`.trim(), httpHeaders: x.responseHeaders }, [x.rawBody]);
    await serialize(response);
    const id = response.warcHeaders.headers.get('WARC-Record-ID');
    await serialize(WARCRecord.create({ url: x.url, date: x.at, type: 'request', warcVersion: 'WARC/1.1', warcHeaders: [...common, ...(id ? [['WARC-Concurrent-To', id] as [string, string]] : [])],
      statusline: x.requestLine, httpHeaders: x.requestHeaders }, [new Uint8Array()]));
  }
  return Buffer.concat(out);
}
