/**
 * The organisation server's guard: who is calling (a browser session or an API token), and whether they may touch
 * the case a route names. Every /api/ call but signing in needs a caller; a browser's changes also need the
 * session's CSRF token in X-CSRF-Token (a page of another site cannot read it). A case, item, watch, job or file of
 * a case the caller may not see is answered 404, as if it did not exist; one they may see but not change, 403.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GuzhengError } from '../errors.js';
import type { Access, RouteGuard } from '../app/access.js';
import type { AppContext } from '../app/context.js';
import { CSP } from '../app/security.js';
import { principalOfSession, principalOfToken } from '../identity/credentials.js';
import { actorOf, authorizeCase, need, scopeOf, type Principal } from '../identity/principal.js';
import { withActor } from '../vault/custody.js';
import type { Vault } from '../vault/vault.js';

export const SERVER_COOKIE = 'guzheng_server_session';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes open without signing in: signing in itself, and telling the page whether it is signed in. */
export const PUBLIC_API = new Set(['/api/auth', '/api/auth/login']);

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/**
 * Calls a user (or a token) may make per minute on one server process, and how many of them may start work
 * (captures, imports, exports); past either, 429 with E_RATE_LIMIT and when to try again.
 */
export const USER_LIMITS = { callsPerMinute: 1200, changesPerMinute: 120 };

export class PerMinute {
  private readonly counts = new Map<string, { minute: number; calls: number; changes: number }>();

  hit(key: string, change: boolean): void {
    const minute = Math.floor(Date.now() / 60_000);
    let c = this.counts.get(key);
    if (!c || c.minute !== minute) {
      if (this.counts.size > 10_000) this.counts.clear();
      c = { minute, calls: 0, changes: 0 };
      this.counts.set(key, c);
    }
    c.calls++;
    if (change) c.changes++;
    if (c.calls > USER_LIMITS.callsPerMinute || c.changes > USER_LIMITS.changesPerMinute) {
      const wait = 60 - Math.floor((Date.now() / 1000) % 60);
      throw new GuzhengError('E_RATE_LIMIT', `请求太频繁，请 ${wait} 秒后再试`, `Too many requests: try again in ${wait} seconds`,
        `${USER_LIMITS.callsPerMinute} calls and ${USER_LIMITS.changesPerMinute} changes a minute per user`);
    }
  }
}

export class ServerGuard implements RouteGuard {
  private readonly callers = new WeakMap<FastifyRequest, Principal>();
  private readonly rate = new PerMinute();
  private ctx: AppContext | null = null;

  constructor(private readonly vault: Vault) {}

  /** The app's context, once built (jobs and documents name their case there). */
  attach(ctx: AppContext): void {
    this.ctx = ctx;
  }

  caller(req: FastifyRequest): Principal | undefined {
    return this.callers.get(req);
  }

  /** Signs the caller in from the request (before any route runs); a page without a session still loads. */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      reply.header('Content-Security-Policy', CSP).header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer')
        .header('X-Frame-Options', 'SAMEORIGIN').header('Cross-Origin-Opener-Policy', 'same-origin').header('Cache-Control', 'no-store');
      const path = new URL(req.url, 'http://server').pathname;
      if (!path.startsWith('/api/')) return;
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (bearer) {
        const p = await principalOfToken(this.vault, bearer);
        if (!p) throw new GuzhengError('E_AUTH', '令牌无效、已过期或已被吊销', 'The token is not valid, has expired or was revoked');
        this.callers.set(req, p);
        return;
      }
      const cookie = cookieValue(req.headers.cookie, SERVER_COOKIE);
      const p = cookie ? await principalOfSession(this.vault, cookie) : null;
      if (p) {
        if (UNSAFE.has(req.method) && path !== '/api/auth/login' && req.headers['x-csrf-token'] !== p.csrf) {
          throw new GuzhengError('E_ORIGIN', '拒绝访问：请求缺少本页面的安全令牌（CSRF），请刷新页面', "Refused: the request lacks this page's security token (CSRF); reload the page");
        }
        this.callers.set(req, p);
        return;
      }
      if (!PUBLIC_API.has(path)) throw new GuzhengError('E_AUTH', '未登录：请先登录，或用 Authorization: Bearer 令牌', 'Not signed in: sign in first, or send Authorization: Bearer <token>');
    });
  }

  skip(access: Access): boolean {
    return Boolean(access.local);
  }

  private principal(req: FastifyRequest): Principal {
    const p = this.callers.get(req);
    if (!p) throw new GuzhengError('E_AUTH', '未登录', 'Not signed in');
    return p;
  }

  async check(req: FastifyRequest, access: Access): Promise<void> {
    if (access.need === 'public') return;
    const p = this.principal(req);
    this.rate.hit(p.user?.id ?? p.ref, UNSAFE.has(req.method));
    if (access.need === 'none') return;
    if (!access.target) return need(p, access.need);
    const caseId = await this.caseOf(p, access.target, req.params as Record<string, string>);
    if (!caseId) throw new GuzhengError('E_NOT_FOUND', '找不到', 'Not found');
    await authorizeCase(this.vault, p, caseId, access.need);
  }

  /** The case a route's :id or :file belongs to, among the caller's organisation's; null when there is none. */
  private async caseOf(p: Principal, target: NonNullable<Access['target']>, params: Record<string, string>): Promise<string | null> {
    const ref = params.id ?? params.file ?? '';
    if (!/^[0-9a-z.-]{8,80}$/i.test(ref)) return null;
    const like = `${ref.replace(/[%_\\]/g, '')}%`;
    const db = this.vault.db;
    switch (target) {
      case 'case': {
        const rows = await db.selectFrom('cases').select('id').where('id', 'like', like).where('org_id', '=', p.org.id).limit(2).execute();
        return rows.length === 1 ? rows[0]!.id : null;
      }
      case 'item': {
        const rows = await db.selectFrom('items').innerJoin('cases', 'cases.id', 'items.case_id').select('items.case_id')
          .where('items.id', 'like', like).where('cases.org_id', '=', p.org.id).limit(2).execute();
        return rows.length === 1 ? rows[0]!.case_id : null;
      }
      case 'watch': {
        const row = await db.selectFrom('watches').select('case_id').where('id', '=', ref).executeTakeFirst();
        return row?.case_id ?? null;
      }
      case 'job':
        return (await this.ctx?.work.caseOf(ref)) ?? null;
      case 'export':
        return (await this.ctx?.work.caseOf(ref.replace(/\.wacz$/, ''))) ?? null;
      case 'document':
        return (await this.ctx?.documents.caseOf(ref.replace(/\.(pdf|docx)$/, ''))) ?? null;
    }
  }

  around<T>(req: FastifyRequest, fn: () => Promise<T>): Promise<T> {
    const p = this.callers.get(req);
    return p ? withActor(actorOf(p), fn) : fn();
  }

  async scope(req: FastifyRequest) {
    return scopeOf(this.vault, this.principal(req));
  }

  owner(req: FastifyRequest) {
    const p = this.principal(req);
    return { id: p.org.id, member: p.user?.id ?? null };
  }
}
