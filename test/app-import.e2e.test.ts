/**
 * Imports in the app, against a real `guzheng app`: the API (a file uploaded as it is, its name and time kept; an
 * unknown file refused with 422 and nothing stored; a chat's messages searched and chosen), and the Import screen in
 * real Chromium: drop files, see each result and its flags, open the evidence, search the chat and choose messages.
 * Screens are photographed into test/output/app/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findBrowser } from '../src/capture/browser/discover.js';
import { fileHashes, ROOT, tempHome } from './helpers.js';
import { call, startAppProcess, type AppProcess } from './app-tools.js';
import { drawPicture, TAG, withExif } from './fixtures/imports/synthetic.js';

const OUT = join(ROOT, 'test', 'output', 'app');
const CHAT = join(import.meta.dirname, 'fixtures', 'imports', 'chat', '张三_utf8.csv');
const work = mkdtempSync(join(tmpdir(), 'guzheng-app-import-'));
let app: AppProcess;
let browser: Browser;
let page: Page;
let caseId = '';
const consoleErrors: string[] = [];
const shot = join(work, 'Screenshot_20240305-091500.png');
const edited = join(work, 'IMG_0042.jpg');

const post = (path: string, o: { json?: unknown; raw?: Buffer } = {}) => call(app.base, 'POST', path, { token: app.token, headers: { origin: app.base }, ...o });
const get = (path: string) => call(app.base, 'GET', path, { token: app.token });

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  drawPicture(shot, ['张三 造谣说我偷东西', '阅读 12345']);
  drawPicture(edited, ['照片']);
  withExif(edited, [[TAG.Make, 'Xiaomi'], [TAG.Software, 'Adobe Photoshop 25.0 (Windows)']], [[TAG.DateTimeOriginal, '2024:03:05 09:15:00'], [TAG.OffsetTimeOriginal, '+08:00']]);
  app = await startAppProcess({ GUZHENG_HOME: tempHome('guzheng-app-import-home-'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off', GUZHENG_DNS: '127.0.0.1:9' });
  caseId = (await post('/api/cases', { json: { title: '图片和聊天记录' } })).json.id;
  browser = await chromium.launch({ executablePath: findBrowser().executable, args: ['--disable-background-networking', '--no-sandbox', '--disable-gpu'] });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  // The file refused on purpose answers 422, which Chromium logs as a failed load: that one is expected.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 422/.test(m.text())) consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('imports through the app API', () => {
  it('POST /api/cases/{id}/imports keeps the bytes, the name (a time in it) and the time the browser reports; a second upload is a duplicate', async () => {
    const modified = Date.parse('2024-03-05T01:20:00Z');
    const q = `name=${encodeURIComponent('Screenshot_20240305-091500.png')}&modified=${modified}&carrier=${encodeURIComponent(JSON.stringify({ device: '小米 13', app: '微博' }))}`;
    const r = await post(`/api/cases/${caseId}/imports?${q}`, { raw: readFileSync(shot) });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({ kind: 'picture', status: 'COMPLETE', file: 'Screenshot_20240305-091500.png', summary: { taken: { utc: '2024-03-05T01:15:00.000Z' } } });
    expect(r.json.files.find((f: any) => f.role === 'original').sha256).toBe(fileHashes(shot).sha256);
    const item = (await get(`/api/items/${r.json.item}`)).json;
    expect(item.imported).toMatchObject({ carrier: { device: '小米 13', app: '微博' }, source: { fileTimes: { modified: '2024-03-05T01:20:00.000Z' } } });
    const again = await post(`/api/cases/${caseId}/imports?name=copy.png`, { raw: readFileSync(shot) });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'duplicate', item: r.json.item });
    const list = (await get(`/api/cases/${caseId}/items`)).json.items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'import', name: 'Screenshot_20240305-091500.png' });
    const thumb = await get(list[0].thumbnail);
    expect(thumb.status).toBe(200);
    expect(thumb.body.equals(readFileSync(shot))).toBe(true);
  });

  it('refuses what it cannot import with 422 and the reason in both languages, storing nothing; a bad carrier is 400', async () => {
    const r = await post(`/api/cases/${caseId}/imports?name=notes.txt`, { raw: Buffer.from('只是一些文字\n') });
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ code: 'E_FORMAT' });
    expect(r.json.zh).toContain('本版本支持');
    const bad = await post(`/api/cases/${caseId}/imports?name=a.png&carrier=${encodeURIComponent('{"phone":1}')}`, { raw: readFileSync(shot) });
    expect(bad.status).toBe(400);
    expect((await get(`/api/cases/${caseId}/items`)).json.items).toHaveLength(1);
  });

  it('a chat: its messages, a search, and a selection recorded in the custody log', async () => {
    const r = await post(`/api/cases/${caseId}/imports?name=${encodeURIComponent('张三_utf8.csv')}`, { raw: readFileSync(CHAT) });
    expect(r.status).toBe(201);
    const all = (await get(`/api/items/${r.json.item}/chat`)).json;
    expect(all).toMatchObject({ format: 'wechatmsg-csv', total: 5 });
    const found = (await get(`/api/items/${r.json.item}/chat?search=${encodeURIComponent('人肉')}`)).json;
    expect(found.messages.map((m: any) => m.index)).toEqual([4]);
    const sel = await post(`/api/items/${r.json.item}/chat/selection`, { json: { ranges: '1,4' } });
    expect(sel.status).toBe(200);
    expect(sel.json.selection).toMatchObject({ ranges: '1,4', indexes: [1, 4] });
    const wrong = await post(`/api/items/${r.json.item}/chat/selection`, { json: { ranges: '0-99' } });
    expect(wrong.status).toBe(400);
    const spec = (await get('/api/openapi.json')).json;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/cases/{id}/imports', '/api/items/{id}/chat', '/api/items/{id}/chat/selection']));
  });
});

describe('the Import screen in Chromium', () => {
  it('drop files: each shows its result and flags; the evidence screen shows the picture, the checks and what it proves', async () => {
    await page.goto(app.openUrl);
    await page.goto(`${app.base}/#/cases/${caseId}/import`);
    await page.getByTestId('carrier-device').fill('华为 Mate 60');
    const unknown = join(work, 'readme.txt');
    writeFileSync(unknown, 'not a picture\n');
    await page.locator('input[type=file]').setInputFiles([edited, unknown]);
    await page.locator('[data-testid="import-row"][data-state="done"]').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="import-row"][data-state="failed"]').first().waitFor({ timeout: 30_000 });
    const done = page.locator('[data-testid="import-row"][data-state="done"]');
    await expect(done.textContent()).resolves.toContain('Adobe Photoshop');
    await expect(page.locator('[data-testid="import-row"][data-state="failed"]').textContent()).resolves.toContain('本版本支持');
    await page.screenshot({ path: join(OUT, 'import.png'), fullPage: true });
    await done.getByTestId('import-open').click();
    await page.getByTestId('import-view').waitFor();
    const view = await page.getByTestId('import-view').textContent();
    expect(view).toContain('IMG_0042.jpg');
    expect(view).toContain('华为 Mate 60');
    expect(view).toContain('不能单独证明');
    expect(await page.getByTestId('import-flag').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'import-item.png'), fullPage: true });
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });

  it('a chat on its evidence screen: search it and choose the messages that matter', async () => {
    const list = (await get(`/api/cases/${caseId}/items`)).json.items;
    const chat = list.find((i: any) => i.name === '张三_utf8.csv');
    await page.goto(`${app.base}/#/items/${chat.id}`);
    await page.getByTestId('chat').waitFor();
    await page.getByTestId('chat-search').locator('input').fill('人肉');
    await page.getByTestId('chat-search').locator('input').press('Enter');
    await page.getByText('找到 1 条，共 5 条').waitFor();
    await page.getByTestId('chat-ranges').fill('2-4');
    await page.getByTestId('chat-select').click();
    await page.getByTestId('chat-selection').filter({ hasText: '2-4' }).waitFor();
    // The identity checklist: add the other party's phone number; it moves from missing to held.
    await page.getByTestId('identity-phone').fill('13800000000');
    await page.getByTestId('identity').getByRole('button', { name: '补充' }).nth(2).click();
    await page.getByTestId('identity').getByText('手机号码：13800000000').waitFor();
    await page.screenshot({ path: join(OUT, 'import-chat.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
