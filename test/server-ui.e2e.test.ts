/**
 * The organisation server's UI in real Chromium (playwright-core, the system browser) against `guzheng serve` on a
 * real PostgreSQL and s3rver: the page asks to sign in before anything else, shows the server's refusal in Chinese,
 * then the cases with the user in the header; a lawyer creates a case through the page (the CSRF token goes with the
 * change); the local-only screens and calls are not offered; signing out, or a session that ends, returns to the
 * sign-in form. Screenshots go to /tmp/w/ (server-signin.png, server-cases.png).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findBrowser } from '../src/capture/browser/discover.js';
import { startServeProcess, startStores, type ServerProcess, type TestStores } from './server-tools.js';

const PW = 'correct horse battery staple';
const OUT = '/tmp/w';
let stores: TestStores;
let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let caseId = '';
const consoleErrors: string[] = [];
/** Every /api/ answer of 400 or more the page got, as "STATUS METHOD PATH". */
const refused: string[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  stores = await startStores();
  expect((await stores.admin(['org', 'add', '甲律师事务所'])).code).toBe(0);
  for (const [email, role] of [['lawyer@a.test', 'lawyer'], ['viewer@a.test', 'viewer'], ['staff@a.test', 'staff']]) {
    const r = await stores.admin(['user', 'add', email!, '--org', '甲律师事务所', '--role', role!, '--password-stdin'], PW);
    expect(r.code, r.stderr).toBe(0);
  }
  server = await startServeProcess(stores.env);
  browser = await chromium.launch({ executablePath: findBrowser().executable, args: ['--disable-background-networking', '--no-sandbox', '--disable-gpu'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (res) => {
    const u = new URL(res.url());
    if (u.pathname.startsWith('/api/') && res.status() >= 400) refused.push(`${res.status()} ${res.request().method()} ${u.pathname}`);
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stores?.close();
});

const signInForm = () => page.getByTestId('sign-in');

async function signIn(password: string, email = 'lawyer@a.test'): Promise<void> {
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

describe('guzheng serve in Chromium: sign in, work, sign out', () => {
  it('the address opens the sign-in form, without the menu and without asking anything else first', async () => {
    await page.goto(`${server.base}/`);
    await signInForm().waitFor();
    expect(await signInForm().textContent()).toContain('组织见证服务器');
    // The page says it is the server's: the local app's prerendered start screen is never shown before signing in.
    expect(await page.evaluate(() => [document.documentElement.hasAttribute('data-server'), document.documentElement.classList.contains('prerendered-start')])).toEqual([true, false]);
    expect(await page.getByTestId('first-hour').count()).toBe(0);
    expect(await page.locator('#app-menu').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    // The prerendered start screen does not call /api/session or /api/cases before the page knows it must sign in.
    expect(refused).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: `${OUT}/server-signin.png`, fullPage: true });
  });

  it('a wrong password is refused in Chinese, on the form', async () => {
    await signIn('not the password at all');
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').textContent()).toContain('电子邮件或密码不正确');
    expect(refused).toEqual(['401 POST /api/auth/login']);
    refused.length = 0;
    consoleErrors.length = 0; // Chromium logs the 401 as a failed resource
  });

  it('the right password shows the cases, the user, organisation and role; no local-only entries', async () => {
    await signIn(PW);
    await page.getByTestId('new-case').waitFor();
    expect(await page.getByTestId('user-email').textContent()).toBe('lawyer@a.test');
    expect(await page.getByTestId('user-org').textContent()).toBe('甲律师事务所');
    expect(await page.getByTestId('user-role').textContent()).toBe('律师');
    expect(await page.locator('#app-menu').textContent()).not.toContain('登录账号');
    await expect.poll(() => page.getByTestId('footer-disclaimer').textContent()).toContain('不构成法律意见');
  });

  it('a lawyer creates a case through the page (the change carries the CSRF token); its screens call no local-only route', async () => {
    await page.getByTestId('new-case').click();
    await page.getByTestId('case-title').fill('张三被诽谤案');
    await page.getByTestId('create-case').click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]+/);
    const caseUrl = page.url().replace(/\/$/, '');
    caseId = /#\/cases\/([0-9a-f-]+)/.exec(caseUrl)![1]!;
    for (const screen of ['capture', 'watch', 'export']) {
      await page.goto(`${caseUrl}/${screen}`);
      await page.locator('.page-title').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('error').count(), screen).toBe(0);
    }
    expect(await page.getByTestId('try-sample').count()).toBe(0);
    await page.goto(`${server.base}/#/`);
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('case-row').first().textContent()).toContain('张三被诽谤案');
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: `${OUT}/server-cases.png`, fullPage: true });
  });

  it('signing out returns to the sign-in form, and the API then refuses the browser', async () => {
    await page.getByTestId('sign-out').click();
    await signInForm().waitFor();
    expect(await page.locator('#app-menu').count()).toBe(0);
    const after = await page.request.get(`${server.base}/api/cases`);
    expect(after.status()).toBe(401);
    expect((await after.json()).code).toBe('E_AUTH');
  });

  it('a session that ends while the page is open returns to the sign-in form on the next call', async () => {
    await signIn(PW);
    await page.getByTestId('case-row').first().waitFor();
    await context.clearCookies();
    await page.getByTestId('case-row').first().locator('a').first().click();
    await signInForm().waitFor();
    expect(refused.at(-1)).toMatch(/^401 GET \/api\//);
  });
});

