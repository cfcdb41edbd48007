/**
 * guzheng login <platform> [--account NAME] [--url URL]: opens a browser window on the platform's log-in page; log in
 * there and close the window (or press Enter). The browser runs on the platform's own profile folder in the data folder
 * (owner-only), kept for the next login; `guzheng capture --login` reads the login from a copy of it.
 * For automation: --headless --close-after-load saves the state as soon as the page has loaded.
 */
import { GuzhengError } from '../errors.js';
import { PLATFORMS } from '../platforms/registry.js';
import { dataHome } from '../vault/home.js';
import { parseCommandArgs } from './output.js';
import { checkLogin, login, loginPlatforms, untilDone } from '../actions/login.js';

export const LOGIN_HELP = `用法 / usage: guzheng login <平台 platform> [--account 账号名称] [--url 网址]
  打开浏览器窗口登录平台，关闭窗口（或在此按回车）后保存登录状态；之后用 guzheng capture 网址 --login 平台 取证登录后才能看到的内容。
  登录取证会把 Cookie、Authorization 等秘密替换为其 SHA-256 标记，证据包可以交给他人而不泄露账号。
  Opens a browser window to log in; the login is saved when you close it (or press Enter here). Then: guzheng capture URL --login <platform>.
  A logged-in capture replaces cookie, authorization and token values with their SHA-256 markers.
  平台 / platforms: ${PLATFORMS.filter((p) => p.loginUrl).map((p) => p.id).join(', ')}`;

export async function runLogin(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { account: { type: 'string' }, url: { type: 'string' }, headless: { type: 'boolean' }, 'close-after-load': { type: 'boolean' } }, LOGIN_HELP);
  if (positionals.length !== 1) throw new GuzhengError('E_USAGE', `请给出一个平台：${loginPlatforms().map((p) => p.id).join('、')}`, 'Give one platform', LOGIN_HELP);
  const req = { platform: positionals[0], url: values.url, account: values.account ?? null, headless: Boolean(values.headless), closeAfterLoad: Boolean(values['close-after-load']) };
  const module = checkLogin(req);
  const saved = await login(dataHome(), req, async (context, page) => {
    process.stderr.write(`请在打开的浏览器窗口中登录${module.name.zh}，完成后关闭窗口，或回到这里按回车。\n` +
      `Log in to ${module.name.en} in the browser window, then close it or press Enter here.\n`);
    const { createInterface } = await import('node:readline');
    const input = createInterface({ input: process.stdin });
    try {
      return await untilDone(context, page, new Promise<void>((resolve) => input.once('line', () => resolve())));
    } finally {
      input.close();
    }
  });
  process.stdout.write(`✔ 已保存${module.name.zh}登录（${saved.cookies} 个 Cookie）/ ${module.name.en} login saved (${saved.cookies} cookies): ${saved.statePath}\n  取证 / capture: guzheng capture <网址 url> --login ${module.id}\n`);
  return 0;
}
