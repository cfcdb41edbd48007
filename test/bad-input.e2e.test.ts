/**
 * Bad input: every case gets an error code, a Chinese and an English message, a non-zero exit, and nothing
 * half-written that looks complete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startFixtureSite, fixtureBrowserArgs, type FixtureSite } from './fixture-site/server.js';
import { fileHashes, queryDb, readJson, runGuzheng, tempHome, type RunResult } from './helpers.js';
import { readWarc } from './warc.js';

let site: FixtureSite;
let env: Record<string, string>;
let out: string;
let batch: RunResult;
const result = (path: string) => batch.json.find((r) => r.url.endsWith(path));

beforeAll(async () => {
  site = await startFixtureSite();
  out = tempHome('guzheng-out-');
  env = { GUZHENG_HOME: tempHome(), GUZHENG_BROWSER_ARGS: fixtureBrowserArgs(site), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9', GUZHENG_TSA: 'off' };
  batch = await runGuzheng(['capture', '--out', out, '--json', '--no-video', '--timeout', '4', '--max-size', '5',
    'http://no-such-host.invalid/', `http://127.0.0.1:${site.refusedPort}/`, `${site.httpsRogue}/article`, `${site.http}/loop/a`,
    `${site.http}/slow`, `${site.http}/hang`, `${site.http}/big`, `${site.http}/error`], env);
});

afterAll(async () => {
  await site?.close();
});

describe('refused before a browser starts: exit 2, nothing written', () => {
  for (const [input, code] of [['not a url', 'E_URL_INVALID'], ['file:///etc/passwd', 'E_URL_SCHEME'], ['javascript:alert(1)', 'E_URL_SCHEME'],
    ['data:text/html,hi', 'E_URL_SCHEME'], ['chrome://settings', 'E_URL_SCHEME']] as const) {
    it(`${input} → ${code}`, async () => {
      const dir = tempHome('guzheng-out-');
      const r = await runGuzheng(['capture', input, '--out', dir, '--json'], env);
      expect(r.code).toBe(2);
      expect(r.json[0].error.code).toBe(code);
      expect(r.stderr).toContain(`[${code}]`);
      expect(r.stderr).toMatch(/[\u4e00-\u9fff]/); // Chinese
      expect(r.stderr).toMatch(/URL|scheme/); // English
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('an unknown option is a usage error with the help text', async () => {
    const r = await runGuzheng(['capture', '--frobnicate', 'http://127.0.0.1/'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_USAGE]');
    expect(r.stderr).toContain('--no-video');
  });

  it('no browser: a clear error that says how to get one', async () => {
    const r = await runGuzheng(['capture', `${site.http}/article`, '--out', tempHome('guzheng-out-')], { ...env, GUZHENG_BROWSER: '/nonexistent/chrome' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[E_BROWSER_NOT_FOUND]');
    expect(r.stderr).toContain('GUZHENG_BROWSER');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('captures that fail or stop short keep what they recorded, and say why', () => {
  it('the batch exits 1 (a capture FAILED) and prints one line per URL', () => {
    expect(batch.code).toBe(1);
    expect(batch.json).toHaveLength(8);
    expect(batch.stderr).not.toMatch(/\n\s+at /);
  });

  for (const [path, status, code] of [
    ['no-such-host.invalid/', 'FAILED', 'E_DNS'], [`:${0}/`, 'FAILED', 'E_CONNECTION_REFUSED'], ['/article', 'FAILED', 'E_TLS'],
    ['/loop/a', 'FAILED', 'E_REDIRECT_LOOP'], ['/hang', 'FAILED', 'E_TIMEOUT'],
  ] as const) {
    it(`${path} → ${status} ${code}`, () => {
      const r = path === ':0/' ? batch.json[1] : result(path);
      expect(r.status).toBe(status);
      expect(r.error.code).toBe(code);
      expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.error.en).toMatch(/[a-z]/);
      const manifest = readJson(join(r.dir, 'manifest.json'));
      expect(manifest.status).toBe('FAILED');
      expect(manifest.error.code).toBe(code);
      for (const f of manifest.files) expect(fileHashes(join(r.dir, f.path)).sha256).toBe(f.sha256);
      const log = readFileSync(join(r.dir, 'log.jsonl'), 'utf8');
      expect(log).toContain('"name":"load","startedAt"');
      expect(log).toContain('"outcome":"failed"');
      expect(existsSync(join(r.dir, 'environment.json'))).toBe(true);
      // What the browser showed instead (its error page) is kept too. Chromium sometimes refuses to screenshot its
      // own error and certificate-warning pages: then that refusal is logged as a failed step, never hidden.
      const shot = r.files.some((f: any) => f.role === 'screenshot.viewport');
      expect(shot || /"name":"screenshot-viewport"[^\n]*"outcome":"failed"/.test(log)).toBe(true);
    });
  }

  it('TLS error: the certificate the server presented is kept as evidence, labelled as a separate connection', () => {
    const r = result('/article');
    const net = readJson(join(r.dir, 'network.json'));
    expect(net.presentedCertificate.how).toMatch(/separate diagnostic/);
    expect(net.presentedCertificate.chain[0].sha256Fingerprint).toBe(site.untrusted.fingerprint);
    expect(r.files.some((f: any) => f.role === 'certificate.presented')).toBe(true);
    expect(r.error.zh).toContain('--insecure');
  });

  it('redirect loop: the redirects are recorded in the WARC', async () => {
    const records = await readWarc(join(result('/loop/a').dir, 'archive.warc.gz'));
    expect(records.filter((x) => x.type === 'response' && x.httpStatus === 302).length).toBeGreaterThan(5);
  });

  it('slow page: PARTIAL with a timeout reason, and what arrived is kept', () => {
    const r = result('/slow');
    expect(r.status).toBe('PARTIAL');
    expect(r.reasons.map((x: any) => x.code)).toContain('E_TIMEOUT');
    expect(readFileSync(join(r.dir, 'dom.html'), 'utf8')).toContain('正在加载');
    expect(r.files.some((f: any) => f.role === 'screenshot.full')).toBe(true);
  });

  it('oversized page: PARTIAL at the size cap, bodies marked WARC-Truncated, the page itself kept', async () => {
    const r = result('/big');
    expect(r.status).toBe('PARTIAL');
    expect(r.reasons.map((x: any) => x.code)).toContain('E_SIZE_CAP');
    const records = await readWarc(join(r.dir, 'archive.warc.gz'));
    const blobs = records.filter((x) => x.type === 'response' && x.url?.includes('/blob/'));
    expect(blobs.length).toBe(12);
    expect(blobs.some((x) => x.header('WARC-Truncated') === 'length')).toBe(true);
    expect(blobs.reduce((n, x) => n + x.payload.length, 0)).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(records.find((x) => x.type === 'response' && x.url === `${site.http}/big`)!.payload.toString()).toContain('超大页面');
  });

  it('HTTP 500: captured and flagged', () => {
    const r = result('/error');
    expect(r.status).toBe('COMPLETE');
    expect(r.warnings[0].detail).toBe('500');
  });

  it('--no-video: no video file', () => {
    for (const r of batch.json) expect(r.files.some((f: any) => f.role === 'video')).toBe(false);
  });

  it('--insecure proceeds past the untrusted certificate, says so, and keeps the chain of the live connection', async () => {
    const r = await runGuzheng(['capture', `${site.httpsRogue}/article`, '--insecure', '--no-video', '--json', '--out', tempHome('guzheng-out-')], env);
    expect(r.code).toBe(0);
    const [res] = r.json;
    expect(res.status).toBe('COMPLETE');
    expect(res.warnings.map((w: any) => w.code)).toContain('W_INSECURE');
    expect(readJson(join(res.dir, 'environment.json')).options.insecure).toBe(true);
    const origin = readJson(join(res.dir, 'network.json')).origins.find((o: any) => o.origin === site.httpsRogue);
    expect(origin.certificateChain[0].sha256Fingerprint).toBe(site.untrusted.fingerprint);
  });

  it('--out writes one folder per capture and no temporary folder is left', () => {
    const names = readdirSync(out);
    expect(names.filter((n) => n.startsWith('.partial-'))).toEqual([]);
    expect(names).toHaveLength(8);
    for (const n of names) expect(existsSync(join(out, n, 'manifest.json'))).toBe(true);
  });
});

describe('a crash never leaves something that looks complete', () => {
  it('the browser crashing mid-visit: the capture ends with E_BROWSER_CRASHED and keeps what was recorded', async () => {
    const marker = `guzheng-crash-test-${process.pid}`;
    site.hooks.onCrashPage = () => {
      const pids = execFileSync('pgrep', ['-f', marker]).toString().trim().split('\n').map(Number);
      for (const pid of pids) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    };
    const dir = tempHome('guzheng-out-');
    const r = await runGuzheng(['capture', `${site.http}/crash/1`, `${site.http}/article`, '--out', dir, '--json', '--no-video', '--timeout', '20', '--concurrency', '1'],
      { ...env, GUZHENG_BROWSER_ARGS: fixtureBrowserArgs(site, `--${marker}`) });
    site.hooks.onCrashPage = undefined;
    expect([1, 3]).toContain(r.code);
    // The next URL of the batch gets a new browser and is captured in full.
    expect(r.json[1].status).toBe('COMPLETE');
    const res = r.json[0];
    expect(['PARTIAL', 'FAILED']).toContain(res.status);
    expect([res.error?.code, ...res.reasons.map((x: any) => x.code)]).toContain('E_BROWSER_CRASHED');
    const manifest = readJson(join(res.dir, 'manifest.json'));
    expect(manifest.status).toBe(res.status);
    const records = await readWarc(join(res.dir, 'archive.warc.gz'));
    expect(records[0]!.type).toBe('warcinfo');
  });

  it('guzheng itself killed mid-capture: no folder in captures/, the index says "capturing"', async () => {
    const home = tempHome();
    let child = 0;
    const marker = `guzheng-crash-test-kill-${process.pid}`;
    site.hooks.onCrashPage = () => process.kill(child, 'SIGKILL');
    const r = await runGuzheng(['capture', `${site.http}/crash/2`, '--no-video', '--timeout', '20'], { ...env, GUZHENG_HOME: home, GUZHENG_BROWSER_ARGS: fixtureBrowserArgs(site, `--${marker}`) }, (pid) => (child = pid));
    site.hooks.onCrashPage = undefined;
    expect(r.code).not.toBe(0);
    expect(readdirSync(join(home, 'captures'))).toEqual([]);
    const tmp = readdirSync(join(home, 'tmp'));
    expect(tmp).toHaveLength(1);
    expect(existsSync(join(home, 'tmp', tmp[0]!, 'manifest.json'))).toBe(false);
    expect(queryDb(home, 'select status from items')).toEqual([{ status: 'capturing' }]);
    expect(queryDb(home, 'select count(*) as n from artifacts')).toEqual([{ n: 0 }]);
    // The next run finds it, marks it interrupted, and tells the user; the folder stays as it was.
    const next = await runGuzheng(['capture', 'not a url'], { ...env, GUZHENG_HOME: home });
    expect(next.code).toBe(2);
    const again = await runGuzheng(['capture', `${site.http}/error`, '--no-video'], { ...env, GUZHENG_HOME: home });
    expect(again.stderr).toContain('被中断');
    expect(again.stderr).toContain('was interrupted');
    expect(existsSync(join(home, 'tmp', tmp[0]!))).toBe(true);
    expect(queryDb(home, 'select status from items order by started_at')).toEqual([{ status: 'interrupted' }, { status: 'COMPLETE' }]);
    const check = await runGuzheng(['check', '--json'], { ...env, GUZHENG_HOME: home });
    expect(check.code).toBe(0);
    expect(check.json[0].checks.find((c: any) => c.name.startsWith('item ') && c.detail.includes('interrupted'))).toBeTruthy();
    // The browser it started must not outlive it for long.
    execFileSync('sh', ['-c', 'pkill -f "[g]uzheng-crash-test" || true']);
  });
});
