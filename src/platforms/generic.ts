/**
 * Any other site: the page's own statements (JSON-LD, OpenGraph, meta, Readability — the same reading as page.json),
 * its HTTP status, and the counts shown next to their labels in its visible text ("阅读 12,345", "转发 678").
 * Nothing platform-specific, nothing guessed.
 */
import { extractPageFacts } from '../capture/facts/page-facts.js';
import { emptyFacts, fact, listMissing, mainDocument, setState } from './facts.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';
import { visibleCounts } from './visible-counts.js';

export const generic: PlatformModule = {
  id: 'generic',
  name: { zh: '通用网页', en: 'any web page' },
  match: () => true,

  async extract(r: Recorded): Promise<PostFacts> {
    const f = emptyFacts(new URL(r.url).hostname, r);
    f.module = 'generic';
    const doc = mainDocument(r);
    const status = doc?.status ?? null;
    if (status === 404) setState(f, 'not-found', `HTTP ${status}`);
    else if (status === 410) setState(f, 'deleted-by-author', `HTTP ${status}`, 'the server says the page is gone');
    else if (status === 451) setState(f, 'removed-by-platform', `HTTP ${status}`, 'unavailable for legal reasons');
    else if (status && status >= 500) setState(f, 'unavailable', `HTTP ${status}`);
    else if (status && status < 400) setState(f, 'normal', `HTTP ${status}`);
    if (r.dom) {
      const p = await extractPageFacts(r.dom, r.finalUrl ?? r.url);
      f.title = fact(p.title, 'dom.html (<title> or og:title)');
      f.author.name = p.author;
      f.publishedAt = p.publishedTime;
      f.editedAt = p.modifiedTime;
      f.canonicalUrl = fact(p.canonicalUrl, 'dom.html (link rel=canonical or og:url)');
      f.text = fact(p.mainText.replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim(), `dom.html (${p.mainTextSource})`);
      // The page's own statement of its video and image (OpenGraph).
      for (const [key, type] of [['og:video', 'video'], ['og:video:url', 'video'], ['og:image', 'image']] as const) {
        const u = p.openGraph[key];
        if (u && /^https?:/.test(u) && !f.media.some((m) => m.url === u)) f.media.push({ type, url: u, source: `dom.html (${key})` });
      }
      const shown = visibleCounts(r.visibleText);
      f.counts = { ...shown.counts, ...f.counts };
      f.notes.push(...shown.notes);
      if (Object.keys(shown.counts).length) {
        f.notes.push('counts read from the visible text are as the page shows them: an abbreviated number ("1.2万") is taken at its shown value and "10万+" as its lower bound / 从页面文字读取的数字以页面显示为准：“1.2万”按显示值计，“10万+”按下限计');
      }
    }
    listMissing(f);
    f.missing = f.missing.filter((m) => m !== 'postId' && m !== 'author.id' && m !== 'ipLocation');
    return f;
  },
};
