/**
 * 情节严重 under 两高2013年网络诽谤解释 第二条 and 第四条, from the case's facts: one post's views or reposts, posts
 * within one year added up, serious consequences, a penalty for defamation in the two years before. Each condition
 * says what it was decided from; nothing unknown is taken as "no": a count that was not recorded (platforms rarely show
 * views) leaves it open unless another case is met, while a count recorded below its mark, with the other cases
 * stated or recorded as not met, is "not met". The four cases are `part`s of the `requires` condition
 * serious-circumstances, so a route that needs it names the open ones as missing.
 * Views are 点击、浏览 (views, reads 阅读, plays 播放); reposts are 转发. Shares (分享: uses of a share button, sending the
 * post to friends or other apps) are not 转发 and are never added to reposts: a post with shares and no reposts gets a
 * note (a caveat and a question) saying so; whether a court counts them is for the court.
 */
import { cite } from '../law/index.js';
import { addYears } from './dates.js';
import { peak, type Act, type CaseFacts } from './facts.js';
import { anyOf, t, type Condition } from './types.js';

const OF = 'serious-circumstances';

const VIEWS = 5000;
const REPOSTS = 500;

const label = (a: Act, i: number) => a.url ?? `acts[${i}]`;

function singlePost(f: CaseFacts): Condition {
  const perAct = f.acts.map((a, i) => {
    const v = peak(a, 'views');
    const r = peak(a, 'reposts');
    const s = peak(a, 'shares');
    const met = (v && v.value >= VIEWS) || (r && r.value >= REPOSTS) ? true : v && r ? false : null;
    const shares = s ? `, ${s.value} 次分享（不是转发）shares, not reposts (${s.at})` : '';
    return { met, views: Boolean(v), reposts: Boolean(r), text: `${label(a, i)}: ${v ? `${v.value} 次浏览 views (${v.at})` : '浏览数未知 views unknown'}, ${r ? `${r.value} 次转发 reposts (${r.at})` : '转发数未知 reposts unknown'}${shares}` };
  });
  const met = anyOf(perAct.map((p) => p.met));
  const open = perAct.filter((p) => p.met === null);
  const lead = met === true ? t('有帖子达到五千次浏览或五百次转发', 'a post reached 5,000 views or 500 reposts')
    : met === false ? t('记录到的数字都没有达到五千次浏览或五百次转发（数字可能还在增长，可再次取证）', 'no recorded count reaches 5,000 views or 500 reposts (counts may still grow: capture again)')
      : f.acts.length === 0 ? t('没有帖子，无法判断浏览、转发次数', 'no posts, so views and reposts cannot be told')
        : open.some((p) => !p.views && !p.reposts) ? t('浏览（点击）次数和转发次数都没有记录', 'neither views nor reposts were recorded')
          : open.some((p) => !p.views) ? t('转发未达五百次，浏览（点击）次数没有记录：浏览达到五千次即属情节严重。平台多不公开浏览数；取证确有困难的，可请求法院要求公安机关协助', 'reposts are below 500 and views were not recorded: 5,000 views would be enough. Platforms rarely show views; if the evidence is hard to get, the court can ask the police to help')
            : t('浏览未达五千次，转发次数没有记录：转发达到五百次即属情节严重', 'views are below 5,000 and reposts were not recorded: 500 reposts would be enough');
  return { name: 'views-5000-or-reposts-500', kind: 'part', of: OF, met, detail: `${lead}。${perAct.map((p) => p.text).join('；')}`,
    ask: t('每条帖子的浏览（点击）次数和转发次数（再次取证，或在自诉时请求法院要求公安机关协助）', 'each post\'s views and reposts (capture again, or, when prosecuting, ask the court to have the police help)') };
}

