/**
 * Rewriting a finished WARC with secrets scrubbed (a logged-in capture): every record is read back, its target URI,
 * request line, HTTP header values and payload scrubbed, and written again with the same record id, date and WARC
 * headers; the digests and lengths are computed anew for the bytes now stored.
 *
 * Inside URLs (WARC-Target-URI, the request line, Referer, Location…) the marker is percent-encoded, so the record
 * stays indexable by replay tools; text payloads (HTML, JSON, JavaScript, playlists, form bodies) also lose the
 * values of secret URL parameters by name, read as bytes so that any charset keeps its other bytes.
 */
import { createReadStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { redactRequestLine, redactUrl, scrubBytes, scrubText, type Secrets } from '../redact.js';
import { WarcWriter } from './warc-writer.js';

const RECOMPUTED = new Set(['content-length', 'warc-block-digest', 'warc-payload-digest', 'warc-type', 'warc-date', 'warc-target-uri']);
const URL_HEADERS = new Set(['referer', 'location', 'content-location', 'link', 'refresh', 'warc-refers-to-target-uri']);
const TEXTUAL = /json|html|javascript|ecmascript|text\/|xml|x-www-form-urlencoded|mpegurl|warc-fields/i;

export async function scrubWarc(path: string, secrets: Secrets): Promise<number> {
  const { WARCParser, WARCRecord } = await import('warcio');
  const tmp = `${path}.scrub`;
  const out = new WarcWriter(tmp);
  let count = 0;
  const clean = (v: string, urlSafe = false) => {
    const r = scrubText(v, secrets, urlSafe);
    count += r.count;
    return r.text;
  };
  const cleanUrl = (u: string) => {
    const redacted = redactUrl(u, secrets);
    if (redacted !== u) count++;
    return clean(redacted, true);
  };
  for await (const record of new WARCParser(createReadStream(path), { keepHeadersCase: true })) {
    const type = record.warcType ?? 'resource';
    const contentType = header(record.httpHeaders?.headers, 'content-type') ?? header(record.warcHeaders.headers, 'content-type') ?? '';
    const payload = scrubBytes(Buffer.from(await record.readFully(false)), secrets, TEXTUAL.test(contentType));
    count += payload.count;
    const warcHeaders: [string, string][] = [];
    for (const [k, v] of record.warcHeaders.headers as unknown as Iterable<[string, string]>) {
      if (!RECOMPUTED.has(k.toLowerCase())) warcHeaders.push([k, URL_HEADERS.has(k.toLowerCase()) ? cleanUrl(v) : clean(v)]);
    }
    const httpHeaders: [string, string][] = [];
    if (record.httpHeaders) for (const [k, v] of record.httpHeaders.headers as unknown as Iterable<[string, string]>) httpHeaders.push([k, clean(v, URL_HEADERS.has(k.toLowerCase()))]);
    let statusline = record.httpHeaders?.statusline;
    if (statusline && type === 'request') {
      const redacted = redactRequestLine(statusline, secrets);
      if (redacted !== statusline) count++;
      statusline = clean(redacted, true);
    }
    const rebuilt = WARCRecord.create({
      url: record.warcTargetURI ? cleanUrl(record.warcTargetURI) : undefined, date: record.warcDate ?? undefined, type: type as 'response', warcVersion: 'WARC/1.1', warcHeaders,
      ...(record.httpHeaders ? { statusline, httpHeaders } : {}),
    }, [payload.buf]);
    await out.raw(rebuilt);
  }
  await out.close();
  await rename(tmp, path);
  return count;
}

/** A header by name, whatever its case (the parser keeps the case as written). */
function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  for (const [k, v] of headers as Iterable<[string, string]>) if (k.toLowerCase() === name) return v;
  return null;
}