describe('what the page offers follows the role (the server refuses the rest anyway)', () => {
  const menu = () => page.locator('#app-menu').textContent();

  it('a viewer, member of the case, sees it and its evidence screens, without capture, import, export or save', async () => {
    expect((await stores.admin(['member', 'add', caseId, 'viewer@a.test'])).code).toBe(0);
    // The test before ended on the sign-in form, after a session that ended (a 401 the page answered by asking again).
    await page.goto(`${server.base}/#/`);
    await signInForm().waitFor();
    refused.length = 0;
    consoleErrors.length = 0;
    await signIn(PW, 'viewer@a.test');
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('只读');
    expect(await page.getByTestId('new-case').count()).toBe(0);
    // The first-hour steps offer only what the role can use: the routes, not the capture or the platform notice.
    expect(await page.getByTestId('first-hour-4').count()).toBe(1);
    expect(await page.getByTestId('first-hour-1').count()).toBe(0);
    expect(await page.getByTestId('first-hour-3').count()).toBe(0);
    await page.getByTestId('case-row').first().locator('a').first().click();
    await page.getByTestId('go-facts').waitFor();
    expect(await page.getByTestId('go-capture').count()).toBe(0);
    expect(await page.getByTestId('go-import').count()).toBe(0);
    expect(await menu()).not.toContain('取证');
    expect(await menu()).not.toContain('文书');
    expect(await menu()).toContain('案件事实');
    // A link to the capture screen explains instead of offering a form the server would refuse.
    await page.goto(`${server.base}/#/cases/${caseId}/capture`);
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.getByTestId('not-allowed').textContent()).toContain('只读');
    expect(await page.getByTestId('capture-urls').count()).toBe(0);
    await page.goto(`${server.base}/#/cases/${caseId}/facts`);
    await page.getByTestId('facts-form').waitFor();
    expect(await page.getByTestId('save-facts').count()).toBe(0);
    expect(await page.getByTestId('not-allowed').count()).toBe(1);
    expect(await page.locator('#facts-form input, [data-testid=facts-form] input').first().isDisabled()).toBe(true);
    await page.screenshot({ path: `${OUT}/server-viewer-facts.png`, fullPage: false });
    await page.goto(`${server.base}/#/cases/${caseId}/export`);
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.getByTestId('export-case').count()).toBe(0);
    await page.goto(`${server.base}/#/cases/${caseId}/watch`);
    await page.getByTestId('watch-alerts').waitFor();
    expect(await page.getByTestId('watch-add').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: `${OUT}/server-viewer-watch.png`, fullPage: false });
  });

  it('staff work on cases but do not open them: no new-case button, and the capture form is there', async () => {
    expect((await stores.admin(['member', 'add', caseId, 'staff@a.test'])).code).toBe(0);
    await page.getByTestId('sign-out').click();
    await signInForm().waitFor();
    await signIn(PW, 'staff@a.test');
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('工作人员');
    expect(await page.getByTestId('new-case').count()).toBe(0);
    await page.goto(`${server.base}/#/cases/${caseId}/capture`);
    await page.getByTestId('capture-urls').waitFor();
    expect(await page.getByTestId('not-allowed').count()).toBe(0);
    expect(await menu()).toContain('取证');
    expect(await menu()).toContain('文书');
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
