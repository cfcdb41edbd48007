/**
 * Douban (douban.com): group topics and statuses, from the page's markup as received — title, author link
 * (/people/<id>/), create time, IP属地 (.create-ip), text, likes and comments; the first replies.
 */
import { emptyFacts, fact, htmlToText, listMissing, pageDocument, setCount, setState } from './facts.js';
import { fromBeijingWallClock } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

const idOf = (url: URL) => /\/(?:group\/topic|topic|status)\/(\d+)/.exec(url.pathname)?.[1] ?? /^\/people\/[^/]+\/status\/(\d+)/.exec(url.pathname)?.[1] ?? null;

export const douban: PlatformModule = {
  id: 'douban',
  name: { zh: '豆瓣', en: 'Douban' },
  loginUrl: 'https://accounts.douban.com/passport/login',
  match: (url) => /(^|\.)douban\.com$/.test(url.hostname),

  async extract(r: Recorded): Promise<PostFacts> {
    const f = emptyFacts('douban', r);
    const id = idOf(new URL(r.finalUrl ?? r.url)) ?? idOf(new URL(r.url));
    const { src, document } = await pageDocument(r);
    const topic = document.querySelector('.topic-doc, .status-item');
    const authorLink = topic?.querySelector('.from a[href*="/people/"], a.lnk-people[href*="/people/"]');
    if (topic && authorLink) {
      setState(f, 'normal', `${src} .topic-doc`);
      f.postId = fact(id, 'the URL');
      f.canonicalUrl = fact(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, `${src} link rel=canonical`);
      f.title = fact(document.querySelector('h1')?.textContent?.trim(), `${src} h1`);
      f.author.name = fact(authorLink.textContent?.trim(), `${src} .from a`);
      const pid = /\/people\/([^/]+)\//.exec(authorLink.getAttribute('href') ?? '')?.[1];
      f.author.id = fact(pid, `${src} .from a[href]`);
      f.author.profileUrl = fact(pid ? `https://www.douban.com/people/${pid}/` : null, `${src} .from a[href]`);
      const created = topic.querySelector('.create-time')?.textContent?.trim();
      f.publishedAt = fact(fromBeijingWallClock(created), `${src} .create-time`, created);
      const ip = topic.querySelector('.create-ip')?.textContent?.trim();
      f.ipLocation = fact(ip ? ip.replace(/^IP属地[:：]?\s*/, '') : null, `${src} .create-ip`, ip);
      const content = topic.querySelector('.topic-content, .rich-content, .status-saying');
      f.text = fact(content ? htmlToText(content.innerHTML).replace(/\n{3,}/g, '\n\n') : null, `${src} .topic-content`);
      const likes = /\d+/.exec(document.querySelector('.react-num, .sns-bar .like-count')?.textContent ?? '')?.[0];
      if (likes) setCount(f, 'likes', likes, `${src} .react-num`);
      const replies = Array.from(document.querySelectorAll('#comments > li.comment-item, .comment-item'));
      const total = /(\d+)\s*回应/.exec(document.querySelector('.topic-reply-count, .comments-count')?.textContent ?? '')?.[1];
      setCount(f, 'comments', total ?? (replies.length ? replies.length : null), total ? `${src} reply count` : `${src} replies listed on the page`);
      for (const c of replies.slice(0, 50)) {
        const a = c.querySelector('a[href*="/people/"]');
        const time = c.querySelector('.pubtime')?.textContent?.trim() ?? null;
        const t = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)\s*(.*)$/.exec(time ?? '');
        f.comments.push({ author: a?.textContent?.trim() ?? null, authorId: /\/people\/([^/]+)\//.exec(a?.getAttribute('href') ?? '')?.[1] ?? null,
          time: fromBeijingWallClock(t?.[1] ?? null), timeRaw: time, text: c.querySelector('.reply-content, p')?.textContent?.trim() ?? null, ipLocation: t?.[2]?.trim() || null,
          likes: null, source: `${src} .comment-item` });
      }
    } else if (/该话题已被删除|内容已被删除|呃\.\.\.你想访问的页面不存在/.test(r.visibleText)) {
      setState(f, /不存在/.test(r.visibleText) ? 'not-found' : 'deleted-by-author', 'dom.html (visible text)', 'Douban says the content is gone');
    } else if (/登录豆瓣|请先登录/.test(r.visibleText)) {
      setState(f, 'login-wall', 'dom.html (visible text)', 'Douban asks to log in');
    }
    f.postId ??= fact(id, 'the URL');
    listMissing(f);
    return f;
  },
};
