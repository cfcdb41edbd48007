/**
 * SYNTHETIC platforms for watching, over HTTPS on 127.0.0.1 under the real host names (the browser and guzheng's own
 * light-check client both map them through GUZHENG_BROWSER_ARGS). The test sets each post's counts and state between
 * runs (`site.posts.*`), so that counts rise, a post is edited and later deleted, and a platform blocks. The answers
 * take the shapes of the synthetic samples in test/fixtures/platforms (marked synthetic there):
 *   Weibo     m.weibo.cn/statuses/show?id= (the mobile page's JSON) and weibo.com/ajax/statuses/show?id= (the second
 *             access mode); m.weibo.cn/detail/<id> is a page that loads the first, for full captures.
 *   Bilibili  api.bilibili.com/x/web-interface/view?bvid= and the video page www.bilibili.com/video/<bvid>/.
 *   Douyin    www.douyin.com/video/<id>: a page whose script "signs" its request for /aweme/v1/web/aweme/detail/
 *             (a_bogus); unsigned requests get an empty answer, as the real one gives: only a real page can check it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeHostCert } from './tls.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'platforms');
export const WEIBO_ID = '4990000000000002';
export const BVID = 'BV1Xx411c7mD';
export const AWEME_ID = '7300000000000000001';
const HOSTS = ['m.weibo.cn', 'weibo.com', 'api.bilibili.com', 'www.bilibili.com', 'www.douyin.com'];

export interface PostState {
  gone: boolean;
  /** Answer with the platform's blocking answer (Weibo HTTP 418, Bilibili code −412). */
  blocked?: boolean;
  /** The second access mode still sees the post (private in the first, say). */
  secondSees?: boolean;
  counts: Record<string, number>;
  text: string;
}

export interface WatchSite {
  browserArgs: string;
  posts: { weibo: PostState; bilibili: PostState; douyin: PostState };
  hits: Record<string, number>;
  /** The Cookie headers sent to Weibo's API. */
  cookies: string[];
  close(): Promise<void>;
}

/** The page's own "signature" of its request: the fixture's stand-in for a platform's signing script. */
const sign = (id: string) => createHash('sha256').update(`douyin-fixture:${id}`).digest('hex').slice(0, 24);

