/**
 * Saved logins. `guzheng login <platform>` logs in inside the platform's own browser profile folder,
 * <data folder>/logins/<platform>/profile (owner-only), which stays there for the next login. A capture with --login
 * reads the login from a copy of that profile (caches left out, the original never opened while in use), keeps
 * its cookies and local storage in <data folder>/logins/<platform>.json (owner-only), and starts its own fresh,
 * fully recorded context from them. Logins are never copied by backups and never put in a capture.
 */
import { chmod, cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GuzhengError } from '../errors.js';
import type { LoginState } from '../capture/options.js';

const dir = (home: string) => join(home, 'logins');
export const profileDir = (home: string, platform: string) => join(dir(home), platform, 'profile');

/** What a profile copy leaves out: caches (they could answer instead of the network) and locks of a running browser. */
const SKIP = new Set(['Cache', 'Code Cache', 'GPUCache', 'DawnCache', 'GrShaderCache', 'ShaderCache', 'CacheStorage', 'ScriptCache', 'Service Worker',
  'SingletonLock', 'SingletonSocket', 'SingletonCookie', 'lockfile']);

/** Makes the logins folder and the platform's profile folder, owner-only; returns the profile folder. */
export async function prepareProfile(home: string, platform: string): Promise<string> {
  const profile = profileDir(home, platform);
  await mkdir(profile, { recursive: true, mode: 0o700 });
  for (const d of [dir(home), join(dir(home), platform), profile]) await chmod(d, 0o700);
  return profile;
}

export async function saveLogin(home: string, platform: string, state: unknown, account: string | null): Promise<LoginState> {
  await mkdir(dir(home), { recursive: true, mode: 0o700 });
  await chmod(dir(home), 0o700);
  const statePath = join(dir(home), `${platform}.json`);
  await writeState(statePath, state);
  const meta: LoginState = { platform, statePath, account, savedAt: new Date().toISOString() };
  await writeFile(join(dir(home), `${platform}.meta.json`), JSON.stringify(meta, null, 2) + '\n', { mode: 0o600 });
  return meta;
}

async function writeState(statePath: string, state: unknown): Promise<void> {
  const tmp = `${statePath}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
  await rename(tmp, statePath);
}

export async function loadLogin(home: string, platform: string): Promise<LoginState> {
  try {
    const meta = JSON.parse(await readFile(join(dir(home), `${platform}.meta.json`), 'utf8')) as LoginState;
    await readFile(meta.statePath);
    return meta;
  } catch {
    throw new GuzhengError('E_NOT_FOUND', `没有保存的${platform}登录：请先运行 guzheng login ${platform}`, `No saved ${platform} login: run guzheng login ${platform} first`);
  }
}

interface BrowserState {
  cookies: { name: string; domain: string; path: string }[];
  origins: { origin: string }[];
}

/**
 * The profile's current state, plus what only the saved state has: session cookies (no expiry) live in the login
 * browser's memory and are not written to the profile, so the state taken at login keeps them.
 */
function mergeStates(saved: BrowserState, fresh: BrowserState): BrowserState {
  const key = (c: BrowserState['cookies'][number]) => `${c.name}\u0000${c.domain}\u0000${c.path}`;
  const have = new Set(fresh.cookies.map(key));
  const origins = new Set(fresh.origins.map((o) => o.origin));
  return {
    cookies: [...fresh.cookies, ...saved.cookies.filter((c) => !have.has(key(c)))],
    origins: [...fresh.origins, ...saved.origins.filter((o) => !origins.has(o.origin))],
  };
}

/**
 * Reads the current login from a copy of the platform's profile (the session may have been refreshed since it was
 * saved) and stores it for the capture. `read` opens the copy and returns its browser state. Without a profile
 * (a login saved by an older version) the saved state is used as it is.
 */
export async function refreshFromProfile(home: string, login: LoginState, read: (copy: string) => Promise<unknown>): Promise<LoginState> {
  const profile = profileDir(home, login.platform);
  if (!(await stat(profile).then((s) => s.isDirectory(), () => false))) return login;
  const copy = join(home, 'tmp', `login-${login.platform}-${process.pid}`);
  await rm(copy, { recursive: true, force: true });
  await mkdir(join(home, 'tmp'), { recursive: true });
  try {
    await cp(profile, copy, { recursive: true, filter: (src) => !SKIP.has(basename(src)) });
    await chmod(copy, 0o700);
    const saved = JSON.parse(await readFile(login.statePath, 'utf8')) as BrowserState;
    await writeState(login.statePath, mergeStates(saved, (await read(copy)) as BrowserState));
    return login;
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** The saved logins (their metadata only: the secrets stay in their owner-only files). */
export async function listLogins(home: string): Promise<Omit<LoginState, 'statePath'>[]> {
  const { readdir } = await import('node:fs/promises');
  const names = (await readdir(dir(home)).catch(() => [] as string[])).filter((n) => n.endsWith('.meta.json')).sort();
  const out: Omit<LoginState, 'statePath'>[] = [];
  for (const n of names) {
    try {
      const { platform, account, savedAt } = JSON.parse(await readFile(join(dir(home), n), 'utf8')) as LoginState;
      out.push({ platform, account, savedAt });
    } catch {
      // A half-written metadata file is not a login.
    }
  }
  return out;
}

/**
 * The Cookie header a saved login sends to `url` (cookies of its domain and path that have not expired), for the
 * light checks of watched posts; null when none applies.
 */
export async function cookieHeader(home: string, platform: string, url: string): Promise<string | null> {
  const meta = await loadLogin(home, platform);
  const state = JSON.parse(await readFile(meta.statePath, 'utf8')) as { cookies: { name: string; value: string; domain: string; path: string; expires?: number; secure?: boolean }[] };
  const u = new URL(url);
  const now = Date.now() / 1000;
  const fits = (c: { domain: string; path: string; expires?: number; secure?: boolean }) => {
    const d = c.domain.replace(/^\./, '');
    return (u.hostname === d || u.hostname.endsWith(`.${d}`)) && u.pathname.startsWith(c.path || '/') && !(c.expires && c.expires > 0 && c.expires < now)
      && !(c.secure && u.protocol !== 'https:');
  };
  const cookies = state.cookies.filter(fits);
  return cookies.length ? cookies.map((c) => `${c.name}=${c.value}`).join('; ') : null;
}
