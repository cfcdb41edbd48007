/**
 * Xiaohongshu (小红书, xiaohongshu.com, xhslink.com). A note from the page's window.__INITIAL_STATE__ (noteDetailMap)
 * or the /api/sns/web/v1/feed answer (note_card) the page loaded.
 */
import { emptyFacts, fact, listMissing, mainDocument, parseJson, responsesMatching, setCount, setState, warcSource } from './facts.js';
import { fromUnix } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

const idOf = (url: URL) => /\/(?:explore|discovery\/item|item)\/([0-9a-f]{24})/.exec(url.pathname)?.[1] ?? null;

/** camelCase (page state) and snake_case (API) both. */
const pick = (o: any, camel: string, snake: string) => o?.[camel] ?? o?.[snake];

function fromNote(f: PostFacts, n: any, src: string): void {
  setState(f, 'normal', src);
  const id = pick(n, 'noteId', 'note_id');
  f.postId = fact(id, src);
  f.canonicalUrl = fact(id ? `https://www.xiaohongshu.com/explore/${id}` : null, src);
  f.title = fact(n.title, src);
  f.text = fact(n.desc, src);
  const user = n.user ?? {};
  const uid = pick(user, 'userId', 'user_id');
  f.author.name = fact(pick(user, 'nickname', 'nick_name') ?? user.nickname, src);
  f.author.id = fact(uid, src);
  f.author.profileUrl = fact(uid ? `https://www.xiaohongshu.com/user/profile/${uid}` : null, src);
  f.publishedAt = fact(fromUnix(n.time), src, n.time);
  f.editedAt = fact(fromUnix(pick(n, 'lastUpdateTime', 'last_update_time')), src, pick(n, 'lastUpdateTime', 'last_update_time'));
  f.ipLocation = fact(pick(n, 'ipLocation', 'ip_location'), src);
  const i = pick(n, 'interactInfo', 'interact_info') ?? {};
  setCount(f, 'likes', pick(i, 'likedCount', 'liked_count'), `${src} interactInfo.likedCount`);
  setCount(f, 'favourites', pick(i, 'collectedCount', 'collected_count'), `${src} interactInfo.collectedCount`);
  setCount(f, 'comments', pick(i, 'commentCount', 'comment_count'), `${src} interactInfo.commentCount`);
  setCount(f, 'shares', pick(i, 'shareCount', 'share_count'), `${src} interactInfo.shareCount`); // 分享, not 转发
  for (const img of pick(n, 'imageList', 'image_list') ?? []) {
    const u = pick(img, 'urlDefault', 'url_default') ?? img.url;
    if (u) f.media.push({ type: 'image', url: u, source: src });
  }
}

export const xiaohongshu: PlatformModule = {
  id: 'xiaohongshu',
  name: { zh: '小红书', en: 'Xiaohongshu (RED)' },
  loginUrl: 'https://www.xiaohongshu.com/explore',
  match: (url) => /(^|\.)(xiaohongshu|xhslink)\.com$/.test(url.hostname),
  behaviour: { expand: { label: /^展开$/, max: 3, what: '展开' }, moreReplies: /^展开\s*\d+\s*条回复$/ },

  extract(r: Recorded): PostFacts {
    const f = emptyFacts('xiaohongshu', r);
    const id = idOf(new URL(r.finalUrl ?? r.url)) ?? idOf(new URL(r.url));
    for (const res of responsesMatching(r, /\/api\/sns\/web\/v1\/feed/)) {
      const card = (parseJson(res)?.data?.items ?? []).map((x: any) => ({ ...x.note_card, note_id: x.note_card?.note_id ?? x.id })).find((n: any) => !id || n.note_id === id);
      if (card) fromNote(f, card, warcSource(res, 'data.items[].note_card'));
    }
    const doc = mainDocument(r);
    if (f.state.value !== 'normal' && doc) {
      const m = /window\.__INITIAL_STATE__\s*=\s*(\{[\s\S]*?\})\s*<\/script>/.exec(doc.body.toString('utf8'));
      try {
        const state = m ? JSON.parse(m[1]!.replace(/\bundefined\b/g, 'null')) : null;
        const map = state?.note?.noteDetailMap ?? {};
        const n = (id ? map[id]?.note : (Object.values(map)[0] as any)?.note) ?? null;
        if (n && (n.noteId || n.title || n.desc)) fromNote(f, n, warcSource(doc, 'window.__INITIAL_STATE__ note.noteDetailMap'));
      } catch {
        /* not this layout */
      }
    }
    if (f.state.value !== 'normal') {
      if (/当前笔记暂时无法浏览|笔记不见了|该内容因违规/.test(r.visibleText)) setState(f, /违规/.test(r.visibleText) ? 'removed-by-platform' : 'unavailable', 'dom.html (visible text)', 'the page says the note cannot be viewed');
      else if (/登录后查看|扫码登录|手机号登录/.test(r.visibleText)) setState(f, 'login-wall', 'dom.html (visible text)', 'Xiaohongshu asks to log in');
    }
    f.postId ??= fact(id, 'the URL');
    listMissing(f);
    return f;
  },
};
