/**
 * Signing in with an e-mail and a password. Failures are counted in the database (so every server process shares
 * them): after LIMITS.perEmail failures for one e-mail, or LIMITS.perAddress from one address, within
 * LIMITS.windowMinutes, sign-in is refused with E_RATE_LIMIT until the window has passed. An unknown e-mail takes
 * as long to refuse as a wrong password.
 */
import { GuzhengError } from '../errors.js';
import type { Vault } from '../vault/vault.js';
import { createSession, principalOfSession } from './credentials.js';
import { verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';

export const LIMITS = { perEmail: 5, perAddress: 20, windowMinutes: 15 };

export const normalEmail = (email: string) => email.trim().toLowerCase();

export async function signIn(vault: Vault, input: { email: unknown; password: unknown }, address: string, now = new Date()): Promise<{ principal: Principal; cookie: string; csrf: string; expiresAt: string }> {
  if (typeof input.email !== 'string' || typeof input.password !== 'string' || !input.email || !input.password) {
    throw new GuzhengError('E_USAGE', '请填写电子邮件和密码', 'Give your e-mail and password');
  }
  const email = normalEmail(input.email).slice(0, 320);
  const since = new Date(now.getTime() - LIMITS.windowMinutes * 60_000).toISOString();
  const keys = [`email:${email}`, `address:${address}`];
  const counts = await vault.db.selectFrom('login_failures').select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', keys).where('at', '>', since).groupBy('key').execute();
  const count = (k: string) => Number(counts.find((c) => c.key === k)?.n ?? 0);
  if (count(keys[0]!) >= LIMITS.perEmail || count(keys[1]!) >= LIMITS.perAddress) {
    throw new GuzhengError('E_RATE_LIMIT', `登录失败次数太多，请 ${LIMITS.windowMinutes} 分钟后再试`, `Too many failed sign-ins: try again in ${LIMITS.windowMinutes} minutes`);
  }
  const user = await vault.db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('email', '=', email).executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? null);
  if (!ok || !user || user.disabled) {
    await vault.db.insertInto('login_failures').values(keys.map((key) => ({ key, at: now.toISOString() }))).execute();
    await vault.db.deleteFrom('login_failures').where('at', '<', since).execute();
    throw new GuzhengError('E_AUTH', '电子邮件或密码不正确', 'The e-mail or password is not right');
  }
  await vault.db.deleteFrom('login_failures').where('key', '=', keys[0]!).execute();
  const session = await createSession(vault, user.id, now);
  const principal = (await principalOfSession(vault, session.cookie, now))!;
  return { principal, ...session };
}
