/**
 * A WARC 1.1 file, gzip-compressed record by record, written as the visit goes (never held in memory whole).
 * Records are appended strictly in order through one queue.
 */
import { redactHeaders, redactRequestLine, redactUrl, redactUrlsInText, type Secrets } from '../redact.js';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { WARCRecord as WARCRecordType } from 'warcio';

const warcio = () => import('warcio');

export interface HttpMessage {
  /** Request line or status line, e.g. "GET /a HTTP/1.1" or "HTTP/1.1 200 OK". */
  startLine: string;
  headers: [string, string][];
  body: Uint8Array;
}

export interface ExchangeRecord {
  url: string;
  /** ISO time the request was sent. */
  date: string;
  request: HttpMessage;
  response?: HttpMessage;
  ipAddress?: string;
  /** Set when the body kept is shorter than what was received: 'length' (size caps), 'unspecified' (unreadable). */
  truncated?: 'length' | 'unspecified';
}

export class WarcWriter {
  private readonly out: WriteStream;
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  recordCount = 0;
  bytesWritten = 0;

  /**
   * `redact`: a logged-in capture. Secret header values, and the secret parameters of every URL written (the
   * WARC-Target-URI, the request line, Referer, Location…, a form-encoded request body), are replaced by their
   * markers as the records are written; response bodies are scrubbed when the visit ends (warc-scrub).
   */
  constructor(readonly path: string, private readonly redact: Secrets | null = null) {
    this.out = createWriteStream(path);
    this.out.on('error', (e) => (this.failure = e));
  }

  /** The first record: what wrote this file and with which browser. */
  warcinfo(filename: string, fields: Record<string, string>): Promise<void> {
    return this.enqueue(async () => {
      const { WARCRecord } = await warcio();
      const record = WARCRecord.createWARCInfo({ filename, warcVersion: 'WARC/1.1' }, fields);
      await this.write(record);
    });
  }

  exchange(x: ExchangeRecord): Promise<void> {
    if (this.redact) x = redactExchange(x, this.redact);
    return this.enqueue(async () => {
      const common: [string, string][] = [];
      if (x.ipAddress) common.push(['WARC-IP-Address', x.ipAddress]);
      let responseId: string | undefined;
      const { WARCRecord } = await warcio();
      if (x.response) {
        const headers: [string, string][] = [...common];
        if (x.truncated) headers.push(['WARC-Truncated', x.truncated]);
        const response = WARCRecord.create({
          url: x.url, date: x.date, type: 'response', warcVersion: 'WARC/1.1', warcHeaders: headers,
          statusline: x.response.startLine, httpHeaders: this.redact ? redactHeaders(x.response.headers, this.redact) : x.response.headers,
        }, [x.response.body]);
        responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? undefined;
        await this.write(response);
      }
      const reqHeaders: [string, string][] = [...common];
      if (responseId) reqHeaders.push(['WARC-Concurrent-To', responseId]);
      const request = WARCRecord.create({
        url: x.url, date: x.date, type: 'request', warcVersion: 'WARC/1.1', warcHeaders: reqHeaders,
        statusline: x.request.startLine, httpHeaders: this.redact ? redactHeaders(x.request.headers, this.redact) : x.request.headers,
      }, [x.request.body]);
      await this.write(request);
    });
  }

  /** A metadata record about a URL (e.g. why a request failed). */
  metadata(url: string, date: string, fields: Record<string, string>): Promise<void> {
    const s = this.redact;
    if (s) {
      url = redactUrl(url, s);
      fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, redactUrlsInText(v, s)]));
    }
    return this.enqueue(async () => {
      const { WARCRecord } = await warcio();
      const body = new TextEncoder().encode(Object.entries(fields).map(([k, v]) => `${k}: ${v}\r\n`).join(''));
      const record = WARCRecord.create({
        url, date, type: 'metadata', warcVersion: 'WARC/1.1',
        warcHeaders: [['Content-Type', 'application/warc-fields']],
      }, [body]);
      await this.write(record);
    });
  }

  /** A record made elsewhere (the scrubbing rewrite), written as it is. */
  raw(record: WARCRecordType): Promise<void> {
    return this.enqueue(() => this.write(record));
  }

  async close(): Promise<void> {
    await this.queue;
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (this.failure) throw this.failure;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  private async write(record: WARCRecordType): Promise<void> {
    if (this.failure) throw this.failure;
    const { WARCSerializer } = await warcio();
    const bytes = await WARCSerializer.serialize(record, { gzip: true, digest: { algo: 'sha-256', prefix: 'sha256:', base32: true } });
    this.recordCount++;
    this.bytesWritten += bytes.length;
    if (!this.out.write(bytes)) await new Promise<void>((r) => this.out.once('drain', () => r()));
  }
}

/** An exchange of a logged-in capture with the secret parameters of its URLs redacted (headers: `redactHeaders`). */
function redactExchange(x: ExchangeRecord, s: Secrets): ExchangeRecord {
  const form = x.request.headers.some(([n, v]) => n.toLowerCase() === 'content-type' && /application\/x-www-form-urlencoded/i.test(v));
  let body = x.request.body;
  if (form && body.length) {
    const text = Buffer.from(body).toString('latin1');
    const redacted = redactUrlsInText(text, s, true);
    if (redacted !== text) body = Buffer.from(redacted, 'latin1');
  }
  return { ...x, url: redactUrl(x.url, s), request: { ...x.request, startLine: redactRequestLine(x.request.startLine, s), body } };
}
