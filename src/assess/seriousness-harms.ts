/**
 * The thresholds of the crimes of the harms beyond defamation, from the case's facts, in the shape of seriousness.ts
 * (a `requires` condition decided from `part`s; nothing unknown is taken as "no"):
 * - 侮辱罪 情节严重 (刑法 246): no interpretation lists its cases, so it is met by serious consequences or a reach at
 *   the marks 两高2013年解释 第二条 sets for defamation (said to be by analogy), and otherwise left to the court — never "not met";
 * - 侵犯公民个人信息罪 情节严重 (两高2017年解释 第五条): whereabouts used for a crime, the numbers of records by kind
 *   (added in proportion, 第六项), a penalty within two years; 情节特别严重 by the consequences of its second paragraph;
 * - 寻衅滋事 辱骂、恐吓 情节恶劣 (两高2013年寻衅滋事解释 第三条): repeated with a bad social effect, a vulnerable
 *   victim with a bad social effect, mental disorder or suicide, a seriously disrupted work or life.
 */
import { addYears } from './dates.js';
import { peak, type CaseFacts, type InfoKind } from './facts.js';
import { INFO_ZH } from './harm-words.js';
import type { Seriousness } from './seriousness.js';
import { anyOf, t, type Condition } from './types.js';

const GRAVE = (f: CaseFacts) => (f.consequences ?? []).filter((c) => c === 'mental-disorder' || c === 'suicide');
const CONSEQUENCE_ZH: Record<string, string> = { 'mental-disorder': '精神失常', 'self-harm': '自残', suicide: '自杀' };

export function insultSeriousness(f: CaseFacts): Seriousness {
  const OF = 'serious-circumstances';
  const reached = f.acts.some((a) => (peak(a, 'views')?.value ?? 0) >= 5000 || (peak(a, 'reposts')?.value ?? 0) >= 500);
  const counted = f.acts.length > 0 && f.acts.every((a) => peak(a, 'views') && peak(a, 'reposts'));
  const reach: Condition = { name: 'reach', kind: 'part', of: OF, met: reached ? true : counted ? false : null,
    detail: reached ? t('有帖子达到五千次浏览或五百次转发（这是两高2013年解释对诽谤规定的标准，用于侮辱是参照）', 'a post reached 5,000 views or 500 reposts (the marks the 2013 interpretation sets for defamation, applied to insult by analogy)')
      : t('浏览、转发次数没有达到（或没有记录到）五千次、五百次', 'views and reposts did not reach (or were not recorded at) 5,000 and 500'),
    ask: t('每条帖子的浏览（点击）次数和转发次数', 'each post\'s views and reposts') };
  const list = f.consequences;
  const consequences: Condition = { name: 'serious-consequences', kind: 'part', of: OF, met: list === undefined ? null : list?.length ? true : false,
    detail: list?.length ? t(`造成${list.map((c) => CONSEQUENCE_ZH[c]).join('、')}`, `it led to ${list.join(', ')}`) : list === undefined ? t('未说明造成了哪些后果', 'the consequences were not stated') : t('没有精神失常、自残、自杀等后果', 'no mental disorder, self-harm or suicide'),
    ask: t('侮辱造成了哪些后果（consequences）', 'what the insults led to (consequences)') };
  const met = reach.met || consequences.met ? true : null;
  return { met, conditions: [{ name: OF, kind: 'requires', met,
    detail: met ? t('满足“情节严重”的情形（侮辱罪的情节严重没有司法解释列明标准，最终由法院判断）', 'serious circumstances are shown (insult has no listed cases in an interpretation; the court decides)')
      : t('侮辱罪的“情节严重”没有司法解释列明标准，由法院综合侮辱的手段、传播范围、次数和后果判断：请把这些事实告诉律师', 'insult has no listed "serious" cases: the court weighs the means, reach, repetition and consequences; tell a lawyer these facts') }, reach, consequences] };
}

/** The tiers of 两高2017年解释 第五条 第三项至第五项: records needed by kind. */
const TIER: Record<InfoKind, 50 | 500 | 5000> = {
  whereabouts: 50, 'communication-content': 50, credit: 50, property: 50, lodging: 500, 'call-records': 500, health: 500, transactions: 500,
  name: 5000, 'id-number': 5000, phone: 5000, address: 5000, workplace: 5000, photo: 5000, family: 5000, account: 5000, other: 5000,
};

export interface InfoSeriousness extends Seriousness { especially: boolean }

