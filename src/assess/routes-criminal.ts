/**
 * The routes through the police and the criminal courts: a police report for an administrative penalty (the
 * 治安管理处罚法 in force on the day of the act), private prosecution (刑法 246), and public prosecution where the
 * facts match 两高2013年网络诽谤解释 第三条. Each lists its conditions with their kind; rule.ts gives the answer.
 * - police report requires an act within six months (from its end, if it continued);
 * - private prosecution requires 情节严重, a named defendant and the five-year limit; 严重危害社会秩序和国家利益
 *   is its exception (刑法 246 ¶2): stated, it sends the case to public prosecution; not stated, the case is taken
 *   as the law's default, 告诉才处理, and the exception is a caveat and a question;
 * - public prosecution exists only by that exception: it is available when the exception is stated to hold (with
 *   情节严重 and the limit), and not available while nobody has stated it — never "cannot tell" for that reason.
 *   It needs no identified poster: the police investigate.
 */
import { cite, provision, publicSecurityLawOn } from '../law/index.js';
import { addMonths, addYears } from './dates.js';
import type { Act, CaseFacts, HarmKind } from './facts.js';
import { HARMS, policeOffences } from './harms.js';
import { insultSeriousness } from './seriousness-harms.js';
import { seriousness, SERIOUSNESS_CITATIONS } from './seriousness.js';
import { actsKnown, route } from './rule.js';
import { anyOf, t, type Condition, type Deadline, type Route } from './types.js';

const actDay = (a: Act) => a.end ?? a.start ?? null;
const name = (a: Act, i: number) => a.url ?? `acts[${i}]`;

const POLICE_REASON: Record<string, { zh: string; en: string }> = {
  'public-security-2025:50': { zh: '2026年1月1日以后的行为：适用2025年修订的治安管理处罚法第五十条第一款第（二）项（公然侮辱、诽谤），处五日以下拘留或一千元以下罚款，情节较重的五至十日拘留，可并处一千元以下罚款', en: 'acts from 2026-01-01: the 2025 revision, 第五十条 (二) (public insult, defamation) — up to 5 days or 1,000 yuan; 5–10 days and up to 1,000 yuan if serious' },
  'public-security-2012:42': { zh: '2026年1月1日以前的行为：适用2012年修正的治安管理处罚法第四十二条第（二）项（五百元以下罚款），新旧法如何适用请咨询律师', en: 'acts before 2026-01-01: the 2012 text, 第四十二条 (二) (fines up to 500 yuan); ask a lawyer how the old and new law apply' },
  'public-security-2025:50(6)': { zh: '2026年1月1日以后的行为：散布他人隐私，适用2025年修订的治安管理处罚法第五十条第一款第（六）项', en: 'acts from 2026-01-01: spreading another\'s private information, the 2025 revision 第五十条 (六)' },
  'public-security-2025:56': { zh: '违反国家有关规定向他人提供（包括在网上发布）个人信息的，还可适用第五十六条：十至十五日拘留', en: 'providing (publishing included) personal information against state rules also falls under 第五十六条: 10–15 days\' detention' },
  'public-security-2012:42(6)': { zh: '2026年1月1日以前的行为：散布他人隐私，适用2012年修正的治安管理处罚法第四十二条第（六）项（五百元以下罚款），新旧法如何适用请咨询律师', en: 'acts before 2026-01-01: spreading private information, the 2012 text 第四十二条 (六) (up to 500 yuan); ask a lawyer how the old and new law apply' },
  'public-security-2025:50(1)': { zh: '2026年1月1日以后的行为：威胁人身安全，适用2025年修订的治安管理处罚法第五十条第一款第（一）项', en: 'acts from 2026-01-01: threats to personal safety, the 2025 revision 第五十条 (一)' },
  'public-security-2025:50(5)': { zh: '多次发送侮辱、恐吓信息或滋扰、纠缠、跟踪的，适用第五十条第一款第（五）项，并可请求禁止接触（见“禁止接触”）', en: 'repeated insulting or threatening messages, harassment or stalking: 第五十条 (五), with a no-contact order (see "no-contact order")' },
  'public-security-2012:42(1)': { zh: '2026年1月1日以前的行为：威胁人身安全，适用2012年修正的治安管理处罚法第四十二条第（一）项（五百元以下罚款）', en: 'acts before 2026-01-01: threats to personal safety, the 2012 text 第四十二条 (一) (up to 500 yuan)' },
  'public-security-2012:42(5)': { zh: '多次发送侮辱、恐吓信息干扰正常生活的，适用2012年修正的第四十二条第（五）项；旧法没有禁止接触令', en: 'repeated insulting or threatening messages: the 2012 text 第四十二条 (五); the old law has no no-contact order' },
  'public-security-2025:29(1)': { zh: '2026年1月1日以后的行为：故意散布谣言扰乱公共秩序，适用2025年修订的治安管理处罚法第二十九条第（一）项，五至十日拘留，可并处一千元以下罚款', en: 'acts from 2026-01-01: rumours that disturb public order, the 2025 revision 第二十九条 (一): 5–10 days and up to 1,000 yuan' },
  'public-security-2012:25(1)': { zh: '2026年1月1日以前的行为：散布谣言扰乱公共秩序，适用2012年修正的治安管理处罚法第二十五条第（一）项（五百元以下罚款）', en: 'acts before 2026-01-01: rumours that disturb public order, the 2012 text 第二十五条 (一) (up to 500 yuan)' },
};