/** 第四条: posts within one year, not yet dealt with, added up. */
function addedUp(f: CaseFacts): Condition {
  const dated = f.acts.map((a, i) => ({ a, i })).filter((x) => x.a.start).sort((x, y) => x.a.start!.localeCompare(y.a.start!));
  if (f.acts.length < 2) return { name: 'added-up-within-one-year', kind: 'part', of: OF, met: false, detail: t('只有一条帖子，无需累计', 'only one post: nothing to add up') };
  const windows = dated.map((first) => {
    const until = addYears(first.a.start!, 1);
    const inside = dated.filter((x) => x.a.start! >= first.a.start! && x.a.start! <= until);
    return {
      n: inside.length, from: first.a.start!, to: inside.at(-1)!.a.start!,
      views: inside.reduce((s, x) => s + (peak(x.a, 'views')?.value ?? 0), 0),
      reposts: inside.reduce((s, x) => s + (peak(x.a, 'reposts')?.value ?? 0), 0),
      unknown: inside.some((x) => !peak(x.a, 'views') || !peak(x.a, 'reposts')),
    };
  }).filter((w) => w.n >= 2);
  const best = windows.find((w) => w.views >= VIEWS || w.reposts >= REPOSTS) ?? windows.sort((x, y) => y.views - x.views)[0] ?? null;
  const undated = f.acts.length - dated.length;
  if (!best) {
    return { name: 'added-up-within-one-year', kind: 'part', of: OF, met: undated ? null : false, ask: t('每条帖子的发布日期', 'the day each post was published'),
      detail: undated ? t(`${undated} 条帖子缺少发布日期，无法判断是否在一年之内`, `${undated} post(s) have no date, so it cannot be told whether they fall within one year`)
        : t('没有两条帖子的发布日期在一年之内', 'no two posts were published within one year of each other') };
  }
  const reached = best.views >= VIEWS || best.reposts >= REPOSTS;
  const sums = `${best.n} 条帖子（${best.from} 至 ${best.to}）累计 ${best.views} 次浏览、${best.reposts} 次转发 / ${best.n} posts (${best.from} to ${best.to}) add up to ${best.views} views and ${best.reposts} reposts`;
  const assumption = t('前提是这些行为都“未经处理”（未受过处罚），请核实', 'provided none of them has already been dealt with (未经处理): check this');
  return { name: 'added-up-within-one-year', kind: 'part', of: OF, met: reached ? true : best.unknown || undated ? null : false, detail: `${sums}；${assumption}`,
    ask: t('一年内各条帖子的浏览、转发次数和发布日期', 'the views, reposts and date of each post within the year') };
}

function consequences(f: CaseFacts): Condition {
  if (f.consequences === undefined) return { name: 'serious-consequences', kind: 'part', of: OF, met: null, ask: t('是否造成您或近亲属精神失常、自残、自杀等后果（consequences）', 'did it lead to mental disorder, self-harm or suicide of you or a close relative (consequences)'), detail: t('未说明是否造成精神失常、自残、自杀等后果', 'not stated whether it led to mental disorder, self-harm or suicide') };
  const list = f.consequences ?? [];
  const zh: Record<string, string> = { 'mental-disorder': '精神失常', 'self-harm': '自残', suicide: '自杀' };
  return list.length
    ? { name: 'serious-consequences', kind: 'part', of: OF, met: true, detail: t(`造成${list.map((c) => zh[c]).join('、')}`, `it led to ${list.join(', ')}`) }
    : { name: 'serious-consequences', kind: 'part', of: OF, met: false, detail: t('没有精神失常、自残、自杀等后果', 'no mental disorder, self-harm or suicide') };
}

