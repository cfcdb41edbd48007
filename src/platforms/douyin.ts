/**
 * Douyin (douyin.com, iesdouyin.com) and TikTok (tiktok.com), the same aweme family. Douyin: the aweme_detail the
 * page loaded (/aweme/v1/web/aweme/detail), with ip_label; TikTok: /api/item/detail or the page's
 * __UNIVERSAL_DATA_FOR_REHYDRATION__ (itemInfo.itemStruct). share_count / shareCount is 分享 (uses of the share button),
 * kept as shares, never as reposts (转发).
 */
import { emptyFacts, fact, listMissing, mainDocument, parseJson, responsesMatching, setCount, setState, warcSource } from './facts.js';
import { fromUnix } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

const idOf = (url: URL) => /\/(?:video|note)\/(\d+)/.exec(url.pathname)?.[1] ?? url.searchParams.get('modal_id');

function fromAweme(f: PostFacts, a: any, src: string): void {
  setState(f, 'normal', src);
  f.postId = fact(String(a.aweme_id), src);
  f.author.name = fact(a.author?.nickname, src);
  f.author.id = fact(a.author?.uid ? String(a.author.uid) : null, src, a.author?.unique_id || a.author?.short_id || undefined);
  f.author.profileUrl = fact(a.author?.sec_uid ? `https://www.douyin.com/user/${a.author.sec_uid}` : null, src);
  f.canonicalUrl = fact(`https://www.douyin.com/video/${a.aweme_id}`, src);
  f.publishedAt = fact(fromUnix(a.create_time), src, a.create_time);
  f.ipLocation = fact(typeof a.ip_label === 'string' ? a.ip_label : null, src);
  f.text = fact(a.desc, src);
  const st = a.statistics ?? {};
  setCount(f, 'likes', st.digg_count, `${src} statistics.digg_count`);
  setCount(f, 'comments', st.comment_count, `${src} statistics.comment_count`);
  setCount(f, 'shares', st.share_count, `${src} statistics.share_count`);
  setCount(f, 'favourites', st.collect_count, `${src} statistics.collect_count`);
  if (st.play_count) setCount(f, 'plays', st.play_count, `${src} statistics.play_count`);
  const play = a.video?.play_addr?.url_list?.[0];
  if (play) f.media.push({ type: 'video', url: play, source: src });
  for (const img of a.images ?? []) if (img.url_list?.[0]) f.media.push({ type: 'image', url: img.url_list[0], source: src });
}

function fromItemStruct(f: PostFacts, i: any, src: string): void {
  setState(f, 'normal', src);
  f.postId = fact(String(i.id), src);
  f.author.name = fact(i.author?.nickname, src);
  f.author.id = fact(i.author?.id ? String(i.author.id) : null, src, i.author?.uniqueId ? `@${i.author.uniqueId}` : undefined);
  f.author.profileUrl = fact(i.author?.uniqueId ? `https://www.tiktok.com/@${i.author.uniqueId}` : null, src);
  f.canonicalUrl = fact(i.author?.uniqueId ? `https://www.tiktok.com/@${i.author.uniqueId}/video/${i.id}` : null, src);
  f.publishedAt = fact(fromUnix(i.createTime), src, i.createTime);
  f.ipLocation = fact(i.locationCreated ?? null, src);
  f.text = fact(i.desc, src);
  const st = i.statsV2 ?? i.stats ?? {};
  setCount(f, 'plays', st.playCount, `${src} stats.playCount`);
  setCount(f, 'likes', st.diggCount, `${src} stats.diggCount`);
  setCount(f, 'comments', st.commentCount, `${src} stats.commentCount`);
  setCount(f, 'shares', st.shareCount, `${src} stats.shareCount`);
  setCount(f, 'favourites', st.collectCount, `${src} stats.collectCount`);
  const play = i.video?.playAddr ?? i.video?.downloadAddr;
  if (play) f.media.push({ type: 'video', url: play, source: src });
}

export const douyin: PlatformModule = {
  id: 'douyin',
  name: { zh: '抖音 / TikTok', en: 'Douyin / TikTok' },
  loginUrl: 'https://www.douyin.com/',
  match: (url) => /(^|\.)(douyin|iesdouyin|tiktok)\.com$/.test(url.hostname),
  // Comments load as the list scrolls; replies open in place ("展开 N 条回复").
  behaviour: { moreReplies: /^展开\s*\d+\s*条回复$/, commentsPerLoad: 20 },

  extract(r: Recorded): PostFacts {
    const host = new URL(r.url).hostname;
    const f = emptyFacts(/tiktok/.test(host) ? 'tiktok' : 'douyin', r);
    f.module = 'douyin';
    const id = idOf(new URL(r.finalUrl ?? r.url)) ?? idOf(new URL(r.url));
    for (const res of responsesMatching(r, /\/aweme\/v1\/web\/aweme\/detail|\/aweme\/v1\/aweme\/detail|\/web\/api\/v2\/aweme\/iteminfo/)) {
      const d = parseJson(res);
      const a = d?.aweme_detail ?? d?.item_list?.[0];
      if (a && (!id || String(a.aweme_id) === id)) fromAweme(f, a, warcSource(res, 'aweme_detail'));
      else if (d && d.status_code === 0 && d.aweme_detail === null) setState(f, 'unavailable', warcSource(res, 'aweme_detail: null'), d.filter_detail?.filter_reason ?? 'Douyin returned no post');
    }
    for (const res of responsesMatching(r, /\/api\/item\/detail\/?\?/)) {
      const i = parseJson(res)?.itemInfo?.itemStruct;
      if (i && (!id || String(i.id) === id)) fromItemStruct(f, i, warcSource(res, 'itemInfo.itemStruct'));
    }
    const doc = mainDocument(r);
    if (f.state.value !== 'normal' && doc) {
      const m = /<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application\/json">([\s\S]*?)<\/script>/.exec(doc.body.toString('utf8'));
      try {
        const i = m ? JSON.parse(m[1]!).__DEFAULT_SCOPE__?.['webapp.video-detail']?.itemInfo?.itemStruct : null;
        if (i && (!id || String(i.id) === id)) fromItemStruct(f, i, warcSource(doc, '__UNIVERSAL_DATA_FOR_REHYDRATION__'));
      } catch {
        /* not this layout */
      }
    }
    if (f.state.value !== 'normal' && /作品不存在|视频不见了|该内容已被删除|Video currently unavailable|This video is unavailable/.test(r.visibleText)) {
      setState(f, 'unavailable', 'dom.html (visible text)', 'the page says the video is not available');
    }
    f.postId ??= fact(id, 'the URL');
    listMissing(f);
    return f;
  },
};
