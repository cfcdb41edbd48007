/**
 * The redaction scan: a logged-in capture of a page whose URLs carry its login (?access_token=…&sign=… in the page
 * URL reached by a redirect, in its picture, script and API calls, in a second redirect, in a link, in its own text),
 * then every byte of every file of the capture — the WARC decompressed, the MHTML decoded — and of the exported
 * package is searched for every secret: none may remain. The WARC stays a WARC a replay tool can index: every
 * target URI is a URL, and the package's CDXJ index and pages.jsonl name the page by the same redacted URL.
 * One login and one capture (one browser each) for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { readJson, runGuzheng, tempHome, type RunResult } from './helpers.js';
import { readMembers } from './package-tools.js';
import { startTokenSite, URL_SECRETS, type TokenSite } from './fixture-site/token-site.js';
import { decodeQuotedPrintable } from '../src/capture/recorders/mhtml-scrub.js';

let site: TokenSite;
let cap: RunResult;
let dir = '';
let pkg = '';
const home = tempHome();
const env = { GUZHENG_HOME: home, GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '', GUZHENG_TSA: 'off' };
const hash = (v: string) => createHash('sha256').update(v).digest('hex');
/** The marker inside a URL: percent-encoded "[redacted sha256:<hex>]". */
const urlMark = (v: string) => `%5Bredacted%20sha256%3A${hash(v)}%5D`;
const redactedPage = () => `${site.url}/post/1?access_token=${urlMark(URL_SECRETS.accessToken)}&sign=${urlMark(URL_SECRETS.sign)}&uid=7000000001`;

beforeAll(async () => {
  site = await startTokenSite();
  const login = await runGuzheng(['login', 'weibo', '--url', `${site.url}/login`, '--headless', '--close-after-load', '--account', '测试账号'], env);
  if (login.code !== 0) throw new Error(login.stderr);
  cap = await runGuzheng(['capture', `${site.url}/start`, '--login', 'weibo', '--json', '--no-video'], env);
  dir = cap.json[0]?.dir;
  pkg = join(tempHome('guzheng-redaction-pkg-'), 'item.wacz');
  const ex = await runGuzheng(['export', cap.json[0]?.item, '--out', pkg, '--json'], env);
  if (ex.code !== 0) throw new Error(ex.stderr);
}, 240_000);
afterAll(async () => {
  await site?.close();
});

/** Every secret searched for in every haystack; the list of what was found where (empty when clean). */
function leaks(haystacks: [string, Buffer][]): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(URL_SECRETS)) {
    for (const [where, bytes] of haystacks) if (bytes.includes(secret)) found.push(`${name} in ${where}`);
  }
  return found;
}

