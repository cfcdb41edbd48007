/**
 * The harms a document names (issue 14): for each harm the case's acts did, its evidence (the entries of the acts
 * that did it), what the user must say about it, and the provisions the documents quote for it. A case whose acts all
 * defame has one part, and the documents read as they always did; a mixed case gets one section per harm.
 */
import type { CaseFacts, HarmKind } from '../assess/facts.js';
import { actsOf, caseHarms, HARMS, policeOffences } from '../assess/harms.js';
import { CIVIL_SPECS, type CivilHarm } from '../assess/civil-specs.js';
import type { EvidenceEntry } from './evidence.js';
import { blank, heading, para, type Block } from './model.js';
import { postParagraphs, quote } from './common.js';

export interface HarmPart {
  harm: HarmKind;
  /** The harm's name: 诽谤, 侮辱… */
  zh: string;
  /** The acts that did it. */
  facts: CaseFacts;
  /** Their evidence; empty when none of the evidence is tied to these acts. */
  evidence: EvidenceEntry[];
}

/** An entry belongs to an act when it is one of the act's items or has the act's URL. */
const belongs = (e: EvidenceEntry, f: CaseFacts) => f.acts.some((a) => (e.item && a.items?.includes(e.item)) || (e.url && a.url && e.url === a.url));

export function harmParts(facts: CaseFacts, evidence: EvidenceEntry[]): HarmPart[] {
  const harms = facts.acts.length ? caseHarms(facts) : (['defamation'] as HarmKind[]);
  if (harms.length === 1) return [{ harm: harms[0]!, zh: HARMS[harms[0]!].zh, facts, evidence }];
  return harms.map((harm) => {
    const { facts: sub } = actsOf(facts, harm);
    return { harm, zh: HARMS[harm].zh, facts: sub, evidence: evidence.filter((e) => belongs(e, sub)) };
  });
}

/** What the user must say about the posts of a harm (a blank the documents leave for them). */
export const WHAT_IT_DID: Record<HarmKind, string> = {
  defamation: '说明哪些是捏造或歪曲的事实、为何贬损您的名誉',
  insult: '说明哪些言辞、图片侮辱、贬低您的人格',
  privacy: '说明公开了您的哪些私密信息或个人信息（如电话、住址、身份证号、行踪），以及您没有同意公开',
  portrait: '说明哪些图片、视频使用了您的肖像，是否经过丑化、P图或伪造，以及您没有同意',
  'threat-abuse': '说明威胁、辱骂、骚扰的内容、次数和方式，以及对您生活的影响',
  'public-order-rumour': '说明谣言的内容、为何是虚假的，以及引起了怎样的恐慌或混乱',
};

/** The right a civil harm infringes, as a complaint or notice says it. */
export const RIGHT_ZH: Record<CivilHarm, string> = { defamation: '名誉权', insult: '名誉权', privacy: '隐私权和个人信息权益', portrait: '肖像权', 'threat-abuse': '隐私权（私人生活安宁）' };

/**
 * The posts of one harm: each told in full the first time, and referred to after (one post may do several harms).
 * `seen` holds the evidence numbers already told in this document.
 */
export function partPosts(p: HarmPart, several: boolean, seen: Set<number>): Block[] {
  if (several && !p.evidence.length) return [para(blank(`${p.zh}的帖子或消息：网址、时间、内容（证据目录中尚无对应的证据）`))];
  const fresh = p.evidence.filter((e) => !seen.has(e.n));
  const told = p.evidence.filter((e) => seen.has(e.n));
  for (const e of fresh) seen.add(e.n);
  return [...(fresh.length || !told.length ? postParagraphs(fresh) : []), ...told.map((e) => para(`${e.n}. 即上文第 ${e.n} 项${e.url ? `（${e.url}）` : ''}。`))];
}

/** The facts of one harm: a sub-heading when the case has several, its posts, and what the user must say of them. */
export function partFacts(p: HarmPart, several: boolean, n: number, seen: Set<number>): Block[] {
  return [
    ...(several ? [heading(`（${'一二三四五六'[n]}）${p.zh}`)] : []),
    ...partPosts(p, several, seen),
    para('上述内容', blank(WHAT_IT_DID[p.harm]), '。'),
  ];
}

/** Provisions a complaint does not quote in its own favour: the defences the other side may plead. */
const DEFENCES = new Set(['civil-code:1025', 'civil-code:1020', 'personal-information-law:72', 'personal-information-law:27']);

/** The civil-law articles a harm's notice or complaint quotes (the right, and for personal information its law), once each. */
export function civilQuotes(parts: HarmPart[], forNotice: boolean): Block[] {
  const ids = parts.flatMap((p) => {
    if (p.harm === 'public-order-rumour') return [];
    const spec = CIVIL_SPECS[p.harm];
    return [...spec.right, ...(forNotice ? spec.noticeCitations(p.facts) : spec.suitCitations(p.facts).filter((id) => !DEFENCES.has(id)))];
  });
  return [...new Set(ids)].map(quote);
}

/** The 治安管理处罚法 provisions for a harm's acts, by the day of the latest act. */
export function policeQuotes(p: HarmPart): string[] {
  const day = p.facts.acts.map((a) => a.end ?? a.start).filter((x): x is string => Boolean(x)).sort().at(-1);
  return day ? policeOffences(p.harm, day) : [];
}

/** The causes of action (案由) of a civil suit over these harms, once each: 名誉权纠纷, 隐私权纠纷, 个人信息保护纠纷, 肖像权纠纷. */
export function civilCauses(parts: HarmPart[]): string[] {
  const by: Record<CivilHarm, string[]> = { defamation: ['名誉权纠纷'], insult: ['名誉权纠纷'], privacy: ['隐私权纠纷', '个人信息保护纠纷'], portrait: ['肖像权纠纷'], 'threat-abuse': ['隐私权纠纷'] };
  const causes = [...new Set(parts.flatMap((p) => (p.harm === 'public-order-rumour' ? [] : by[p.harm])))];
  return causes.length ? causes : ['名誉权纠纷'];
}
