/**
 * Harm kinds in the app (issue 14), in real Chromium against a real `guzheng app`: in a fresh case, a post added in
 * the facts form is marked as defamation and privacy (phone and address disclosed) and saved; the routes page then
 * has a section per harm, the privacy section's police report cites the 2025 治安管理处罚法 第五十条第一款第（六）项
 * for a 2026 post and a criminal report route; a missing fact links back to its field; the ticks come back on reload
 * and are what the API saved. Threats and abuse bring their own questions and the no-contact order. A captured post
 * (the bundled demo post, served on 127.0.0.1) has its harms asked next to the evidence and saved as a stated act with
 * its URL. The facts form and the routes page are photographed into test/output/app-harms/ (look at them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findBrowser } from '../src/capture/browser/discover.js';
import { HARMS } from '../src/assess/harms.js';
import { HARM_KINDS } from '../src/assess/facts.js';
import { ROOT, tempHome } from './helpers.js';
import { call, startAppProcess, waitJob, type AppProcess } from './app-tools.js';

const OUT = join(ROOT, 'test', 'output', 'app-harms');
const URL_1 = 'https://weibo.com/1234567890/HarmsPost2026';
let app: AppProcess;
let browser: Browser;
let page: Page;
let caseId = '';
const consoleErrors: string[] = [];
const foreign: string[] = [];

const get = (path: string) => call(app.base, 'GET', path, { token: app.token });
const post = (path: string, json: unknown) => call(app.base, 'POST', path, { token: app.token, headers: { origin: app.base }, json });

/**
 * Photographs the screen (whole, from the top: the header and the footer stick to the window) and, when named, one
 * part of it at full size; checks that nothing went wrong on it so far.
 */