/** 侵犯公民个人信息罪 情节严重 / 情节特别严重 over the case's privacy acts. */
export function infoSeriousness(f: CaseFacts): InfoSeriousness {
  // 情节特别严重 also lists 死亡、重伤、被绑架 and 重大经济损失或者恶劣社会影响; the facts do not record them, so a longer
  // limit is never claimed from them (the shorter one is said, which is the safe side).
  const OF = 'serious-circumstances';
  const infos = f.acts.map((a) => a.personalInfo ?? null);
  const kinds = [...new Set(infos.flatMap((p) => p?.kinds ?? []))];
  const kindsKnown = infos.length > 0 && infos.every((p) => Array.isArray(p?.kinds));
  const used = anyOf(infos.map((p) => (p?.usedForCrime === undefined || p?.usedForCrime === null ? null : p.usedForCrime)));
  const whereabouts: Condition = { name: 'whereabouts-used-for-crime', kind: 'part', of: OF,
    met: used === true && kinds.includes('whereabouts') ? true : used === false || (kindsKnown && !kinds.includes('whereabouts')) ? false : null,
    detail: used === true && kinds.includes('whereabouts') ? t('公开的行踪轨迹被他人用于犯罪', 'the whereabouts published were used by others for a crime')
      : t('没有（或未说明）行踪轨迹被他人用于犯罪', 'no whereabouts used for a crime (or not stated)'),
    ask: t('公开的信息里是否有您的行踪轨迹，是否被他人用来对您实施犯罪（personalInfo.kinds、personalInfo.usedForCrime）', 'did the information include your whereabouts, and did anyone use it to commit a crime against you (personalInfo.kinds, personalInfo.usedForCrime)') };
  const records = infos.reduce<number | null>((s, p) => (s === null || typeof p?.records !== 'number' ? null : s + p.records), 0);
  const tiers = kinds.map((k) => TIER[k]);
  const least = tiers.length ? Math.max(...tiers) : null;
  const most = tiers.length ? Math.min(...tiers) : null;
  const count: Condition = { name: 'records', kind: 'part', of: OF,
    met: records === null || least === null ? null : records >= least ? true : records < most! ? false : null,
    detail: records === null || least === null ? t('公开了哪些种类的信息、共多少条，没有说明', 'which kinds of information and how many records were not stated')
      : t(`共 ${records} 条（${kinds.map((k) => INFO_ZH[k]).join('、')}）；标准是行踪轨迹、通信内容、征信、财产信息五十条，住宿、通信记录、健康生理、交易信息五百条，其他信息五千条，不同种类按比例合计`,
        `${records} records (${kinds.join(', ')}); the marks are 50 for whereabouts, communications, credit and property, 500 for lodging, call records, health and transactions, 5,000 for others, added in proportion`),
    ask: t('公开了哪些种类的个人信息、各多少条（personalInfo.kinds、personalInfo.records）', 'which kinds of personal information were published, and how many records (personalInfo.kinds, personalInfo.records)') };
  // priorInfoPenalty is an administrative penalty, which counts for two years; a criminal conviction counts whenever it
  // was, and is for the police to find (第五条（九）).
  const p = f.priorInfoPenalty;
  const dated = f.acts.map((a) => a.end ?? a.start).filter((d): d is string => Boolean(d));
  const priorMet = p === undefined ? null : p === null ? false : dated.some((d) => d >= p && d <= addYears(p, 2)) ? true : dated.length ? false : null;
  const prior: Condition = { name: 'prior-penalty-within-two-years', kind: 'part', of: OF, met: priorMet,
    detail: p ? t(`发帖人 ${p} 因侵犯个人信息受过行政处罚${priorMet ? '，本案行为在其后二年之内' : priorMet === false ? '，本案行为不在其后二年之内' : ''}（曾受刑事处罚的，不论何时都算，由公安机关查明）`, `the poster had an administrative penalty for personal information on ${p}${priorMet ? ', within two years before these acts' : ''} (a criminal conviction counts whenever it was; the police find it)`)
      : p === null ? t('发帖人没有因侵犯个人信息受过行政处罚（刑事处罚由公安机关查明）', 'the poster has no administrative penalty for personal information (convictions are for the police to find)') : t('未说明发帖人是否因侵犯个人信息受过行政处罚', 'not stated whether the poster had an administrative penalty for personal information'),
    ask: t('发帖人是否因侵犯个人信息受过行政处罚，哪一天（priorInfoPenalty）', 'did the poster have an administrative penalty for personal information, and when (priorInfoPenalty)') };
  // 情节特别严重 (第五条第二款): 精神失常 among the consequences, or ten times a quantity mark.
  const grave = (f.consequences ?? []).filter((c) => c === 'mental-disorder');
  const tenfold = records !== null && least !== null && records >= least * 10;
  const parts = [whereabouts, count, prior];
  const met = anyOf(parts.map((c) => c.met));
  return {
    met, especially: (grave.length > 0 || tenfold) && met === true,
    conditions: [{ name: OF, kind: 'requires', met,
      detail: met === true ? t(`满足“情节严重”的至少一种情形${grave.length || tenfold ? `；${grave.length ? '造成精神失常' : '数量达到标准十倍以上'}，属于“情节特别严重”（最高七年，追诉期限十年）` : ''}`, `at least one "serious" case is met${grave.length || tenfold ? '; it is "especially serious" (up to seven years; a ten-year limit)' : ''}`)
        : met === false ? t('不满足第五条列明的情形（第十项“其他情节严重的情形”和违法所得等由公安机关查明）', 'none of the listed cases is met (item 10, "other serious cases", and any gain are for the police to find)')
          : t('现有事实不足以判断是否“情节严重”（违法所得、是否明知他人用于犯罪等由公安机关查明）', 'the facts given cannot tell whether it is "serious" (gain, knowledge of criminal use are for the police to find)') },
    ...parts],
  };
}