const HARM_TITLE: Record<HarmKind, { zh: string; en: string }> = Object.fromEntries(Object.entries(HARMS).map(([k, v]) => [k, { zh: v.zh, en: v.en }])) as Record<HarmKind, { zh: string; en: string }>;

export function policeReport(f: CaseFacts, asOf: string, harm: HarmKind = 'defamation'): Route {
  const deadlines: Deadline[] = [];
  const perAct = f.acts.map((a, i) => {
    const day = actDay(a);
    if (!day) return { met: null as boolean | null, offences: [] as string[], limit: null as string | null };
    const law = publicSecurityLawOn(day);
    const last = addMonths(day, 6);
    deadlines.push({ what: t(`${name(a, i)}：公安机关须在此日前发现（报案），否则不再处罚（${law.law.short}${provision(law.limit).article}）`,
      `${name(a, i)}: the police must learn of it by this day, or no penalty (${provision(law.limit).article})`), date: last });
    return { met: asOf <= last, offences: policeOffences(harm, day), limit: law.limit };
  });
  const within = anyOf(perAct.map((p) => p.met));
  const offences = [...new Set(perAct.flatMap((p) => p.offences))];
  const limits = [...new Set(perAct.flatMap((p) => (p.limit ? [p.limit] : [])))];
  const conditions: Condition[] = [...actsKnown(f.acts.length), {
    name: 'within-six-months', kind: 'requires', met: within, ask: t('每条帖子的发布日期，持续的行为还有结束日期（acts[].start、acts[].end）', 'the day of each post, and the end of an act that continued (acts[].start, acts[].end)'),
    detail: within === true ? t('至少一项行为仍在六个月的处罚时限内', 'at least one act is still within the six-month limit')
      : within === false ? t('所有行为都已超过六个月，公安机关不再处罚', 'every act is more than six months old: no administrative penalty')
        : t('行为的日期（缺少日期，无法计算六个月时限）', 'the dates of the acts (without them the six-month limit cannot be counted)'),
  }];
  const reasons = offences.map((o) => t(POLICE_REASON[o]!.zh, POLICE_REASON[o]!.en));
  reasons.push(t('向公安机关报案，公安机关应当立即立案调查，或告知不立案的理由', 'report to the police, who must open a case at once or say why not'));
  if (f.acts.some((a) => a.start && !a.end)) {
    reasons.push(t('期限从行为发生之日起算；行为有连续或者继续状态的（例如持续发帖、帖子仍在扩散），从行为终了之日起算：请在 acts[].end 写明结束日期，或向公安机关说明', 'the period runs from the act, or from its end if it continued (e.g. repeated posts, still spreading): give acts[].end, or tell the police'));
  }
  return route({
    id: 'police-report', harm, title: t(`向公安机关报案（治安处罚：${HARM_TITLE[harm].zh}）`, `Report to the police (administrative penalty: ${HARM_TITLE[harm].en})`), reasons, conditions, deadlines,
    citations: [...offences.map(cite), ...limits.map(cite), cite('public-security-2025:90')],
  });
}

