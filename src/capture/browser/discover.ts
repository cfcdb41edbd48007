/**
 * Find the Chrome, Chromium or Edge the user already has. We never download a browser.
 * GUZHENG_BROWSER overrides the search.
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GuzhengError } from '../../errors.js';

export interface FoundBrowser {
  /** The executable we start. */
  executable: string;
  /** Where the user pointed us, when that was a launcher script we looked through (e.g. Debian's /usr/bin/chromium). */
  launcher?: string;
  source: 'GUZHENG_BROWSER' | 'search';
}

function candidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta'];
    const roots = ['/Applications', join(env.HOME ?? '', 'Applications')];
    return roots.flatMap((r) => apps.map((a) => join(r, a)));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[];
    const rel = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe',
      'Chromium\\Application\\chrome.exe'];
    return roots.flatMap((r) => rel.map((p) => `${r}\\${p}`));
  }
  // Linux and other Unix: distribution packages, then Google's and Microsoft's packages, then snap.
  return ['/usr/lib/chromium/chromium', '/usr/lib/chromium-browser/chromium-browser', '/usr/bin/chromium',
    '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge', '/opt/microsoft/msedge/msedge', '/snap/bin/chromium'];
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Debian and Ubuntu ship /usr/bin/chromium as a shell script that adds flags of its own (including
 * --load-extension). For a clean, documented launch we start the binary it wraps.
 */
function throughLauncher(path: string): FoundBrowser['executable'] | undefined {
  try {
    // Only the first 4 KB: a real browser executable is hundreds of megabytes.
    const buf = Buffer.alloc(4096);
    const fd = openSync(path, 'r');
    let n: number;
    try { n = readSync(fd, buf, 0, buf.length, 0); } finally { closeSync(fd); }
    const head = buf.toString('latin1', 0, n);
    if (!head.startsWith('#!')) return undefined;
    const m = head.match(/LIBDIR=(\S+)/) ?? head.match(/exec\s+"?([^"\s]+chrom[^"\s]*)/);
    if (!m) return undefined;
    const dir = m[1]!.replace(/\$APPNAME/g, 'chromium');
    for (const name of ['chromium', 'chrome', 'chromium-browser']) {
      const p = join(dir, name);
      if (isExecutable(p)) return p;
    }
  } catch {
    /* not readable: use it as it is */
  }
  return undefined;
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform = process.platform): FoundBrowser {
  const override = env.GUZHENG_BROWSER?.trim();
  if (override) {
    if (!isExecutable(override)) {
      throw new GuzhengError('E_BROWSER_NOT_FOUND',
        `环境变量 GUZHENG_BROWSER 指向的浏览器不存在或不可执行：${override}`,
        `GUZHENG_BROWSER points to a browser that does not exist or cannot be run: ${override}`);
    }
    const inner = throughLauncher(override);
    return inner ? { executable: inner, launcher: override, source: 'GUZHENG_BROWSER' } : { executable: override, source: 'GUZHENG_BROWSER' };
  }
  for (const c of candidates(platform, env)) {
    if (!isExecutable(c)) continue;
    const inner = throughLauncher(c);
    return inner ? { executable: inner, launcher: c, source: 'search' } : { executable: c, source: 'search' };
  }
  throw new GuzhengError('E_BROWSER_NOT_FOUND',
    '没有找到 Chrome、Chromium 或 Edge 浏览器。固证使用您电脑上已安装的浏览器，从不自行下载。请安装其中一个（Debian/Ubuntu：sudo apt-get install chromium；Windows/macOS：安装 Google Chrome 或 Microsoft Edge），或用环境变量 GUZHENG_BROWSER 指定浏览器程序的路径。',
    'No Chrome, Chromium or Edge browser was found. guzheng uses the browser already on your computer and never downloads one. Install one (Debian/Ubuntu: sudo apt-get install chromium; Windows/macOS: Google Chrome or Microsoft Edge), or set GUZHENG_BROWSER to the browser program\'s path.');
}
