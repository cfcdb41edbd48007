/**
 * A case's facts, as the assessment and the documents read them (the facts file, or what a case in the vault yields).
 * Absent or unknown fields mean "not known", never "no": an explicit empty list or null is the user saying "none".
 * Reading checks types and contradictions and reports every problem at once, in Chinese and English.
 */
import { GuzhengError } from '../errors.js';
import { chinaDay, isDay } from './dates.js';

export type Consequence = 'mental-disorder' | 'self-harm' | 'suicide';
export type SocialOrderHarm = 'mass-incident' | 'public-disorder' | 'ethnic-religious-conflict' | 'many-victims' | 'national-image' | 'international';
export type Goal = 'takedown' | 'apology' | 'compensation' | 'punishment';
/**
 * What an act did (issue 14). defamation: false facts that lower the victim's standing; insult: abuse that demeans
 * them; privacy: their private or personal information disclosed (doxxing, 人肉搜索); portrait: their picture used,
 * edited or faked; threat-abuse: threats, repeated abusive messages, harassment; public-order-rumour: rumours that
 * disturb public order.
 */
export type HarmKind = 'defamation' | 'insult' | 'privacy' | 'portrait' | 'threat-abuse' | 'public-order-rumour';
export const HARM_KINDS: HarmKind[] = ['defamation', 'insult', 'privacy', 'portrait', 'threat-abuse', 'public-order-rumour'];
/**
 * Kinds of personal information, in the tiers of 两高2017年侵犯公民个人信息解释 第五条: whereabouts, communication
 * content, credit, property (50 records); lodging, call records, health, transactions (500); anything else (5,000).
 */
export type InfoKind = 'whereabouts' | 'communication-content' | 'credit' | 'property' | 'lodging' | 'call-records' | 'health' | 'transactions'
  | 'name' | 'id-number' | 'phone' | 'address' | 'workplace' | 'photo' | 'family' | 'account' | 'other';
export const INFO_KINDS: InfoKind[] = ['whereabouts', 'communication-content', 'credit', 'property', 'lodging', 'call-records', 'health', 'transactions',
  'name', 'id-number', 'phone', 'address', 'workplace', 'photo', 'family', 'account', 'other'];

/** What was disclosed in a privacy act: which kinds, how many records (pieces of information), what followed. */
export interface PersonalInfo {
  kinds?: InfoKind[] | null;
  records?: number | null;
  /** The information was used by others to commit a crime against the victim (e.g. extortion, an attack at home). */
  usedForCrime?: boolean | null;
}

/** Threats and abuse: the facts 治安管理处罚法 第五十条 and the 2013 寻衅滋事 interpretation turn on. */
export interface Abuse {
  /** Many times (多次), not once. */
  repeated?: boolean | null;
  /** Harassment, pestering or following (滋扰、纠缠、跟踪), repeated unwanted messages included. */
  harassment?: boolean | null;
  /** The victim is a minor, elderly, pregnant, disabled or mentally ill. */
  vulnerableVictim?: boolean | null;
  /** It seriously disrupted the victim's work or life. */
  disruptedLife?: boolean | null;
  /** It grew out of a dispute between the two (love, family, neighbours, debts). */
  personalDispute?: boolean | null;
}

/**
 * Counts read at one time. views, reads (阅读) and plays (播放) are all "实际被点击、浏览" for the 5,000 mark; reposts are
 * 转发 (the 500 mark); shares are 分享 (uses of a share button), kept apart and never added to reposts.
 */
export interface Observation {
  at: string;
  views?: number | null;
  reads?: number | null;
  plays?: number | null;
  reposts?: number | null;
  shares?: number | null;
  comments?: number | null;
  likes?: number | null;
  /** The evidence item the counts were read from, when they come from the vault. */
  item?: string;
}

export interface Act {
  url?: string | null;
  platform?: string | null;
  /** The day the post was published (or the act began); null: not known. */
  start?: string | null;
  /** The day a continuing act ended; null: still going on or not known. */
  end?: string | null;
  observations: Observation[];
  /** Evidence items of this act in the vault. */
  items?: string[];
  /** The post's text or a summary of what it says, when known. */
  summary?: string | null;
  /** What the act did; absent: ["defamation"] (or with `doxxing`, ["defamation", "privacy"]). */
  harms?: HarmKind[];
  /** For a privacy act: what was disclosed. */
  personalInfo?: PersonalInfo | null;
}