/** The limit for prosecution (刑法 第八十七条): five years for crimes of at most three years, ten for five or seven. */
export function limitation(f: CaseFacts, asOf: string, years: 5 | 10 = 5): { condition: Condition; deadlines: Deadline[] } {
  const deadlines: Deadline[] = [];
  const zh = years === 5 ? '五' : '十';
  const met = anyOf(f.acts.map((a, i) => {
    const day = actDay(a);
    if (!day) return null;
    const last = addYears(day, years);
    deadlines.push({ what: t(`${name(a, i)}：追诉期限（${zh}年）届满`, `${name(a, i)}: the ${years}-year limit for prosecution ends`), date: last });
    return asOf <= last;
  }));
  return {
    deadlines,
    condition: { name: `within-${years === 5 ? 'five' : 'ten'}-years`, kind: 'requires', met, ask: t('每条帖子的发布日期（acts[].start）', 'the day of each post (acts[].start)'),
      detail: met === true ? t(`在${zh}年追诉期限内`, `within the ${years}-year limit`) : met === false ? t(`已过${zh}年追诉期限`, `past the ${years}-year limit`) : t(`行为的日期（缺少日期，无法计算${zh}年追诉期限）`, `the dates of the acts (without them the ${years}-year limit cannot be counted)`) },
  };
}

/** 严重危害社会秩序和国家利益 (两高2013年解释 第三条): true / false as stated; null when nobody stated it. */
function socialOrder(f: CaseFacts): boolean | null {
  if (f.socialOrderHarm === undefined) return null;
  return (f.socialOrderHarm ?? []).length > 0;
}

const HARM_ZH: Record<string, string> = { 'mass-incident': '引发群体性事件', 'public-disorder': '引发公共秩序混乱', 'ethnic-religious-conflict': '引发民族、宗教冲突',
  'many-victims': '诽谤多人，造成恶劣社会影响', 'national-image': '损害国家形象，严重危害国家利益', international: '造成恶劣国际影响' };
const harms = (f: CaseFacts) => ({ zh: (f.socialOrderHarm ?? []).map((h) => HARM_ZH[h] ?? h).join('、'), en: (f.socialOrderHarm ?? []).join(', ') });
const ASK_HARM = t('帖子是否引发群体性事件、公共秩序混乱、民族宗教冲突，是否诽谤多人造成恶劣社会影响，是否损害国家形象或造成恶劣国际影响（socialOrderHarm；没有请写 []）',
  'did the post cause a mass incident, public disorder, ethnic or religious conflict, defame many people with bad social effect, harm the national image or have a bad international effect (socialOrderHarm; [] for none)');

/** 刑法 246 covers both crimes: 诽谤罪 (defamation) and 侮辱罪 (insult), each with its own 情节严重. */
type Crime246 = 'defamation' | 'insult';
const CRIME: Record<Crime246, { zh: string; en: string }> = { defamation: { zh: '诽谤罪', en: 'defamation' }, insult: { zh: '侮辱罪', en: 'insult' } };

