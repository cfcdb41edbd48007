/**
 * guzheng capture against the fixture site, with the real Chromium, ffmpeg and openssl: the pages that should be
 * captured in full, in one batch (one browser process), and what is in every file they produced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startFixtureSite, fixtureBrowserArgs, type FixtureSite } from './fixture-site/server.js';
import { startNtpServer } from './fixture-site/ntp-server.js';
import { startDnsServer } from './fixture-site/dns-server.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { verifySignedData } from '../src/seal/signature.js';
import { fileHashes, pngSize, queryDb, readJson, runGuzheng, tempHome, type RunResult } from './helpers.js';
import { readWarc } from './warc.js';

let site: FixtureSite;
let ntp: { address: string; close(): void };
let dns: { address: string; close(): void };
let tsas: TestTsa[];
let batch: RunResult;
let home: string;
const byPath = new Map<string, any>();

beforeAll(async () => {
  site = await startFixtureSite();
  ntp = await startNtpServer(1500);
  dns = await startDnsServer();
  tsas = await Promise.all([startTestTsa('Test TSA One'), startTestTsa('Test TSA Two')]);
  home = tempHome();
  const urls = [`${site.http}/demo`, `${site.http}/article`, `${site.http}/infinite`, `${site.http}/video`, `${site.http}/redirect/1`,
    `${site.http}/deleted`, `${site.http}/doc.pdf`, `${site.http}/media.png`, `${site.http}/media/clip.mp4`, `${site.http}/ranged/clip.mp4`, `${site.http}/large-media`, `${site.https}/article`];
  batch = await runGuzheng(['capture', ...urls, '--json'], {
    GUZHENG_HOME: home, GUZHENG_BROWSER_ARGS: fixtureBrowserArgs(site), GUZHENG_NTP: ntp.address,
    GUZHENG_PUBLIC_IP_URL: `${site.http}/ip`, GUZHENG_DNS: dns.address,
    GUZHENG_TSA: tsas.map((t) => t.url).join(','), GUZHENG_TSA_CA: tsas.map((t) => t.caPath).join(','),
  });
  for (const [i, u] of urls.entries()) byPath.set(new URL(u).pathname + (i === urls.length - 1 ? '#https' : ''), batch.json[i]);
});

afterAll(async () => {
  await site?.close();
  ntp?.close();
  dns?.close();
  await Promise.all((tsas ?? []).map((t) => t.close()));
});

const files = (r: any) => Object.fromEntries(r.files.map((f: any) => [f.role, f]));

describe('a batch of pages captured in one browser process', () => {
  it('prints one JSON object per URL in order, in the documented shape, and exits 0', () => {
    expect(batch.stderr).not.toMatch(/at .*\.js:\d+/); // no stack traces
    // When one is not COMPLETE, say which and why.
    expect(batch.code, JSON.stringify(batch.json.filter((r) => r.status !== 'COMPLETE').map((r) => ({ url: r.url, status: r.status, reasons: r.reasons, error: r.error })))).toBe(0);
    expect(batch.json).toHaveLength(12);
    for (const r of batch.json) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['status', 'url', 'finalUrl', 'dir', 'startedAt', 'endedAt', 'files', 'reasons']));
      expect(r.status).toBe('COMPLETE');
      expect(r.reasons).toEqual([]);
      expect(r.dir.startsWith(join(home, 'captures'))).toBe(true);
    }
  });

  it('commits every capture to the vault (items, working copies) and leaves no temporary folder', () => {
    expect(existsSync(join(home, 'guzheng.db'))).toBe(true);
    expect(readdirSync(join(home, 'tmp'))).toEqual([]);
    const parsed = queryDb(home, 'select status, dir from items');
    expect(parsed).toHaveLength(12);
    expect(parsed.every((r: any) => r.status === 'COMPLETE' && existsSync(r.dir))).toBe(true);
  });

  it('lists every file in the manifest with the right size, SHA-256 and SM3, and nothing else is in the folder', () => {
    for (const r of batch.json) {
      const manifest = readJson(join(r.dir, 'manifest.json'));
      expect(manifest.status).toBe(r.status);
      // Everything but the manifest itself and the seal (which is about the manifest) is listed.
      const onDisk = execFileSync('find', ['.', '-type', 'f'], { cwd: r.dir }).toString().trim().split('\n').map((p) => p.slice(2))
        .filter((p) => p !== 'manifest.json' && !p.startsWith('seal/')).sort();
      expect(manifest.files.map((f: any) => f.path).sort()).toEqual(onDisk);
      for (const f of manifest.files) expect(fileHashes(join(r.dir, f.path))).toEqual({ sha256: f.sha256, sm3: f.sm3, size: f.size });
    }
  });
});

describe('the seal, made before the capture is moved into place', () => {
  it('every capture is signed and timestamped by both TSAs at once', () => {
    for (const r of batch.json) expect(r.seal).toBe('timestamped');
    const seal = readJson(join(byPath.get('/demo').dir, 'seal', 'seal.json'));
    expect(seal.timestamps.map((t: any) => t.url).sort()).toEqual(tsas.map((t) => t.url).sort());
    expect(Math.abs(Date.parse(seal.timestamps[0].genTime) - Date.parse(seal.timestamps[1].genTime))).toBeLessThan(5000);
  });

  it('the signature is over the manifest as written, with the installation key', () => {
    const dir = byPath.get('/demo').dir;
    const sig = readJson(join(dir, 'seal', 'signature.json'));
    expect(sig.hash).toBe(`sha256:${fileHashes(join(dir, 'manifest.json')).sha256}`);
    expect(verifySignedData(sig.signedData)).toBe(true);
    expect(existsSync(join(home, 'keys', 'installation-key.pem'))).toBe(true);
  });

  it('openssl ts -verify accepts each token over the signature, and so does guzheng verify --timestamp', async () => {
    const dir = byPath.get('/demo').dir;
    const sig = readJson(join(dir, 'seal', 'signature.json'));
    const stamped = join(home, 'stamped-signature.txt');
    writeFileSync(stamped, sig.signedData.signature, 'ascii');
    const seal = readJson(join(dir, 'seal', 'seal.json'));
    for (const t of seal.timestamps) {
      const ca = tsas.find((x) => x.url === t.url)!.caPath;
      expect(execFileSync('openssl', ['ts', '-verify', '-data', stamped, '-in', join(dir, t.file), '-CAfile', ca]).toString()).toMatch(/Verification: OK/);
      const v = await runGuzheng(['verify', '--timestamp', join(dir, t.file), '--data', stamped, '--ca', ca, '--json']);
      expect(v.json[0].valid).toBe(true);
    }
  });
});

describe('the demo post', () => {
  it('has every artifact the protocol names', () => {
    const r = byPath.get('/demo');
    expect(Object.keys(files(r)).sort()).toEqual(['dom', 'environment', 'log', 'mhtml', 'network', 'page', 'pdf', 'post', 'screenshot.full', 'screenshot.full.framed', 'screenshot.viewport', 'screenshot.viewport.framed', 'text', 'video', 'warc'].sort());
  });

  it('records a WARC 1.1 with warcinfo first and a request and a response for every exchange, with IP and digests', async () => {
    const r = byPath.get('/demo');
    const records = await readWarc(join(r.dir, 'archive.warc.gz'));
    expect(records[0]!.type).toBe('warcinfo');
    expect(records[0]!.payload.toString()).toMatch(/software: guzheng/);
    expect(records[0]!.payload.toString()).toMatch(/browser: Chromium/);
    for (const path of ['/demo', '/media/photo.png', '/media/clip.mp4']) {
      const url = `${site.http}${path}`;
      const resp = records.find((x) => x.type === 'response' && x.url === url);
      const req = records.find((x) => x.type === 'request' && x.url === url);
      expect(resp, url).toBeDefined();
      expect(req, url).toBeDefined();
      expect(resp!.header('WARC-IP-Address')).toBe('127.0.0.1');
      expect(resp!.header('WARC-Payload-Digest')).toMatch(/^sha256:[A-Z2-7]+=*$/);
      expect(resp!.header('WARC-Block-Digest')).toMatch(/^sha256:/);
    }
    const page = records.find((x) => x.type === 'response' && x.url === `${site.http}/demo`)!;
    expect(page.payload.toString('utf8')).toContain('示例用户甲');
    const photo = records.find((x) => x.type === 'response' && x.url === `${site.http}/media/photo.png`)!;
    expect(photo.payload.equals(readFileSync(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'photo.png')))).toBe(true);
    expect(readFileSync(join(r.dir, 'archive.warc.gz')).subarray(0, 2).toString('hex')).toBe('1f8b');
  });

  it('takes a full-page screenshot as tall as the page, and a viewport screenshot', () => {
    const r = byPath.get('/demo');
    const page = readJson(join(r.dir, 'page.json'));
    const full = pngSize(join(r.dir, 'screenshot-full.png'));
    expect(full.height).toBe(page.layout.pageHeight);
    expect(full.height).toBeGreaterThan(1000);
    expect(pngSize(join(r.dir, 'screenshot-viewport.png'))).toEqual({ width: 1280, height: 800 });
  });

  it('records a video whose duration matches the visit (browser frame timestamps, not a fixed rate)', () => {
    const r = byPath.get('/demo');
    const log = readFileSync(join(r.dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const started = Date.parse(log.find((e) => e.name === 'start-recorders').endedAt);
    const closed = Date.parse(log.find((e) => e.name === 'close-profile').startedAt);
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name,width,height', '-of', 'json', join(r.dir, 'video.mp4')]).toString());
    expect(probe.streams[0].codec_name).toBe('h264');
    expect(Number(probe.format.duration)).toBeGreaterThan(0.5);
    expect(Math.abs(Number(probe.format.duration) - (closed - started) / 1000)).toBeLessThan(0.6);
  });

  it('extracts the page facts the post states, from the recorded DOM', () => {
    const page = readJson(join(byPath.get('/demo').dir, 'page.json'));
    expect(page.requestedUrl).toBe(`${site.http}/demo`);
    expect(page.httpStatus).toBe(200);
    expect(page.title).toBe('示例用户甲的微博 - 固证演示页面');
    expect(page.language).toBe('zh-CN');
    expect(page.author).toEqual({ value: '示例用户甲', source: 'JSON-LD SocialMediaPosting.author' });
    expect(page.site.value).toBe('固证演示微博（虚构）');
    expect(page.publishedTime.value).toBe('2026-03-02T21:14:00+08:00');
    expect(page.capture.startedAt.shanghai).toMatch(/\+08:00$/);
    expect(Date.parse(page.capture.startedAt.shanghai)).toBe(Date.parse(page.capture.startedAt.utc));
  });

  it('writes MHTML, the DOM, a PDF print and the text', () => {
    const dir = byPath.get('/demo').dir;
    expect(readFileSync(join(dir, 'page.mhtml'), 'utf8')).toMatch(/^From: <Saved by Blink>/);
    expect(readFileSync(join(dir, 'dom.html'), 'utf8')).toContain('data-uid="7000000001"');
    expect(execFileSync('pdftotext', [join(dir, 'page.pdf'), '-']).toString()).toContain('示例用户甲');
    expect(readFileSync(join(dir, 'text.txt'), 'utf8')).toContain('IP属地');
  });

  it('attests the environment: code and browser hashes, flags, a fresh profile, proxy, hosts, clock, public IP', () => {
    const env = readJson(join(byPath.get('/demo').dir, 'environment.json'));
    expect(env.tool.codeBundleSha256).toBe(fileHashes(join(import.meta.dirname, '..', 'dist', 'guzheng.mjs')).sha256);
    expect(env.browser.executableSha256).toBe(fileHashes(env.browser.executable).sha256);
    expect(env.browser.launchFlags).toContain('--disable-extensions');
    expect(env.browser.commandLine.measured).toBe(true);
    expect(env.browser.commandLine.value.join(' ')).toContain('--host-resolver-rules=');
    expect(env.profile.value).toMatchObject({ cookies: 0, origins: 0, extensionTargets: [] });
    expect(env.checks.proxy.measured).toBe(true);
    expect(env.checks.hostsFile.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The local NTP server runs 1.5 s ahead of this machine.
    expect(env.checks.clock.measured).toBe(true);
    expect(Math.abs(env.checks.clock.value.offsetMs - 1500)).toBeLessThan(200);
    expect(env.checks.clock.raw[0].replyHex).toMatch(/^[0-9a-f]{96}$/);
    expect(env.checks.publicIp.value).toEqual({ ip: '203.0.113.7', source: `${site.http}/ip` });
  });
});

describe('other pages', () => {
  it('article: author, site and publish time from JSON-LD; main text from Readability', () => {
    const r = byPath.get('/article');
    const page = readJson(join(r.dir, 'page.json'));
    expect(page.author).toEqual({ value: '李记者', source: 'JSON-LD NewsArticle.author' });
    expect(page.publishedTime.value).toBe('2026-05-01T08:30:00+08:00');
    expect(page.mainTextSource).toBe('readability');
    const text = readFileSync(join(r.dir, 'text.txt'), 'utf8');
    expect(text).toContain('第8段');
    expect(text).not.toContain('侧栏广告');
  });

  it('infinite scroll: scrolls through the lazily loaded batches within bounds', async () => {
    const r = byPath.get('/infinite');
    const page = readJson(join(r.dir, 'page.json'));
    expect(page.layout.scrolls).toBeGreaterThan(3);
    expect(readFileSync(join(r.dir, 'dom.html'), 'utf8')).toContain('第 5 批 第 5 条');
    const records = await readWarc(join(r.dir, 'archive.warc.gz'));
    const api = records.filter((x) => x.type === 'response' && x.url?.includes('/api/items?page='));
    expect(api.map((x) => new URL(x.url!).searchParams.get('page')).sort()).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(pngSize(join(r.dir, 'screenshot-full.png')).height).toBe(page.layout.pageHeight);
    expect(page.layout.pageHeight).toBeGreaterThanOrEqual(30 * 400);
  });

  it('a 24 MB response (larger than the browser\'s default inspector cache) is kept whole in the WARC', async () => {
    const r = byPath.get('/large-media');
    const records = await readWarc(join(r.dir, 'archive.warc.gz'));
    const big = records.find((x) => x.type === 'response' && x.url === `${site.http}/large.bin`)!;
    expect(big.header('WARC-Truncated')).toBeNull();
    expect(big.payload.length).toBe(24 * 1024 * 1024);
    expect(big.payload.subarray(0, 7).toString()).toBe('guzheng');
  });

  it('video page: the video file is in the WARC', async () => {
    const records = await readWarc(join(byPath.get('/video').dir, 'archive.warc.gz'));
    expect(records.some((x) => x.type === 'response' && x.url === `${site.http}/media/clip.mp4`)).toBe(true);
  });

  it('redirect chain: every hop is recorded in page.json and the WARC', async () => {
    const r = byPath.get('/redirect/1');
    expect(r.finalUrl).toBe(`${site.http}/article`);
    const page = readJson(join(r.dir, 'page.json'));
    expect(page.redirectChain).toEqual([
      { url: `${site.http}/redirect/1`, status: 302, location: '/redirect/2' },
      { url: `${site.http}/redirect/2`, status: 301, location: '/redirect/3' },
      { url: `${site.http}/redirect/3`, status: 302, location: '/article' },
      { url: `${site.http}/article`, status: 200, location: null },
    ]);
    const records = await readWarc(join(r.dir, 'archive.warc.gz'));
    expect(records.filter((x) => x.type === 'response').map((x) => x.httpStatus)).toEqual(expect.arrayContaining([302, 301, 302, 200]));
  });

  it('404 "该内容已被删除": captured in full and flagged, because the deletion page is evidence', () => {
    const r = byPath.get('/deleted');
    expect(r.status).toBe('COMPLETE');
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'W_HTTP_STATUS', detail: '404' })]);
    expect(readJson(join(r.dir, 'page.json')).httpStatus).toBe(404);
    expect(readFileSync(join(r.dir, 'text.txt'), 'utf8')).toContain('该内容已被删除');
  });

  it('PDF target: saved as received, plus a screenshot of the browser rendering it', () => {
    const r = byPath.get('/doc.pdf');
    const f = files(r);
    expect(f.target.mediaType).toBe('application/pdf');
    expect(readFileSync(join(r.dir, f.target.path)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(f['screenshot.viewport']).toBeDefined();
    expect(execFileSync('pdftotext', [join(r.dir, f.target.path), '-']).toString()).toContain('guzheng test PDF');
  });

  it('image target: saved as received, plus the browser\'s rendering', () => {
    const r = byPath.get('/media.png');
    const f = files(r);
    expect(f.target.mediaType).toBe('image/png');
    expect(readFileSync(join(r.dir, f.target.path)).equals(readFileSync(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'photo.png')))).toBe(true);
    expect(pngSize(join(r.dir, 'screenshot-viewport.png'))).toEqual({ width: 1280, height: 800 });
  });

  for (const path of ['/media/clip.mp4', '/ranged/clip.mp4']) {
    it(`video target ${path}: the file as received (put together from the browser's byte ranges when it used them)`, async () => {
      const r = byPath.get(path);
      const f = files(r);
      expect(r.status).toBe('COMPLETE');
      expect(f.target.mediaType).toBe('video/mp4');
      expect(readFileSync(join(r.dir, f.target.path)).equals(readFileSync(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'clip.mp4')))).toBe(true);
      expect(f['screenshot.viewport']).toBeDefined();
      const statuses = (await readWarc(join(r.dir, 'archive.warc.gz'))).filter((x) => x.type === 'response' && x.url === `${site.http}${path}`).map((x) => x.httpStatus);
      expect(statuses).toContain(path.startsWith('/ranged') ? 206 : 200);
    });
  }

  it('PDF target: the WARC holds the PDF bytes as received, not the browser viewer\'s wrapper', async () => {
    const r = byPath.get('/doc.pdf');
    const records = await readWarc(join(r.dir, 'archive.warc.gz'));
    const resp = records.find((x) => x.type === 'response' && x.url === `${site.http}/doc.pdf`)!;
    expect(resp.payload.equals(readFileSync(join(r.dir, files(r).target.path)))).toBe(true);
  });

  it('HTTPS: TLS facts and the certificate chain from the live connection match what the server presented', () => {
    const r = byPath.get('/article#https');
    const net = readJson(join(r.dir, 'network.json'));
    const origin = net.origins.find((o: any) => o.origin === site.https);
    expect(origin.ipAddress).toBe('127.0.0.1');
    expect(origin.port).toBe(site.httpsPort);
    expect(origin.tls.protocol).toMatch(/TLS 1\.[23]/);
    expect(origin.tls.cipher).toBeTruthy();
    expect(origin.certificateChainSource).toMatch(/Network\.getCertificate/);
    expect(origin.certificateChain[0].sha256Fingerprint).toBe(site.trusted.fingerprint);
    expect(readFileSync(join(r.dir, origin.certificateChain[0].file), 'utf8').replace(/\s/g, '')).toBe(site.trusted.cert.replace(/\s/g, ''));
    expect(net.browserDnsOverride.flags[0]).toContain('--host-resolver-rules');
    expect(net.dns.find((d: any) => d.host === 'site.guzheng.test')).toMatchObject({ server: dns.address, a: ['127.0.0.1'], aaaa: { error: 'ENODATA' } });
  });
});
