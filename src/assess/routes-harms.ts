/**
 * The police routes of the harms beyond defamation:
 * - criminal-report: a crime the police investigate and the procuratorate prosecutes — 侵犯公民个人信息罪 (刑法
 *   第二百五十三条之一, privacy), 寻衅滋事罪 by online abuse or threats (第二百九十三条第一款第（二）项, threat-abuse)
 *   or by rumours that cause serious public disorder (第（四）项, public-order-rumour). No identified poster is needed;
 * - no-contact-order: the 2025 治安管理处罚法 第五十条第二款 order, for harassment on or after 2026-01-01.
 * Conditions, deadlines and citations in the shape of the other routes; rule.ts gives the answer.
 */
import { LAWS, cite, inForce } from '../law/index.js';
import { addMonths } from './dates.js';
import type { Act, CaseFacts, HarmKind } from './facts.js';
import { actLabel } from './harms.js';
import { limitation } from './routes-criminal.js';
import { actsKnown, route } from './rule.js';
import { abuseVileness, infoSeriousness } from './seriousness-harms.js';
import { anyOf, t, type Condition, type Route } from './types.js';

const actDay = (a: Act) => a.end ?? a.start ?? null;

function privacyCrime(f: CaseFacts, asOf: string): Route {
  const serious = infoSeriousness(f);
  const limit = limitation(f, asOf, serious.especially ? 10 : 5);
  return route({
    id: 'criminal-report', harm: 'privacy', title: t('向公安机关报案（刑事：侵犯公民个人信息罪）', 'Report a crime to the police (personal information)'),
    reasons: [
      t('在网上发布他人的个人信息，属于刑法所说的“提供公民个人信息”；违反国家有关规定、情节严重的，构成侵犯公民个人信息罪', 'publishing someone\'s personal information online is "providing" it; against state rules and serious, it is a crime'),
      t('由公安机关立案侦查、检察院公诉：向公安机关报案，提交取证记录；不需要您先查明发帖人', 'the police investigate and the procuratorate prosecutes: report it with the evidence; you need not identify the poster first'),
    ],
    conditions: [...actsKnown(f.acts.length), ...serious.conditions, limit.condition], deadlines: limit.deadlines,
    citations: [cite('criminal-law:253.1'), cite('personal-information-interpretation-2017:1'), cite('personal-information-interpretation-2017:3'), cite('personal-information-interpretation-2017:5'), cite('criminal-law:87')],
  });
}

function abuseCrime(f: CaseFacts, asOf: string): Route {
  const vile = abuseVileness(f);
  const limit = limitation(f, asOf, 10);
  const dispute = f.abuse?.personalDispute;
  const conditions: Condition[] = [...actsKnown(f.acts.length), ...vile.conditions, limit.condition,
    { name: 'not-a-personal-dispute', kind: 'exception', presumed: true, met: dispute === undefined || dispute === null ? null : !dispute,
      detail: dispute ? t('因婚恋、家庭、邻里、债务等纠纷辱骂、恐吓的，一般不认定为寻衅滋事，除非经有关部门批评制止或处理处罚后继续实施、破坏社会秩序', 'abuse arising from a dispute over love, family, neighbours or debts is usually not picking quarrels, unless it goes on after being stopped or punished')
        : dispute === false ? t('不是因双方之间的纠纷引起', 'it did not arise from a dispute between you')
          : t('按不是因双方之间的婚恋、家庭、邻里、债务纠纷引起处理；如果是，一般不认定为寻衅滋事（批评制止或处罚后继续的除外）', 'taken as not arising from a dispute between you (love, family, neighbours, debts); if it did, it is usually not picking quarrels unless it continued after being stopped'),
      ask: t('辱骂、恐吓是否因你们之间的婚恋、家庭、邻里、债务等纠纷引起（abuse.personalDispute）', 'did it arise from a dispute between you over love, family, neighbours or debts (abuse.personalDispute)') }];
  return route({
    id: 'criminal-report', harm: 'threat-abuse', title: t('向公安机关报案（刑事：寻衅滋事罪）', 'Report a crime to the police (picking quarrels)'),
    reasons: [
      t('利用信息网络辱骂、恐吓他人，情节恶劣、破坏社会秩序的，按寻衅滋事罪处罚；由公安机关立案侦查、检察院公诉', 'online abuse or threats that are vile and disrupt social order are punished as picking quarrels; the police investigate, the procuratorate prosecutes'),
      t('为寻求刺激、发泄情绪等无事生非的，才是“寻衅滋事”；向公安机关说明对方与您素不相识或无端攻击', 'it must be trouble stirred up for thrills or to vent: tell the police if the abuser is a stranger or attacked you for no reason'),
    ],
    conditions, deadlines: limit.deadlines,
    citations: [cite('criminal-law:293'), cite('defamation-interpretation-2013:5'), cite('provocation-interpretation-2013:1'), cite('provocation-interpretation-2013:3'), cite('criminal-law:87')],
  });
}