export function privateProsecution(f: CaseFacts, asOf: string, crime: Crime246 = 'defamation'): Route {
  const serious = crime === 'insult' ? insultSeriousness(f) : seriousness(f);
  const limit = limitation(f, asOf);
  const identified = f.poster?.identified ?? null;
  const harm = socialOrder(f);
  const conditions: Condition[] = [
    ...actsKnown(f.acts.length),
    ...serious.conditions,
    { name: 'defendant-identified', kind: 'requires', met: identified,
      detail: identified === true ? t('发帖人身份已知', 'the poster is identified') : identified === false ? t('发帖人身份不明：法院不受理没有明确被告人的自诉', 'the poster is not identified: a private prosecution needs a named defendant') : t('未说明发帖人身份是否已知（自诉须有明确的被告人）', 'not stated whether the poster is identified (a private prosecution needs a named defendant)'),
      ask: t('发帖人是谁：姓名等身份信息（poster.identified、poster.name）', 'who the poster is: name and identity (poster.identified, poster.name)') },
    limit.condition,
    { name: 'not-public-order-case', kind: 'exception', presumed: true, met: harm === null ? null : !harm, ask: ASK_HARM,
      detail: harm ? t(`属于严重危害社会秩序和国家利益的情形（${harms(f).zh}），不是“告诉才处理”：应向公安机关报案，由检察院公诉（见“公诉”）`, `it seriously harms social order or state interests (${harms(f).en}): not a complaint case; report it to the police for public prosecution (see "public prosecution")`)
        : harm === false ? t('不属于严重危害社会秩序和国家利益的情形，告诉才处理', 'no serious harm to social order or state interests: prosecuted on the victim\'s complaint')
          : t('未说明是否引发群体性事件、公共秩序混乱等严重危害社会秩序和国家利益的情形：按没有处理（告诉才处理，自诉）；如果有，应由公安机关立案、检察院公诉（见“公诉”）',
            'not stated whether it caused a mass incident, public disorder or other serious harm to social order or state interests: taken as none (a complaint case, private prosecution); if it did, the police investigate and the procuratorate prosecutes (see "public prosecution")') },
  ];
  const reasons = [t(`${CRIME[crime].zh}“告诉才处理”：由被害人向法院提起刑事自诉（刑事自诉状、证据、被告人身份）`, `${CRIME[crime].en} is prosecuted on the victim's complaint: file a private prosecution with the court`)];
  if (harm) reasons.push(t('本案属于法律规定的例外（严重危害社会秩序和国家利益），改走公诉', 'this case falls under the exception (serious harm to social order or state interests): public prosecution instead'));
  if (identified === false) reasons.push(t('先确定发帖人：可以起诉平台并请求法院责令其披露发帖人信息（信息网络侵权规定第三条），或向公安机关报案', 'identify the poster first: sue the platform and ask the court to order disclosure, or report to the police'));
  reasons.push(t(`网络${crime === 'insult' ? '侮辱' : '诽谤'}取证确有困难的，可以请求法院要求公安机关协助（刑法第二百四十六条第三款）`, 'if evidence is hard to get, ask the court to have the police help (刑法 246 ¶3)'));
  return route({
    id: 'private-prosecution', harm: crime, title: t(`刑事自诉（${CRIME[crime].zh}）`, `Private criminal prosecution (${CRIME[crime].en})`), reasons, conditions, deadlines: limit.deadlines,
    citations: [cite('criminal-law:246'), cite('criminal-law:246-3'), ...(crime === 'defamation' ? [cite('defamation-interpretation-2013:1'), ...SERIOUSNESS_CITATIONS(), cite('defamation-interpretation-2013:3')] : []),
      cite('criminal-law:87'), cite('criminal-law:89'), cite('criminal-law:98'), cite('criminal-procedure:210'), cite('criminal-procedure-interpretation:1'),
      cite('criminal-procedure-interpretation:316'), cite('criminal-procedure-interpretation:319'), cite('criminal-procedure-interpretation:320'), cite('criminal-procedure-interpretation:325')],
  });
}

export function publicProsecution(f: CaseFacts, asOf: string, crime: Crime246 = 'defamation'): Route {
  const serious = crime === 'insult' ? insultSeriousness(f) : seriousness(f);
  const limit = limitation(f, asOf);
  const harm = socialOrder(f);
  const conditions: Condition[] = [
    ...actsKnown(f.acts.length),
    { name: 'social-order-harm', kind: 'exception', presumed: false, met: harm, ask: ASK_HARM,
      detail: harm ? t(`符合第三条的情形：${harms(f).zh}`, `matches article 3: ${harms(f).en}`)
        : harm === false ? t('没有第三条所列的情形：诽谤告诉才处理，不公诉', 'none of the article 3 cases: defamation is a complaint case, not publicly prosecuted')
          : t('未说明是否引发群体性事件、公共秩序混乱等第三条所列情形：按没有处理，本途径不适用；如果有，请说明', 'not stated whether it caused a mass incident, public disorder or another article 3 case: taken as none, so this route does not apply; state it if it did') },
    ...serious.conditions,
    limit.condition,
  ];
  return route({
    id: 'public-prosecution', harm: crime, title: t(`公诉（${CRIME[crime].zh}，严重危害社会秩序）`, `Public prosecution (${CRIME[crime].en}, serious harm to social order)`),
    reasons: [
      t(`严重危害社会秩序和国家利益的${crime === 'insult' ? '侮辱' : '诽谤'}由公安机关立案侦查、检察院提起公诉；被害人向公安机关报案并提交证据`, `${CRIME[crime].en} that seriously harms social order is investigated by the police and prosecuted by the procuratorate: report it to the police with the evidence`),
      t('这是“告诉才处理”的例外：只有事实符合第三条所列情形时才适用；不需要您先查明发帖人', 'this is the exception to "prosecuted on complaint": it applies only where the facts match article 3; you need not identify the poster first'),
      ...(crime === 'insult' ? [t('两高2013年网络诽谤解释第三条所列情形是就诽谤规定的，用于侮辱时由司法机关参照判断', 'the cases of article 3 of the 2013 interpretation are written for defamation; for insult the authorities judge by analogy')] : []),
    ],
    conditions, deadlines: limit.deadlines, citations: [cite('criminal-law:246'), cite('defamation-interpretation-2013:3'), ...(crime === 'defamation' ? SERIOUSNESS_CITATIONS() : []), cite('criminal-law:87')],
  });
}