describe('a logged-in capture of a page with its login in its URLs', () => {
  it('saw the logged-in page (reached by the redirect with the token)', () => {
    expect(cap.code).toBe(0);
    expect(cap.json[0].status).toBe('COMPLETE');
    const post = readJson(join(dir, 'post.json'));
    expect(post.title.value).toBe('一条只有登录才能看的帖子');
    expect(post.loggedIn).toMatchObject({ platform: 'weibo', account: '测试账号' });
  });

  it('no secret is left in any byte of any file of the capture: the WARC decompressed, the MHTML decoded', () => {
    const files = execFileSync('find', [dir, '-type', 'f']).toString().trim().split('\n').sort();
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(expect.arrayContaining(['archive.warc.gz', 'dom.html', 'page.mhtml', 'text.txt', 'post.json', 'page.json', 'network.json', 'log.jsonl', 'manifest.json']));
    const haystacks: [string, Buffer][] = files.map((f) => [f.slice(dir.length + 1), readFileSync(f)]);
    haystacks.push(['archive.warc.gz (decompressed)', gunzipSync(readFileSync(join(dir, 'archive.warc.gz')))]);
    haystacks.push(['page.mhtml (quoted-printable decoded)', decodeQuotedPrintable(readFileSync(join(dir, 'page.mhtml'), 'latin1'))]);
    expect(leaks(haystacks)).toEqual([]);
    // The capture's own record of the redaction.
    const step = readFileSync(join(dir, 'log.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.name === 'redact-secrets');
    expect(step).toMatchObject({ outcome: 'ok', detail: expect.stringMatching(/occurrence\(s\) replaced in archive\.warc\.gz/) });
  });

  it('names and the marker stay: the page URL, its text and facts show which parameters were sent, and the hash of each value', () => {
    const text = readFileSync(join(dir, 'text.txt'), 'utf8');
    expect(text).toContain(`本页地址：${redactedPage()}`);
    const post = readJson(join(dir, 'post.json'));
    expect(post.canonicalUrl.value).toBe(`${site.url}/post/1?access_token=${urlMark(URL_SECRETS.accessToken)}&sign=${urlMark(URL_SECRETS.sign)}`);
    const dom = readFileSync(join(dir, 'dom.html'), 'utf8');
    expect(dom).toContain(`sid=${urlMark(URL_SECRETS.sid)}&amp;page=2`);
    // Known only as a value in the page's script (sent as ?token=): replaced by the plain marker there.
    expect(dom).toContain(`var apiToken = '[redacted sha256:${hash(URL_SECRETS.apiToken)}]'`);
  });

  it('the WARC stays indexable: every target URI is a URL; the redirect, request lines, Referer and Location carry the marker', async () => {
    const records: { type: string; uri: string; line: string; headers: Map<string, string> }[] = [];
    for await (const r of new WARCParser(createReadStream(join(dir, 'archive.warc.gz')))) {
      await r.readFully(false);
      const headers = new Map<string, string>();
      if (r.httpHeaders) for (const [k, v] of r.httpHeaders.headers as unknown as Iterable<[string, string]>) headers.set(k.toLowerCase(), v);
      records.push({ type: r.warcType ?? '', uri: r.warcTargetURI ?? '', line: r.httpHeaders?.statusline ?? '', headers });
    }
    for (const r of records.filter((x) => x.uri)) expect(new URL(r.uri).href).toBe(r.uri);
    const start = records.find((r) => r.type === 'response' && r.uri === `${site.url}/start`)!;
    expect(start.headers.get('location')).toBe(`/post/1?access_token=${urlMark(URL_SECRETS.accessToken)}&sign=${urlMark(URL_SECRETS.sign)}&uid=7000000001`);
    expect(records.find((r) => r.type === 'response' && r.uri === redactedPage())).toBeDefined();
    const pageRequest = records.find((r) => r.type === 'request' && r.uri === redactedPage())!;
    expect(pageRequest.line).toBe(`GET /post/1?access_token=${urlMark(URL_SECRETS.accessToken)}&sign=${urlMark(URL_SECRETS.sign)}&uid=7000000001 HTTP/1.1`);
    expect(pageRequest.headers.get('cookie')).toBe(`SESS=[redacted sha256:${hash(URL_SECRETS.cookie)}]`);
    const script = records.find((r) => r.type === 'request' && r.uri.includes('/app.js'))!;
    expect(script.uri).toBe(`${site.url}/app.js?ticket=${urlMark(URL_SECRETS.ticket)}`);
    expect(script.headers.get('referer')).toBe(redactedPage());
    expect(records.find((r) => r.type === 'response' && r.uri.includes('/img/redirect.png'))!.headers.get('location'))
      .toBe(`/img/photo.png?access_token=${urlMark(URL_SECRETS.accessToken)}&sign=${urlMark(URL_SECRETS.sign)}`);
    expect(records.find((r) => r.type === 'response' && r.uri.includes('/api/more'))!.uri).toBe(`${site.url}/api/more?token=${urlMark(URL_SECRETS.apiToken)}`);
    const manifest = readJson(join(dir, 'manifest.json'));
    expect(manifest.finalUrl).toBe(redactedPage());
  });

  it('the exported package holds no secret either, and its CDXJ index and pages.jsonl find the page by its redacted URL', async () => {
    const members = await readMembers(pkg);
    const haystacks: [string, Buffer][] = [...members].map(([name, bytes]) => [name, bytes]);
    for (const [name, bytes] of members) if (name.endsWith('.warc.gz')) haystacks.push([`${name} (decompressed)`, gunzipSync(bytes)]);
    expect(leaks(haystacks)).toEqual([]);
    const pages = members.get('pages/pages.jsonl')!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((p) => p.url);
    expect(pages.map((p) => p.url)).toEqual([redactedPage()]);
    const index = members.get('indexes/index.cdx')!.toString('utf8').trim().split('\n').map((l) => JSON.parse(l.slice(l.indexOf('{'))));
    expect(index.find((e) => e.url === redactedPage() && String(e.status) === '200')).toMatchObject({ mime: expect.stringContaining('text/html') });
    expect(index.find((e) => e.url === `${site.url}/start`)).toMatchObject({ status: '302' });
  });
});
