/**
 * The routes through the police and the criminal courts: a police report for an administrative penalty (the
 * 治安管理处罚法 in force on the day of the act), private prosecution (刑法 246), and public prosecution where the
 * facts match 两高2013年网络诽谤解释 第三条.
 */
import { cite, provision, publicSecurityLawOn } from '../law/index.js';
import { addMonths, addYears } from './dates.js';
import type { Act, CaseFacts } from './facts.js';
import { seriousness, SERIOUSNESS_CITATIONS } from './seriousness.js';
import { allOf, anyOf, t, type Condition, type Deadline, type Route } from './types.js';

const actDay = (a: Act) => a.end ?? a.start ?? null;
const name = (a: Act, i: number) => a.url ?? `acts[${i}]`;

export function policeReport(f: CaseFacts, asOf: string): Route {
  const deadlines: Deadline[] = [];
  const perAct = f.acts.map((a, i) => {
    const day = actDay(a);
    if (!day) return { met: null as boolean | null, law: null };
    const law = publicSecurityLawOn(day);
    const last = addMonths(day, 6);
    deadlines.push({ what: t(`${name(a, i)}：公安机关须在此日前发现（报案），否则不再处罚（${law.law.short}${provision(law.limit).article}）`,
      `${name(a, i)}: the police must learn of it by this day, or no penalty (${provision(law.limit).article})`), date: last });
    return { met: asOf <= last, law };
  });
  const within = anyOf(perAct.map((p) => p.met));
  const laws = [...new Map(perAct.filter((p) => p.law).map((p) => [p.law!.offence, p.law!])).values()];
  const conditions: Condition[] = [{
    name: 'within-six-months', met: within,
    detail: within === true ? t('至少一项行为仍在六个月的处罚时限内', 'at least one act is still within the six-month limit')
      : within === false ? t('所有行为都已超过六个月，公安机关不再处罚', 'every act is more than six months old: no administrative penalty')
        : t('缺少行为日期，无法计算六个月时限', 'the dates of the acts are missing, so the six-month limit cannot be counted'),
  }];
  const reasons = laws.map((l) => l.offence === 'public-security-2025:50'
    ? t('行为在2026年1月1日或以后：适用2025年修订的治安管理处罚法第五十条，处五日以下拘留或一千元以下罚款，情节较重的五至十日拘留，可并处一千元以下罚款', 'acts from 2026-01-01: the 2025 revision, 第五十条 — up to 5 days or 1,000 yuan; 5–10 days and up to 1,000 yuan if serious')
    : t('行为在2026年1月1日以前：适用2012年修正的治安管理处罚法第四十二条（五百元以下罚款），新旧法如何适用请咨询律师', 'acts before 2026-01-01: the 2012 text, 第四十二条 (fines up to 500 yuan); ask a lawyer how the old and new law apply'));
  reasons.push(t('向公安机关报案，公安机关应当立即立案调查，或告知不立案的理由', 'report to the police, who must open a case at once or say why not'));
  if (f.acts.some((a) => a.start && !a.end)) {
    reasons.push(t('期限从行为发生之日起算；行为有连续或者继续状态的（例如持续发帖、帖子仍在扩散），从行为终了之日起算：请在 acts[].end 写明结束日期，或向公安机关说明', 'the period runs from the act, or from its end if it continued (e.g. repeated posts, still spreading): give acts[].end, or tell the police'));
  }
  return {
    id: 'police-report', title: t('向公安机关报案（治安处罚）', 'Report to the police (administrative penalty)'),
    available: f.acts.length ? within : null, reasons, conditions, deadlines,
    citations: [...laws.flatMap((l) => [cite(l.offence), cite(l.limit)]), cite('public-security-2025:90')],
    missing: f.acts.length === 0 ? [t('至少一项侵害行为（帖子）', 'at least one act (post)')] : within === null ? [t('行为的日期', 'the dates of the acts')] : [],
  };
}

function limitation(f: CaseFacts, asOf: string): { condition: Condition; deadlines: Deadline[] } {
  const deadlines: Deadline[] = [];
  const met = anyOf(f.acts.map((a, i) => {
    const day = actDay(a);
    if (!day) return null;
    const last = addYears(day, 5);
    deadlines.push({ what: t(`${name(a, i)}：追诉期限（五年）届满`, `${name(a, i)}: the five-year limit for prosecution ends`), date: last });
    return asOf <= last;
  }));
  return {
    deadlines,
    condition: { name: 'within-five-years', met, detail: met === true ? t('在五年追诉期限内', 'within the five-year limit') : met === false ? t('已过五年追诉期限', 'past the five-year limit') : t('缺少行为日期', 'the dates of the acts are missing') },
  };
}

