/**
 * Counts a person sees on a page — "阅读 12,345", "转发 678", "1.2万次播放", "评论(3)", "10万+ 阅读" — read from the
 * visible text of the DOM snapshot (never scripts or attributes), for pages no platform module knows.
 *
 * Conservative by design: a number counts only when it stands right next to a label (label then number, or number
 * then label, with nothing but spaces and light punctuation between), in a run whose reading is clear. A run that could
 * be read both ways, or a label shown with different numbers in different places (a list of other posts, comments
 * with their own likes), gives a note and no count: nothing is guessed. The value is what is shown, as a lower bound
 * where the page abbreviates ("10万+" → 100000, "1.2万" → 12000); the shown string is kept as `raw`.
 */
import { parseCount } from './facts.js';
import type { CountName, Fact } from './types.js';

/** Labels and what each one counts. 分享 (uses of a share button) is not 转发 (reposts); 阅读 is reads, 浏览 views. */
const LABELS: [string, CountName][] = ([
  ['阅读量', 'reads'], ['阅读数', 'reads'], ['阅读次数', 'reads'], ['阅读', 'reads'],
  ['浏览量', 'views'], ['浏览数', 'views'], ['浏览次数', 'views'], ['浏览', 'views'],
  ['播放量', 'plays'], ['播放数', 'plays'], ['播放次数', 'plays'], ['播放', 'plays'], ['观看', 'plays'],
  ['转发数', 'reposts'], ['转发量', 'reposts'], ['转发', 'reposts'],
  ['分享数', 'shares'], ['分享量', 'shares'], ['分享', 'shares'],
  ['全部评论', 'comments'], ['评论数', 'comments'], ['评论量', 'comments'], ['评论', 'comments'],
  ['点赞数', 'likes'], ['点赞量', 'likes'], ['点赞', 'likes'], ['赞同', 'likes'], ['赞', 'likes'],
  ['收藏数', 'favourites'], ['收藏量', 'favourites'], ['收藏', 'favourites'],
  ['弹幕', 'danmaku'],
] as [string, CountName][]).sort((a, b) => b[0].length - a[0].length);

/** What may stand between a label and its number. */
const GLUE = /[\s:：()（）[\]【】|｜·•,，、]/;
/** Sentence ends: a label may touch them, but they end a run. */
const END = /[。；;！!？?]/;
/** What may stand right before a label: a number's unit or "+", or a counter word ("3条评论", "1.2万次播放", "3人点赞"). */
const BEFORE_LABEL = /[\d万亿wWkKM+次人条个]/;
const NUMBER = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:万|亿|[wWkKM](?![A-Za-z])))?\+?/y;
const COUNTER = /\s?[次人条个]\s?/y;
const WORD = /[A-Za-z0-9_]+/y;
/** Longer gaps than this between a label and a number are not "next to". */
const MAX_GAP = 8;

type Token = { type: 'L'; start: number; end: number; name: CountName } | { type: 'N'; start: number; end: number; raw: string; counter: boolean } | { type: 'X'; start: number; end: number };

export interface VisibleCounts {
  counts: Partial<Record<CountName, Fact<number>>>;
  notes: string[];
}

function labelAt(text: string, i: number): { end: number; name: CountName } | null {
  if (i > 0 && !(GLUE.test(text[i - 1]!) || END.test(text[i - 1]!) || BEFORE_LABEL.test(text[i - 1]!))) return null;
  for (const [label, name] of LABELS) {
    if (!text.startsWith(label, i)) continue;
    const end = i + label.length;
    const next = text[end];
    // "转发到微博", "赞赏", "评论区" are other words; "获赞" (an account's total) is rejected by the check above.
    if (next === undefined || GLUE.test(next) || END.test(next) || /\d/.test(next)) return { end, name };
  }
  return null;
}

function numberAt(text: string, i: number): { end: number; raw: string; counter: boolean; next: number } | null {
  if (i > 0 && /[A-Za-z0-9_.]/.test(text[i - 1]!)) return null;
  if (/\d[:：/\-.]$/.test(text.slice(Math.max(0, i - 2), i))) return null; // the end of a time or a date
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(text);
  if (!m) return null;
  const end = i + m[0].length;
  const after = text.slice(end, end + 2);
  if (/^[:：/\-.][0-9]/.test(after) || /^%/.test(after) || /^\d/.test(after)) return null; // 21:14, 2026-03, 12%
  COUNTER.lastIndex = end;
  const counter = COUNTER.exec(text);
  if (counter && labelAt(text, end + counter[0].length)) return { end, raw: m[0].trim(), counter: true, next: end + counter[0].length };
  const next = text[end];
  // "3月", "12px", "5分钟": a number followed by anything but a gap, a sentence end or a label is not a count.
  if (next !== undefined && !GLUE.test(next) && !END.test(next) && !labelAt(text, end)) return null;
  return { end, raw: m[0].trim(), counter: false, next: end };
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (GLUE.test(text[i]!)) {
      i++;
      continue;
    }
    const n = numberAt(text, i);
    if (n) {
      out.push({ type: 'N', start: i, end: n.end, raw: n.raw, counter: n.counter });
      i = n.next;
      continue;
    }
    const l = labelAt(text, i);
    if (l) {
      out.push({ type: 'L', start: i, end: l.end, name: l.name });
      i = l.end;
      continue;
    }
    WORD.lastIndex = i;
    const end = WORD.exec(text) ? WORD.lastIndex : i + 1;
    const last = out.at(-1);
    if (last?.type === 'X' && last.end === i) last.end = end;
    else out.push({ type: 'X', start: i, end });
    i = end;
  }
  return out;
}

