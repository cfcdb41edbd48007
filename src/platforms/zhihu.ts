/**
 * Zhihu (zhihu.com, zhuanlan.zhihu.com). Modern pages carry their data in <script id="js-initialData"> (entities.
 * answers / articles / pins); older pages in the answer's markup (data-aid, data-created, data-votecount). Both are
 * read from the page as received.
 */
import { emptyFacts, fact, htmlToText, listMissing, mainDocument, setCount, setState, warcSource } from './facts.js';
import { fromUnix } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

function ids(url: URL): { kind: 'answers' | 'articles' | 'pins' | null; id: string | null } {
  const answer = /\/answer\/(\d+)/.exec(url.pathname);
  if (answer) return { kind: 'answers', id: answer[1]! };
  const article = /^\/p\/(\d+)/.exec(url.pathname);
  if (article && url.hostname.startsWith('zhuanlan')) return { kind: 'articles', id: article[1]! };
  const pin = /^\/pin\/(\d+)/.exec(url.pathname);
  return pin ? { kind: 'pins', id: pin[1]! } : { kind: null, id: null };
}

function fromInitialData(f: PostFacts, html: string, kind: string, id: string, src: string): boolean {
  const m = /<script id="js-initialData" type="text\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) return false;
  let e: any;
  try {
    e = JSON.parse(m[1]!).initialState?.entities?.[kind]?.[id];
  } catch {
    return false;
  }
  if (!e) return false;
  const s = `${src} js-initialData entities.${kind}.${id}`;
  setState(f, 'normal', s);
  f.postId = fact(String(e.id), s);
  f.author.name = fact(e.author?.name, s);
  f.author.id = fact(e.author?.urlToken ?? e.author?.id, s);
  f.author.profileUrl = fact(e.author?.urlToken ? `https://www.zhihu.com/people/${e.author.urlToken}` : null, s);
  f.publishedAt = fact(fromUnix(e.createdTime ?? e.created ?? e.created_time), s, e.createdTime ?? e.created);
  f.editedAt = fact(fromUnix(e.updatedTime ?? e.updated), s, e.updatedTime ?? e.updated);
  f.ipLocation = fact(typeof e.ipInfo === 'string' ? e.ipInfo.replace(/^IP\s*属地\s*/, '') : null, s, e.ipInfo);
  f.title = fact(e.title ?? e.question?.title, s);
  f.text = fact(typeof e.content === 'string' ? htmlToText(e.content) : null, s);
  setCount(f, 'likes', e.voteupCount ?? e.likeCount, `${s} voteupCount`);
  setCount(f, 'comments', e.commentCount, `${s} commentCount`);
  setCount(f, 'favourites', e.favlistsCount, `${s} favlistsCount`);
  return true;
}

async function fromLegacyMarkup(f: PostFacts, html: string, id: string, src: string): Promise<boolean> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(html);
  const body = document.querySelector(`[data-atoken="${id}"]`);
  const item = body?.closest('.zm-item-answer') ?? body?.parentElement?.parentElement ?? null;
  if (!body || !item) return false;
  const s = `${src} answer markup data-atoken="${id}"`;
  setState(f, 'normal', s);
  f.postId = fact(id, s, body.getAttribute('data-aid') ? `data-aid ${body.getAttribute('data-aid')}` : undefined);
  const author = item.querySelector('.zm-item-answer-author-wrap a[href^="/people/"], .zm-item-answer-author-info a[href*="/people/"]');
  f.author.name = fact(author?.textContent?.trim(), s);
  const token = /\/people\/([^/?#]+)/.exec(author?.getAttribute('href') ?? '')?.[1];
  f.author.id = fact(token, s);
  f.author.profileUrl = fact(token ? `https://www.zhihu.com/people/${token}` : null, s);
  const created = body.getAttribute('data-created');
  f.publishedAt = fact(fromUnix(created), `${s} data-created`, created);
  setCount(f, 'likes', item.querySelector('[data-votecount]')?.getAttribute('data-votecount'), `${s} data-votecount`);
  const comments = /(\d+)\s*条评论/.exec(item.querySelector('.toggle-comment')?.textContent ?? '');
  if (comments) setCount(f, 'comments', comments[1], `${s} "N 条评论"`);
  const content = item.querySelector('.zm-editable-content, textarea.content');
  f.text = fact(content ? htmlToText(content.tagName === 'TEXTAREA' ? content.textContent ?? '' : content.innerHTML) : null, s);
  f.title = fact(document.querySelector('title')?.textContent?.trim(), `${src} <title>`);
  return true;
}

export const zhihu: PlatformModule = {
  id: 'zhihu',
  name: { zh: '知乎', en: 'Zhihu' },
  loginUrl: 'https://www.zhihu.com/signin',
  match: (url) => /(^|\.)zhihu\.com$/.test(url.hostname),

  behaviour: {
    expand: { label: /^(阅读全文|展开阅读全文)/, max: 5, what: '阅读全文' },
    moreComments: /^(点击查看全部评论|查看全部\s*\d+\s*条评论|加载更多评论)$/,
    moreReplies: /^(查看全部\s*\d+\s*条回复|展开其他\s*\d+\s*条回复)$/,
  },

  extract: (r) => extractZhihu(r),
};

async function extractZhihu(r: Recorded): Promise<PostFacts> {
  const f = emptyFacts('zhihu', r);
  const { kind, id } = ids(new URL(r.finalUrl ?? r.url));
  const doc = mainDocument(r);
  const html = doc ? doc.body.toString('utf8') : (r.dom ?? '');
  const src = doc ? warcSource(doc, 'page').replace(/ \(page\)$/, '') : 'dom.html';
  if (kind && id && !fromInitialData(f, html, kind, id, src) && kind === 'answers') await fromLegacyMarkup(f, html, id, src);
  if (f.state.value !== 'normal') {
    if (/你似乎来到了没有知识存在的荒原|页面不存在|该回答已被删除|内容已删除/.test(r.visibleText)) setState(f, /删除/.test(r.visibleText) ? 'deleted-by-author' : 'not-found', 'dom.html (visible text)', 'Zhihu says the content is not there');
    else if (/登录知乎|验证码登录|扫码登录/.test(r.visibleText) && !r.visibleText.includes('赞同')) setState(f, 'login-wall', 'dom.html (visible text)', 'Zhihu asks to log in');
  }
  f.postId ??= fact(id, 'the URL');
  listMissing(f);
  return f;
}
