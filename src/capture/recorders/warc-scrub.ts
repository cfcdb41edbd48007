/**
 * Rewriting a finished WARC with secrets scrubbed (a logged-in capture): every record is read back, its HTTP header
 * values and payload scrubbed, and written again with the same record id, date, URI and WARC headers; the
 * digests and lengths are computed anew for the bytes now stored.
 */
import { createReadStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { scrub } from '../redact.js';
import { WarcWriter } from './warc-writer.js';

const RECOMPUTED = new Set(['content-length', 'warc-block-digest', 'warc-payload-digest', 'warc-type', 'warc-date', 'warc-target-uri']);

export async function scrubWarc(path: string, secrets: string[]): Promise<number> {
  const { WARCParser, WARCRecord } = await import('warcio');
  const tmp = `${path}.scrub`;
  const out = new WarcWriter(tmp);
  let count = 0;
  const clean = (s: string) => {
    const r = scrub(Buffer.from(s, 'utf8'), secrets);
    count += r.count;
    return r.buf.toString('utf8');
  };
  for await (const record of new WARCParser(createReadStream(path), { keepHeadersCase: true })) {
    const type = record.warcType ?? 'resource';
    const payload = scrub(Buffer.from(await record.readFully(false)), secrets);
    count += payload.count;
    const warcHeaders: [string, string][] = [];
    for (const [k, v] of record.warcHeaders.headers as unknown as Iterable<[string, string]>) if (!RECOMPUTED.has(k.toLowerCase())) warcHeaders.push([k, clean(v)]);
    const httpHeaders: [string, string][] = [];
    if (record.httpHeaders) for (const [k, v] of record.httpHeaders.headers as unknown as Iterable<[string, string]>) httpHeaders.push([k, clean(v)]);
    const rebuilt = WARCRecord.create({
      url: record.warcTargetURI ?? undefined, date: record.warcDate ?? undefined, type: type as 'response', warcVersion: 'WARC/1.1', warcHeaders,
      ...(record.httpHeaders ? { statusline: record.httpHeaders.statusline, httpHeaders } : {}),
    }, [payload.buf]);
    await out.raw(rebuilt);
  }
  await out.close();
  await rename(tmp, path);
  return count;
}