export async function startWatchSite(): Promise<WatchSite> {
  const cert = makeHostCert(HOSTS);
  const weiboSample = JSON.parse(readFileSync(join(FIX, 'synthetic-m.weibo.cn_statuses_show_4990000000000002.json'), 'utf8'));
  const douyinSample = JSON.parse(readFileSync(join(FIX, 'synthetic-douyin_aweme_detail_7300000000000000001.json'), 'utf8'));
  const site: WatchSite = {
    browserArgs: '', hits: {}, cookies: [],
    posts: {
      weibo: { gone: false, counts: { reposts: 300, comments: 40, likes: 900 }, text: '【扩散】大家看清楚某公司员工张某某（虚构人物）的真面目！' },
      bilibili: { gone: false, counts: { view: 3000, share: 200, reply: 30, like: 100, danmaku: 5, favorite: 7 }, text: '虚构的视频简介' },
      douyin: { gone: false, counts: { digg_count: 1000, share_count: 300, comment_count: 20, collect_count: 5 }, text: '曝光！某某（虚构人物）就是个骗子 #扩散' },
    },
    close: async () => {},
  };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const html = (res: import('node:http').ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>fixture</title></head><body>${body}</body></html>`);
  };
  const weiboStatus = () => {
    const p = site.posts.weibo;
    return { ok: 1, data: { ...weiboSample.data, text: p.text, reposts_count: p.counts.reposts, comments_count: p.counts.comments, attitudes_count: p.counts.likes } };
  };
  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = new URL(req.url!, `https://${req.headers.host}`);
    const key = `${url.hostname}${url.pathname}`;
    site.hits[key] = (site.hits[key] ?? 0) + 1;
    const { weibo, bilibili, douyin } = site.posts;
    if (key === 'm.weibo.cn/statuses/show' && url.searchParams.get('id') === WEIBO_ID) {
      if (req.headers.cookie) site.cookies.push(req.headers.cookie);
      // A login that has expired: Weibo asks to log in.
      if (/SUB=expired/.test(req.headers.cookie ?? '')) return json(res, 200, { ok: -100, url: 'https://passport.weibo.com/sso/signin?entry=wapsso' });
      if (weibo.blocked) return html(res, 418, '<p>请求过于频繁</p>');
      return weibo.gone ? json(res, 200, { ok: 0, msg: '该微博已被删除' }) : json(res, 200, weiboStatus());
    }
    if (key === 'weibo.com/ajax/statuses/show' && url.searchParams.get('id') === WEIBO_ID) {
      return weibo.gone && !weibo.secondSees ? json(res, 200, { ok: 0, message: '该微博不存在' }) : json(res, 200, weiboStatus().data);
    }
    if (key === `m.weibo.cn/detail/${WEIBO_ID}`) {
      return html(res, 200, `<main id="post">加载中…</main><script>fetch('/statuses/show?id=${WEIBO_ID}', { headers: { 'X-Requested-With': 'XMLHttpRequest' } }).then((r) => r.json()).then((d) => {
        const el = document.getElementById('post');
        if (!d.ok) { el.textContent = d.msg; return; }
        el.innerHTML = '<h3>' + d.data.user.screen_name + '</h3><div class="weibo-text">' + d.data.text + '</div><footer>转发 ' + d.data.reposts_count + ' 评论 ' + d.data.comments_count + ' 赞 ' + d.data.attitudes_count + '</footer>';
      });</script>`);
    }
    if (key === 'api.bilibili.com/x/web-interface/view' && url.searchParams.get('bvid') === BVID) {
      if (bilibili.blocked) return json(res, 200, { code: -412, message: '请求被拦截', ttl: 1 });
      if (bilibili.gone) return json(res, 200, { code: 62002, message: '稿件不可见', ttl: 1 });
      return json(res, 200, { code: 0, message: '0', ttl: 1, data: { bvid: BVID, aid: 170001, title: '虚构的视频（合成样本）', desc: bilibili.text, pubdate: 1772457240,
        owner: { mid: 90000001, name: '示例UP主' }, stat: { ...bilibili.counts } } });
    }
    if (key === `www.bilibili.com/video/${BVID}/`) {
      return bilibili.gone && !bilibili.secondSees ? html(res, 404, '<p>啥都木有</p>') : html(res, 200, `<h1>虚构的视频（合成样本）</h1><p>${bilibili.counts.view} 播放</p>`);
    }
    if (key === `www.douyin.com/video/${AWEME_ID}`) {
      // The platform's own script computes the signature; the fixture's stand-in is a hash the page computes in the browser.
      return html(res, 200, `<main id="post">加载中…</main><script>
        (async () => {
          const data = new TextEncoder().encode('douyin-fixture:${AWEME_ID}');
          const sig = [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 24);
          const d = await (await fetch('/aweme/v1/web/aweme/detail/?aweme_id=${AWEME_ID}&a_bogus=' + sig)).json();
          const el = document.getElementById('post');
          if (!d.aweme_detail) { el.textContent = (d.filter_detail && d.filter_detail.notice) || '作品不存在'; return; }
          el.textContent = d.aweme_detail.author.nickname + '：' + d.aweme_detail.desc + ' 点赞 ' + d.aweme_detail.statistics.digg_count;
        })();
      </script>`);
    }
    if (key === 'www.douyin.com/aweme/v1/web/aweme/detail/') {
      if (url.searchParams.get('a_bogus') !== sign(AWEME_ID)) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('');
      }
      if (douyin.gone) return json(res, 200, { status_code: 0, aweme_detail: null, filter_detail: { aweme_id: AWEME_ID, filter_reason: 'status_deleted', notice: '作品已删除' } });
      return json(res, 200, { ...douyinSample, aweme_detail: { ...douyinSample.aweme_detail, desc: douyin.text, statistics: { ...douyinSample.aweme_detail.statistics, ...douyin.counts } } });
    }
    html(res, 404, '<p>not found</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const rules = [...HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(',');
  site.browserArgs = `"--host-resolver-rules=${rules}" --ignore-certificate-errors-spki-list=${cert.spki}`;
  site.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return site;
}
