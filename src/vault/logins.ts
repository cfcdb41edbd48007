/**
 * Saved logins: the browser state after `guzheng login <platform>` (cookies, local storage) in
 * <data folder>/logins/<platform>.json, owner-only, never copied by backups and never put in a capture. A capture
 * with --login starts a fresh context from it.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GuzhengError } from '../errors.js';
import type { LoginState } from '../capture/options.js';

const dir = (home: string) => join(home, 'logins');

export async function saveLogin(home: string, platform: string, state: unknown, account: string | null): Promise<LoginState> {
  await mkdir(dir(home), { recursive: true, mode: 0o700 });
  await chmod(dir(home), 0o700);
  const statePath = join(dir(home), `${platform}.json`);
  const savedAt = new Date().toISOString();
  const tmp = `${statePath}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
  await rename(tmp, statePath);
  const meta: LoginState = { platform, statePath, account, savedAt };
  await writeFile(join(dir(home), `${platform}.meta.json`), JSON.stringify(meta, null, 2) + '\n', { mode: 0o600 });
  return meta;
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
