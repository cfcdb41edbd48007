/**
 * Running an organisation's server: organisations, their users and roles, API tokens, quotas, the members of a case.
 * `guzheng admin …` calls these with the database's own credentials; the server's API calls the case-member ones for
 * a signed-in lawyer or owner.
 */
import { GuzhengError } from '../errors.js';
import { uuidv7 } from '../capture/ids.js';
import type { Vault } from '../vault/vault.js';
import { appendEvents } from '../vault/custody.js';
import { createToken, parseExpiry, revokeToken } from '../identity/credentials.js';
import { hashPassword } from '../identity/passwords.js';
import { parseRole, type Role } from '../identity/roles.js';
import { normalEmail } from '../identity/sign-in.js';

export interface OrgView { id: string; name: string; createdAt: string; capturesPerDay: number | null; storageBytes: number | null }

export async function addOrg(vault: Vault, name: string): Promise<OrgView> {
  const n = name.trim();
  if (!n || n.length > 200) throw new GuzhengError('E_USAGE', '请给出组织名称（最长 200 字）', 'Give the organisation a name (at most 200 characters)');
  if (await vault.db.selectFrom('orgs').select('id').where('name', '=', n).executeTakeFirst()) {
    throw new GuzhengError('E_EXISTS', `组织“${n}”已存在`, `The organisation "${n}" exists already`);
  }
  const row = { id: uuidv7(), name: n, created_at: new Date().toISOString(), captures_per_day: null, storage_bytes: null };
  await vault.db.insertInto('orgs').values(row).execute();
  return orgView(row);
}

const orgView = (r: { id: string; name: string; created_at: string; captures_per_day: number | null; storage_bytes: number | null }): OrgView =>
  ({ id: r.id, name: r.name, createdAt: r.created_at, capturesPerDay: r.captures_per_day, storageBytes: r.storage_bytes });

export async function findOrg(vault: Vault, name: string): Promise<OrgView> {
  const row = await vault.db.selectFrom('orgs').selectAll().where('name', '=', name.trim()).executeTakeFirst();
  if (!row) throw new GuzhengError('E_NOT_FOUND', `没有组织“${name}”`, `No organisation "${name}"`, 'guzheng admin org list');
  return orgView(row);
}

export async function listOrgs(vault: Vault): Promise<OrgView[]> {
  return (await vault.db.selectFrom('orgs').selectAll().orderBy('created_at').execute()).map(orgView);
}

