/**
 * Weibo (weibo.com, m.weibo.cn). Facts come from the status object the page loaded — m.weibo.cn /statuses/show,
 * weibo.com /ajax/statuses/show, the $render_data of a detail page, or an mblog in any recorded list — and the long
 * text and counts from /statuses/extend; the first comments from /comments/hotflow.
 */
import { emptyFacts, fact, htmlToText, listMissing, mainDocument, parseJson, responsesMatching, setCount, setState, warcSource } from './facts.js';
import { fromTwitterStyle } from './times.js';
import type { Comment, PlatformModule, PostFacts, Recorded, RecordedResponse } from './types.js';

const HOSTS = /(^|\.)weibo\.(com|cn)$/;

export function weiboPostId(url: URL): string | null {
  const m = /^\/(?:detail|status)\/(\w+)/.exec(url.pathname) ?? /^\/\d+\/(\w+)/.exec(url.pathname);
  return m ? m[1]! : null;
}

/** Every status object in a JSON value, however deep. */
function* statuses(v: any, depth = 0): Generator<any> {
  if (!v || typeof v !== 'object' || depth > 8) return;
  if ((typeof v.id === 'string' || typeof v.id === 'number') && typeof v.created_at === 'string' && v.user) yield v;
  for (const x of Array.isArray(v) ? v : Object.values(v)) yield* statuses(x, depth + 1);
}

function renderData(doc: RecordedResponse | null): any {
  const m = doc && /\$render_data\s*=\s*(\[[\s\S]*?\])\[0\]\s*\|\|/.exec(doc.body.toString('utf8'));
  try {
    return m ? JSON.parse(m[1]!) : null;
  } catch {
    return null;
  }
}

