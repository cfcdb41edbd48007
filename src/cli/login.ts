/**
 * guzheng login <platform> [--account NAME] [--url URL]: opens a browser window on the platform's log-in page; log in
 * there and close the window (or press Enter). The browser runs on the platform's own profile folder in the data folder
 * (owner-only), kept for the next login; `guzheng capture --login` reads the login from a copy of it.
 * For automation: --headless --close-after-load saves the state as soon as the page has loaded.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { GuzhengError } from '../errors.js';
import { PLATFORMS } from '../platforms/registry.js';
import { dataHome } from '../vault/home.js';
import { parseCommandArgs } from './output.js';

export const LOGIN_HELP = `用法 / usage: guzheng login <平台 platform> [--account 账号名称] [--url 网址]
  打开浏览器窗口登录平台，关闭窗口（或在此按回车）后保存登录状态；之后用 guzheng capture 网址 --login 平台 取证登录后才能看到的内容。
  登录取证会把 Cookie、Authorization 等秘密替换为其 SHA-256 标记，证据包可以交给他人而不泄露账号。
  Opens a browser window to log in; the login is saved when you close it (or press Enter here). Then: guzheng capture URL --login <platform>.
  A logged-in capture replaces cookie, authorization and token values with their SHA-256 markers.
  平台 / platforms: ${PLATFORMS.filter((p) => p.loginUrl).map((p) => p.id).join(', ')}`;

/**
 * Waits until the user is done — the window or its tab closed, or Enter pressed in the terminal — and returns the
 * last browser state. The state is taken every two seconds, so that closing the whole window still keeps the last one.
 */
async function untilDone(context: BrowserContext, page: Page): Promise<unknown> {
  let state: unknown = null;
  const take = () => context.storageState().then((s) => (state = s), () => undefined);
  const { createInterface } = await import('node:readline');
  const input = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => void take(), 2000);
    const done = () => {
      clearInterval(timer);
      input.close();
      resolve();
    };
    input.once('line', () => void take().finally(done));
    page.once('close', () => void take().finally(done));
    context.once('close', done);
  });
  return state;
}

export async function runLogin(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { account: { type: 'string' }, url: { type: 'string' }, headless: { type: 'boolean' }, 'close-after-load': { type: 'boolean' } }, LOGIN_HELP);
  const module = PLATFORMS.find((p) => p.id === positionals[0]);
  if (positionals.length !== 1 || !module) throw new GuzhengError('E_USAGE', `请给出一个平台：${PLATFORMS.filter((p) => p.loginUrl).map((p) => p.id).join('、')}`, 'Give one platform', LOGIN_HELP);
  if (!module.loginUrl) throw new GuzhengError('E_USAGE', `${module.name.zh}的网页不需要登录`, `${module.name.en} pages need no login`);
  const headless = Boolean(values.headless);
  if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new GuzhengError('E_USAGE', '没有图形界面，无法打开浏览器窗口登录（请在有桌面的电脑上运行）', 'No display to open a browser window on (run it on a machine with a desktop)');
  }
  const [{ findBrowser }, { launchPersistent }, { saveLogin, prepareProfile }] = await Promise.all([import('../capture/browser/discover.js'), import('../capture/browser/launch.js'), import('../vault/logins.js')]);
  const context = await launchPersistent(findBrowser(), await prepareProfile(dataHome(), module.id), process.env, { headless });
  let state: unknown = null;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(values.url ?? module.loginUrl, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
    if (values['close-after-load']) {
      state = await context.storageState();
    } else {
      process.stderr.write(`请在打开的浏览器窗口中登录${module.name.zh}，完成后关闭窗口，或回到这里按回车。\n` +
        `Log in to ${module.name.en} in the browser window, then close it or press Enter here.\n`);
      state = await untilDone(context, page);
    }
  } finally {
    await context.close().catch(() => undefined);
  }
  if (!state) throw new GuzhengError('E_BROWSER_CRASHED', '没有取得登录状态（浏览器关闭过快？）', 'No login state was taken (was the browser closed too soon?)');
  const saved = await saveLogin(dataHome(), module.id, state, values.account ?? null);
  const cookies = (state as { cookies: unknown[] }).cookies.length;
  process.stdout.write(`✔ 已保存${module.name.zh}登录（${cookies} 个 Cookie）/ ${module.name.en} login saved (${cookies} cookies): ${saved.statePath}\n  取证 / capture: guzheng capture <网址 url> --login ${module.id}\n`);
  return 0;
}