/** 辱骂、恐吓 情节恶劣 under 两高2013年寻衅滋事解释 第三条. */
export function abuseVileness(f: CaseFacts): Seriousness {
  const OF = 'vile-circumstances';
  const a = f.abuse ?? {};
  const social = f.socialOrderHarm === undefined ? null : (f.socialOrderHarm ?? []).length > 0;
  const withEffect = (v: boolean | null | undefined) => (v === false ? false : v === true && social === true ? true : v === true && social === false ? false : null);
  const parts: Condition[] = [
    { name: 'repeated-with-bad-effect', kind: 'part', of: OF, met: withEffect(a.repeated),
      detail: a.repeated ? t('多次辱骂、恐吓（还须造成恶劣社会影响）', 'repeated abuse or threats (a bad social effect is needed too)') : t('没有（或未说明）多次辱骂、恐吓', 'not repeated (or not stated)'),
      ask: t('是否多次辱骂、恐吓您（abuse.repeated），是否造成恶劣社会影响（socialOrderHarm）', 'was it repeated (abuse.repeated), with a bad social effect (socialOrderHarm)') },
    { name: 'vulnerable-victim', kind: 'part', of: OF, met: withEffect(a.vulnerableVictim),
      detail: a.vulnerableVictim ? t('被害人是未成年人、老年人、孕妇、残疾人等（还须造成恶劣社会影响）', 'the victim is a minor, elderly, pregnant or disabled (a bad social effect is needed too)') : t('被害人不是（或未说明是）未成年人、老年人、孕妇、残疾人等', 'the victim is not (or not stated to be) a minor, elderly, pregnant or disabled'),
      ask: t('您是否是未成年人、老年人、孕妇、残疾人或精神病人（abuse.vulnerableVictim）', 'are you a minor, elderly, pregnant, disabled or mentally ill (abuse.vulnerableVictim)') },
    // The list is open (精神失常、自杀等严重后果): self-harm alone is left to the authorities, not taken as "no".
    { name: 'mental-disorder-or-suicide', kind: 'part', of: OF, met: f.consequences === undefined ? null : GRAVE(f).length > 0 ? true : (f.consequences ?? []).includes('self-harm') ? null : false,
      detail: GRAVE(f).length ? t(`引起${GRAVE(f).map((c) => CONSEQUENCE_ZH[c]).join('、')}`, `it led to ${GRAVE(f).join(', ')}`) : t('没有（或未说明）引起精神失常、自杀等后果', 'no mental disorder or suicide (or not stated)'),
      ask: t('是否引起您精神失常、自杀等后果（consequences）', 'did it lead to mental disorder or suicide (consequences)') },
    { name: 'disrupted-work-or-life', kind: 'part', of: OF, met: a.disruptedLife ?? null,
      detail: a.disruptedLife ? t('严重影响了您的工作、生活', 'it seriously disrupted your work or life') : t('没有（或未说明）严重影响工作、生活', 'no serious disruption of work or life (or not stated)'),
      ask: t('是否严重影响了您的工作、生活（abuse.disruptedLife）', 'did it seriously disrupt your work or life (abuse.disruptedLife)') },
  ];
  const met = anyOf(parts.map((c) => c.met));
  return { met, conditions: [{ name: OF, kind: 'requires', met,
    detail: met === true ? t('满足“情节恶劣”的至少一种情形', 'at least one "vile" case is met') : met === false ? t('不满足第三条列明的情形（第六项“其他情节恶劣的情形”由司法机关判断）', 'none of the listed cases (item 6, "other vile cases", is for the authorities)')
      : t('现有事实不足以判断是否“情节恶劣”', 'the facts given cannot tell whether it is "vile"') }, ...parts] };
}

