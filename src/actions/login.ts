/**
 * Logging in to a platform for logged-in captures: a visible browser window with the platform's login page; the
 * login is saved (owner-only, in the data folder) once the user closes the window or says they are done.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { GuzhengError } from '../errors.js';
import { PLATFORMS } from '../platforms/registry.js';

export const loginPlatforms = () => PLATFORMS.filter((p) => p.loginUrl).map((p) => ({ id: p.id, zh: p.name.zh, en: p.name.en }));

export interface LoginRequest {
  platform: unknown;
  url?: string;
  account?: string | null;
  headless?: boolean;
  /** Tests: take the state once the page has loaded, without waiting for the user. */
  closeAfterLoad?: boolean;
}

export function checkLogin(req: LoginRequest): (typeof PLATFORMS)[number] {
  const module = PLATFORMS.find((p) => p.id === req.platform);
  if (!module) throw new GuzhengError('E_USAGE', `请给出一个平台：${loginPlatforms().map((p) => p.id).join('、')}`, `Give one platform: ${loginPlatforms().map((p) => p.id).join(', ')}`);
  if (!module.loginUrl) throw new GuzhengError('E_USAGE', `${module.name.zh}的网页不需要登录`, `${module.name.en} pages need no login`);
  if (!req.headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new GuzhengError('E_USAGE', '没有图形界面，无法打开浏览器窗口登录（请在有桌面的电脑上运行）', 'No display to open a browser window on (run it on a machine with a desktop)');
  }
  return module;
}

/**
 * Waits until the user is done — the window or its tab closed, or `alsoDone` settled — and returns the last browser
 * state. The state is taken every two seconds, so that closing the whole window still keeps the last one.
 */
export async function untilDone(context: BrowserContext, page: Page, alsoDone?: Promise<void>): Promise<unknown> {
  let state: unknown = null;
  const take = () => context.storageState().then((s) => (state = s), () => undefined);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => void take(), 2000);
    const done = () => {
      clearInterval(timer);
      resolve();
    };
    void alsoDone?.then(() => take().finally(done));
    page.once('close', () => void take().finally(done));
    context.once('close', done);
  });
  return state;
}

export async function login(home: string, req: LoginRequest, wait: (context: BrowserContext, page: Page) => Promise<unknown> = untilDone): Promise<{ platform: string; statePath: string; cookies: number }> {
  const module = checkLogin(req);
  const [{ findBrowser }, { launchPersistent }, { saveLogin, prepareProfile }] = await Promise.all([import('../capture/browser/discover.js'), import('../capture/browser/launch.js'), import('../vault/logins.js')]);
  const context = await launchPersistent(findBrowser(), await prepareProfile(home, module.id), process.env, { headless: Boolean(req.headless) });
  let state: unknown = null;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(req.url ?? module.loginUrl!, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
    state = req.closeAfterLoad ? await context.storageState() : await wait(context, page);
  } finally {
    await context.close().catch(() => undefined);
  }
  if (!state) throw new GuzhengError('E_BROWSER_CRASHED', '没有取得登录状态（浏览器关闭过快？）', 'No login state was taken (was the browser closed too soon?)');
  const saved = await saveLogin(home, module.id, state, req.account ?? null);
  return { platform: module.id, statePath: saved.statePath, cookies: (state as { cookies: unknown[] }).cookies.length };
}
