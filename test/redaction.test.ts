/**
 * Secrets in URLs of a logged-in capture (access_token, sign, ticket, sid…): replaced by the SHA-256 marker,
 * percent-encoded inside URLs so they stay URLs; in headers, request lines, texts, MHTML through its
 * quoted-printable wrapping, and a WARC rewritten by the scrub.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { createReadStream } from 'node:fs';
import { blankSecrets, isSecretParam, marker, redactHeaders, redactRequestLine, redactUrl, redactUrlsInText, scrubBytes, Secrets, urlMarker } from '../src/capture/redact.js';
import { decodeQuotedPrintable, encodeQuotedPrintable, scrubMhtml } from '../src/capture/recorders/mhtml-scrub.js';
import { WarcWriter } from '../src/capture/recorders/warc-writer.js';
import { scrubWarc } from '../src/capture/recorders/warc-scrub.js';

const TOKEN = 'SECRETVALUE123abc';
const m = (v: string) => `%5Bredacted%20sha256%3A${createHash('sha256').update(v).digest('hex')}%5D`;

describe('secret URL parameters', () => {
  it('which names are secrets: tokens, tickets, signatures, session ids — not ids or article signatures', () => {
    for (const n of ['access_token', 'accessToken', 'token', 'ticket', 'pass_ticket', 'sign', 'sid', 'auth', 'key', 'oauth_token', 'X-Amz-Signature', 'csrfmiddlewaretoken', 'client_secret', 'SESSIONID', 'st']) {
      expect({ n, secret: isSecretParam(n) }).toEqual({ n, secret: true });
    }
    for (const n of ['id', 'uid', 'mid', 'page', 'sn', 'chksm', '__biz', 'idx', 'q', 'keyword', 'signup', 'design', 'tokenizer']) expect({ n, secret: isSecretParam(n) }).toEqual({ n, secret: false });
  });

  it('a URL keeps its path, names and other values byte for byte; secret values become the URL-safe marker, which decodes to the marker', () => {
    const s = new Secrets();
    const url = `https://api.example.cn/a/b;jsessionid=JSESS12345?uid=7&access_token=${TOKEN}&sign=ab%2Bc&page=2&empty=&token=#frag`;
    const out = redactUrl(url, s);
    expect(out).toBe(`https://api.example.cn/a/b;jsessionid=${m('JSESS12345')}?uid=7&access_token=${m(TOKEN)}&sign=${m('ab+c')}&page=2&empty=&token=#frag`);
    expect(new URL(out).searchParams.get('access_token')).toBe(marker(TOKEN));
    expect(urlMarker(TOKEN)).toBe(m(TOKEN));
    expect(redactUrl(out, s)).toBe(out); // idempotent
    expect(redactUrl('https://x.cn/cb#access_token=OAUTHTOKEN99&token_type=bearer', s)).toBe(`https://x.cn/cb#access_token=${m('OAUTHTOKEN99')}&token_type=bearer`);
    expect(redactRequestLine(`GET /p?ticket=ST-1-abc&x=1 HTTP/1.1`, s)).toBe(`GET /p?ticket=${m('ST-1-abc')}&x=1 HTTP/1.1`);
    expect([...s.values]).toEqual(expect.arrayContaining([TOKEN, 'JSESS12345', 'OAUTHTOKEN99', 'ST-1-abc']));
    expect(s.values.has('ab+c')).toBe(false); // too short to search for elsewhere: found by name only
  });

  it('in headers: Referer, Location, Link get the URL-safe marker; cookies and tokens as before', () => {
    const s = new Secrets();
    const out = redactHeaders([['Referer', `https://m.example.cn/post/1?access_token=${TOKEN}&sign=s1`], ['Location', `/post/1?ticket=TICKET0001`], ['Link', `</a.js?token=LINKTOKEN1>; rel=preload`],
      ['Cookie', 'SUB=cookievalue1; a=b'], ['Content-Type', 'text/html']], s);
    expect(out).toEqual([['Referer', `https://m.example.cn/post/1?access_token=${m(TOKEN)}&sign=${m('s1')}`], ['Location', `/post/1?ticket=${m('TICKET0001')}`], ['Link', `</a.js?token=${m('LINKTOKEN1')}>; rel=preload`],
      ['Cookie', `SUB=${marker('cookievalue1')}; a=${marker('b')}`], ['Content-Type', 'text/html']]);
  });

  it('in texts: HTML attributes (&amp;), JSON (\\u0026), scripts, plain text; names found whatever the value length; a form body', () => {
    const s = new Secrets();
    const html = `<img src="/i.png?access_token=${TOKEN}&amp;sign=s1"> <a href='/n?page=2&amp;sid=SID0000001'>下一页</a> {"u":"/x?a=1\\u0026token=JSONTOKEN1"} 地址：https://h.cn/p?uid=3&ticket=T1。下一句`;
    expect(redactUrlsInText(html, s)).toBe(`<img src="/i.png?access_token=${m(TOKEN)}&amp;sign=${m('s1')}"> <a href='/n?page=2&amp;sid=${m('SID0000001')}'>下一页</a> {"u":"/x?a=1\\u0026token=${m('JSONTOKEN1')}"} 地址：https://h.cn/p?uid=3&ticket=${m('T1')}。下一句`);
    // Code that builds a URL is left alone: no value follows the name.
    expect(redactUrlsInText(`fetch('/api?token=' + t + '&sign=' + s); url = \`/a?token=\${t}\``, s)).toBe(`fetch('/api?token=' + t + '&sign=' + s); url = \`/a?token=\${t}\``);
    expect(redactUrlsInText('access_token=FORMTOKEN1&grant=x', s, true)).toBe(`access_token=${m('FORMTOKEN1')}&grant=x`);
  });

  it('bytes in another charset (GBK) keep every other byte; known values are replaced in any text', () => {
    const s = new Secrets();
    s.add('cookievalue-secret');
    const gbk = Buffer.concat([Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from(`<a href="/p?token=${TOKEN}">x</a> cookievalue-secret`, 'latin1')]);
    const r = scrubBytes(gbk, s, true);
    expect(r.buf.subarray(0, 4)).toEqual(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]));
    expect(r.buf.subarray(4).toString('latin1')).toBe(`<a href="/p?token=${m(TOKEN)}">x</a> ${marker('cookievalue-secret')}`);
    expect(r.count).toBe(2);
  });
});

describe('a PDF (the print of the page)', () => {
  it('link targets and known values blanked in place: every byte offset stays where it was', () => {
    const s = new Secrets();
    s.add('cookievalue-secret');
    const pdf = Buffer.from(`%PDF-1.4\n1 0 obj\n<</S /URI /URI (http://127.0.0.1/next?page=2&sid=SID0000001&x=1)>>\nendobj\n2 0 obj (cookievalue-secret) endobj\nxref\n`, 'latin1');
    const r = blankSecrets(pdf, s);
    expect(r.buf.length).toBe(pdf.length);
    expect(r.buf.toString('latin1')).toBe(`%PDF-1.4\n1 0 obj\n<</S /URI /URI (http://127.0.0.1/next?page=2&sid=**********&x=1)>>\nendobj\n2 0 obj (******************) endobj\nxref\n`);
    expect(r.count).toBe(2);
  });
});

describe('MHTML', () => {
  it('quoted-printable: decoded and encoded again the same, lines of at most 76', () => {
    const text = Buffer.from(`<p>你好 = 世界</p>\r\n${'x'.repeat(200)} \r\nend `, 'utf8');
    const qp = encodeQuotedPrintable(text);
    expect(qp.split('\r\n').every((l) => l.length <= 76)).toBe(true);
    expect(decodeQuotedPrintable(qp)).toEqual(text);
  });

  it('a token wrapped across a soft line break is found, and the other parts stay as Chrome wrote them', () => {
    const s = new Secrets();
    const pageWith = (n: number) => Buffer.from(`<img src="http://127.0.0.1/img.png?${'a'.repeat(n)}=1&amp;access_token=${TOKEN}&amp;sign=Sg12">`, 'utf8');
    // A filler length that makes the wrapping split the token, as Chrome's snapshot does with long URLs.
    const n = [...Array(60).keys()].find((k) => !encodeQuotedPrintable(pageWith(k)).split('\r\n').some((l) => l.includes(TOKEN)))!;
    const page = pageWith(n);
    const qp = encodeQuotedPrintable(page);
    expect(qp.replace(/=\r\n/g, '')).toContain(TOKEN);
    expect(qp).not.toContain(TOKEN);
    const css = '------B\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: cid:css-1@mhtml.blink\r\n\r\nbody { color: red; }\r\n';
    const file = `From: <Saved by Blink>\r\nSnapshot-Content-Location: http://127.0.0.1/p?access_token=${TOKEN}\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----B"\r\n\r\n\r\n`
      + `------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: http://127.0.0.1/p?access_token=${TOKEN}\r\n\r\n${qp}\r\n${css}------B--\r\n`;
    const out = scrubMhtml(Buffer.from(file, 'latin1'), s).buf.toString('latin1');
    expect(out).not.toContain(TOKEN);
    expect(out).toContain(`Snapshot-Content-Location: http://127.0.0.1/p?access_token=${m(TOKEN)}\r\n`);
    const body = out.split('------B')[1]!.split('\r\n\r\n')[1]!;
    expect(decodeQuotedPrintable(body).toString('utf8')).toBe(`<img src="http://127.0.0.1/img.png?${'a'.repeat(n)}=1&amp;access_token=${m(TOKEN)}&amp;sign=${m('Sg12')}">\r\n`);
    expect(out).toContain(css);
    expect(out.endsWith('------B--\r\n')).toBe(true);
  });
});

describe('the WARC of a logged-in capture', () => {
  it('written with the URL secrets redacted (target URI, request line, Referer, Location, form body), and scrubbed again at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guzheng-redact-'));
    const path = join(dir, 'a.warc.gz');
    const s = new Secrets();
    const w = new WarcWriter(path, s);
    await w.exchange({ url: `https://m.example.cn/start`, date: '2026-11-21T10:00:00.000Z',
      request: { startLine: 'GET /start HTTP/1.1', headers: [['Host', 'm.example.cn']], body: new Uint8Array(0) },
      response: { startLine: 'HTTP/1.1 302 Found', headers: [['Location', `/post/1?access_token=${TOKEN}&sign=Sg12`]], body: new Uint8Array(0) } });
    const page = Buffer.from(`<img src="/i.png?access_token=${TOKEN}&amp;sign=Sg12"><script>var t = 'INLINETOKEN01';</script>`);
    await w.exchange({ url: `https://m.example.cn/post/1?access_token=${TOKEN}&sign=Sg12`, date: '2026-11-21T10:00:01.000Z',
      request: { startLine: `GET /post/1?access_token=${TOKEN}&sign=Sg12 HTTP/1.1`, headers: [['Host', 'm.example.cn'], ['Referer', `https://m.example.cn/start`]], body: new Uint8Array(0) },
      response: { startLine: 'HTTP/1.1 200 OK', headers: [['Content-Type', 'text/html; charset=utf-8']], body: page } });
    await w.exchange({ url: `https://m.example.cn/api?token=INLINETOKEN01`, date: '2026-11-21T10:00:02.000Z',
      request: { startLine: 'POST /api?token=INLINETOKEN01 HTTP/1.1', headers: [['Referer', `https://m.example.cn/post/1?access_token=${TOKEN}&sign=Sg12`], ['Content-Type', 'application/x-www-form-urlencoded']],
        body: Buffer.from('st=CSRF0000001&text=hello') },
      response: { startLine: 'HTTP/1.1 200 OK', headers: [['Content-Type', 'application/json']], body: Buffer.from('{"ok":1}') } });
    await w.metadata(`https://m.example.cn/gone?ticket=TICKET0002`, '2026-11-21T10:00:03.000Z', { 'guzheng-request-failed': 'net::ERR_FAILED' });
    await w.close();
    // As written during the visit: the URLs are clean; bodies wait for the scrub at the end.
    const written = gunzipSync(readFileSync(path)).toString('utf8');
    expect(written.split(TOKEN)).toHaveLength(2); // only in the page's body
    expect(written).not.toContain('TICKET0002');
    expect(written).not.toContain('CSRF0000001');
    expect(written.split('INLINETOKEN01')).toHaveLength(2); // in the page's script: only the scrub at the end knows it is a secret
    expect(await scrubWarc(path, s)).toBeGreaterThan(0);
    const raw = gunzipSync(readFileSync(path)).toString('utf8');
    for (const secret of [TOKEN, 'Sg12', 'INLINETOKEN01', 'TICKET0002', 'CSRF0000001']) expect({ secret, found: raw.includes(secret) }).toEqual({ secret, found: false });
    const records: { type: string; uri: string | null; line: string | null; headers: Record<string, string>; payload: string }[] = [];
    for await (const r of new WARCParser(createReadStream(path))) {
      records.push({ type: r.warcType ?? '', uri: r.warcTargetURI ?? null, line: r.httpHeaders?.statusline ?? null,
        headers: Object.fromEntries(r.httpHeaders ? [...(r.httpHeaders.headers as unknown as Iterable<[string, string]>)] : []), payload: Buffer.from(await r.readFully(true)).toString('utf8') });
    }
    for (const r of records) if (r.uri) expect(new URL(r.uri).href).toBe(r.uri); // still a URL, as written
    const page1 = records.find((r) => r.type === 'response' && r.uri?.includes('/post/1'))!;
    expect(page1.uri).toBe(`https://m.example.cn/post/1?access_token=${m(TOKEN)}&sign=${m('Sg12')}`);
    expect(page1.payload).toBe(`<img src="/i.png?access_token=${m(TOKEN)}&amp;sign=${m('Sg12')}"><script>var t = '${marker('INLINETOKEN01')}';</script>`);
    expect(records.find((r) => r.type === 'response' && r.uri?.endsWith('/start'))!.headers.location).toBe(`/post/1?access_token=${m(TOKEN)}&sign=${m('Sg12')}`);
    const api = records.find((r) => r.type === 'request' && r.uri?.includes('/api'))!;
    expect(api.uri).toBe(`https://m.example.cn/api?token=${m('INLINETOKEN01')}`);
    expect(api.line).toBe(`POST /api?token=${m('INLINETOKEN01')} HTTP/1.1`);
    expect(api.headers.referer).toBe(`https://m.example.cn/post/1?access_token=${m(TOKEN)}&sign=${m('Sg12')}`);
    expect(api.payload).toBe(`st=${m('CSRF0000001')}&text=hello`);
    expect(records.find((r) => r.type === 'metadata')!.uri).toBe(`https://m.example.cn/gone?ticket=${m('TICKET0002')}`);
  });
});