async function screen(name: string, part?: string): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  // The header, menu and footer stick to the window; in a photograph of the whole page they stay where they belong.
  const style = '.app-header, .app-sider, .app-footer { position: static !important; }';
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true, style });
  await page.screenshot({ path: join(OUT, `${name}-top.png`) });
  if (part) await page.locator(part).first().screenshot({ path: join(OUT, `${name}-part.png`), style });
  expect(consoleErrors, `console errors on ${name}`).toEqual([]);
  expect(foreign.slice(0, 5), `requests off 127.0.0.1 on ${name}`).toEqual([]);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  app = await startAppProcess({ GUZHENG_HOME: tempHome('guzheng-app-harms-'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off', GUZHENG_DNS: '127.0.0.1:9' });
  caseId = (await post('/api/cases', { title: '人肉搜索案' })).json.id;
  browser = await chromium.launch({ executablePath: findBrowser().executable, args: ['--disable-background-networking', '--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:', 'about:'].includes(u.protocol)) foreign.push(r.url());
  });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(app.openUrl);
  await page.locator('html[data-ui=ready]').waitFor({ state: 'attached' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('harm kinds in the facts form and the routes page', () => {
  it('asks what a post did, with each harm\'s question and example, and what was disclosed when privacy is ticked', async () => {
    await page.goto(`${app.base}/#/cases/${caseId}/facts`);
    await page.getByTestId('facts-form').waitFor();
    // The old yes/no doxxing question is gone: the harms of each post replace it.
    expect(await page.locator('#fact-doxxing').count()).toBe(0);
    await page.getByTestId('add-act').click();
    await page.locator('#fact-acts-0-url').fill(URL_1);
    await page.locator('#fact-acts-0-start').fill('2026-10-20');
    const harms = page.locator('#fact-acts-0-harms');
    expect(await harms.getByTestId('harms-unstated').textContent()).toContain('按“诽谤”处理');
    // The form shows the assessment's own words for every harm (the UI keeps a copy: it must not drift).
    const words = (await harms.textContent())!;
    for (const h of HARM_KINDS) for (const w of [HARMS[h].zh, HARMS[h].ask.zh, HARMS[h].example.zh]) expect(words, h).toContain(w);
    expect(await page.getByText('这条帖子对您造成了哪些侵害？').count()).toBe(1);
    expect(await page.getByTestId('personal-info').count()).toBe(0);
    expect(await page.locator('[data-field=fact-priorInfoPenalty]').count()).toBe(0);
    await page.locator('#fact-acts-0-harms-defamation').check();
    await page.locator('#fact-acts-0-harms-privacy').check();
    await page.getByTestId('personal-info').waitFor();
    await page.locator('#fact-acts-0-personalInfo-kinds-phone').check();
    await page.locator('#fact-acts-0-personalInfo-kinds-address').check();
    expect(await page.locator('#fact-acts-0-personalInfo-kinds').textContent()).toContain('身份证件号码');
    await page.locator('#fact-acts-0-personalInfo-records').fill('2');
    // Privacy ticked: the poster's earlier penalty for personal information is asked; no threats, no abuse questions.
    await page.locator('[data-field=fact-priorInfoPenalty]').waitFor();
    expect(await page.getByTestId('abuse').count()).toBe(0);
    await screen('01-facts-harms', '#fact-acts');
    await page.getByTestId('save-facts').click();
    await page.getByTestId('facts-saved').waitFor();
  });

  it('saved the harms and what was disclosed, and no doxxing', async () => {
    const { stated, effective } = (await get(`/api/cases/${caseId}/facts`)).json;
    expect(stated.acts).toHaveLength(1);
    expect(stated.acts[0]).toMatchObject({ url: URL_1, start: '2026-10-20', harms: ['defamation', 'privacy'], personalInfo: { kinds: ['phone', 'address'], records: 2 } });
    expect(stated.acts[0].personalInfo).not.toHaveProperty('usedForCrime');
    expect(stated).not.toHaveProperty('doxxing');
    expect(stated).not.toHaveProperty('priorInfoPenalty');
    expect(stated).not.toHaveProperty('abuse');
    expect(effective.acts[0].harms).toEqual(['defamation', 'privacy']);
  });

  it('shows the routes per harm: defamation and privacy, the privacy police report under 第五十条第一款第（六）项, the criminal report, what is not verified', async () => {
    await page.goto(`${app.base}/#/cases/${caseId}/routes`);
    await page.getByTestId('harm-section').first().waitFor();
    const headings = await page.getByTestId('harm-heading').allTextContents();
    expect(headings).toHaveLength(2);
    expect(headings[0]).toContain('诽谤');
    expect(headings[1]).toContain('泄露隐私');
    const privacy = page.locator('[data-testid=harm-section][data-harm=privacy]');
    expect(await privacy.getByTestId('harm-acts').textContent()).toContain(URL_1);
    const police = privacy.getByTestId('route-police-report');
    expect(await police.getAttribute('data-harm')).toBe('privacy');
    // The citations' headings name the article; opened, the article's own words.
    const labels = await police.locator('.ant-collapse-header').allTextContents();
    expect(labels.some((l) => l.includes('治安管理处罚法') && l.includes('第五十条第一款第（六）项')), labels.join(' | ')).toBe(true);
    expect(labels.some((l) => l.includes('第四十二条'))).toBe(false);
    const criminal = privacy.getByTestId('route-criminal-report');
    expect(await criminal.textContent()).toContain('侵犯公民个人信息罪');
    expect((await criminal.locator('.ant-collapse-header').allTextContents()).join(' ')).toContain('第二百五十三条之一');
    // Defamation keeps its own routes; privacy has no private prosecution.
    const defamation = page.locator('[data-testid=harm-section][data-harm=defamation]');
    expect(await defamation.getByTestId('route-private-prosecution').count()).toBe(1);
    expect(await privacy.getByTestId('route-private-prosecution').count()).toBe(0);
    expect(await page.getByTestId('unverified').textContent()).toContain('未核实');
    expect(await page.getByTestId('unverified').textContent()).toContain('网络暴力');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screen('02-routes-harms', '[data-testid=harm-section][data-harm=privacy]');
    // A fact the criminal report still needs links to its field on the form.
    if (await criminal.getAttribute('data-available') === 'null') {
      const links = await criminal.getByTestId('route-missing').locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
      expect(links.some((h) => /field=fact-(priorInfoPenalty|personalInfo)/.test(h ?? '')), links.join(' ')).toBe(true);
    }
  });

  it('follows a missing fact to its field: the poster\'s earlier penalty for personal information', async () => {
    await page.goto(`${app.base}/#/cases/${caseId}/facts?field=fact-priorInfoPenalty`);
    await page.getByTestId('facts-form').waitFor();
    await page.locator('.field-target[data-field=fact-priorInfoPenalty]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'))).toBe('fact-priorInfoPenalty');
    // A name every post's field answers to goes to the first one: what was disclosed.
    await page.goto(`${app.base}/#/cases/${caseId}/routes`);
    await page.getByTestId('harm-section').first().waitFor();
    await page.goto(`${app.base}/#/cases/${caseId}/facts?field=fact-personalInfo`);
    await page.getByTestId('facts-form').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid=personal-info]') !== null);
  });

  it('keeps the ticks on reload', async () => {
    await page.reload();
    await page.getByTestId('facts-form').waitFor();
    await page.locator('#fact-acts-0-harms').waitFor();
    expect(await page.locator('#fact-acts-0-harms-defamation').isChecked()).toBe(true);
    expect(await page.locator('#fact-acts-0-harms-privacy').isChecked()).toBe(true);
    expect(await page.locator('#fact-acts-0-harms-insult').isChecked()).toBe(false);
    expect(await page.locator('#fact-acts-0-personalInfo-kinds-phone').isChecked()).toBe(true);
    expect(await page.locator('#fact-acts-0-personalInfo-kinds-address').isChecked()).toBe(true);
    expect(await page.locator('#fact-acts-0-personalInfo-kinds-whereabouts').isChecked()).toBe(false);
    expect(await page.locator('#fact-acts-0-personalInfo-records').inputValue()).toBe('2');
  });

  it('threats and abuse: its questions appear, the answers are saved, and the routes offer a no-contact order', async () => {
    await page.locator('#fact-acts-0-harms-threat-abuse').check();
    const abuse = page.getByTestId('abuse');
    await abuse.waitFor();
    await page.locator('#fact-abuse-harassment').getByText('是', { exact: true }).click();
    await page.locator('#fact-abuse-personalDispute').getByText('否', { exact: true }).click();
    await screen('03-facts-abuse', '[data-testid=abuse]');
    await page.getByTestId('save-facts').click();
    await page.getByTestId('facts-saved').waitFor();
    const { stated } = (await get(`/api/cases/${caseId}/facts`)).json;
    expect(stated.acts[0].harms).toEqual(['defamation', 'privacy', 'threat-abuse']);
    expect(stated.abuse).toEqual({ harassment: true, personalDispute: false });
    await page.goto(`${app.base}/#/cases/${caseId}/routes`);
    await page.getByTestId('harm-section').first().waitFor();
    const threat = page.locator('[data-testid=harm-section][data-harm=threat-abuse]');
    expect(await threat.getByTestId('harm-heading').textContent()).toContain('威胁');
    const order = threat.getByTestId('route-no-contact-order');
    expect(await order.getAttribute('data-available')).toBe('true');
    expect(await threat.getByTestId('route-criminal-report').textContent()).toContain('寻衅滋事罪');
    expect(await page.getByTestId('harm-nav').textContent()).toContain('威胁、辱骂和骚扰');
    await screen('04-routes-three-harms');
    // The buttons at the top go to a harm's section, its heading below the sticky header.
    await page.getByTestId('harm-nav').getByRole('button', { name: /威胁、辱骂和骚扰/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('harm-threat-abuse');
    expect(await threat.getByTestId('harm-heading').evaluate((h) => h.getBoundingClientRect().top)).toBeGreaterThanOrEqual(64);
    await page.screenshot({ path: join(OUT, '04-routes-three-harms-section.png') });
  });

  it('unticking every harm leaves the key out (not stated: read as defamation)', async () => {
    await page.goto(`${app.base}/#/cases/${caseId}/facts`);
    await page.locator('#fact-acts-0-harms').waitFor();
    for (const h of ['defamation', 'privacy', 'threat-abuse']) await page.locator(`#fact-acts-0-harms-${h}`).uncheck();
    expect(await page.getByTestId('personal-info').count()).toBe(0);
    expect(await page.getByTestId('abuse').count()).toBe(0);
    await page.getByTestId('save-facts').click();
    await page.getByTestId('facts-saved').waitFor();
    const { stated } = (await get(`/api/cases/${caseId}/facts`)).json;
    expect(stated.acts[0]).not.toHaveProperty('harms');
    const a = (await get(`/api/cases/${caseId}/assessment`)).json;
    expect(a.harms.map((h: { harm: string }) => h.harm)).toEqual(['defamation']);
    // The routes page says so, and its words lead back to the harms question.
    await page.goto(`${app.base}/#/cases/${caseId}/routes`);
    const warning = page.getByTestId('warnings').locator('a', { hasText: '没有写明造成了哪些侵害' });
    await warning.waitFor();
    expect(await warning.getAttribute('href')).toMatch(/field=fact-harms$/);
    expect(await page.getByTestId('harm-nav').count()).toBe(0); // one harm: no buttons to go between them
    await warning.click();
    await page.getByTestId('facts-form').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid=harms]')?.id === 'fact-acts-0-harms');
  });

  it('a captured post: its harms are asked next to the evidence and saved as a stated act with its URL', async () => {
    const demo = (await post('/api/demo', {})).json.url as string;
    const jobs = (await post(`/api/cases/${caseId}/captures`, { urls: [demo], video: false, comments: 0 })).json.jobs;
    const job = await waitJob(app.base, app.token, jobs[0].id);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    await page.goto(`${app.base}/#/cases/${caseId}/facts`);
    await page.reload(); // the form was open already: read the facts again
    const evidence = page.getByTestId('evidence-acts');
    await evidence.waitFor();
    const captured = (await get(`/api/cases/${caseId}/facts`)).json.effective.acts.find((a: { items?: string[] }) => a.items?.length);
    expect(await evidence.textContent()).toContain(captured.url);
    expect(await page.getByTestId('fact-act').count()).toBe(1); // the post stated above
    await page.locator('#fact-evidence-0-harms-insult').check();
    await page.locator('#fact-evidence-0-harms-portrait').check();
    // Saying what a captured post did adds no post of its own to the posts the user typed in.
    expect(await page.getByTestId('fact-act').count()).toBe(1);
    await screen('05-facts-captured', '[data-testid=evidence-acts]');
    await page.getByTestId('save-facts').click();
    await page.getByTestId('facts-saved').waitFor();
    const { stated, effective } = (await get(`/api/cases/${caseId}/facts`)).json;
    expect(stated.acts).toHaveLength(2);
    expect(stated.acts[1]).toEqual({ url: captured.url, platform: captured.platform ?? null, observations: [], harms: ['insult', 'portrait'] });
    const merged = effective.acts.find((a: { url: string }) => a.url === captured.url);
    expect(merged.items).toEqual(captured.items);
    expect(merged.harms).toEqual(['insult', 'portrait']);
    const a = (await get(`/api/cases/${caseId}/assessment`)).json;
    expect(a.harms.map((h: { harm: string }) => h.harm)).toEqual(['defamation', 'insult', 'portrait']);
    // Reloaded: the ticks are by the evidence; adding details opens that post among the stated ones, its harms still above.
    await page.reload();
    await page.locator('#fact-evidence-0-harms').waitFor();
    expect(await page.locator('#fact-evidence-0-harms-insult').isChecked()).toBe(true);
    expect(await page.locator('#fact-evidence-0-harms-defamation').isChecked()).toBe(false);
    expect(await page.getByTestId('fact-act').count()).toBe(1);
    await evidence.getByRole('button', { name: /补充这条帖子的信息/ }).click();
    expect(await page.getByTestId('fact-act').count()).toBe(2);
    const details = page.getByTestId('fact-act').nth(1);
    expect(await details.textContent()).toContain('已取证的帖子的补充信息');
    expect(await details.getByTestId('harms').count()).toBe(0);
    expect(await page.getByTestId('harms').count()).toBe(2); // the typed-in post's and the captured one's
    // In English: the same questions, in the assessment's English words.
    await page.evaluate(() => localStorage.setItem('guzheng.lang', 'en'));
    await page.reload();
    await page.locator('#fact-evidence-0-harms').waitFor();
    const words = (await page.locator('#fact-evidence-0-harms').textContent())!;
    for (const h of HARM_KINDS) expect(words, h).toContain(HARMS[h].ask.en);
    expect(await page.getByText('What did this post do to you?').count()).toBe(2);
    await page.locator('#fact-evidence-0-harms-privacy').check();
    await page.getByTestId('personal-info').waitFor();
    await screen('06-facts-english', '[data-testid=evidence-acts]');
    await page.evaluate(() => localStorage.setItem('guzheng.lang', 'zh'));
  }, 240_000);
});