export interface CaseFacts {
  asOf?: string;
  victim?: { name?: string | null; [k: string]: unknown };
  poster?: { identified?: boolean | null; name?: string | null; account?: string | null; platform?: string | null; [k: string]: unknown };
  knewOfHarmAndPoster?: string | null;
  acts: Act[];
  consequences?: Consequence[] | null;
  priorDefamationPenalty?: string | null;
  socialOrderHarm?: SocialOrderHarm[] | null;
  goals?: Goal[] | null;
  /** Where the documents are addressed, when the user knows: the court, the police station, the notary office. */
  court?: string | null;
  policeStation?: string | null;
  notaryOffice?: string | null;
  /** Older facts files: personal information made public; acts without `harms` are then read as defamation and privacy. */
  doxxing?: boolean | null;
  /** Threats and abuse (acts with the harm threat-abuse). */
  abuse?: Abuse | null;
  /** The poster's earlier penalty for infringing personal information: a day, null for none, absent when not known. */
  priorInfoPenalty?: string | null;
}

const CONSEQUENCES: Consequence[] = ['mental-disorder', 'self-harm', 'suicide'];
const HARMS: SocialOrderHarm[] = ['mass-incident', 'public-disorder', 'ethnic-religious-conflict', 'many-victims', 'national-image', 'international'];
const GOALS: Goal[] = ['takedown', 'apology', 'compensation', 'punishment'];
const COUNTS = ['views', 'reads', 'plays', 'reposts', 'shares', 'comments', 'likes'] as const;

interface Problem { zh: string; en: string }