function findStatus(r: Recorded, id: string | null): { status: any; source: string } | null {
  const candidates: { status: any; source: string }[] = [];
  for (const res of responsesMatching(r, /weibo\.(com|cn)\//)) {
    const json = /json|javascript/.test(res.mime) ? parseJson(res) : null;
    for (const s of statuses(json)) candidates.push({ status: s, source: warcSource(res, 'status object') });
  }
  const doc = mainDocument(r);
  for (const s of statuses(renderData(doc))) candidates.push({ status: s, source: warcSource(doc!, '$render_data') });
  return candidates.find((c) => !id || [c.status.id, c.status.idstr, c.status.mid, c.status.bid, c.status.mblogid].map(String).includes(id)) ?? null;
}

const MAX_LISTED = 200;

function weiboComment(c: any, source: string): Comment {
  return { id: c.idstr ?? (c.id === undefined ? null : String(c.id)), author: c.user?.screen_name ?? null, authorId: c.user?.id ? String(c.user.id) : null,
    time: fromTwitterStyle(c.created_at), timeRaw: c.created_at ?? null, text: typeof c.text === 'string' ? htmlToText(c.text) : null,
    ipLocation: typeof c.source === 'string' && c.source ? c.source.replace(/^来自/, '') : null, likes: typeof c.like_count === 'number' ? c.like_count : null, source };
}

/**
 * The comments the page loaded (m.weibo.cn /comments/hotflow, weibo.com /ajax/statuses/buildComments), their
 * replies (nested, or loaded by /comments/hotFlowChild?cid= · buildComments?fetch_level=1&id=) and the repost list
 * (/statuses/repostTimeline), each once, in the order recorded.
 */
function readComments(r: Recorded, f: PostFacts): void {
  const byId = new Map<string, Comment>();
  const add = (list: Comment[], c: Comment) => {
    if (list.length >= MAX_LISTED || (c.id && byId.has(c.id))) return;
    if (c.id) byId.set(c.id, c);
    list.push(c);
  };
  for (const res of responsesMatching(r, /\/comments\/hotflow\?|\/comments\/hotFlowChild\?|\/ajax\/statuses\/buildComments\?/)) {
    const json = parseJson(res);
    const list: any[] = Array.isArray(json?.data?.data) ? json.data.data : Array.isArray(json?.data) ? json.data : [];
    const params = new URL(res.url).searchParams;
    const parentId = /hotFlowChild/.test(res.url) ? params.get('cid') : params.get('fetch_level') === '1' ? params.get('id') : null;
    const parent = parentId ? byId.get(parentId) : undefined;
    for (const c of list) {
      if (!c?.user) continue;
      const comment = weiboComment(c, warcSource(res, parent ? 'reply' : 'comment'));
      if (parentId) {
        if (parent) add((parent.replies ??= []), comment);
        continue;
      }
      add(f.comments, comment);
      for (const reply of Array.isArray(c.comments) ? c.comments : []) if (reply?.user) add((comment.replies ??= []), weiboComment(reply, warcSource(res, 'reply')));
    }
  }
  for (const res of responsesMatching(r, /\/statuses\/repostTimeline\?/)) {
    const json = parseJson(res);
    const list: any[] = Array.isArray(json?.data?.data) ? json.data.data : Array.isArray(json?.data) ? json.data : [];
    for (const m of list) {
      if (!m?.user) continue;
      const text = m.text_raw ?? m.text;
      add(f.reposts, { id: m.idstr ?? String(m.id), author: m.user.screen_name ?? null, authorId: m.user.id ? String(m.user.id) : null, time: fromTwitterStyle(m.created_at),
        timeRaw: m.created_at ?? null, text: typeof text === 'string' ? htmlToText(text) : null,
        ipLocation: typeof m.region_name === 'string' ? m.region_name.replace(/^发布于\s*/, '') : null, likes: typeof m.attitudes_count === 'number' ? m.attitudes_count : null,
        source: warcSource(res, 'repost') });
    }
  }
}

const GONE: [RegExp, PostFacts['state']['value'], string][] = [
  [/该微博已被删除|微博已被作者删除|此微博已被作者删除/, 'deleted-by-author', 'the page says the post was deleted'],
  [/违反了?《?微博社区公约》?|该微博因违规|已被屏蔽|内容违规/, 'removed-by-platform', 'the page says the post was removed for violating the rules'],
  [/微博不存在|页面不存在|抱歉，你访问的页面地址有误/, 'not-found', 'the page says the post does not exist'],
  [/由于作者设置|仅自己可见|暂无查看权限/, 'unavailable', 'the author has limited who can see it'],
];

export const weibo: PlatformModule = {
  id: 'weibo',
  name: { zh: '微博', en: 'Weibo' },
  loginUrl: 'https://passport.weibo.com/sso/signin?entry=miniblog',
  match: (url) => HOSTS.test(url.hostname),

  behaviour: {
    expand: { label: /^(展开|全文|展开全文)$/, max: 10, what: '展开全文' },
    reposts: { open: /^转发\s*[\d.万]*$/, back: /^评论\s*[\d.万]*$/, within: '[class*="tab"]' },
    moreComments: /^(点击)?(加载|查看)更多(评论)?$/,
    moreReplies: /^(共\s*\d+\s*条回复|查看\s*\d+\s*条回复|展开\s*\d+\s*条回复)/,
  },

  extract(r: Recorded): PostFacts {
    const f = emptyFacts('weibo', r);
    const id = weiboPostId(new URL(r.finalUrl ?? r.url)) ?? weiboPostId(new URL(r.url));
    const found = findStatus(r, id);
    const finalHost = new URL(r.finalUrl ?? r.url).hostname;
    // m.weibo.cn answers {"ok":-100,"url":"https://passport.weibo.com/…"} to a request that needs a login.
    const needsLogin = responsesMatching(r, /weibo\.(com|cn)\//).some((res) => /json/.test(res.mime) && parseJson(res)?.ok === -100);
    if (/passport\.weibo|login\.sina/.test(finalHost) || (!found && needsLogin) || (!found && /登录后查看|请先登录|立即登录/.test(r.visibleText) && !/展开全文/.test(r.visibleText))) {
      setState(f, 'login-wall', r.finalUrl ?? 'visible text', 'the page asks to log in instead of showing the post');
    }
    if (found) {
      const s = found.status;
      const src = found.source;
      setState(f, 'normal', src);
      f.postId = fact(String(s.idstr ?? s.id), src);
      const uid = s.user?.idstr ?? s.user?.id;
      f.author.name = fact(s.user?.screen_name, src);
      f.author.id = fact(uid === undefined ? null : String(uid), src);
      f.author.profileUrl = fact(uid ? `https://weibo.com/u/${uid}` : null, src, s.user?.profile_url);
      f.canonicalUrl = fact(uid && (s.bid ?? s.mblogid) ? `https://weibo.com/${uid}/${s.bid ?? s.mblogid}` : `https://m.weibo.cn/detail/${s.id}`, src);
      f.publishedAt = fact(fromTwitterStyle(s.created_at), src, s.created_at);
      if (s.edit_at) f.editedAt = fact(fromTwitterStyle(s.edit_at), src, s.edit_at);
      const region = typeof s.region_name === 'string' ? s.region_name.replace(/^发布于\s*/, '') : null;
      f.ipLocation = fact(region, src, s.region_name);
      const long = s.longText?.longTextContent ?? s.text_raw ?? s.text;
      f.text = fact(typeof long === 'string' ? htmlToText(long) : null, src);
      setCount(f, 'reposts', s.reposts_count, src);
      setCount(f, 'comments', s.comments_count, src);
      setCount(f, 'likes', s.attitudes_count, src);
      for (const p of s.pics ?? []) {
        const u = p.large?.url ?? p.url;
        if (u) f.media.push({ type: 'image', url: u, source: src });
      }
      const video = s.page_info?.urls ? Object.values(s.page_info.urls)[0] : s.page_info?.media_info?.stream_url;
      if (typeof video === 'string') f.media.push({ type: 'video', url: video, source: src });
    }
    // The long text and counts of /statuses/extend (what m.weibo.cn loads for 全文).
    for (const res of responsesMatching(r, /\/statuses\/extend\?/)) {
      const d = parseJson(res)?.data;
      if (!d || (id && !res.url.includes(id))) continue;
      if (f.state.value === 'unknown') setState(f, 'normal', warcSource(res, 'data'));
      f.postId ??= fact(id, warcSource(res, 'request id'));
      if (typeof d.longTextContent === 'string') f.text = fact(htmlToText(d.longTextContent), warcSource(res, 'data.longTextContent'));
      setCount(f, 'reposts', d.reposts_count, warcSource(res, 'data.reposts_count'));
      setCount(f, 'comments', d.comments_count, warcSource(res, 'data.comments_count'));
      setCount(f, 'likes', d.attitudes_count, warcSource(res, 'data.attitudes_count'));
    }
    readComments(r, f);
    if (f.state.value !== 'normal') {
      for (const [re, state, why] of GONE) {
        if (re.test(r.visibleText)) {
          setState(f, state, 'dom.html (visible text)', why);
          break;
        }
      }
    }
    f.postId ??= fact(id, 'the URL');
    listMissing(f);
    return f;
  },
};
