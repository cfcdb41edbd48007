/**
 * Baidu Tieba (tieba.baidu.com/p/<thread>). The thread's first floor from the page's markup as received: the post's
 * data-field JSON (author, post id, date), the tail's IP属地, the reply count; the next floors as comments.
 */
import { emptyFacts, fact, htmlToText, listMissing, pageDocument, setCount, setState } from './facts.js';
import { fromBeijingWallClock } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

const idOf = (url: URL) => /^\/p\/(\d+)/.exec(url.pathname)?.[1] ?? null;

export const tieba: PlatformModule = {
  id: 'tieba',
  name: { zh: '百度贴吧', en: 'Baidu Tieba' },
  loginUrl: 'https://tieba.baidu.com/',
  match: (url) => url.hostname === 'tieba.baidu.com' || url.hostname === 'jump2.bdimg.com',
  // Later floors are on other pages (links, never followed); replies inside a floor open in place.
  behaviour: { moreReplies: /^(还有\s*\d+\s*条回复，?点击查看|点击查看)$/ },

  async extract(r: Recorded): Promise<PostFacts> {
    const f = emptyFacts('tieba', r);
    const id = idOf(new URL(r.finalUrl ?? r.url)) ?? idOf(new URL(r.url));
    const { src, document } = await pageDocument(r);
    const floors = Array.from(document.querySelectorAll('.l_post[data-field]'));
    const parsed = floors.map((el) => {
      let data: any = null;
      try {
        data = JSON.parse((el.getAttribute('data-field') ?? '').replace(/&quot;/g, '"'));
      } catch {
        data = null;
      }
      const tail = Array.from(el.querySelectorAll('.post-tail-wrap span, .tail-info')).map((s) => (s.textContent ?? '').trim());
      return { el, data, tail, text: htmlToText(el.querySelector('.d_post_content')?.innerHTML ?? '') };
    });
    const first = parsed.find((p) => p.data?.content?.post_no === 1) ?? parsed[0];
    if (first?.data) {
      const s = `${src} first floor data-field`;
      setState(f, 'normal', s);
      const a = first.data.author ?? {};
      f.postId = fact(id ?? String(first.data.content?.thread_id ?? ''), s);
      f.canonicalUrl = fact(id ? `https://tieba.baidu.com/p/${id}` : null, s);
      f.title = fact(document.querySelector('.core_title_txt, h3.core_title_txt, h1')?.getAttribute('title') ?? document.querySelector('.core_title_txt, h1')?.textContent?.trim(), `${src} thread title`);
      f.author.name = fact(a.user_nickname ?? a.user_name, s, a.user_name);
      f.author.id = fact(a.user_id ? String(a.user_id) : null, s);
      f.author.profileUrl = fact(a.portrait ? `https://tieba.baidu.com/home/main?id=${a.portrait}` : null, s);
      const date = first.data.content?.date ?? first.tail.find((t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(t));
      f.publishedAt = fact(fromBeijingWallClock(date), s, date);
      const ip = first.tail.find((t) => t.startsWith('IP属地'));
      f.ipLocation = fact(ip ? ip.replace(/^IP属地[:：]\s*/, '') : null, `${src} first floor tail`, ip);
      f.text = fact(first.text, `${src} first floor .d_post_content`);
      const replies = /(\d+)\s*回复贴/.exec(document.querySelector('.l_reply_num')?.textContent ?? '');
      if (replies) setCount(f, 'comments', replies[1], `${src} .l_reply_num`);
      for (const p of parsed.filter((x) => x !== first).slice(0, 50)) {
        const d = p.data?.content?.date ?? p.tail.find((t) => /^\d{4}-\d{2}-\d{2}/.test(t)) ?? null;
        const pip = p.tail.find((t) => t.startsWith('IP属地'));
        f.comments.push({ author: p.data?.author?.user_nickname ?? p.data?.author?.user_name ?? null, authorId: p.data?.author?.user_id ? String(p.data.author.user_id) : null,
          time: fromBeijingWallClock(d), timeRaw: d, text: p.text || null, ipLocation: pip ? pip.replace(/^IP属地[:：]\s*/, '') : null, likes: null, source: `${src} floor ${p.data?.content?.post_no ?? '?'}` });
      }
    } else if (/该贴已被删除|贴子已被删除|该帖子不存在/.test(r.visibleText)) {
      setState(f, 'deleted-by-author', 'dom.html (visible text)', 'Tieba says the thread was deleted');
    } else if (/抱歉，您访问的贴子被隐藏|违反.*规定/.test(r.visibleText)) {
      setState(f, 'removed-by-platform', 'dom.html (visible text)', 'Tieba says the thread was hidden');
    }
    f.postId ??= fact(id, 'the URL');
    listMissing(f);
    return f;
  },
};