/** Checks a parsed facts value; throws E_FACTS listing every problem. Returns the facts with defaults for lists. */
export function checkFacts(raw: unknown): CaseFacts {
  const problems: Problem[] = [];
  const bad = (zh: string, en: string) => problems.push({ zh, en });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new GuzhengError('E_FACTS', '案件事实应为一个 JSON 对象', 'The case facts must be one JSON object');
  const f = raw as Record<string, any>;
  const day = (v: unknown, where: string) => {
    if (v === undefined || v === null) return;
    if (!isDay(v)) bad(`${where} 不是有效日期（应为 YYYY-MM-DD）：${JSON.stringify(v)}`, `${where} is not a valid date (YYYY-MM-DD): ${JSON.stringify(v)}`);
  };
  const list = <T extends string>(v: unknown, allowed: T[], where: string) => {
    if (v === undefined || v === null) return;
    if (!Array.isArray(v)) return bad(`${where} 应为列表`, `${where} must be a list`);
    for (const x of v) if (!allowed.includes(x)) bad(`${where} 中的“${x}”不是可选值（${allowed.join('、')}）`, `"${x}" in ${where} is not one of ${allowed.join(', ')}`);
  };
  day(f.asOf, 'asOf');
  day(f.knewOfHarmAndPoster, 'knewOfHarmAndPoster');
  day(f.priorDefamationPenalty, 'priorDefamationPenalty');
  day(f.priorInfoPenalty, 'priorInfoPenalty');
  const bool = (v: unknown, where: string) => {
    if (v !== undefined && v !== null && typeof v !== 'boolean') bad(`${where} 应为 true、false 或 null`, `${where} must be true, false or null`);
  };
  if (f.abuse !== undefined && f.abuse !== null) {
    if (typeof f.abuse !== 'object' || Array.isArray(f.abuse)) bad('abuse 应为对象', 'abuse must be an object');
    else for (const k of ['repeated', 'harassment', 'vulnerableVictim', 'disruptedLife', 'personalDispute']) bool(f.abuse[k], `abuse.${k}`);
  }
  list(f.consequences, CONSEQUENCES, 'consequences');
  list(f.socialOrderHarm, HARMS, 'socialOrderHarm');
  list(f.goals, GOALS, 'goals');
  if (f.poster !== undefined && (typeof f.poster !== 'object' || f.poster === null)) bad('poster 应为对象', 'poster must be an object');
  if (f.poster?.identified !== undefined && f.poster?.identified !== null && typeof f.poster.identified !== 'boolean') bad('poster.identified 应为 true、false 或 null', 'poster.identified must be true, false or null');
  if (f.acts !== undefined && !Array.isArray(f.acts)) bad('acts 应为列表', 'acts must be a list');
  const acts: any[] = Array.isArray(f.acts) ? f.acts : [];
  const asOf = isDay(f.asOf) ? f.asOf : null;
  acts.forEach((a, i) => {
    const where = `acts[${i}]`;
    if (!a || typeof a !== 'object') return bad(`${where} 应为对象`, `${where} must be an object`);
    day(a.start, `${where}.start`);
    if (a.harms !== undefined) {
      if (!Array.isArray(a.harms) || !a.harms.length) bad(`${where}.harms 应为非空列表（${HARM_KINDS.join('、')}）`, `${where}.harms must be a non-empty list of ${HARM_KINDS.join(', ')}`);
      else list(a.harms, HARM_KINDS, `${where}.harms`);
    }
    if (a.personalInfo !== undefined && a.personalInfo !== null) {
      const p = a.personalInfo;
      if (typeof p !== 'object' || Array.isArray(p)) bad(`${where}.personalInfo 应为对象`, `${where}.personalInfo must be an object`);
      else {
        list(p.kinds, INFO_KINDS, `${where}.personalInfo.kinds`);
        if (p.records !== undefined && p.records !== null && !(Number.isInteger(p.records) && p.records >= 0)) bad(`${where}.personalInfo.records 应为非负整数，收到 ${JSON.stringify(p.records)}`, `${where}.personalInfo.records must be a whole number ≥ 0, got ${JSON.stringify(p.records)}`);
        bool(p.usedForCrime, `${where}.personalInfo.usedForCrime`);
      }
    }
    day(a.end, `${where}.end`);
    if (isDay(a.start) && isDay(a.end) && a.end < a.start) bad(`${where} 的结束日期 ${a.end} 早于开始日期 ${a.start}`, `${where} ends (${a.end}) before it starts (${a.start})`);
    if (asOf && isDay(a.start) && a.start > asOf) bad(`${where} 的发布日期 ${a.start} 晚于评估日期 ${asOf}`, `${where} starts (${a.start}) after the assessment date (${asOf})`);
    if (a.observations !== undefined && !Array.isArray(a.observations)) return bad(`${where}.observations 应为列表`, `${where}.observations must be a list`);
    (a.observations ?? []).forEach((o: any, j: number) => {
      const ow = `${where}.observations[${j}]`;
      const t = typeof o?.at === 'string' && !Number.isNaN(Date.parse(o.at)) ? chinaDay(o.at) : null;
      if (!t) bad(`${ow}.at 不是有效时间：${JSON.stringify(o?.at)}`, `${ow}.at is not a valid time: ${JSON.stringify(o?.at)}`);
      else if (isDay(a.start) && t < a.start) bad(`${ow} 的记录时间 ${o.at} 早于发布日期 ${a.start}：发布日期晚于取证日期，事实相互矛盾`, `${ow} was read at ${o.at}, before the post's date ${a.start}: a publish date after the capture date contradicts it`);
      else if (asOf && t > asOf) bad(`${ow} 的记录时间 ${o.at} 晚于评估日期 ${asOf}`, `${ow} was read at ${o.at}, after the assessment date ${asOf}`);
      for (const k of COUNTS) {
        const v = o?.[k];
        if (v === undefined || v === null) continue;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || !Number.isInteger(v)) bad(`${ow}.${k} 应为非负整数，收到 ${JSON.stringify(v)}`, `${ow}.${k} must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
      }
    });
  });
  if (problems.length) {
    throw new GuzhengError('E_FACTS', `案件事实有 ${problems.length} 处问题：\n  ${problems.map((p) => p.zh).join('\n  ')}`,
      `The case facts have ${problems.length} problem(s):\n  ${problems.map((p) => p.en).join('\n  ')}`);
  }
  return { ...(f as CaseFacts), acts: acts.map((a) => ({ ...a, observations: a.observations ?? [] })) };
}

/** What an act did: its `harms`, or by default defamation (and privacy where older facts say `doxxing`). */
export function harmsOf(f: CaseFacts, a: Act): HarmKind[] {
  return a.harms?.length ? a.harms : f.doxxing ? ['defamation', 'privacy'] : ['defamation'];
}

/** What each kind the assessment asks for is read from: views, reads and plays are all views (点击、浏览). */
const KINDS = { views: ['views', 'reads', 'plays'], reposts: ['reposts'], shares: ['shares'] } as const;

/** The highest count of a kind seen for an act (counts only grow while a post is up), with when it was read. */
export function peak(act: Act, kind: keyof typeof KINDS): { value: number; at: string } | null {
  let best: { value: number; at: string } | null = null;
  for (const o of act.observations) {
    for (const k of KINDS[kind]) {
      const v = o[k];
      if (typeof v === 'number' && (!best || v > best.value)) best = { value: v, at: o.at };
    }
  }
  return best;
}
