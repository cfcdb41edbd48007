/**
 * guzheng serve: the organisation's witness server. The local app's API and UI (src/app/), on PostgreSQL and an
 * S3-compatible bucket, with sign-in: users with roles, browser sessions, API tokens, and each call checked against
 * the case it touches (guard.ts). The routes that only make sense on one's own machine (a login window, backups of a
 * data folder, the demo post) are not offered.
 */
import type { FastifyInstance } from 'fastify';
import { GuzhengError } from '../errors.js';
import { buildApp } from '../app/server.js';
import { bool, obj, str } from '../app/openapi.js';
import { Vault, type VaultOptions } from '../vault/vault.js';
import { endSession, SESSION_HOURS } from '../identity/credentials.js';
import { signIn } from '../identity/sign-in.js';
import { addCaseMember } from '../actions/admin.js';
import { ServerGuard, SERVER_COOKIE } from './guard.js';
import { openQueue, queueSettings } from './queue.js';
import { QueuedWork } from './queued-work.js';
import { keySecret, orgKeyHome } from '../identity/org-keys.js';
import { StoredDocuments } from '../app/document-files.js';

export interface ServerOptions {
  home: string;
  vault: VaultOptions;
  host: string;
  port: number;
  uiDir?: string;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  vault: Vault;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!options.vault.db) throw new GuzhengError('E_USAGE', '组织服务器需要 PostgreSQL：请用 --db postgres://… 给出', 'The organisation server needs PostgreSQL: give it with --db postgres://…');
  // Imports made here are sealed with the organisation's key, as the workers' captures are.
  const secret = keySecret();
  const vault = await Vault.open(options.home, options.vault);
  // Captures are the workers' (on any machine): the server only queues them, and never judges a capture interrupted.
  const boss = await openQueue(options.vault.db, queueSettings());
  const guard = new ServerGuard(vault);
  const { app, ctx } = buildApp({ vault, home: options.home, guard, uiDir: options.uiDir, organisation: true, secure: (a) => guard.install(a), work: () => new QueuedWork(vault, options.home, boss),
    // Behind an HTTPS reverse proxy (GUZHENG_TRUST_PROXY=1): the caller's address and https come from its headers.
    trustProxy: process.env.GUZHENG_TRUST_PROXY === '1',
    documents: new StoredDocuments(vault, options.home),
    signingHome: async (caseId) => {
      const row = await vault.db.selectFrom('cases').select('org_id').where('id', '=', caseId).executeTakeFirstOrThrow();
      return orgKeyHome(vault, options.home, row.org_id!, secret);
    } });
  guard.attach(ctx);
  const { api } = ctx;
  const me = obj({ server: bool, signedIn: bool, email: str, org: str, role: str, csrf: str });

  api.route({ method: 'GET', url: '/api/auth', tag: 'auth', summary: '是否已登录；登录后给出用户、组织、角色和 CSRF 令牌 / whether signed in; then the user, organisation, role and CSRF token',
    access: { need: 'public' }, responses: { 200: { description: 'who', schema: me } } },
  async (req) => {
    const p = guard.caller(req);
    if (!p) return { server: true, signedIn: false };
    return { server: true, signedIn: true, email: p.user?.email ?? null, org: p.org.name, role: p.role, via: p.via, ...('csrf' in p ? { csrf: (p as { csrf: string }).csrf } : {}) };
  });

  api.route({ method: 'POST', url: '/api/auth/login', tag: 'auth', summary: '用电子邮件和密码登录（失败过多会被暂时拒绝）/ sign in with e-mail and password (refused for a while after too many failures)',
    access: { need: 'public' }, body: obj({ email: str, password: str }, ['email', 'password']), responses: { 200: { description: 'signed in', schema: me } } },
  async (req, reply) => {
    const s = await signIn(vault, req.body as { email: unknown; password: unknown }, req.ip);
    const secure = req.protocol === 'https' ? '; Secure' : '';
    reply.header('Set-Cookie', `${SERVER_COOKIE}=${s.cookie}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}${secure}`);
    return { server: true, signedIn: true, email: s.principal.user?.email, org: s.principal.org.name, role: s.principal.role, csrf: s.csrf };
  });

  api.route({ method: 'POST', url: '/api/auth/logout', tag: 'auth', summary: '退出登录 / sign out', access: { need: 'none' },
    responses: { 200: { description: 'signed out', schema: obj({ signedIn: bool }) } } },
  async (req, reply) => {
    const p = guard.caller(req);
    if (p?.via === 'session') await endSession(vault, p.ref);
    reply.header('Set-Cookie', `${SERVER_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return { signedIn: false };
  });

  api.route({ method: 'POST', url: '/api/cases/:id/members', tag: 'cases', summary: '把本组织的用户加入案件（记入保管记录）/ add a user of the organisation to the case (custody-logged)',
    access: { need: 'manage', target: 'case' }, body: obj({ email: str }, ['email']), responses: { 201: { description: 'added', schema: obj({ case: str, user: str }) } } },
  async (req, reply) => {
    const r = await addCaseMember(vault, (req.params as { id: string }).id, (req.body as { email: string }).email);
    reply.code(201);
    return r;
  });

  await app.listen({ host: options.host, port: options.port });
  const { port } = app.server.address() as { port: number };
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${port}/`, app, vault,
    close: async () => {
      await app.close();
      await Promise.all([ctx.jobs.idle(), ctx.work.idle()]).catch(() => undefined);
      await boss.stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => undefined);
      await vault.close();
    },
  };
}