export interface UserView { id: string; email: string; org: string; role: Role; hasPassword: boolean; createdAt: string }

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export async function addUser(vault: Vault, input: { email: string; org: string; role: string; password?: string | null }): Promise<UserView> {
  const email = normalEmail(input.email);
  if (!EMAIL.test(email)) throw new GuzhengError('E_USAGE', `不是电子邮件地址：${input.email}`, `Not an e-mail address: ${input.email}`);
  const role = parseRole(input.role);
  const org = await findOrg(vault, input.org);
  if (await vault.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
    throw new GuzhengError('E_EXISTS', `用户 ${email} 已存在`, `The user ${email} exists already`);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const row = { id: uuidv7(), email, org_id: org.id, role, password_hash: passwordHash, created_at: new Date().toISOString(), disabled: 0 };
  await vault.db.insertInto('users').values(row).execute();
  return { id: row.id, email, org: org.name, role, hasPassword: Boolean(passwordHash), createdAt: row.created_at };
}

async function findUser(vault: Vault, email: string, orgId?: string) {
  const row = await vault.db.selectFrom('users').selectAll().where('email', '=', normalEmail(email)).executeTakeFirst();
  if (!row || (orgId && row.org_id !== orgId)) throw new GuzhengError('E_NOT_FOUND', `没有用户 ${email}${orgId ? '（在本组织中）' : ''}`, `No user ${email}${orgId ? ' in this organisation' : ''}`);
  return row;
}

/** A user's new role; it applies at the user's next request (sessions and the user's tokens read it each time). */
export async function setRole(vault: Vault, email: string, role: string): Promise<{ email: string; role: Role; was: Role }> {
  const next = parseRole(role);
  const user = await findUser(vault, email);
  await vault.db.updateTable('users').set({ role: next }).where('id', '=', user.id).execute();
  return { email: user.email, role: next, was: parseRole(user.role) };
}

export async function setPassword(vault: Vault, email: string, password: string): Promise<void> {
  const user = await findUser(vault, email);
  await vault.db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', user.id).execute();
  await vault.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
}

export interface TokenRequest { org: string; user?: string | null; cases?: string[] | null; expires?: string | null; role?: string | null }

/** A new API token; `token` is shown this once. */
export async function addToken(vault: Vault, req: TokenRequest): Promise<{ id: string; token: string; org: string; user: string | null; role: Role; cases: string[] | null; expiresAt: string | null }> {
  const org = await findOrg(vault, req.org);
  const user = req.user ? await findUser(vault, req.user, org.id) : null;
  const role = user ? parseRole(user.role) : parseRole(req.role ?? 'staff');
  if (user && req.role) throw new GuzhengError('E_USAGE', '为用户签发的令牌使用该用户的角色，不能另给 --role', "A user's token has the user's role: leave out --role");
  let cases: string[] | null = null;
  if (req.cases?.length) {
    cases = [];
    for (const ref of req.cases) {
      const c = await vault.findCase(ref);
      if (c.org_id !== org.id) throw new GuzhengError('E_NOT_FOUND', `组织“${org.name}”中没有案件 ${ref}`, `The organisation "${org.name}" has no case ${ref}`);
      cases.push(c.id);
    }
  }
  const expiresAt = req.expires ? parseExpiry(req.expires) : null;
  const t = await createToken(vault, { org: org.id, user: user?.id ?? null, role, cases, expiresAt });
  return { id: t.id, token: t.token, org: org.name, user: user?.email ?? null, role, cases, expiresAt };
}

export { revokeToken };

export async function listTokens(vault: Vault, orgName: string): Promise<{ id: string; user: string | null; role: string; cases: string[] | null; createdAt: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null }[]> {
  const org = await findOrg(vault, orgName);
  const rows = await vault.db.selectFrom('api_tokens').leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'users.email', 'api_tokens.role', 'api_tokens.cases', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.org_id', '=', org.id).orderBy('api_tokens.created_at').execute();
  return rows.map((r) => ({ id: r.id, user: r.email, role: r.role, cases: r.cases ? JSON.parse(r.cases) : null, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at }));
}

/** Sizes as people write them: 500GB, 2TiB, 1048576. */
export function parseBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$/i.exec(value.trim());
  if (!m) throw new GuzhengError('E_USAGE', `不是大小：${value}（例如 500GB）`, `Not a size: ${value} (e.g. 500GB)`);
  const unit = (m[2] ?? 'B').toLowerCase();
  const mult: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };
  return Math.round(Number(m[1]) * mult[unit]!);
}

export async function setQuota(vault: Vault, orgName: string, q: { capturesPerDay?: number | null; storageBytes?: number | null }): Promise<OrgView> {
  const org = await findOrg(vault, orgName);
  const change: { captures_per_day?: number | null; storage_bytes?: number | null } = {};
  if (q.capturesPerDay !== undefined) change.captures_per_day = q.capturesPerDay;
  if (q.storageBytes !== undefined) change.storage_bytes = q.storageBytes;
  if (!Object.keys(change).length) throw new GuzhengError('E_USAGE', '请给出 --captures-per-day 或 --storage', 'Give --captures-per-day or --storage');
  await vault.db.updateTable('orgs').set(change).where('id', '=', org.id).execute();
  return findOrg(vault, orgName);
}

/** Adds a user of the case's organisation to the case (recorded in the case's custody log). */
export async function addCaseMember(vault: Vault, caseRef: string, email: string): Promise<{ case: string; user: string }> {
  const c = await vault.findCase(caseRef);
  if (!c.org_id) throw new GuzhengError('E_USAGE', '本机应用的案件没有成员', 'A case of the local app has no members');
  const user = await findUser(vault, email, c.org_id);
  await vault.write(async (trx) => {
    await trx.insertInto('case_members').values({ case_id: c.id, user_id: user.id, added_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing()).execute();
    await appendEvents(trx, [{ stream: c.id, type: 'noted', detail: { member: user.email, role: user.role } }]);
  });
  return { case: c.id, user: user.email };
}
