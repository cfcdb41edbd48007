/**
 * API tokens and browser sessions. Both are 32 random bytes given to the caller once and kept only as their SHA-256:
 * a copy of the database does not let anyone in. Tokens belong to an organisation (and optionally a user and some
 * cases), expire, and can be revoked; sessions end after SESSION_HOURS or at sign-out, and carry a CSRF token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GuzhengError } from '../errors.js';
import type { Vault } from '../vault/vault.js';
import { uuidv7 } from '../capture/ids.js';
import type { Principal } from './principal.js';
import { parseRole, type Role } from './roles.js';

export const SESSION_HOURS = 12;
export const TOKEN_PREFIX = 'gzt_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

/** "30d", "12h", "90m" or a date (2027-01-31): when a token ends. */
export function parseExpiry(value: string, now = new Date()): string {
  const m = /^(\d{1,5})([dhm])$/.exec(value.trim());
  if (m) {
    const ms = Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
    if (ms > 0) return new Date(now.getTime() + ms).toISOString();
  }
  const d = new Date(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(d.getTime()) && d > now) return d.toISOString();
  throw new GuzhengError('E_USAGE', `--expires 应为 30d、12h、90m 这样的时长或将来的日期：${value}`, `--expires must be a span such as 30d, 12h, 90m, or a date to come: ${value}`);
}

export interface NewToken {
  org: string;
  user?: string | null;
  role?: Role | null;
  cases?: string[] | null;
  expiresAt?: string | null;
}

/** Makes a token; the secret is returned here once and never again. */
export async function createToken(vault: Vault, t: NewToken): Promise<{ id: string; token: string; expiresAt: string | null }> {
  const token = `${TOKEN_PREFIX}${secret()}`;
  const id = uuidv7();
  await vault.db.insertInto('api_tokens').values({
    id, org_id: t.org, user_id: t.user ?? null, role: t.role ?? 'staff', cases: t.cases ? JSON.stringify(t.cases) : null, sha256: sha256(token),
    created_at: new Date().toISOString(), expires_at: t.expiresAt ?? null, revoked_at: null, last_used_at: null,
  }).execute();
  return { id, token, expiresAt: t.expiresAt ?? null };
}

export async function revokeToken(vault: Vault, ref: string): Promise<{ id: string; revokedAt: string }> {
  if (!/^[0-9a-f-]{8,}$/.test(ref)) throw new GuzhengError('E_USAGE', `不是令牌编号：${ref}`, `Not a token id: ${ref}`);
  const rows = await vault.db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', 'like', `${ref}%`).limit(2).execute();
  if (rows.length !== 1) throw new GuzhengError(rows.length ? 'E_USAGE' : 'E_NOT_FOUND', rows.length ? `“${ref}”不唯一` : `找不到令牌 ${ref}`, rows.length ? `"${ref}" is ambiguous` : `No token ${ref}`);
  const at = rows[0]!.revoked_at ?? new Date().toISOString();
  await vault.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', rows[0]!.id).execute();
  return { id: rows[0]!.id, revokedAt: at };
}

/** The caller a bearer token stands for, or null when it is unknown, expired or revoked. */
export async function principalOfToken(vault: Vault, token: string, now = new Date()): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await vault.db.selectFrom('api_tokens').innerJoin('orgs', 'orgs.id', 'api_tokens.org_id')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.org_id', 'orgs.name as org_name', 'api_tokens.user_id', 'users.email', 'users.role as user_role', 'users.disabled',
      'api_tokens.role', 'api_tokens.cases', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.sha256', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString()) || row.disabled) return null;
  // Last use, to the minute: enough to see a forgotten token, without a write on every call.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await vault.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return {
    org: { id: row.org_id, name: row.org_name }, user: row.user_id ? { id: row.user_id, email: row.email! } : null,
    role: parseRole(row.user_id ? row.user_role : row.role), tokenCases: row.cases ? (JSON.parse(row.cases) as string[]) : null, via: 'token', ref: row.id,
  };
}

/** A new session for a user who has just signed in: the cookie's value (given once) and its CSRF token. */
export async function createSession(vault: Vault, userId: string, now = new Date()): Promise<{ cookie: string; csrf: string; expiresAt: string }> {
  const cookie = secret();
  const csrf = secret();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await vault.db.insertInto('sessions').values({ id: sha256(cookie), user_id: userId, csrf, created_at: now.toISOString(), expires_at: expiresAt }).execute();
  await vault.db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
  return { cookie, csrf, expiresAt };
}

export async function principalOfSession(vault: Vault, cookie: string, now = new Date()): Promise<(Principal & { csrf: string }) | null> {
  if (cookie.length > 100) return null;
  const row = await vault.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['sessions.id', 'sessions.csrf', 'sessions.expires_at', 'users.id as user_id', 'users.email', 'users.role', 'users.disabled', 'orgs.id as org_id', 'orgs.name as org_name'])
    .where('sessions.id', '=', sha256(cookie)).executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString() || row.disabled) return null;
  return { org: { id: row.org_id, name: row.org_name }, user: { id: row.user_id, email: row.email }, role: parseRole(row.role), tokenCases: null, via: 'session', ref: row.id, csrf: row.csrf };
}

export async function endSession(vault: Vault, ref: string): Promise<void> {
  await vault.db.deleteFrom('sessions').where('id', '=', ref).execute();
}