function socialOrder(f: CaseFacts): boolean | null {
  if (f.socialOrderHarm === undefined) return null;
  return (f.socialOrderHarm ?? []).length > 0;
}

export function privateProsecution(f: CaseFacts, asOf: string): Route {
  const serious = seriousness(f);
  const limit = limitation(f, asOf);
  const identified = f.poster?.identified ?? null;
  const harm = socialOrder(f);
  const conditions: Condition[] = [
    ...serious.conditions,
    { name: 'defendant-identified', met: identified,
      detail: identified === true ? t('发帖人身份已知', 'the poster is identified') : identified === false ? t('发帖人身份不明：法院不受理没有明确被告人的自诉', 'the poster is not identified: a private prosecution needs a named defendant') : t('未说明发帖人身份是否已知', 'not stated whether the poster is identified') },
    limit.condition,
    { name: 'not-public-order-case', met: harm === null ? null : !harm,
      detail: harm ? t('属于严重危害社会秩序的情形，应由检察院公诉而非自诉', 'it seriously harms social order: a case for public prosecution, not private') : harm === false ? t('不属于严重危害社会秩序和国家利益的情形', 'no serious harm to social order or state interests') : t('未说明是否引发群体性事件等', 'not stated whether it caused mass incidents or the like') },
  ];
  const available = allOf([serious.met, identified, limit.condition.met, harm === null ? null : !harm]);
  const reasons = [t('诽谤罪“告诉才处理”：由被害人向法院提起刑事自诉（刑事自诉状、证据、被告人身份）', 'defamation is prosecuted on the victim\'s complaint: file a private prosecution with the court')];
  if (identified === false) reasons.push(t('先确定发帖人：可以起诉平台并请求法院责令其披露发帖人信息（信息网络侵权规定第三条），或向公安机关报案', 'identify the poster first: sue the platform and ask the court to order disclosure, or report to the police'));
  reasons.push(t('网络诽谤取证确有困难的，可以请求法院要求公安机关协助（刑法第二百四十六条第三款）', 'if evidence is hard to get, ask the court to have the police help (刑法 246 ¶3)'));
  const missing = conditions.filter((c) => c.met === null && c.name !== 'serious-circumstances').map((c) => c.detail);
  return {
    id: 'private-prosecution', title: t('刑事自诉（诽谤罪）', 'Private criminal prosecution (defamation)'), available, reasons, conditions, deadlines: limit.deadlines,
    citations: [cite('criminal-law:246'), cite('criminal-law:246-3'), cite('defamation-interpretation-2013:1'), ...SERIOUSNESS_CITATIONS(), cite('criminal-law:87'), cite('criminal-law:89'),
      cite('criminal-law:98'), cite('criminal-procedure:210'), cite('criminal-procedure-interpretation:1'), cite('criminal-procedure-interpretation:316'),
      cite('criminal-procedure-interpretation:319'), cite('criminal-procedure-interpretation:320'), cite('criminal-procedure-interpretation:325')],
    missing: available === null ? missing : [],
  };
}

export function publicProsecution(f: CaseFacts, asOf: string): Route {
  const serious = seriousness(f);
  const limit = limitation(f, asOf);
  const harm = socialOrder(f);
  const conditions: Condition[] = [
    { name: 'social-order-harm', met: harm,
      detail: harm ? t(`符合第三条的情形：${(f.socialOrderHarm ?? []).join('、')}`, `matches article 3: ${(f.socialOrderHarm ?? []).join(', ')}`) : harm === false ? t('没有第三条所列的情形', 'none of the article 3 cases') : t('未说明是否引发群体性事件、公共秩序混乱等', 'not stated whether it caused mass incidents, public disorder and the like') },
    serious.conditions[0]!,
    limit.condition,
  ];
  const available = allOf([harm, serious.met, limit.condition.met]);
  return {
    id: 'public-prosecution', title: t('公诉（严重危害社会秩序）', 'Public prosecution (serious harm to social order)'), available,
    reasons: [t('严重危害社会秩序和国家利益的诽谤由公安机关立案侦查、检察院提起公诉；被害人向公安机关报案并提交证据', 'defamation that seriously harms social order is investigated by the police and prosecuted by the procuratorate: report it to the police with the evidence')],
    conditions, deadlines: limit.deadlines, citations: [cite('criminal-law:246'), cite('defamation-interpretation-2013:3'), ...SERIOUSNESS_CITATIONS(), cite('criminal-law:87')],
    missing: available === null ? conditions.filter((c) => c.met === null).map((c) => c.detail) : [],
  };
}