/** Runs of labels and numbers that alternate, each next to the one before. */
function runs(text: string, toks: Token[]): Exclude<Token, { type: 'X' }>[][] {
  const out: Exclude<Token, { type: 'X' }>[][] = [];
  let run: Exclude<Token, { type: 'X' }>[] = [];
  for (const t of toks) {
    const prev = run.at(-1);
    if (t.type === 'X' || !prev || prev.type === t.type || t.start - prev.end > MAX_GAP) {
      if (run.length > 1) out.push(run);
      run = t.type === 'X' ? [] : [t];
      continue;
    }
    run.push(t);
  }
  if (run.length > 1) out.push(run);
  return out;
}

const ZH: Record<CountName, string> = { views: '浏览', reads: '阅读', plays: '播放', reposts: '转发', shares: '分享', comments: '评论', likes: '点赞', favourites: '收藏', quotes: '引用', danmaku: '弹幕' };
const clip = (s: string) => s.replace(/\s+/g, ' ').trim();
const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * Which way a run reads: 'label-first' ("阅读 12,345 转发 678"), 'number-first' ("12,345 阅读 678 转发"), or null when
 * it cannot be told. Hints: a colon or bracket after a label ("阅读：", "评论(3)") reads label first; a counter word
 * ("3条评论") number first; pairs kept on one line while the run breaks lines between them.
 */
function direction(text: string, run: Exclude<Token, { type: 'X' }>[]): 'label-first' | 'number-first' | null {
  const gaps = run.slice(1).map((t, k) => ({ from: run[k]!, gap: text.slice(run[k]!.end, t.start) }));
  const labelFirstGaps = gaps.filter((g) => g.from.type === 'L').map((g) => g.gap);
  const numberFirstGaps = gaps.filter((g) => g.from.type === 'N').map((g) => g.gap);
  const colon = labelFirstGaps.some((g) => /[:：(（[【]/.test(g));
  const counter = run.some((t) => t.type === 'N' && t.counter);
  if (colon && counter) return null;
  const startsWithLabel = run[0]!.type === 'L';
  if (run.length % 2 === 0) {
    if (startsWithLabel) return counter ? null : 'label-first';
    return colon ? null : 'number-first';
  }
  if (colon) return 'label-first';
  if (counter) return 'number-first';
  const lineBreak = (gs: string[]) => gs.some((g) => g.includes('\n'));
  if (!lineBreak(labelFirstGaps) && lineBreak(numberFirstGaps)) return 'label-first';
  if (!lineBreak(numberFirstGaps) && lineBreak(labelFirstGaps)) return 'number-first';
  return null;
}

/** The counts shown next to their labels in a page's visible text (see above). */
export function visibleCounts(text: string): VisibleCounts {
  const found = new Map<CountName, { value: number; raw: string; shown: string }[]>();
  const notes: string[] = [];
  for (const run of runs(text, tokens(text))) {
    const dir = direction(text, run);
    const shown = clip(text.slice(run[0]!.start, run.at(-1)!.end));
    if (!dir) {
      notes.push(`visible text "${short(shown)}": it cannot be told which number belongs to which label, so none is taken / 页面文字“${short(shown)}”中数字与标签的对应不明确，未采用`);
      continue;
    }
    for (let k = 0; k < run.length; k++) {
      const label = run[k]!;
      if (label.type !== 'L') continue;
      const number = run[dir === 'label-first' ? k + 1 : k - 1];
      if (!number || number.type !== 'N') continue;
      const value = parseCount(number.raw);
      if (value === null) continue;
      const list = found.get(label.name) ?? [];
      const close = dir === 'label-first' ? (/^\s?[)）\]】]/.exec(text.slice(number.end))?.[0].length ?? 0) : 0;
      list.push({ value, raw: number.raw, shown: clip(text.slice(Math.min(label.start, number.start), Math.max(label.end, number.end) + close)) });
      found.set(label.name, list);
    }
  }
  const counts: VisibleCounts['counts'] = {};
  for (const [name, list] of found) {
    const values = [...new Set(list.map((x) => x.value))];
    if (values.length === 1) {
      counts[name] = { value: values[0]!, source: `dom.html (visible text: "${list[0]!.shown}")`, raw: list[0]!.raw };
      continue;
    }
    const shownAll = [...new Set(list.map((x) => `"${x.shown}"`))].slice(0, 6).join(', ');
    notes.push(`visible text shows different numbers for ${name} (${shownAll}), so none is taken / 页面文字中的${ZH[name]}数有不同的数字（${shownAll}），未采用`);
  }
  return { counts, notes };
}