function rumourCrime(f: CaseFacts, asOf: string): Route {
  const limit = limitation(f, asOf, 10);
  const harm = f.socialOrderHarm;
  const serious = harm === undefined ? null : (harm ?? []).some((h) => h === 'public-disorder' || h === 'mass-incident');
  return route({
    id: 'criminal-report', harm: 'public-order-rumour', title: t('向公安机关报案（刑事：寻衅滋事罪，造成公共秩序严重混乱）', 'Report a crime to the police (picking quarrels: serious public disorder)'),
    reasons: [t('在网上编造、散布虚假信息起哄闹事，造成公共秩序严重混乱的，按寻衅滋事罪处罚；只有造成严重混乱时才适用', 'fabrications spread online that stir up trouble and cause serious public disorder are punished as picking quarrels; only serious disorder makes it a crime')],
    conditions: [...actsKnown(f.acts.length),
      { name: 'serious-public-disorder', kind: 'exception', presumed: false, met: serious,
        detail: serious ? t('谣言引发了公共秩序混乱或群体性事件', 'the rumour caused public disorder or a mass incident') : serious === false ? t('没有引发公共秩序严重混乱', 'it caused no serious public disorder')
          : t('未说明是否造成公共秩序严重混乱：按没有处理，本途径不适用；如果有，请说明', 'not stated whether it caused serious public disorder: taken as not, so this route does not apply; state it if it did'),
        ask: t('谣言是否引发公共秩序混乱或群体性事件（socialOrderHarm）', 'did the rumour cause public disorder or a mass incident (socialOrderHarm)') },
      limit.condition],
    deadlines: limit.deadlines, citations: [cite('criminal-law:293'), cite('defamation-interpretation-2013:5'), cite('criminal-law:87')],
  });
}

/** The criminal report of a harm that has one (privacy, threats and abuse, rumours). */
export function criminalReport(f: CaseFacts, asOf: string, harm: HarmKind): Route {
  if (harm === 'privacy') return privacyCrime(f, asOf);
  if (harm === 'threat-abuse') return abuseCrime(f, asOf);
  return rumourCrime(f, asOf);
}

/** 禁止接触 (2025 第五十条第二款): harassment on or after 2026-01-01, reported within six months of it. */
export function noContactOrder(f: CaseFacts, asOf: string): Route {
  const days = f.acts.map(actDay);
  const newLaw = anyOf(days.map((d) => (d ? inForce(LAWS.publicSecurity2025, d) : null)));
  const inTime = anyOf(days.map((d) => (d && inForce(LAWS.publicSecurity2025, d) ? asOf <= addMonths(d, 6) : d ? false : null)));
  const harassment = f.abuse?.harassment ?? null;
  const deadlines = f.acts.flatMap((a, i) => {
    const d = actDay(a);
    return d && inForce(LAWS.publicSecurity2025, d) ? [{ what: t(`${actLabel(a, i)}：公安机关须在此日前发现（报案），否则不再处罚，也不能据此责令禁止接触`, `${actLabel(a, i)}: the police must learn of it by this day, or no penalty and no order`), date: addMonths(d, 6) }] : [];
  });
  return route({
    id: 'no-contact-order', harm: 'threat-abuse', title: t('请求公安机关责令禁止接触', 'Ask the police for a no-contact order'),
    reasons: [
      t('对滋扰、纠缠、跟踪的人，公安机关除处罚外，经负责人批准可以责令其在一定期限内禁止接触您；违反的，处五至十日拘留', 'besides the penalty, the police may order a harasser, pesterer or stalker not to contact you for a period; breaking it means 5–10 days\' detention'),
      t('报案时明确提出这一请求，并提交反复骚扰的证据（聊天记录、通话记录、取证记录）', 'ask for it when you report, with the evidence of repeated harassment (chats, call logs, captures)'),
      t('人民法院也可以作出人格权侵害禁令（见“民事诉讼”）', 'a court can also order the harassment to stop (人格权侵害禁令, see "civil suit")'),
    ],
    conditions: [...actsKnown(f.acts.length),
      { name: 'act-from-2026', kind: 'requires', met: newLaw,
        detail: newLaw ? t('骚扰发生在2026年1月1日或以后，适用2025年修订的治安管理处罚法', 'the harassment happened on or after 2026-01-01: the 2025 revision applies')
          : newLaw === false ? t('骚扰都发生在2026年1月1日以前：旧法没有禁止接触令（骚扰仍在继续的，请写明最近一次的日期）', 'all of it happened before 2026-01-01: the old law has no such order (if it goes on, give the latest day)')
            : t('骚扰的日期（禁止接触令只适用于2026年1月1日以后的行为）', 'the days of the harassment (the order exists only for acts from 2026-01-01)'),
        ask: t('每次骚扰的日期，持续的写明最近一次（acts[].start、acts[].end）', 'the day of each act, and the latest for one that goes on (acts[].start, acts[].end)') },
      { name: 'harassment', kind: 'requires', met: harassment,
        detail: harassment ? t('有滋扰、纠缠、跟踪行为', 'there is harassment, pestering or stalking') : harassment === false ? t('没有滋扰、纠缠、跟踪行为：禁止接触令只针对这些行为', 'no harassment, pestering or stalking: the order is only for these')
          : t('是否有滋扰、纠缠、跟踪行为（包括反复发消息骚扰）', 'whether there was harassment, pestering or stalking (repeated unwanted messages included)'),
        ask: t('对方是否反复骚扰、纠缠或跟踪您（abuse.harassment）', 'did they repeatedly harass, pester or follow you (abuse.harassment)') },
      // Only acts under the 2025 law can bring the order: for older acts the date decides, not the six months.
      ...(newLaw === false ? [] : [{ name: 'within-six-months', kind: 'requires' as const, met: inTime,
        detail: inTime ? t('在六个月的处罚时限内', 'within the six-month limit') : inTime === false ? t('已超过六个月，公安机关不再处罚', 'more than six months have passed: no penalty') : t('行为的日期（缺少日期，无法计算六个月时限）', 'the dates of the acts (without them the six-month limit cannot be counted)'),
        ask: t('每次骚扰的日期（acts[].start、acts[].end）', 'the day of each act (acts[].start, acts[].end)') }])],
    deadlines,
    citations: [cite('public-security-2025:50-2'), cite('public-security-2025:50(5)'), cite('public-security-2025:25'), cite('public-security-2025:90')],
  });
}
