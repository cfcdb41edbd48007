/**
 * X / Twitter (x.com, twitter.com). Facts from the GraphQL TweetDetail response the page loaded: the tweet whose
 * rest_id is in the URL (its legacy fields, views, the author), and the first replies of the conversation.
 */
import { emptyFacts, fact, listMissing, parseJson, responsesMatching, setCount, setState, warcSource } from './facts.js';
import { fromTwitterStyle } from './times.js';
import type { PlatformModule, PostFacts, Recorded } from './types.js';

const idOf = (url: URL) => /\/status(?:es)?\/(\d+)/.exec(url.pathname)?.[1] ?? null;

/** Every tweet result in a TweetDetail answer, unwrapped from TweetWithVisibilityResults. */
function* tweets(v: any, depth = 0): Generator<any> {
  if (!v || typeof v !== 'object' || depth > 14) return;
  if (v.tweet_results?.result) {
    const t = v.tweet_results.result.tweet ?? v.tweet_results.result;
    if (t.rest_id) yield t;
  }
  for (const x of Array.isArray(v) ? v : Object.values(v)) yield* tweets(x, depth + 1);
}

function user(t: any): { name: string | null; screen: string | null; id: string | null } {
  const u = t.core?.user_results?.result;
  return { name: u?.legacy?.name ?? u?.core?.name ?? null, screen: u?.legacy?.screen_name ?? u?.core?.screen_name ?? null, id: u?.rest_id ?? null };
}

export const x: PlatformModule = {
  id: 'x',
  name: { zh: 'X（推特）', en: 'X / Twitter' },
  loginUrl: 'https://x.com/i/flow/login',
  match: (url) => /(^|\.)(x|twitter)\.com$/.test(url.hostname),
  // Replies load as the conversation scrolls; some are behind "Show more replies".
  behaviour: { moreComments: /^(Show more replies|显示更多回复|Show probable spam|显示可能的垃圾信息)$/ },

  extract(r: Recorded): PostFacts {
    const f = emptyFacts('x', r);
    const id = idOf(new URL(r.url)) ?? idOf(new URL(r.finalUrl ?? r.url));
    if (/\/i\/flow\/login|\/login/.test(new URL(r.finalUrl ?? r.url).pathname)) setState(f, 'login-wall', r.finalUrl ?? '', 'X sent the visit to its log-in page');
    for (const res of responsesMatching(r, /\/graphql\/[^/]+\/(TweetDetail|TweetResultByRestId)/)) {
      const all = [...tweets(parseJson(res))];
      const t = all.find((x) => x.rest_id === id);
      const tomb = JSON.stringify(parseJson(res) ?? {}).includes('TweetTombstone');
      if (!t) {
        if (tomb) setState(f, 'unavailable', warcSource(res, 'TweetTombstone'), 'X shows a tombstone: the post was deleted, is protected, or breaks the rules');
        continue;
      }
      const src = warcSource(res, `tweet ${id}`);
      const u = user(t);
      const l = t.legacy ?? {};
      setState(f, 'normal', src);
      f.postId = fact(t.rest_id, src);
      f.author.name = fact(u.name, src);
      f.author.id = fact(u.id, src, u.screen ? `@${u.screen}` : undefined);
      f.author.profileUrl = fact(u.screen ? `https://x.com/${u.screen}` : null, src);
      f.canonicalUrl = fact(u.screen ? `https://x.com/${u.screen}/status/${t.rest_id}` : null, src);
      f.publishedAt = fact(fromTwitterStyle(l.created_at), src, l.created_at);
      f.text = fact(t.note_tweet?.note_tweet_results?.result?.text ?? l.full_text, src);
      setCount(f, 'views', t.views?.count, `${src} views.count`);
      setCount(f, 'likes', l.favorite_count, `${src} favorite_count`);
      setCount(f, 'reposts', l.retweet_count, `${src} retweet_count`);
      setCount(f, 'comments', l.reply_count, `${src} reply_count`);
      setCount(f, 'quotes', l.quote_count, `${src} quote_count`);
      setCount(f, 'favourites', l.bookmark_count, `${src} bookmark_count`);
      for (const m of l.extended_entities?.media ?? l.entities?.media ?? []) {
        const video = (m.video_info?.variants ?? []).filter((v: any) => v.content_type === 'video/mp4').sort((a: any, b: any) => (b.bitrate ?? 0) - (a.bitrate ?? 0))[0];
        f.media.push({ type: video ? 'video' : 'image', url: video?.url ?? m.media_url_https, source: src });
      }
      for (const reply of all.filter((x) => x.rest_id !== id && x.legacy?.in_reply_to_status_id_str === id).slice(0, 50)) {
        const ru = user(reply);
        f.comments.push({ author: ru.name, authorId: ru.id, time: fromTwitterStyle(reply.legacy.created_at), timeRaw: reply.legacy.created_at ?? null,
          text: reply.legacy.full_text ?? null, ipLocation: null, likes: reply.legacy.favorite_count ?? null, source: warcSource(res, `reply ${reply.rest_id}`) });
      }
    }
    f.postId ??= fact(id, 'the URL');
    f.notes.push('X 不显示 IP 属地 / X does not show an IP location');
    listMissing(f);
    f.missing = f.missing.filter((m) => m !== 'ipLocation');
    return f;
  },
};
