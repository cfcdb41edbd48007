/**
 * The Watch screen in real Chromium against a real `guzheng app`: watch a (SYNTHETIC) post on 127.0.0.1 from the
 * form, let the app's background checks run, and see its state, its counts, the chart and the alert for 500 reposts.
 * The screen is photographed into test/output/app/watch.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findBrowser } from '../src/capture/browser/discover.js';
import { ROOT, tempHome } from './helpers.js';
import { call, startAppProcess, type AppProcess } from './app-tools.js';

const OUT = join(ROOT, 'test', 'output', 'app');
let server: Server;
let app: AppProcess;
let browser: Browser;
let page: Page;
let post = '';
const consoleErrors: string[] = [];
const hooked: any[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = createServer((req, res) => {
    if (req.method === 'POST') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooked.push(JSON.parse(body));
        res.end('ok');
      });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>示例</title><p>虚构的帖子</p><div><span>转发 612</span> <span>阅读 4800</span></div>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  post = `http://127.0.0.1:${(server.address() as { port: number }).port}/post/1`;
  app = await startAppProcess({ GUZHENG_HOME: tempHome('guzheng-app-watch-'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off', GUZHENG_DNS: '127.0.0.1:9' });
  browser = await chromium.launch({ executablePath: findBrowser().executable, args: ['--disable-background-networking', '--no-sandbox', '--disable-gpu'] });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  server?.close();
});

describe('the Watch screen', () => {
  it('watch a post from the form; the app checks it in the background; its counts, the chart and the 500-repost alert show', async () => {
    const caseId = (await call(app.base, 'POST', '/api/cases', { token: app.token, headers: { origin: app.base }, json: { title: '跟踪' } })).json.id;
    await page.goto(app.openUrl);
    await page.goto(`${app.base}/#/cases/${caseId}/watch`);
    await page.getByTestId('watch-urls').fill(post);
    await page.getByTestId('watch-add').click();
    // The background loop runs the first check within a few seconds; the screen shows it after a refresh.
    // With full captures on (the form's default), the first check is followed by a capture of the page.
    for (let i = 0; i < 60; i++) {
      const w = (await call(app.base, 'GET', `/api/cases/${caseId}/watches`, { token: app.token })).json.watches;
      if (w[0]?.lastAt && w[0]?.captures) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByRole('cell', { name: /转发 612/ }).waitFor();
    await page.getByTestId('watch-alerts').getByText('转发 500 次').waitFor();
    const chart = page.getByTestId('watch-chart');
    await chart.waitFor();
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(960);
    await expect.poll(() => page.getByTestId('watch-kept').first().textContent()).toMatch(/完整取证 1 次/);
    // Each post has its own chart, opened from its row.
    await page.getByRole('button', { name: /展开行|Expand row/ }).first().click();
    const own = page.getByTestId('watch-post-chart');
    await expect.poll(() => own.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(960);
    await page.getByTestId('watch-alerts').getByText('打开这次提醒的完整取证').waitFor();
    // Alerts also go to a webhook the user sets here; a test alert shows whether it arrived.
    const hook = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    await page.getByTestId('notify-webhook').fill(hook);
    await page.getByTestId('notify-save').click();
    await expect.poll(async () => (await call(app.base, 'GET', '/api/watch-notify', { token: app.token })).json.webhook).toBe(hook);
    await page.getByTestId('notify-test').click();
    await page.getByTestId('watch-notify').getByText(`✔ ${hook}`).waitFor();
    expect(hooked.at(-1)).toMatchObject({ alerts: [{ kind: 'test' }] });
    await page.screenshot({ path: join(OUT, 'watch.png'), fullPage: true });
    const spec = (await call(app.base, 'GET', '/api/openapi.json', { token: app.token })).json;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/cases/{id}/watches', '/api/watches/{id}', '/api/cases/{id}/watch-chart', '/api/watch-notify', '/api/watch-notify/test', '/api/watches/{id}/chart']));
    expect(consoleErrors).toEqual([]);
  });
});