function priorPenalty(f: CaseFacts): Condition {
  const p = f.priorDefamationPenalty;
  const ask = t('发帖人二年内是否因诽谤受过行政处罚，哪一天（priorDefamationPenalty）', 'was the poster penalised for defamation in the two years before, and when (priorDefamationPenalty)');
  if (p === undefined) return { name: 'prior-penalty-within-two-years', kind: 'part', of: OF, met: null, ask, detail: t('未说明发帖人二年内是否因诽谤受过行政处罚', 'not stated whether the poster was penalised for defamation in the two years before') };
  if (p === null) return { name: 'prior-penalty-within-two-years', kind: 'part', of: OF, met: false, detail: t('发帖人没有因诽谤受过行政处罚', 'the poster has no administrative penalty for defamation') };
  const until = addYears(p, 2);
  const dated = f.acts.filter((a) => a.start);
  const within = dated.filter((a) => a.start! >= p && a.start! <= until);
  if (within.length) return { name: 'prior-penalty-within-two-years', kind: 'part', of: OF, met: true, detail: t(`${p} 受过处罚，${within[0]!.start} 又诽谤，在二年之内（至 ${until}）`, `penalised ${p}, defamed again ${within[0]!.start}, within two years (until ${until})`) };
  return { name: 'prior-penalty-within-two-years', kind: 'part', of: OF, met: dated.length ? false : null, ask: t('每条帖子的发布日期', 'the day each post was published'),
    detail: dated.length ? t(`${p} 受过处罚；本案行为不在其后二年之内（至 ${until}）`, `penalised ${p}; the acts here are not within the two years after (until ${until})`) : t('帖子缺少日期，无法判断', 'the posts have no dates, so it cannot be told') };
}

/**
 * A note for the posts whose platform shows 分享 (share-button uses) and no 转发: the shares are not counted as reposts
 * here, and the user is told so and asked for what would settle it. None when every post with shares has reposts too.
 */
function sharesAreNotReposts(f: CaseFacts): Condition[] {
  const shown = f.acts.flatMap((a, i) => {
    const s = peak(a, 'shares');
    return s && !peak(a, 'reposts') ? [{ where: label(a, i), n: s.value, at: s.at }] : [];
  });
  if (!shown.length) return [];
  const zh = shown.map((x) => `${x.where}：平台显示 ${x.n} 次“分享”（${x.at}）`).join('；');
  const en = shown.map((x) => `${x.where}: the platform shows ${x.n} 分享 (shares, ${x.at})`).join('; ');
  return [{
    name: 'shares-not-reposts', kind: 'note', met: null,
    detail: t(`${zh}。“分享”是点分享按钮，把帖子发给好友或其他应用，与两高2013年网络诽谤解释第二条所说的“被转发次数”不是一回事，这里没有把分享计入转发次数；法院是否把分享计入，由法院判断`,
      `${en}. A share is a use of the share button (sending the post to friends or to other apps), which is not the same as 转发 (reposts) in article 2 of the 2013 defamation interpretation: shares are not counted as reposts here; whether a court counts them is for the court`),
    ask: t('帖子的转发次数和浏览（播放）次数：平台如另有显示，请再次取证，或在事实文件中写明（reposts、views）；分享能否计入，请与律师商量',
      'the post\'s reposts (转发) and views (plays): if the platform shows them elsewhere, capture again or state them in the facts file (reposts, views); whether shares can count, ask a lawyer'),
  }];
}

export interface Seriousness { met: boolean | null; conditions: Condition[] }

export function seriousness(f: CaseFacts): Seriousness {
  const conditions = [singlePost(f), addedUp(f), consequences(f), priorPenalty(f)];
  const met = anyOf(conditions.map((c) => c.met));
  const detail = met === true ? t('满足“情节严重”的至少一种情形', 'at least one "serious circumstances" case is met')
    : met === false ? t('不满足“情节严重”的任何一种列明情形（第四项“其他情节严重的情形”由法院判断）', 'none of the listed "serious circumstances" cases is met (item 4, "other serious circumstances", is for the court)')
      : t('现有事实不足以判断是否“情节严重”', 'the facts given cannot tell whether the circumstances are "serious"');
  return { met, conditions: [{ name: OF, kind: 'requires', met, detail }, ...conditions, ...sharesAreNotReposts(f)] };
}

export const SERIOUSNESS_CITATIONS = () => [cite('defamation-interpretation-2013:2'), cite('defamation-interpretation-2013:4')];
