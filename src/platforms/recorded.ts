/**
 * Reading back what a capture recorded, for the platform modules: the text-like responses of the WARC (the platform's
 * API answers and pages, exactly as stored) and the DOM snapshot. Never a second request.
 */
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Recorded, RecordedResponse } from './types.js';

const TEXTUAL = /json|html|javascript|ecmascript|text\/plain|xml/i;
const MAX_BODY = 32 * 1024 * 1024;

export async function readRecordedResponses(warc: string): Promise<RecordedResponse[]> {
  if (!existsSync(warc)) return [];
  const { WARCParser } = await import('warcio');
  const out: RecordedResponse[] = [];
  for await (const record of new WARCParser(createReadStream(warc))) {
    if (record.warcType !== 'response' || !record.httpHeaders) {
      await record.skipFully();
      continue;
    }
    const mime = record.httpHeaders.headers.get('content-type') ?? '';
    const length = Number(record.warcHeaders.headers.get('content-length') ?? 0);
    if (!TEXTUAL.test(mime) || length > MAX_BODY) {
      await record.skipFully();
      continue;
    }
    out.push({ url: record.warcTargetURI ?? '', status: Number(record.httpHeaders.statusCode ?? 0), mime, body: Buffer.from(await record.readFully(true)) });
  }
  return out;
}

/** The text a person sees: the body without scripts, styles and templates. */
export async function visibleTextOf(dom: string): Promise<string> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(dom);
  for (const el of document.querySelectorAll('script, style, noscript, template')) el.remove();
  return (document.body?.textContent ?? '').replace(/[ \t\r\f\v]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

export async function loadRecorded(dir: string, url: string, finalUrl: string | null, capturedAt: string): Promise<Recorded> {
  const dom = existsSync(join(dir, 'dom.html')) ? await readFile(join(dir, 'dom.html'), 'utf8') : null;
  return { url, finalUrl, capturedAt, dom, visibleText: dom ? await visibleTextOf(dom) : '', responses: await readRecordedResponses(join(dir, 'archive.warc.gz')) };
}
