/**
 * A site that puts its login in URLs, as many do: the log-in page sets a session cookie; the post is reached by a
 * redirect whose Location carries ?access_token=…&sign=…; the page loads a picture, a script and an API answer with
 * tokens in their URLs (one of them by a second redirect), links to a next page with a session id, shows its own
 * address, and names its canonical URL with the token in it. Plain HTTP on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const PHOTO = readFileSync(join(ROOT, 'assets', 'demo', 'media', 'photo.png'));
const hex = (n: number) => randomBytes(n).toString('hex');

/** Every secret the site hands out; none of them may be left in any file of a logged-in capture. */
export const URL_SECRETS = {
  /** In the page URL (from the redirect), the picture, the API call, the canonical URL, the page's own text. */
  accessToken: `SECRETVALUE123${hex(6)}`,
  /** A short signature (under the length searched for elsewhere): found by its parameter name only. */
  sign: `Sg${hex(2)}`,
  /** In the script's URL. */
  ticket: `ST-${hex(10)}-cas`,
  /** Only in the page's inline script, sent as ?token= by fetch: found by its value once the request shows it. */
  apiToken: `apitok${hex(8)}`,
  /** In a link that is never followed (a long URL, so the MHTML wraps it across lines). */
  sid: `sid${hex(12)}`,
  /** The session cookie set at log-in. */
  cookie: `sess-${hex(10)}`,
};

export interface TokenSite {
  url: string;
  close(): Promise<void>;
}

export async function startTokenSite(): Promise<TokenSite> {
  const s = URL_SECRETS;
  const q = `access_token=${s.accessToken}&sign=${s.sign}`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    switch (url.pathname) {
      case '/login':
        return send(200, 'text/html; charset=utf-8', '<!doctype html><title>登录成功</title><p>登录成功</p>', { 'set-cookie': `SESS=${s.cookie}; Path=/; Max-Age=86400; HttpOnly` });
      case '/start':
        return send(302, 'text/plain', 'moved', { location: `/post/1?${q}&uid=7000000001` });
      case '/post/1': {
        const loggedIn = (req.headers.cookie ?? '').includes(s.cookie) && url.searchParams.get('access_token') === s.accessToken;
        if (!loggedIn) return send(200, 'text/html; charset=utf-8', '<!doctype html><title>请登录</title><p>登录后查看</p>');
        const pad = 'p'.repeat(60);
        return send(200, 'text/html; charset=utf-8', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>一条只有登录才能看的帖子</title>
<link rel="canonical" href="/post/1?${q}"><meta property="og:url" content="http://127.0.0.1/post/1?${q.replace('&', '&amp;')}">
<script src="/app.js?ticket=${s.ticket}"></script></head><body>
<article><h1>示例用户甲：一条只有登录才能看的帖子</h1><p>这是一条虚构的帖子，用来检查登录取证时网址里的令牌是否都被替换。</p>
<img src="/img/redirect.png?${q.replace('&', '&amp;')}" width="80" alt="配图">
<p>本页地址：<span id="here"></span></p><p id="api">加载中…</p>
<a href="/next?filler=${pad}&amp;sid=${s.sid}&amp;page=2">下一页</a></article>
<script>
  document.getElementById('here').textContent = location.href;
  var apiToken = '${s.apiToken}';
  fetch('/api/more?token=' + apiToken).then(function (r) { return r.json(); }).then(function (d) { document.getElementById('api').textContent = '更多：' + d.next; });
</script></body></html>`);
      }
      case '/app.js':
        return send(200, 'application/javascript', 'window.appLoaded = true;');
      case '/img/redirect.png':
        return send(302, 'text/plain', 'moved', { location: `/img/photo.png?${q}` });
      case '/img/photo.png':
        return send(200, 'image/png', PHOTO);
      case '/api/more':
        return send(200, 'application/json; charset=utf-8', JSON.stringify({ next: `/api/more?page=2&access_token=${s.accessToken}&sign=${s.sign}` }));
      default:
        return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
