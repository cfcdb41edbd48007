/**
 * A post's facts, as the law and the courts ask for them: who posted it, when, from where (IP属地), what it says and
 * shows, how far it spread, the first comments, and whether it is still there. Every fact names where it was read
 * (a response in the WARC, or the DOM snapshot) and keeps the source's own string beside the normalised value.
 * Nothing is guessed: what a module cannot find is null and listed in `missing`.
 */
import type { Behaviour } from './behave.js';

export interface Fact<T> {
  value: T;
  /** Where it was read: "WARC https://… (JSON path)" or "dom.html (selector)". */
  source: string;
  /** The source's own string, where the value was normalised from one (a time, a count like "3.9万"). */
  raw?: string;
}

export type PageState = 'normal' | 'deleted-by-author' | 'removed-by-platform' | 'not-found' | 'login-wall' | 'unavailable' | 'unknown';

export interface Comment {
  /** The platform's id of the comment (or repost), where it gives one. */
  id?: string | null;
  author: string | null;
  authorId: string | null;
  time: string | null;
  timeRaw: string | null;
  text: string | null;
  ipLocation: string | null;
  likes: number | null;
  source: string;
  /** Replies to this comment that the page loaded (the first ones), in the same shape. */
  replies?: Comment[];
}

/**
 * What a count counts: views (浏览, impressions), reads (阅读), plays (播放, 观看), reposts (转发: the post passed on as a
 * post), shares (分享: uses of a share button, which is not a repost), comments, likes, favourites (收藏), quotes, danmaku.
 */
export type CountName = 'views' | 'reads' | 'plays' | 'reposts' | 'shares' | 'comments' | 'likes' | 'favourites' | 'quotes' | 'danmaku';

export interface PostFacts {
  format: 'guzheng-post/1';
  platform: string;
  module: string;
  state: Fact<PageState> & { reason?: string };
  postId: Fact<string> | null;
  canonicalUrl: Fact<string> | null;
  author: { name: Fact<string> | null; id: Fact<string> | null; profileUrl: Fact<string> | null };
  title: Fact<string> | null;
  publishedAt: Fact<string> | null;
  editedAt: Fact<string> | null;
  ipLocation: Fact<string> | null;
  text: Fact<string> | null;
  /** Each image or video of the post, with the artifact holding its bytes (from the WARC), or a note why there is none. */
  media: {
    type: 'image' | 'video' | 'audio';
    url: string;
    source: string;
    artifact?: string | null;
    note?: string;
    /** When the bytes came from a second request after the visit (yt-dlp), which tool made it and how. */
    downloadedBy?: { tool: string; version: string; sha256: string; path: string; at: string; command: string[] };
  }[];
  counts: Partial<Record<CountName, Fact<number>>>;
  /** When the counts were read: the capture's own time. */
  countsReadAt: string;
  comments: Comment[];
  /** The first reposts (who passed it on, when, with what words) where the repost list is public and was opened. */
  reposts: Comment[];
  /** Facts compared with the text a person sees on the page (dom.html): disagreements are flagged, not hidden. */
  checks: { field: string; ok: boolean; detail: string }[];
  missing: string[];
  notes: string[];
  /** The saved login the capture used (never its secrets), or null for a logged-out visit. */
  loggedIn: { platform: string; account: string | null; savedAt: string } | null;
}

export interface RecordedResponse {
  url: string;
  status: number;
  mime: string;
  body: Buffer;
}

/** What a capture recorded, as the modules read it. */
export interface Recorded {
  url: string;
  finalUrl: string | null;
  capturedAt: string;
  /** The DOM snapshot (dom.html), or null. */
  dom: string | null;
  /** The text a person sees: the body of the DOM snapshot without scripts and styles. */
  visibleText: string;
  /** Text-like responses from the WARC (HTML, JSON, JavaScript, text), in the order recorded. */
  responses: RecordedResponse[];
}

export interface PlatformModule {
  id: string;
  name: { zh: string; en: string };
  match(url: URL): boolean;
  /** Where `guzheng login <platform>` opens the platform's log-in page; absent when the platform needs no login. */
  loginUrl?: string;
  /** What to do on the page before it is recorded (展开全文, repost list, first comments and replies). */
  behaviour?: Behaviour;
  extract(r: Recorded): PostFacts | Promise<PostFacts>;
}
