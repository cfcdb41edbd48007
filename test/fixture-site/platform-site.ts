/**
 * The platforms' real saved pages and API responses (../shared/fixtures), served over HTTPS on 127.0.0.1 under their
 * real host names: the browser maps the names here (--host-resolver-rules) and trusts the test certificate, so the
 * platform modules see the real URLs. Where the real sample is an API response, a small synthetic page (below)
 * loads it the way the platform's own page does.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeHostCert, type TestCert } from './tls.js';
import { weiboThread } from './weibo-thread.js';

const ROOT = join(import.meta.dirname, '..', '..');
const shared = (p: string) => readFileSync(join(ROOT, '..', 'shared', 'fixtures', p));

/** A synthetic page that fetches a recorded API answer and shows it, as the platform's page would. */
function shell(title: string, api: string, render: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><main id="post">加载中…</main>
<script>fetch(${JSON.stringify(api)}, { credentials: 'include' }).then((r) => r.json()).then((d) => { const el = document.getElementById('post'); ${render} });</script></body></html>`;
}

const WEIBO_ID = '4640329573078415';
const ROUTES: Record<string, { type: string; body: () => Buffer | string }> = {
  [`m.weibo.cn/detail/${WEIBO_ID}`]: { type: 'text/html; charset=utf-8', body: () => shell('微博正文 - 微博', '/api/container/getIndex?type=uid&value=1907518591&containerid=1076031907518591',
    `const m = d.data.cards.map((c) => c.mblog).find((m) => m && m.id === '${WEIBO_ID}');
     el.innerHTML = '<h3>' + m.user.screen_name + '</h3><div class="weibo-text">' + m.text + '</div>' + m.pics.map((p) => '<img width="60" src="' + p.large.url + '">').join('') + '<footer>转发 ' + m.reposts_count + ' 评论 ' + m.comments_count + ' 赞 ' + (m.attitudes_count / 10000).toFixed(1) + '万</footer>';`) },
  'm.weibo.cn/api/container/getIndex': { type: 'application/json; charset=utf-8', body: () => shared('weibo/m.weibo.cn_container_getIndex_1907518591_timeline.json') },
  'mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw': { type: 'text/html; charset=utf-8', body: () => shared('wechat/wae_2025_normal-article_04_bo-yuan-ba.html') },
  'mp.weixin.qq.com/s/-WZT_VzhmSkJRAjb6GwsUA': { type: 'text/html; charset=utf-8', body: () => shared('wechat/wae_content-violation_01.html') },
  'x.com/XDevelopers/status/1649191520250245121': { type: 'text/html; charset=utf-8', body: () => shell('X', '/i/api/graphql/3XDB26fBve-MmjHaWTUZxA/TweetDetail?variables=%7B%22focalTweetId%22%3A%221649191520250245121%22%7D',
    `el.textContent = 'Developers @XDevelopers · loaded';`) },
  'x.com/i/api/graphql/3XDB26fBve-MmjHaWTUZxA/TweetDetail': { type: 'application/json; charset=utf-8', body: () => shared('other/x_graphql_TweetDetail_raw_tweet_details.json') },
  'www.tiktok.com/@vantoan___/video/7305827432509082913': { type: 'text/html; charset=utf-8', body: () => shell('TikTok', '/api/item/detail/?itemId=7305827432509082913',
    `const i = d.itemInfo.itemStruct; el.textContent = i.author.nickname + ' ' + i.desc + ' ' + (i.stats.diggCount / 1e6).toFixed(1) + 'M';`) },
  'www.tiktok.com/api/item/detail/': { type: 'application/json; charset=utf-8', body: () => shared('other/tiktok_item_detail_7305827432509082913.json') },
  'www.zhihu.com/question/24825703/answer/39753456': { type: 'text/html; charset=utf-8', body: () => shared('other/zhihu_2015_answer.html') },
};

/** The secrets of the logged-in test: a session cookie set at login, a token the page sends, a cookie set during the visit. */
export const SECRETS = {
  session: `sub-secret-${randomBytes(8).toString('hex')}`,
  bearer: `bearer-secret-${randomBytes(8).toString('hex')}`,
  xsrf: `xsrf-secret-${randomBytes(8).toString('hex')}`,
};
const synthetic = (p: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'platforms', p));
/** The User-Agent of every visit to the log-in page: a visible (headed) browser does not call itself HeadlessChrome. */
export const loginVisits: string[] = [];
const LOGGED_IN: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void> = {
  'm.weibo.cn/login-fixture': (req, res) => {
    loginVisits.push(req.headers['user-agent'] ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': [`SUB=${SECRETS.session}; Path=/; Domain=.weibo.cn; Max-Age=86400; Secure; HttpOnly`, 'WBPSESS=visible-name-only; Path=/; Secure'] });
    res.end('<!doctype html><title>登录成功</title><p>登录成功</p>');
  },
  // Weibo's own log-in address (the platform module's loginUrl), as the app opens it: SYNTHETIC, logged in at once.
  'passport.weibo.com/sso/signin': (req, res) => {
    loginVisits.push(req.headers['user-agent'] ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': `SUB=${SECRETS.session}; Path=/; Domain=.weibo.com; Max-Age=86400; Secure; HttpOnly` });
    res.end('<!doctype html><title>登录成功</title><p>登录成功</p>');
  },
  'm.weibo.cn/detail/4990000000000002': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': `XSRF-TOKEN=${SECRETS.xsrf}; Path=/; Secure` });
    res.end(shell('微博正文 - 微博', '/statuses/show?id=4990000000000002', `el.textContent = d.ok === 1 ? d.data.user.screen_name + '：' + d.data.text : '登录后查看';`)
      .replace("{ credentials: 'include' }", `{ credentials: 'include', headers: { Authorization: 'Bearer ${SECRETS.bearer}', 'X-XSRF-TOKEN': '${SECRETS.xsrf}' } }`));
  },
  'm.weibo.cn/statuses/show': (req, res) => {
    const loggedIn = (req.headers.cookie ?? '').includes(SECRETS.session) && req.headers.authorization === `Bearer ${SECRETS.bearer}`;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(loggedIn ? synthetic('synthetic-m.weibo.cn_statuses_show_4990000000000002.json') : '{"ok":-100,"url":"https://passport.weibo.com/sso/signin"}');
  },
};

/** The post's pictures come from Weibo's image hosts; wx3 is left unreachable, so one picture is never loaded. */
export const PLATFORM_HOSTS = ['m.weibo.cn', 'passport.weibo.com', 'wx1.sinaimg.cn', 'wx2.sinaimg.cn', 'wx4.sinaimg.cn', 'mp.weixin.qq.com', 'x.com', 'www.tiktok.com', 'www.zhihu.com'];
const PHOTO = readFileSync(join(ROOT, 'assets', 'demo', 'media', 'photo.png'));

export interface PlatformSite {
  port: number;
  cert: TestCert;
  browserArgs: string;
  close(): Promise<void>;
}

/** An HLS stream made from the demo clip by the real ffmpeg: a master playlist, one variant, one-second segments. */
function makeHls(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guzheng-hls-fixture-'));
  execFileSync('ffmpeg', ['-loglevel', 'error', '-i', join(ROOT, 'assets', 'demo', 'media', 'clip.mp4'), '-c', 'copy', '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod',
    '-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'v720.m3u8')]);
  writeFileSync(join(dir, 'master.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=1280x720\nv720.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=200000,RESOLUTION=640x360\nv360.m3u8\n');
  return dir;
}

/** A DASH stream of the same clip (manifest, init and media segments by template). */
function makeDash(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guzheng-dash-fixture-'));
  execFileSync('ffmpeg', ['-loglevel', 'error', '-i', join(ROOT, 'assets', 'demo', 'media', 'clip.mp4'), '-c', 'copy', '-f', 'dash', '-seg_duration', '1', '-use_template', '1', '-use_timeline', '0', join(dir, 'stream.mpd')]);
  return dir;
}

/** A page that plays the DASH stream as a player would: the manifest, then every file it names. */
const DASH_PAGE = (files: string[]) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>视频</title></head><body><p>另一段视频</p><script>
(async () => {
  await (await fetch('/dash/stream.mpd')).text();
  for (const f of ${JSON.stringify(files)}) await (await fetch('/dash/' + f)).arrayBuffer();
  document.body.insertAdjacentHTML('beforeend', '<p id="done">loaded</p>');
})();
</script></body></html>`;

/** A page that plays the stream the way hls.js does: master playlist, the best variant, then its segments. */
const HLS_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>视频</title></head><body><p>一段视频</p><script>
(async () => {
  const master = await (await fetch('/hls/master.m3u8')).text();
  const variant = master.split('\\n').find((l) => l.endsWith('.m3u8'));
  const list = await (await fetch('/hls/' + variant)).text();
  for (const seg of list.split('\\n').filter((l) => l.endsWith('.ts'))) await (await fetch('/hls/' + seg)).arrayBuffer();
  document.body.insertAdjacentHTML('beforeend', '<p id="done">loaded</p>');
})();
</script></body></html>`;

export async function startPlatformSite(): Promise<PlatformSite> {
  const cert = makeHostCert(PLATFORM_HOSTS);
  const hls = makeHls();
  const dash = makeDash();
  const dashFiles = readdirSync(dash).filter((f) => f !== 'stream.mpd').sort();
  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
    if (/^wx\d\.sinaimg\.cn$/.test(url.hostname) && url.pathname.startsWith('/large/')) {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': PHOTO.length });
      return res.end(PHOTO);
    }
    if (url.hostname === 'www.zhihu.com' && url.pathname === '/zvideo/1') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(HLS_PAGE);
    }
    if (url.hostname === 'www.zhihu.com' && url.pathname === '/zvideo/2') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(DASH_PAGE(dashFiles));
    }
    if (url.hostname === 'www.zhihu.com' && url.pathname.startsWith('/dash/')) {
      const name = url.pathname.slice(6);
      if (!/^[\w.-]+$/.test(name) || !existsSync(join(dash, name))) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': name.endsWith('.mpd') ? 'application/dash+xml' : 'video/iso.segment' });
      return res.end(readFileSync(join(dash, name)));
    }
    if (url.hostname === 'www.zhihu.com' && url.pathname.startsWith('/hls/')) {
      const name = url.pathname.slice(5);
      if (!/^[\w.]+$/.test(name) || !existsSync(join(hls, name))) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t' });
      return res.end(readFileSync(join(hls, name)));
    }
    if (weiboThread(url, res, req)) return;
    const special = LOGGED_IN[`${url.hostname}${url.pathname}`];
    if (special) return special(req, res);
    const route = ROUTES[`${url.hostname}${url.pathname}`];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' });
    res.end(route.body());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const rules = [...PLATFORM_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(',');
  return {
    port, cert,
    browserArgs: `"--host-resolver-rules=${rules}" --ignore-certificate-errors-spki-list=${cert.spki}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
