/**
 * Bilibili (bilibili.com, t.bilibili.com, b23.tv). A dynamic (动态/opus) from the web-dynamic API the page loaded
 * (feed/detail or a feed/space list holding it); a video from /x/web-interface/view. A dynamic's forward is 转发
 * (reposts); a video's stat.share is 分享 (uses of the share button), kept as shares, never as reposts.
 */
import { emptyFacts, fact, listMissing, parseJson, responsesMatching, setCount, setState, warcSource } from './facts.js';
import { fromUnix } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

function ids(url: URL): { dynamic: string | null; bvid: string | null } {
  return { dynamic: /^\/(?:opus\/)?(\d{15,})/.exec(url.pathname)?.[1] ?? null, bvid: /\/video\/(BV\w+)/.exec(url.pathname)?.[1] ?? null };
}

export const bilibili: PlatformModule = {
  id: 'bilibili',
  name: { zh: '哔哩哔哩', en: 'Bilibili' },
  loginUrl: 'https://passport.bilibili.com/login',
  match: (url) => /(^|\.)bilibili\.com$|^b23\.tv$/.test(url.hostname),
  // Comments load as the list scrolls; a comment's replies open in place ("共 N 条回复, 点击查看").
  behaviour: { expand: { label: /^(展开|展开更多)$/, max: 5, what: '展开' }, moreReplies: /^点击查看$/, commentsPerLoad: 20 },

  extract(r: Recorded): PostFacts {
    const f = emptyFacts('bilibili', r);
    const { dynamic, bvid } = ids(new URL(r.finalUrl ?? r.url));
    if (dynamic) {
      for (const res of responsesMatching(r, /\/x\/polymer\/web-dynamic\/v1\/(feed\/detail|feed\/space|opus\/detail)/)) {
        const d = parseJson(res)?.data;
        const item = (d?.item ? [d.item] : d?.items ?? []).find((i: any) => i.id_str === dynamic);
        if (!item) continue;
        const src = warcSource(res, `item ${dynamic}`);
        const a = item.modules?.module_author ?? {};
        const st = item.modules?.module_stat ?? {};
        const dyn = item.modules?.module_dynamic ?? {};
        setState(f, 'normal', src);
        f.postId = fact(item.id_str, src);
        f.canonicalUrl = fact(`https://www.bilibili.com/opus/${item.id_str}`, src);
        f.author.name = fact(a.name, src);
        f.author.id = fact(a.mid === undefined ? null : String(a.mid), src);
        f.author.profileUrl = fact(a.mid ? `https://space.bilibili.com/${a.mid}` : null, src);
        f.publishedAt = fact(fromUnix(a.pub_ts), src, a.pub_ts);
        f.ipLocation = fact(typeof a.pub_location_text === 'string' ? a.pub_location_text.replace(/^IP属地[:：]/, '') : null, src);
        f.text = fact(dyn.desc?.text ?? dyn.major?.opus?.summary?.text ?? dyn.major?.archive?.desc ?? null, src);
        setCount(f, 'comments', st.comment?.count, `${src} module_stat.comment`);
        setCount(f, 'reposts', st.forward?.count, `${src} module_stat.forward`); // 转发: the dynamic passed on as a dynamic
        setCount(f, 'likes', st.like?.count, `${src} module_stat.like`);
        if (dyn.major?.archive) {
          setCount(f, 'plays', dyn.major.archive.stat?.play, `${src} archive.stat.play`);
          setCount(f, 'danmaku', dyn.major.archive.stat?.danmaku, `${src} archive.stat.danmaku`);
        }
        for (const p of dyn.major?.draw?.items ?? dyn.major?.opus?.pics ?? []) if (p.src ?? p.url) f.media.push({ type: 'image', url: p.src ?? p.url, source: src });
        break;
      }
    }
    if (bvid) {
      for (const res of responsesMatching(r, /\/x\/web-interface\/(wbi\/)?view\?/)) {
        const d = parseJson(res);
        if (d?.code && d.code !== 0) {
          setState(f, d.code === -404 || d.code === 62002 ? 'not-found' : 'unavailable', warcSource(res, 'code'), `Bilibili answered code ${d.code}: ${d.message ?? ''}`);
          continue;
        }
        const v = d?.data;
        if (!v || v.bvid !== bvid) continue;
        const src = warcSource(res, `video ${bvid}`);
        setState(f, 'normal', src);
        f.postId = fact(v.bvid, src, v.aid);
        f.canonicalUrl = fact(`https://www.bilibili.com/video/${v.bvid}`, src);
        f.title = fact(v.title, src);
        f.author.name = fact(v.owner?.name, src);
        f.author.id = fact(v.owner?.mid === undefined ? null : String(v.owner.mid), src);
        f.author.profileUrl = fact(v.owner?.mid ? `https://space.bilibili.com/${v.owner.mid}` : null, src);
        f.publishedAt = fact(fromUnix(v.pubdate), src, v.pubdate);
        f.text = fact(v.desc, src);
        for (const [k, n] of [['view', 'plays'], ['danmaku', 'danmaku'], ['reply', 'comments'], ['favorite', 'favourites'], ['share', 'shares'], ['like', 'likes']] as const) setCount(f, n, v.stat?.[k], `${src} stat.${k}`);
      }
    }
    f.postId ??= fact(dynamic ?? bvid, 'the URL');
    listMissing(f);
    return f;
  },
};
