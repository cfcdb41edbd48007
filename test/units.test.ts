/** Pieces of the witness tested on their own, on real samples from ../shared/fixtures where they exist. */
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseTargetUrl } from '../src/capture/url.js';
import { extractPageFacts } from '../src/capture/facts/page-facts.js';
import { digestFile } from '../src/seal/digests.js';
import { WarcWriter } from '../src/capture/recorders/warc-writer.js';
import { responseHeaders } from '../src/capture/recorders/network.js';
import { hostResolverRules } from '../src/capture/facts/tls-diagnostic.js';
import { findBrowser } from '../src/capture/browser/discover.js';
import { extraFlagsFromEnv } from '../src/capture/browser/launch.js';
import { clockOffset } from '../src/capture/environment/ntp.js';
import { hostsFileLines } from '../src/capture/environment/hosts-file.js';
import { dualTime } from '../src/capture/time.js';
import { uuidv7 } from '../src/capture/ids.js';
import { GuzhengError } from '../src/errors.js';
import { startNtpServer } from './fixture-site/ntp-server.js';
import { readWarc } from './warc.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'shared', 'fixtures');
const tmp = () => mkdtempSync(join(tmpdir(), 'guzheng-unit-'));

describe('target URLs', () => {
  it('accepts http and https, refuses everything else with a bilingual error', () => {
    expect(parseTargetUrl(' https://weibo.com/123 ').href).toBe('https://weibo.com/123');
    for (const [input, code] of [['weibo.com/123', 'E_URL_INVALID'], ['file:///etc/hosts', 'E_URL_SCHEME'], ['javascript:alert(1)', 'E_URL_SCHEME'],
      ['data:,x', 'E_URL_SCHEME'], ['chrome://version', 'E_URL_SCHEME'], ['ftp://x.org/', 'E_URL_SCHEME']]) {
      try {
        parseTargetUrl(input!);
        expect.fail(`${input} accepted`);
      } catch (e) {
        expect(e).toBeInstanceOf(GuzhengError);
        expect((e as GuzhengError).code).toBe(code);
        expect((e as GuzhengError).zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

describe('page facts from real saved pages', () => {
  it('a 2025 WeChat article: title, site and author from OpenGraph when <title> is empty', async () => {
    const html = readFileSync(join(FIXTURES, 'wechat', 'wae_2025_normal-article_04_bo-yuan-ba.html'), 'utf8');
    const f = await extractPageFacts(html, 'https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw');
    expect(f.title).toBe('好险，就差1.5点，两手准备');
    expect(f.site).toEqual({ value: '微信公众平台', source: 'OpenGraph og:site_name' });
    expect(f.author).toEqual({ value: '元霸', source: 'OpenGraph og:article:author' });
  });

  it('a WeChat article deleted by its author: the notice is in the text', async () => {
    const html = readFileSync(join(FIXTURES, 'wechat', 'wae_deleted-by-author_01.html'), 'utf8');
    const f = await extractPageFacts(html, 'https://mp.weixin.qq.com/s/x');
    expect(f.mainText).toContain('该内容已被发布者删除');
    expect(f.author).toBeNull(); // nothing is guessed
  });

  it('a 2018 WeChat article: the <title> text', async () => {
    const html = readFileSync(join(FIXTURES, 'wechat', 'wechatsogou_article_detail_backgroud-image.html'), 'utf8');
    expect((await extractPageFacts(html, 'https://mp.weixin.qq.com/s/y')).title).toBe('4月6日周五【新闻速览一分钟】');
  });

  it('invalid JSON-LD is kept and marked, not fatal', async () => {
    const f = await extractPageFacts('<html><head><script type="application/ld+json">{oops</script></head><body>x</body></html>', 'https://a.test/');
    expect(f.jsonLd[0]).toMatchObject({ '@guzheng-error': 'invalid JSON-LD' });
  });
});

describe('digests', () => {
  it('SHA-256 and SM3 (GB/T 32905-2016 test vector "abc")', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'abc'), 'abc');
    expect(await digestFile(join(dir, 'abc'))).toEqual({ size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      sm3: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' });
  });
});

describe('WARC writer', () => {
  it('writes WARC/1.1 records that warcio reads back, with correct payload digests and our extra headers', async () => {
    const path = join(tmp(), 'a.warc.gz');
    const w = new WarcWriter(path);
    await w.warcinfo('a.warc.gz', { software: 'guzheng test' });
    const body = Buffer.from('<html>你好</html>');
    await w.exchange({ url: 'https://example.test/a?b=1', date: '2026-11-21T10:00:00.123Z', ipAddress: '192.0.2.1', truncated: 'length',
      request: { startLine: 'GET /a?b=1 HTTP/1.1', headers: [['Host', 'example.test']], body: new Uint8Array(0) },
      response: { startLine: 'HTTP/1.1 200 OK', headers: [['Content-Type', 'text/html'], ['Content-Length', String(body.length)]], body } });
    await w.close();
    const text = (await import('node:zlib')).gunzipSync(readFileSync(path)).toString('latin1');
    expect(text.startsWith('WARC/1.1\r\n')).toBe(true);
    const records = await readWarc(path);
    expect(records.map((r) => r.type)).toEqual(['warcinfo', 'response', 'request']);
    const resp = records[1]!;
    expect(resp.payload.equals(body)).toBe(true);
    expect(resp.header('WARC-IP-Address')).toBe('192.0.2.1');
    expect(resp.header('WARC-Truncated')).toBe('length');
    expect(resp.header('WARC-Date')).toBe('2026-11-21T10:00:00.123Z');
    const b32 = resp.header('WARC-Payload-Digest')!.replace('sha256:', '');
    const hex = createHash('sha256').update(body).digest('hex');
    expect(base32ToHex(b32)).toBe(hex);
    expect(records[2]!.header('WARC-Concurrent-To')).toBe(resp.header('WARC-Record-ID'));
  });

  it('reads the real WARC fixture the same way (the parser used by the tests is sound)', async () => {
    const records = await readWarc(join(FIXTURES, 'warc', 'warcio.js_example.warc.gz'));
    expect(records[0]!.type).toBe('warcinfo');
    expect(records.some((r) => r.type === 'response' && r.url === 'http://example.com/')).toBe(true);
  });
});

function base32ToHex(s: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return (bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2).toString(16).padStart(2, '0')).join('');
}

describe('network record headers', () => {
  it('keeps the original encoding headers under X-Guzheng-Orig-* when the browser decoded the body', () => {
    expect(responseHeaders([{ name: 'content-type', value: 'text/html' }, { name: 'content-encoding', value: 'br' }, { name: 'content-length', value: '100' }, { name: ':status', value: '200' }], 250))
      .toEqual([['content-type', 'text/html'], ['X-Guzheng-Orig-content-encoding', 'br'], ['X-Guzheng-Orig-content-length', '100'], ['Content-Length', '250']]);
    expect(responseHeaders([{ name: 'Content-Length', value: '5' }], 5)).toEqual([['Content-Length', '5']]);
  });
});

describe('browser discovery and flags', () => {
  it('GUZHENG_BROWSER pointing at a Debian-style launcher script starts the binary it wraps', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'chromium'), '#!/bin/sh\n');
    chmodSync(join(dir, 'lib', 'chromium'), 0o755);
    writeFileSync(join(dir, 'chromium'), `#!/bin/sh\nAPPNAME=chromium\nLIBDIR=${join(dir, 'lib')}\nexec $LIBDIR/$APPNAME "$@"\n`);
    chmodSync(join(dir, 'chromium'), 0o755);
    expect(findBrowser({ GUZHENG_BROWSER: join(dir, 'chromium') })).toEqual({ executable: join(dir, 'lib', 'chromium'), launcher: join(dir, 'chromium'), source: 'GUZHENG_BROWSER' });
  });

  it('no browser anywhere: E_BROWSER_NOT_FOUND says how to get one', () => {
    try {
      findBrowser({ PROGRAMFILES: '/nonexistent' }, 'win32');
      expect.fail('found a browser');
    } catch (e) {
      expect((e as GuzhengError).code).toBe('E_BROWSER_NOT_FOUND');
      expect((e as GuzhengError).en).toMatch(/apt-get install chromium/);
      expect((e as GuzhengError).zh).toMatch(/GUZHENG_BROWSER/);
    }
  });

  it('GUZHENG_BROWSER_ARGS keeps quoted values whole; host-resolver rules are understood', () => {
    const flags = extraFlagsFromEnv({ GUZHENG_BROWSER_ARGS: '"--host-resolver-rules=MAP a.test 127.0.0.1:8443, MAP * ~NOTFOUND" --lang=zh-CN' });
    expect(flags).toEqual(['--host-resolver-rules=MAP a.test 127.0.0.1:8443, MAP * ~NOTFOUND', '--lang=zh-CN']);
    expect([...hostResolverRules(flags)]).toEqual([['a.test', '127.0.0.1:8443']]);
  });
});

describe('environment checks', () => {
  it('measures the clock offset against an NTP server and keeps the raw reply', async () => {
    const ntp = await startNtpServer(-2500);
    try {
      const r = await clockOffset([ntp.address], 2000);
      expect(r.measured).toBe(true);
      expect(Math.abs(r.value!.offsetMs + 2500)).toBeLessThan(100);
    } finally {
      ntp.close();
    }
  });

  it('says "not measured" with the reason when no server answers — never a made-up value', async () => {
    const r = await clockOffset(['127.0.0.1:9'], 300);
    expect(r.measured).toBe(false);
    expect(r.notMeasured).toMatch(/^not measured: /);
    expect(r.value).toBeUndefined();
  });

  it('finds hosts-file lines that touch the visited hosts', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n# 1.2.3.4 weibo.com\n10.0.0.9 m.weibo.cn evil.test\n');
    const r = await hostsFileLines(['m.weibo.cn', 'weibo.com'], join(dir, 'hosts'));
    expect(r.value!.matchingLines).toEqual(['10.0.0.9 m.weibo.cn evil.test']);
  });
});

describe('times and ids', () => {
  it('shows UTC instants in Asia/Shanghai (+08:00)', () => {
    expect(dualTime(new Date('2026-01-31T17:30:00.000Z'))).toEqual({ utc: '2026-01-31T17:30:00.000Z', shanghai: '2026-02-01T01:30:00.000+08:00' });
  });

  it('capture ids are UUIDv7 and sort by time', () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});
