/**
 * The local app's guard. A random token made at each launch is given only in the printed URL; opening that URL
 * trades it for an HttpOnly, SameSite=Strict cookie. Every request must name the app's own host (127.0.0.1:PORT or
 * localhost:PORT: DNS rebinding gets 403), carry the cookie or `Authorization: Bearer <token>` (else 401), and
 * state-changing calls from a browser must come from the app's own origin. Every response carries a strict CSP.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GuzhengError } from '../errors.js';

export const COOKIE = 'guzheng_session';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; " +
  "frame-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

export const newToken = () => randomBytes(32).toString('base64url');

function same(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The page shown to a browser without the token: how to open the app. */
export const NO_TOKEN_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><link rel="icon" href="data:,"><title>固证 guzheng</title>
<body style="font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:40em;margin:4em auto;line-height:1.7">
<h1>请从终端打开固证 / Open guzheng from its terminal</h1>
<p>为了保护您的证据，只有启动应用时打印的网址才能打开它。请在终端里运行 <code>npm start</code>（或 <code>guzheng app</code>），然后打开它打印的第一行网址（以 <code>?token=</code> 结尾的那一行）。</p>
<p>To protect your evidence, the app opens only from the address it prints when it starts. Run <code>npm start</code> (or <code>guzheng app</code>) in a terminal and open the first line it prints (the one ending in <code>?token=…</code>).</p>
</body></html>`;

export function installGuard(app: FastifyInstance, token: string, port: () => number): void {
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('Content-Security-Policy', CSP).header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer')
      .header('X-Frame-Options', 'SAMEORIGIN').header('Cross-Origin-Opener-Policy', 'same-origin').header('Cache-Control', 'no-store');
    const hosts = [`127.0.0.1:${port()}`, `localhost:${port()}`];
    if (!hosts.includes(req.headers.host ?? '')) {
      throw new GuzhengError('E_HOST', `拒绝访问：请求的主机名“${req.headers.host ?? ''}”不是本应用的地址`, `Refused: the host "${req.headers.host ?? ''}" is not this app's address`);
    }
    const url = new URL(req.url, 'http://local');
    const isApi = url.pathname.startsWith('/api/');
    const given = url.searchParams.get('token');
    if (!isApi && given !== null) {
      if (!same(given, token)) return reply.code(401).type('text/html; charset=utf-8').send(NO_TOKEN_PAGE);
      return reply.code(303).header('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`).header('Location', '/').send();
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const byCookie = same(cookieValue(req.headers.cookie, COOKIE), token);
    const byBearer = same(bearer, token);
    if (!byCookie && !byBearer) {
      if (!isApi) return reply.code(401).type('text/html; charset=utf-8').send(NO_TOKEN_PAGE);
      throw new GuzhengError('E_AUTH', '未登录：缺少或错误的令牌。请打开应用启动时打印的网址。', 'Not signed in: the token is missing or wrong. Open the address the app printed when it started.');
    }
    if (UNSAFE.has(req.method)) {
      const origin = req.headers.origin;
      const allowed = hosts.map((h) => `http://${h}`);
      if (origin ? !allowed.includes(origin) : !byBearer) {
        throw new GuzhengError('E_ORIGIN', '拒绝访问：请求不是来自本应用的页面', 'Refused: the request does not come from this app\'s page', origin ?? 'no Origin header');
      }
    }
  });
}
